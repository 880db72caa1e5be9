#!/usr/bin/env node
/**
 * npm run bench [-- --json]
 *   core.formsPerSecond  parse + validate of generated forms, in memory
 *   cli.filesPerSecond   `goalsheet check` over .xlsx files
 *   cli.vsBareRead       check time / time to merely load the same files with exceljs
 * Targets (2-core machine): formsPerSecond ≥ 5000, vsBareRead ≤ 1.3.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');
const { layoutForm, specToGrid } = require('../dist/core/layout.js');
const { readSheet } = require('../dist/core/form/parse.js');
const { checkForms } = require('../dist/core/engine.js');
const { runCli } = require('../dist/cli/main.js');
const { SAMPLE_FILE } = require('../dist/cli/sample.js');

const root = path.resolve(__dirname, '..');
const json = process.argv.includes('--json');
const seed = JSON.parse(fs.readFileSync(path.join(root, 'assets/samples/seed-forms.json'), 'utf8')).forms;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (...a) => json || console.log(...a);

function benchCore() {
  // 2,200 forms: the 11 seed forms at varied offsets, in workbooks of 10 sheets.
  const grids = [];
  for (let i = 0; i < 2200; i++) {
    const f = seed[i % seed.length];
    grids.push(specToGrid(layoutForm(f, { top: i % 7, left: i % 3, title: i % 2 === 0 }), `S${i}`));
  }
  const runs = [];
  for (let round = 0; round < 7; round++) {
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < grids.length; b += 10) {
      const forms = grids.slice(b, b + 10).flatMap((g) => readSheet(g, `book${b}`).forms);
      checkForms(forms);
    }
    runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { formsPerSecond: Math.round(grids.length / median(runs.slice(2))) };
}

async function benchCli() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goalsheet-bench-'));
  const files = [];
  for (let i = 0; i < 40; i++) {
    const file = path.join(dir, `单位${i}.xlsx`);
    fs.copyFileSync(path.join(root, SAMPLE_FILE), file);
    files.push(file);
  }
  const sink = { write: () => true, isTTY: false };
  const bare = async () => {
    for (const f of files) await new ExcelJS.Workbook().xlsx.readFile(f);
  };
  const check = () => runCli(['check', ...files, '--format', 'json'], { stdout: sink, stderr: sink });
  const time = async (fn) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  await bare(); // warm up both paths
  await check();
  // Rounds alternate which runs first, and the ratio is taken per round, so drift and GC hit both sides alike.
  const bareTimes = [];
  const checkTimes = [];
  const ratios = [];
  for (let round = 0; round < 9; round++) {
    let b;
    let c;
    if (round % 2) {
      c = await time(check);
      b = await time(bare);
    } else {
      b = await time(bare);
      c = await time(check);
    }
    bareTimes.push(b);
    checkTimes.push(c);
    ratios.push(c / b);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    files: files.length,
    formsPerFile: 11,
    filesPerSecond: Math.round((files.length / median(checkTimes)) * 10) / 10,
    bareReadFilesPerSecond: Math.round((files.length / median(bareTimes)) * 10) / 10,
    vsBareRead: Math.round(median(ratios) * 100) / 100,
  };
}

(async () => {
  const core = benchCore();
  log(`core.formsPerSecond   ${core.formsPerSecond}   (target ≥ 5000)`);
  const cli = await benchCli();
  log(`cli.filesPerSecond    ${cli.filesPerSecond}   (${cli.files} files of ${cli.formsPerFile} forms; bare exceljs load ${cli.bareReadFilesPerSecond}/s)`);
  log(`cli.vsBareRead        ${cli.vsBareRead}   (target ≤ 1.3)`);
  if (json) console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, core, cli }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
