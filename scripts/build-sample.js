#!/usr/bin/env node
// Rebuilds the sample workbooks shipped with the package from the seed transcription: the forms as
// published (Hebei's layout) and the same content in the national 申报表 layout.
'use strict';
const path = require('path');
const { buildSampleWorkbook, SAMPLE_FILES } = require('../dist/cli/sample.js');

const root = path.resolve(__dirname, '..');
const seed = require(path.join(root, 'assets/samples/seed-forms.json'));
Promise.all(
  Object.entries(SAMPLE_FILES).map(([layout, file]) => {
    const out = path.join(root, file);
    return buildSampleWorkbook(seed.forms, layout)
      .xlsx.writeFile(out)
      .then(() => console.log(`wrote ${path.relative(root, out)}`));
  }),
).catch((e) => {
  console.error(e);
  process.exit(1);
});
