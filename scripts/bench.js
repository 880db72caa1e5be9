#!/usr/bin/env node
/**
 * npm run bench [-- --json] [-- --only bulk] [-- --no-build]
 *   Builds first (npm run build; build:cli for --only bulk), its output on stderr: with --json, stdout
 *   carries only the JSON object — `npm run -s bench -- --json | jq .` (-s: npm's own "> goalsheet bench"
 *   banner goes to stdout otherwise). `node scripts/bench.js --json` works the same.
 *   core.formsPerSecond  parse + validate of generated forms, in memory
 *   cli.filesPerSecond   `goalsheet check` over .xlsx files
 *   cli.vsBareRead       check time / time to merely load the same files with exceljs
 *   excel.syncs          syncs for read + validate + mark of 1, 10, 100 form sheets (in-memory host)
 *   excel.msPer100Sheets time for that run on 100 sheets in the host
 *   excel.requestKBPer1000Marks  request size of marking, per 1,000 marked cells (the host's estimate of Office.js's requests)
 *   wps.msPer100Sheets   read + validate + mark of 100 form sheets through the WPS adapter and the in-memory ET host
 *   wps.callsPer100Sheets  object-model calls (property reads, writes, method calls) for that run: each is a round
 *                        trip into WPS, whose cost WPS does not document (docs/wps.md §6, 8)
 *   bundle.taskpaneGzipKB the task pane's JavaScript (dist/web/taskpane.js), gzipped
 *   preview.interactiveMs preview page load → 校验整个工作簿 enabled, median of 5 cold loads in headless Chromium
 *   bulk.seconds500      `goalsheet check` (the compiled bin, a child process) over 500 single-form workbooks, wall
 *                        time including node's start, median of 3 runs; bulk.peakMB its peak RSS (worker threads
 *                        included: one process); bulk.annotateSeconds100 `goalsheet annotate` over 100 of them. As the CLI chooses by default (bulk.defaultWorkers threads), and
 *                        also with 2 worker threads (…Workers) and none (…NoWorkers), whatever the machine.
 * Targets (2-core machine): formsPerSecond ≥ 5000, vsBareRead ≤ 1.3, syncs equal and ≤ 4,
 * taskpaneGzipKB ≤ 300, interactiveMs ≤ 1500, bulk.seconds500 ≤ 5, bulk.peakMB ≤ 500.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const ExcelJS = require('exceljs');
const zlib = require('zlib');
const { serve } = require('./static-server.js');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : (argv.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length) || undefined;

// Build first, everything it prints on stderr: stdout is the report's (with --json, one JSON object).
if (!argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', only === 'bulk' ? 'build:cli' : 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// The compiled code, required after the build.
const { layoutForm, specToGrid } = require('../dist/core/layout.js');
const { readSheet } = require('../dist/core/form/parse.js');
const { checkForms } = require('../dist/core/engine.js');
const { runCli } = require('../dist/cli/main.js');
const { loadWorkbook } = require('../dist/cli/loadWorkbook.js');
const { SAMPLE_FILE } = require('../dist/cli/sample.js');
const { writeSpec } = require('../dist/cli/writeXlsx.js');
const { workerCount } = require('../dist/cli/workers.js');
const { ExcelHost } = require('../dist/host/excel.js');
const { workbookFromSpecs } = require('../dist/host/fromSpec.js');
const { validateWorkbook, hostSupport } = require('../dist/excel/validate.js');
// The WPS adapter and ET host are compiled apart (tsconfig.bench.json): dist/wps is the add-in folder.
const { EtHost } = require('../dist/bench/host/et.js');
const { wpsPaneHost } = require('../dist/bench/wps/paneHost.js');
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

/**
 * 500 single-form workbooks (the seed forms in turn), checked by the compiled bin in a child process:
 * wall time and peak RSS, with worker threads (the default on more than one CPU) and without.
 */
async function benchBulk(n = 500, rounds = 3) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goalsheet-bulk-'));
  const books = [];
  for (const f of seed) {
    const wb = new ExcelJS.Workbook();
    writeSpec(wb.addWorksheet('项目1'), layoutForm(f));
    books.push(Buffer.from(await wb.xlsx.writeBuffer()));
  }
  const forms = path.join(dir, 'forms');
  fs.mkdirSync(forms);
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(forms, `单位${String(i).padStart(3, '0')}.xlsx`), books[i % books.length]);
  // Loaded before the CLI: reports the process's peak RSS on stderr as it exits.
  const probe = path.join(dir, 'probe.js');
  fs.writeFileSync(probe, `process.on('exit', () => process.stderr.write('\\nGOALSHEET_PEAK ' + process.resourceUsage().maxRSS + '\\n'));\n`);
  /** node with `args` (the bin and its command): exit code, wall seconds, stderr. */
  const bin = (args, env = process.env) =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, seconds: Number(process.hrtime.bigint() - t0) / 1e9, err }));
    });
  const BIN = path.join(root, 'bin/goalsheet.js');
  const once = async (workers) => {
    const env = { ...process.env };
    if (workers === undefined) delete env.GOALSHEET_WORKERS;
    else env.GOALSHEET_WORKERS = String(workers);
    const { code, seconds, err } = await bin(['--require', probe, BIN, 'check', forms, '--format', 'json'], env);
    const peak = /GOALSHEET_PEAK (\d+)/.exec(err);
    if (code !== 1 || !peak) throw new Error(`goalsheet check exited ${code}: ${err.slice(0, 500)}`);
    return { seconds, peakMB: Math.round(Number(peak[1]) / 1024) };
  };
  const configs = { default: undefined, workers: 2, none: 0 };
  const runs = { default: [], workers: [], none: [] };
  await once(0); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    // Rotating which goes first, so drift hits all alike.
    const order = Object.keys(configs);
    for (let k = 0; k < order.length; k++) {
      const which = order[(k + round) % order.length];
      runs[which].push(await once(configs[which]));
    }
  }
  // goalsheet annotate over the first 100 of them: marked copies with a 校验结果 sheet each (median of 3).
  const input = path.join(dir, 'annotate-in');
  fs.mkdirSync(input);
  for (let i = 0; i < 100; i++) fs.copyFileSync(path.join(forms, `单位${String(i).padStart(3, '0')}.xlsx`), path.join(input, `单位${i}.xlsx`));
  const annotate = [];
  for (let round = 0; round < rounds; round++) {
    const { code, seconds, err } = await bin([BIN, 'annotate', input, '-o', path.join(dir, `annotated-${round}`)]);
    if (code !== 1) throw new Error(`goalsheet annotate exited ${code}: ${err.slice(0, 500)}`);
    annotate.push(seconds);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const sec = (xs) => Math.round(median(xs.map((x) => x.seconds)) * 100) / 100;
  const peak = (xs) => Math.max(...xs.map((x) => x.peakMB));
  return {
    files: n,
    defaultWorkers: workerCount(n, {}),
    seconds500: sec(runs.default),
    peakMB: peak(runs.default),
    seconds500Workers: sec(runs.workers),
    peakMBWorkers: peak(runs.workers),
    seconds500NoWorkers: sec(runs.none),
    annotateSeconds100: Math.round(median(annotate) * 100) / 100,
    peakMBNoWorkers: peak(runs.none),
    runs: Object.fromEntries(Object.entries(runs).map(([k, xs]) => [k, xs.map((x) => Math.round(x.seconds * 100) / 100)])),
  };
}

function logBulk(bulk) {
  log(`bulk.seconds500       ${bulk.seconds500}   (${bulk.files} single-form workbooks, ${bulk.defaultWorkers} worker threads by default; 2 workers ${bulk.seconds500Workers}, none ${bulk.seconds500NoWorkers}; target ≤ 5)`);
  log(`bulk.peakMB           ${bulk.peakMB}   (2 workers ${bulk.peakMBWorkers}, none ${bulk.peakMBNoWorkers}; target ≤ 500)`);
  log(`bulk.annotateSeconds100  ${bulk.annotateSeconds100}   (goalsheet annotate: 100 marked copies with a 校验结果 sheet)`);
}

/** A host workbook of `n` form sheets (表1 …), the seed forms in turn: what the Excel and WPS benches read and mark. */
const book = (n) => workbookFromSpecs(Array.from({ length: n }, (_, i) => ({ name: `表${i + 1}`, specs: [layoutForm(seed[i % seed.length])] })));

async function benchExcel() {
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

/** `target` with every property read, write and call on it and on what it gives counted (functions and objects are wrapped). */
function counted(target, count) {
  const wrap = (v, self) => {
    if (typeof v === 'function') return new Proxy(v, { apply: (f, _this, args) => (count.n++, wrap(Reflect.apply(f, self, args))) });
    return v && typeof v === 'object' && !Array.isArray(v) ? counted(v, count) : v;
  };
  return new Proxy(target, {
    get: (t, k) => (count.n++, wrap(Reflect.get(t, k, t), t)),
    set: (t, k, v) => (count.n++, Reflect.set(t, k, v, t)),
  });
}

async function benchWps() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const host = new EtHost(book(100));
    const t0 = process.hrtime.bigint();
    await wpsPaneHost(host.app).validate('all', {});
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const count = { n: 0 };
  await wpsPaneHost(counted(new EtHost(book(100)).app, count)).validate('all', {});
  return { msPer100Sheets: Math.round(median(times)), callsPer100Sheets: count.n };
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
  if (only === 'bulk') {
    const bulk = await benchBulk();
    logBulk(bulk);
    if (json) console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, bulk }));
    return;
  }
  const core = await benchCore();
  log(`core.formsPerSecond   ${core.formsPerSecond}   (target ≥ 5000)`);
  const cli = await benchCli();
  log(`cli.filesPerSecond    ${cli.filesPerSecond}   (${cli.files} files of ${cli.formsPerFile} forms; bare exceljs load ${cli.bareReadFilesPerSecond}/s)`);
  log(`cli.vsBareRead        ${cli.vsBareRead}   (target ≤ 1.3)`);
  const excel = await benchExcel();
  log(`excel.syncs           1 sheet: ${excel.syncs[1]}, 10: ${excel.syncs[10]}, 100: ${excel.syncs[100]}   (target: equal and ≤ 4)`);
  log(`excel.msPer100Sheets  ${excel.msPer100Sheets}   (read + validate + mark in the in-memory host)`);
  log(`excel.requestKBPer1000Marks  ${excel.requestKBPer1000Marks}   (${excel.marks} cells marked; batches stay under the 5 MB request limit)`);
  const wps = await benchWps();
  log(`wps.msPer100Sheets    ${wps.msPer100Sheets}   (read + validate + mark through the WPS adapter in the in-memory ET host)`);
  log(`wps.callsPer100Sheets ${wps.callsPer100Sheets}   (ET object-model calls: each a round trip into WPS, cost undocumented)`);
  const bundle = benchBundle();
  log(`bundle.taskpaneGzipKB ${bundle.taskpaneGzipKB}   (${bundle.taskpaneKB} KB minified; target ≤ 300)`);
  const preview = await benchPreview();
  log(`preview.interactiveMs ${preview.interactiveMs}   (runs: ${preview.runsMs.join(', ')}; target ≤ 1500)`);
  const bulk = await benchBulk();
  logBulk(bulk);
  if (json) console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, core, cli, excel, wps, bundle, preview, bulk }));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
