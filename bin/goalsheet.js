#!/usr/bin/env node
'use strict';
// The CLI is compiled from src/cli into dist/ by `npm run build:cli`.
const { runCli } = require('../dist/cli/main.js');
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code;
});
