/** The progress bar of goalsheet check on a terminal, and a run that goes on past a file whose check fails unexpectedly. */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import * as loading from '../../src/cli/loadWorkbook';
import { Progress, showProgress, type ProgressWhen } from '../../src/cli/progress';
import { layoutForm } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { cleanForm, tempDir } from '../helpers/forms';

jest.mock('../../src/cli/loadWorkbook', () => {
  const actual = jest.requireActual('../../src/cli/loadWorkbook');
  return { ...actual, loadWorkbook: jest.fn(actual.loadWorkbook) };
});

async function run(args: string[], tty: { stdout?: boolean; stderr?: boolean } = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (out += s), isTTY: !!tty.stdout },
    stderr: { write: (s: string) => (err += s), isTTY: !!tty.stderr, columns: 60 },
    env: { GOALSHEET_WORKERS: '0' },
  });
  return { code, out, err };
}

let dir: string;
const files: string[] = [];
beforeAll(async () => {
  dir = await tempDir();
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('项目1'), layoutForm(cleanForm()));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  for (const name of ['甲单位.xlsx', '乙单位.xlsx', '丙单位.xlsx']) {
    const file = path.join(dir, name);
    await fs.writeFile(file, buf);
    files.push(file);
  }
});

describe('when the bar is shown', () => {
  const base: ProgressWhen = { total: 500, stderrTTY: true, stdoutTTY: true, noProgress: false, format: 'text', toFile: false };
  test.each<[Partial<ProgressWhen>, boolean]>([
    [{}, true],
    [{ stdoutTTY: false }, true], // text piped on: the bar is on the terminal's stderr
    [{ stderrTTY: false }, false],
    [{ noProgress: true }, false],
    [{ total: 1 }, false],
    [{ format: 'json', stdoutTTY: false }, false],
    [{ format: 'csv', stdoutTTY: false }, false],
    [{ format: 'sarif', stdoutTTY: false }, false],
    [{ format: 'json', stdoutTTY: true }, true],
    [{ format: 'json', stdoutTTY: false, toFile: true }, true],
  ])('%j → %s', (over, shown) => {
    expect(showProgress({ ...base, ...over })).toBe(shown);
  });
});

describe('the bar', () => {
  test('[#####.....] done/total and the file name', () => {
    expect(Progress.line(123, 500, '/x/某单位.xlsx')).toBe('[####................] 123/500 某单位.xlsx');
    expect(Progress.line(500, 500, 'a.xlsx')).toBe('[####################] 500/500 a.xlsx');
  });

  test('a long name is cut to the line (CJK counted as two columns); control characters are escaped', () => {
    const line = Progress.line(1, 9, `/x/${'很长的单位名称'.repeat(10)}.xlsx`, 40);
    expect(line.startsWith('[##..................] 1/9 …')).toBe(true);
    const cjk = [...line].reduce((n, ch) => n + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(cjk).toBeLessThanOrEqual(39);
    expect(line.endsWith('.xlsx')).toBe(true);
    expect(Progress.line(1, 2, 'a\x1b[2Jb.xlsx')).toContain('a\\x1b[2Jb.xlsx');
  });

  test('redrawn with \\r at most every interval, the last always; cleared at the end', () => {
    const writes: string[] = [];
    let t = 0;
    const p = new Progress({ write: (s) => writes.push(s), isTTY: true }, 4, 100, () => t);
    p.tick('a.xlsx');
    t = 10;
    p.tick('b.xlsx'); // too soon
    t = 200;
    p.tick('c.xlsx');
    t = 201;
    p.tick('d.xlsx'); // the last: always drawn
    p.end();
    expect(writes).toEqual([
      '\r[#####...............] 1/4 a.xlsx\x1b[K',
      '\r[###############.....] 3/4 c.xlsx\x1b[K',
      '\r[####################] 4/4 d.xlsx\x1b[K',
      '\r\x1b[K',
    ]);
  });

  test('no sink: nothing is written', () => {
    const p = new Progress(undefined, 3);
    p.tick('a');
    p.end();
  });
});

describe('goalsheet check', () => {
  test('on a terminal: the bar on stderr, cleared before the report; the report unchanged', async () => {
    const r = await run(['check', ...files], { stdout: true, stderr: true });
    expect(r.err).toContain('\r[');
    expect(r.err).toContain('3/3 丙单位.xlsx');
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
    const plain = await run(['check', ...files, '--no-color'], { stdout: false, stderr: false });
    expect(plain.err).toBe('');
    expect(r.out.split('\x1b[').map((part, i) => (i ? part.replace(/^[0-9;]*m/, '') : part)).join('')).toBe(plain.out);
  });

  test.each([
    [['--no-progress'], { stdout: true, stderr: true }],
    [['--format', 'json'], { stdout: false, stderr: true }],
    [['--format', 'sarif'], { stdout: false, stderr: true }],
    [[], { stdout: true, stderr: false }],
  ])('no bar with %j on %j', async (extra, tty) => {
    const r = await run(['check', ...files, ...extra], tty);
    expect(r.err).toBe('');
  });

  test('one file whose reading throws: an internal-error reason for that file, the others are checked, exit 2', async () => {
    const load = loading.loadWorkbook as jest.MockedFunction<typeof loading.loadWorkbook>;
    load.mockImplementation(async (file, budget) => {
      if (file === files[1]) throw new TypeError('boom\nsecond line');
      return jest.requireActual('../../src/cli/loadWorkbook').loadWorkbook(file, budget);
    });
    try {
      const r = await run(['check', ...files, '--format', 'json'], {});
      const doc = JSON.parse(r.out);
      expect(doc.files.map((f: { error?: string }) => f.error)).toEqual([undefined, '内部错误，此文件未检查 / internal error, this file was not checked: boom', undefined]);
      expect(doc.files[0].forms).toHaveLength(1);
      expect(doc.files[2].forms).toHaveLength(1);
      // CODE-004 still sees the forms of the files on either side.
      expect(doc.files[2].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('CODE-004');
      expect(r.code).toBe(2);
    } finally {
      load.mockImplementation(jest.requireActual('../../src/cli/loadWorkbook').loadWorkbook);
    }
  });
});
