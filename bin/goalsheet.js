#!/usr/bin/env node
'use strict';
// The CLI is compiled from src/cli into dist/ by `npm run build:cli` (or bundled into one file: `npm run build:bundle`).
let main;
try {
  main = require('../dist/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
    process.stderr.write('goalsheet 尚未编译：请在项目目录中运行 npm run build:cli（首次先 npm ci） / goalsheet is not built: run `npm run build:cli` in the project folder (after `npm ci` the first time)\n');
    process.exit(2);
  }
  throw e;
}
main.runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
