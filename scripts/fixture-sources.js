#!/usr/bin/env node
// Writes test/fixtures/real/SOURCES.md from the fixtures' own source fields (run after editing a fixture).
'use strict';
const fs = require('fs');
const path = require('path');

const dir = path.resolve(__dirname, '..', 'test/fixtures/real');
const files = fs.readdirSync(path.join(dir, 'forms')).filter((f) => f.endsWith('.json')).sort();
const rows = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, 'forms', f), 'utf8')));
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const out = [
  '# Sources of the real-form corpus',
  '',
  'Each form below was published by (or re-posted from) the body named, found with the search tool, and',
  'transcribed to `forms/<file>.json` (format: FORMAT.md) as published: wording, typos, odd comparators,',
  'blanks and footers kept; the grid is reconstructed from the page text. `npm run fixtures` writes',
  '`xlsx/<file>.xlsx`. "findings" counts the reviewer\'s list in the fixture; "gaps" counts the ways the',
  'reader still departs from it (listed in the fixture; the test runs those as `test.failing`).',
  'The Hebei family\'s forms here are two of the 11 seed forms (`seed:` sources: the published forms the product was',
  'designed from, all 11 tested in `test/core/seed.test.ts`); no further Hebei form could be found within the search',
  'tool\'s page excerpts.',
  'Forms marked "holdout" were transcribed and judged after the reader was tuned on the others, to measure it on',
  'forms it had not seen; the fixes they prompted came afterwards (see the closing note of issue 9).',
  '',
  '| file | province | place | family | year | complete | findings | gaps | holdout | source |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((d) => `| ${d.id} | ${cell(d.province)} | ${cell(d.place)} | ${d.family} | ${d.year ?? ''} | ${d.truncated ? 'cut off' : 'yes'} | ${d.expect.findings.length} | ${(d.gaps || []).length} | ${d.holdout ? 'yes' : ''} | [${cell(d.source.title || d.source.publisher)}](${d.source.url}) — ${cell(d.source.publisher)} |`),
  '',
];
fs.writeFileSync(path.join(dir, 'SOURCES.md'), out.join('\n'));
console.log(`wrote ${path.relative(process.cwd(), path.join(dir, 'SOURCES.md'))} (${rows.length} forms)`);
