#!/usr/bin/env node
/**
 * npm run bench [-- --json]
 *   core.formsPerSecond  parse + validate of generated forms, in memory
 *   cli.filesPerSecond   `goalsheet check` over .xlsx files
 *   cli.vsBareRead       check time / time to merely load the same files with exceljs
 *   excel.syncs          syncs for read + validate + mark of 1, 10, 100 form sheets (in-memory host)
 *   excel.msPer100Sheets time for that run on 100 sheets in the host
 *   excel.requestKBPer1000Marks  request size of marking, per 1,000 marked cells (the host's estimate of Office.js's requests)
 *   bundle.taskpaneGzipKB the task pane's JavaScript (dist/web/taskpane.js), gzipped
 *   preview.interactiveMs preview page load → 校验整个工作簿 enabled, median of 5 cold loads in headless Chromium
 * Targets (2-core machine): formsPerSecond ≥ 5000, vsBareRead ≤ 1.3, syncs equal and ≤ 4,
 * taskpaneGzipKB ≤ 300, interactiveMs ≤ 1500.
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
const { loadWorkbook } = require('../dist/cli/loadWorkbook.js');
const { SAMPLE_FILE } = require('../dist/cli/sample.js');
const { ExcelHost } = require('../dist/host/excel.js');
const { workbookFromSpecs } = require('../dist/host/fromSpec.js');
const { validateWorkbook, hostSupport } = require('../dist/excel/validate.js');
const zlib = require('zlib');
const { serve } = require('./static-server.js');

const root = path.resolve(__dirname, '..');
const json = process.argv.includes('--json');
const seed = JSON.parse(fs.readFileSync(path.join(root, 'assets/samples/seed-forms.json'), 'utf8')).forms;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (...a) => json || console.log(...a);

async function benchCore() {
  // 2,200 forms in workbooks of 10 sheets: the 11 seed forms (Hebei) at varied offsets, and every
  // fifth sheet one of the real forms of the other layout families (test/fixtures/real).
  const realDir = path.join(root, 'test/fixtures/real/xlsx');
  const real = [];
  for (const f of fs.readdirSync(realDir).filter((x) => x.endsWith('.xlsx')).sort()) {
    const wb = await loadWorkbook(path.join(realDir, f));
    if (!('error' in wb)) real.push(...wb.grids);
  }
  const grids = [];
  for (let i = 0; i < 2200; i++) {
    const f = seed[i % seed.length];
    grids.push(i % 5 === 4 && real.length ? real[i % real.length] : specToGrid(layoutForm(f, { top: i % 7, left: i % 3, title: i % 2 === 0 }), `S${i}`));
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
  return { formsPerSecond: Math.round(grids.length / median(runs.slice(2))), realShare: real.length ? 0.2 : 0 };
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

async function benchExcel() {
  const book = (n) => workbookFromSpecs(Array.from({ length: n }, (_, i) => ({ name: `表${i + 1}`, specs: [layoutForm(seed[i % seed.length])] })));
  const run = async (n) => {
    const host = new ExcelHost(book(n));
    const t0 = process.hrtime.bigint();
    await host.run((c) => validateWorkbook(c, 'all', {}, hostSupport((a, b) => host.isSetSupported(a, b))));
    return { syncs: host.syncCount, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  const syncs = {};
  for (const n of [1, 10, 100]) syncs[n] = (await run(n)).syncs;
  const times = [];
  for (let i = 0; i < 5; i++) times.push((await run(100)).ms);
  // Request bytes of writing the marks (the syncs after the reads), per 1,000 marks: 300 sheets of seed forms.
  const host = new ExcelHost(book(300));
  const result = await host.run((c) => validateWorkbook(c, 'all', {}, hostSupport((a, b) => host.isSetSupported(a, b))));
  const marked = new Set(result.findings.map((f) => `${f.sheet}!${f.cell}`)).size;
  const writeBytes = host.requestBytes.slice(3).reduce((n, b) => n + b, 0);
  return { syncs, msPer100Sheets: Math.round(median(times)), requestKBPer1000Marks: Math.round((writeBytes / 1024 / marked) * 1000), marks: marked };
}

function benchBundle() {
  const js = fs.readFileSync(path.join(root, 'dist/web/taskpane.js'));
  return { taskpaneGzipKB: Math.round(zlib.gzipSync(js, { level: 9 }).length / 102.4) / 10, taskpaneKB: Math.round(js.length / 1024) };
}

async function benchPreview() {
  const { chromium } = require('playwright-core');
  const server = await serve(path.join(root, 'dist/web'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const times = [];
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext({ locale: 'zh-CN' }); // a fresh cache every load
      const page = await context.newPage();
      await page.goto(`${server.url}/preview.html`);
      await page.waitForFunction(() => [...globalThis.document.querySelectorAll('button')].some((b) => b.textContent === '校验整个工作簿' && !b.disabled));
      times.push(await page.evaluate(() => performance.now())); // ms since navigation started
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { interactiveMs: Math.round(median(times)), runsMs: times.map(Math.round) };
}

(async () => {
  const core = await benchCore();
  log(`core.formsPerSecond   ${core.formsPerSecond}   (target ≥ 5000)`);
  const cli = await benchCli();
  log(`cli.filesPerSecond    ${cli.filesPerSecond}   (${cli.files} files of ${cli.formsPerFile} forms; bare exceljs load ${cli.bareReadFilesPerSecond}/s)`);
  log(`cli.vsBareRead        ${cli.vsBareRead}   (target ≤ 1.3)`);
  const excel = await benchExcel();
  log(`excel.syncs           1 sheet: ${excel.syncs[1]}, 10: ${excel.syncs[10]}, 100: ${excel.syncs[100]}   (target: equal and ≤ 4)`);
  log(`excel.msPer100Sheets  ${excel.msPer100Sheets}   (read + validate + mark in the in-memory host)`);
  log(`excel.requestKBPer1000Marks  ${excel.requestKBPer1000Marks}   (${excel.marks} cells marked; batches stay under the 5 MB request limit)`);
  const bundle = benchBundle();
  log(`bundle.taskpaneGzipKB ${bundle.taskpaneGzipKB}   (${bundle.taskpaneKB} KB minified; target ≤ 300)`);
  const preview = await benchPreview();
  log(`preview.interactiveMs ${preview.interactiveMs}   (runs: ${preview.runsMs.join(', ')}; target ≤ 1500)`);
  if (json) console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, core, cli, excel, bundle, preview }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
