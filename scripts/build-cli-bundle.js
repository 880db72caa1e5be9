#!/usr/bin/env node
/**
 * The command line as one file for Node ≥ 20: dist/goalsheet.cjs, with exceljs and everything else inside, for
 * reviewers on machines without this checkout or without internet (copy the file, run `node goalsheet.cjs check …`).
 * Built from the tsc output (dist/cli), so `npm run build:cli` runs first. `--out DIR` writes elsewhere.
 */
const path = require('path');
const webpack = require('webpack');
const { version } = require('../package.json');

const root = path.resolve(__dirname, '..');
const at = process.argv.indexOf('--out');
const out = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, 'dist');

webpack(
  {
    mode: 'production',
    target: 'node20',
    entry: path.join(root, 'bin/goalsheet.js'),
    output: { path: out, filename: 'goalsheet.cjs' },
    // Readable stack traces for the 内部错误 a reviewer copies; the file is small enough unminified.
    optimization: { minimize: false },
    plugins: [
      new webpack.BannerPlugin({ banner: '#!/usr/bin/env node', raw: true }),
      new webpack.DefinePlugin({ 'process.env.GOALSHEET_VERSION': JSON.stringify(version) }),
    ],
    stats: 'errors-warnings',
    infrastructureLogging: { level: 'error' },
  },
  (err, stats) => {
    if (err || stats.hasErrors()) {
      process.stderr.write(`${err ?? stats.toString('errors-only')}\n`);
      process.exit(1);
    }
    process.stderr.write(`dist: ${path.join(out, 'goalsheet.cjs')}\n`);
  },
);
