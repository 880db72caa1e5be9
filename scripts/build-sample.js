#!/usr/bin/env node
// Rebuilds the sample workbook shipped with the package from the seed transcription.
'use strict';
const path = require('path');
const { buildSampleWorkbook, SAMPLE_FILE } = require('../dist/cli/sample.js');

const root = path.resolve(__dirname, '..');
const seed = require(path.join(root, 'assets/samples/seed-forms.json'));
const out = path.join(root, SAMPLE_FILE);
buildSampleWorkbook(seed.forms)
  .xlsx.writeFile(out)
  .then(() => console.log(`wrote ${path.relative(root, out)}`));
