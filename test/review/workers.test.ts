/**
 * Worker threads for many files (src/cli/workers.ts). The worker is compiled JavaScript, so the CLI is
 * compiled here with tsc (tsconfig.cli.json) into test-output/ — inside the package, so that exceljs
 * resolves — and run from there: the same JSON report with and without workers, in the same order.
 */
import { execFile } from 'child_process';
import { promises as fs, existsSync } from 'fs';
import path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { layoutForm } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { loader, workerCount, MIN_CPUS, MIN_FILES, MAX_WORKERS } from '../../src/cli/workers';
import type { Loaded } from '../../src/cli/loadWorkbook';
import { cleanForm, clone, tempDir } from '../helpers/forms';

const ROOT = path.join(__dirname, '../..');

describe('how many workers', () => {
  const file = __filename; // any file that exists
  test.each<[number, Record<string, string>, number, number]>([
    [MIN_FILES - 1, {}, 4, 0],
    [MIN_FILES, {}, MIN_CPUS, MIN_CPUS - 1],
    [500, {}, 1, 0],
    [500, {}, MIN_CPUS - 1, 0],
    [500, {}, 4, 3],
    [500, {}, 64, MAX_WORKERS],
    [500, { GOALSHEET_WORKERS: '0' }, 4, 0],
    [3, { GOALSHEET_WORKERS: '2' }, 1, 2],
    [1, { GOALSHEET_WORKERS: '3' }, 4, 1],
    [500, { GOALSHEET_WORKERS: 'lots' }, 4, 0],
  ])('%i files, %j, %i CPUs → %i', (files, env, cpus, n) => {
    expect(workerCount(files, env, cpus, file)).toBe(n);
  });

  test('no compiled worker (running from the sources): this thread', () => {
    expect(workerCount(500, {}, 4, path.join(ROOT, 'src/cli/no-such-worker.js'))).toBe(0);
    expect(workerCount(500, { GOALSHEET_WORKERS: '2' }, 4, path.join(ROOT, 'src/cli/no-such-worker.js'))).toBe(0);
  });
});

const EMPTY: Loaded = { grids: [], badSheetNames: [], settings: {} };

test('in this thread: each file loaded when asked, skipped paths never opened', async () => {
  const asked: string[] = [];
  const l = loader(['a', undefined, 'c'], 0, { load: async (f) => (asked.push(f), { ...EMPTY, settings: { f } }) });
  expect(l.workers).toBe(0);
  expect(await l.load(0)).toEqual({ ...EMPTY, settings: { f: 'a' } });
  expect(await l.load(2)).toEqual({ ...EMPTY, settings: { f: 'c' } });
  expect(asked).toEqual(['a', 'c']);
  await l.close();
});

test('a pool: results in file order; a worker that throws or dies fails that file only, the others go on', async () => {
  const dir = await tempDir();
  const worker = path.join(dir, 'worker.js');
  // A stand-in worker: answers after a delay that reverses the order, throws for "throw", exits for "die".
  await fs.writeFile(
    worker,
    `const { parentPort } = require('worker_threads');
parentPort.postMessage({ ready: true });
parentPort.on('message', ({ id, file }) => {
  if (file === 'die') process.exit(3);
  setTimeout(() => {
    if (file === 'throw') parentPort.postMessage({ id, failed: 'Error: thrown in the worker' });
    else parentPort.postMessage({ id, loaded: { grids: [], badSheetNames: [], settings: { file } } });
  }, 30 - id * 2);
});`,
  );
  const files = ['a', 'b', 'throw', 'c', undefined, 'die', 'd', 'e', 'f', 'g', 'h'];
  const l = loader(files, 3, { workerFile: worker, steal: false });
  const got: string[] = [];
  for (let i = 0; i < files.length; i++) {
    if (files[i] === undefined) continue;
    got.push(await l.load(i).then((x) => ('error' in x ? 'error' : x.settings.file), (e: Error) => `failed: ${e.message.split('\n')[0]}`));
  }
  await l.close();
  expect(got).toEqual(['a', 'b', 'failed: Error: thrown in the worker', 'c', 'failed: worker exited (3)', 'd', 'e', 'f', 'g', 'h']);
});

test('workers still starting: the main thread opens the files it waits for itself, in order', async () => {
  const dir = await tempDir();
  const worker = path.join(dir, 'slow.js');
  // Ready only after 400 ms: by then the main thread has opened the first files itself.
  await fs.writeFile(
    worker,
    `const { parentPort } = require('worker_threads');
setTimeout(() => parentPort.postMessage({ ready: true }), 400);
parentPort.on('message', ({ id, file }) => parentPort.postMessage({ id, loaded: { grids: [], badSheetNames: [], settings: { file, by: 'worker' } } }));`,
  );
  const files = Array.from({ length: 40 }, (_, i) => `f${i}`);
  const l = loader(files, 2, { workerFile: worker, load: async (file) => ({ ...EMPTY, settings: { file, by: 'main' } }) });
  const got: Record<string, string>[] = [];
  for (let i = 0; i < files.length; i++) {
    got.push(((await l.load(i)) as Extract<Loaded, { grids: unknown }>).settings);
    if (i === 2) await new Promise((r) => setTimeout(r, 600)); // the workers start meanwhile
  }
  await l.close();
  expect(got.map((x) => x.file)).toEqual(files);
  expect(got.slice(0, 3).every((x) => x.by === 'main')).toBe(true);
  expect(got.some((x) => x.by === 'worker')).toBe(true);
});

test('a worker that cannot start: the main thread opens every file, nothing hangs', async () => {
  const dir = await tempDir();
  const worker = path.join(dir, 'broken.js');
  await fs.writeFile(worker, `throw new Error('cannot start');`);
  const files = Array.from({ length: 20 }, (_, i) => `f${i}`);
  const l = loader(files, 2, { workerFile: worker, load: async (file) => ({ ...EMPTY, settings: { file } }) });
  const got: string[] = [];
  for (let i = 0; i < files.length; i++) got.push(((await l.load(i)) as Extract<Loaded, { grids: unknown }>).settings.file);
  await l.close();
  expect(got).toEqual(files);
});

describe('the compiled CLI', () => {
  let dist: string;
  let dir: string;
  let files: string[];

  beforeAll(async () => {
    dist = path.join(ROOT, 'test-output', `workers-dist-${process.pid}`);
    const tsc = require.resolve('typescript/bin/tsc');
    // Type errors elsewhere in a tree being edited do not stop tsc from writing the JavaScript.
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.cli.json'), '--outDir', dist, '--sourceMap', 'false'], { cwd: ROOT }).catch(() => undefined);
    expect(existsSync(path.join(dist, 'cli', 'loadWorker.js'))).toBe(true);

    dir = await tempDir();
    files = [];
    // 14 files: forms that differ, the same project code twice (CODE-004 across files), one file that is not a workbook.
    for (let i = 0; i < 14; i++) {
      const file = path.join(dir, `单位${String(i).padStart(2, '0')}.xlsx`);
      if (i === 5) await fs.writeFile(file, 'not a workbook');
      else {
        const f = clone(cleanForm());
        f.name = `项目${i}`;
        f.code = i === 9 ? cleanForm().code : `37020023P0041203${String(1000 + i).slice(1)}0`;
        if (i % 3 === 0) f.indicators[0].value = '≥120';
        const wb = new ExcelJS.Workbook();
        writeSpec(wb.addWorksheet('项目1'), layoutForm(f));
        if (i % 4 === 0) writeSpec(wb.addWorksheet('项目2'), layoutForm(cleanForm()));
        await wb.xlsx.writeFile(file);
      }
      files.push(file);
    }
  }, 180_000);

  afterAll(async () => {
    if (dist) await fs.rm(dist, { recursive: true, force: true });
  });

  async function check(workers: string, args: string[] = []) {
    const main = require(path.join(dist, 'cli', 'main.js'));
    const pool = require(path.join(dist, 'cli', 'workers.js'));
    const real = pool.loader;
    let used = -1;
    pool.loader = (...a: unknown[]) => {
      const l = real(...a);
      used = l.workers;
      return l;
    };
    let out = '';
    let err = '';
    try {
      const code = await main.runCli(['check', ...args], {
        stdout: { write: (s: string) => (out += s), isTTY: false },
        stderr: { write: (s: string) => (err += s) },
        env: { GOALSHEET_WORKERS: workers },
      });
      return { code, out, err, used };
    } finally {
      pool.loader = real;
    }
  }

  test('the same JSON with and without workers, files in the same order', async () => {
    const without = await check('0', [...files, '--format', 'json']);
    const withWorkers = await check('3', [...files, '--format', 'json']);
    expect(without.used).toBe(0);
    expect(withWorkers.used).toBe(3);
    expect(withWorkers.out).toBe(without.out);
    expect(withWorkers.code).toBe(without.code);
    const doc = JSON.parse(withWorkers.out);
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(files);
    expect(doc.files[5].error).toContain('不是 .xlsx');
    expect(doc.files[9].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('CODE-004');
    expect(doc.summary.files).toBe(14);
  }, 60_000);

  test('a folder: the text and SARIF reports identical with workers too', async () => {
    for (const format of ['text', 'sarif']) {
      const without = await check('0', [dir, '--format', format]);
      const withWorkers = await check('2', [dir, '--format', format]);
      expect(withWorkers.used).toBe(2);
      expect(withWorkers.out).toBe(without.out);
    }
  }, 60_000);
});
