#!/usr/bin/env node
// Writes test/fixtures/real/xlsx/<name>.xlsx from each transcription in test/fixtures/real/forms/<name>.json
// (format: test/fixtures/real/FORMAT.md). The .xlsx files are committed; a test checks they match the JSON.
'use strict';
const fs = require('fs');
const path = require('path');
const ExcelJS = require('exceljs');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'test/fixtures/real');

async function build(file) {
  const data = JSON.parse(fs.readFileSync(path.join(dir, 'forms', file), 'utf8'));
  const wb = new ExcelJS.Workbook();
  // Fixed metadata so a rebuild of the same JSON gives the same cells (and a small diff).
  wb.creator = 'goalsheet fixtures';
  wb.created = wb.modified = new Date(Date.UTC(2026, 0, 1));
  const ws = wb.addWorksheet(data.sheet || 'Sheet1');
  data.rows.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = v;
      cell.alignment = { wrapText: true, vertical: 'middle' };
    });
  });
  for (const [addr, fmt] of Object.entries(data.formats || {})) ws.getCell(addr).numFmt = fmt;
  for (const m of data.merges || []) ws.mergeCells(m);
  const width = Math.max(...data.rows.map((r) => r.length));
  for (let c = 1; c <= width; c++) ws.getColumn(c).width = 16;
  const out = path.join(dir, 'xlsx', file.replace(/\.json$/, '.xlsx'));
  await wb.xlsx.writeFile(out);
  return out;
}

(async () => {
  fs.mkdirSync(path.join(dir, 'xlsx'), { recursive: true });
  const only = process.argv.slice(2);
  const files = fs.readdirSync(path.join(dir, 'forms')).filter((f) => f.endsWith('.json') && (!only.length || only.some((o) => f.startsWith(o))));
  for (const f of files.sort()) {
    try {
      console.log(`wrote ${path.relative(root, await build(f))}`);
    } catch (e) {
      console.error(`${f}: ${e.message}`);
      process.exitCode = 1;
    }
  }
})();
