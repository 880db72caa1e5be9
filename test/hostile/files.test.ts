/**
 * 只打开普通文件 / files, not things: FIFOs, devices, symbolic link loops, unreadable folders, huge files and a
 * reader that goes away (EPIPE) — every case built here, in a temp folder, the run always finishing.
 */
import { execFileSync, spawn } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { Writable } from 'stream';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { MAX_FILE_BYTES, expand, folderReason, whyNotRead } from '../../src/cli/files';
import { toText } from '../../src/cli/report';
import { layoutForm, type FormData } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { cleanForm, clone, tempDir } from '../helpers/forms';

const ROOT = path.join(__dirname, '../..');
const POSIX = process.platform !== 'win32';

interface Out {
  write(s: string): unknown;
  isTTY?: boolean;
}

async function run(args: string[], stdout?: Out) {
  let out = '';
  let err = '';
  const code = await within(
    runCli(args, {
      stdout: stdout ?? { write: (s: string) => (out += s), isTTY: false },
      stderr: { write: (s: string) => (err += s) },
      env: {},
    }),
  );
  return { code, out, err };
}

/** A run that hangs (a FIFO opened, /dev/zero read) fails here instead of timing the whole file out. */
function within<T>(p: Promise<T>, ms = 15000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`运行超过 ${ms} ms 仍未结束 / the run did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** A form with one error (VAL-004) and one info (VAL-007). */
function broken(): FormData {
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  f.indicators[2].value = '>=90%';
  return f;
}

async function xlsx(file: string, form: FormData = broken()): Promise<string> {
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('项目1'), layoutForm(form));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

function mkfifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // no mkfifo here (Windows, a minimal image): the FIFO case is left out
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

type Doc = { files: { file: string; error?: string; findings: unknown[] }[]; summary: { files: number; errors: number } };

const byName = (doc: Doc, dir: string) => new Map(doc.files.map((f) => [path.relative(dir, f.file), f]));

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

afterEach(() => jest.restoreAllMocks());

test('一个文件夹里的命名管道、指向 /dev/zero 的链接、链接循环、过大的文件都不打开，列出原因；真正的表照常检查 / things in a folder are listed, the real form checked', async () => {
  const folder = path.join(dir, 'in');
  await xlsx(path.join(folder, 'good.xlsx'));
  const fifo = POSIX && mkfifo(path.join(folder, 'x.xlsx'));
  const zero = POSIX && (await exists('/dev/zero'));
  if (zero) await fs.symlink('/dev/zero', path.join(folder, 'y.xlsx'));
  if (POSIX) {
    await fs.symlink('loop.xlsx', path.join(folder, 'loop.xlsx')); // a link to itself
    await fs.symlink('b.xlsx', path.join(folder, 'a.xlsx')); // a → b → a
    await fs.symlink('a.xlsx', path.join(folder, 'b.xlsx'));
    await fs.symlink('.', path.join(folder, 'again')); // a folder that contains itself
    await fs.symlink('nothing-here.xlsx', path.join(folder, 'gone.xlsx'));
  }
  const big = path.join(folder, 'big.xlsx');
  await fs.writeFile(big, '');
  await fs.truncate(big, MAX_FILE_BYTES + 1); // sparse: takes no room, and must not be read

  const promises = require('fs').promises as typeof fs;
  const opened = [jest.spyOn(promises, 'readFile'), jest.spyOn(promises, 'open')];
  const started = Date.now();
  const r = await run(['check', folder, '--format', 'json']);
  // Only the real form was opened.
  expect(opened.flatMap((spy) => spy.mock.calls.map((c) => path.relative(folder, String(c[0]))))).toEqual(['good.xlsx']);
  expect(Date.now() - started).toBeLessThan(15000);
  const doc = JSON.parse(r.out) as Doc;
  const files = byName(doc, folder);

  expect(files.get('good.xlsx')).toMatchObject({ findings: [expect.anything(), expect.anything()] });
  expect(files.get('good.xlsx')?.error).toBeUndefined();
  const limit = MAX_FILE_BYTES / 1024 / 1024;
  expect(files.get('big.xlsx')?.error).toBe(`文件过大（${limit + 0.1} MB，上限 ${limit} MB），已跳过 / the file is too large (${limit + 0.1} MB, limit ${limit} MB): skipped`);
  if (fifo) expect(files.get('x.xlsx')?.error).toBe('不是普通文件（命名管道），已跳过 / not a regular file (FIFO): skipped');
  if (zero) expect(files.get('y.xlsx')?.error).toBe('不是普通文件（指向字符设备的符号链接），已跳过 / not a regular file (symbolic link to a character device): skipped');
  if (POSIX) {
    for (const loop of ['loop.xlsx', 'a.xlsx', 'b.xlsx']) expect(files.get(loop)?.error).toBe('符号链接循环，已跳过 / symbolic link loop: skipped');
    expect(files.get('gone.xlsx')?.error).toMatch(/^符号链接指向的文件不存在/);
    expect([...files.keys()].some((f) => f.startsWith('again'))).toBe(false); // the looping folder is not followed
  }
  // Counted as files that cannot be read are counted today: in the summary's files, exit 2.
  expect(doc.summary.files).toBe(doc.files.length);
  expect(doc.summary.errors).toBe(1);
  expect(r.code).toBe(2);

  // The text report: each one on its own line, the reason Chinese first.
  const text = await run(['check', folder]);
  expect(text.code).toBe(2);
  if (fifo) expect(text.out).toContain(`${path.join(folder, 'x.xlsx')}\n  ✗ 无法读取：不是普通文件（命名管道），已跳过 / not a regular file (FIFO): skipped\n`);
  if (zero) expect(text.out).toContain('  ✗ 无法读取：不是普通文件（指向字符设备的符号链接），已跳过');
  expect(text.out).toMatch(/E10 {2}错误 {2}VAL-004/);
  expect(text.out).toContain(`合计：${doc.files.length} 个文件，1 张表，${doc.files.length - 1} 个文件无法读取或未检查；错误 1，警告 0，提示 1`);
});

test('直接在命令行上给出的设备、命名管道和链接同样不打开 / things named on the command line are not opened either', async () => {
  if (!POSIX) return;
  const good = await xlsx(path.join(dir, 'good.xlsx'));
  const fifo = path.join(dir, 'pipe.xlsx');
  const args = ['check', good];
  const made = mkfifo(fifo);
  if (made) args.push(fifo);
  const devices = ['/dev/zero', '/dev/null'].filter((d) => require('fs').existsSync(d)) as string[];
  args.push(...devices);
  if (devices.length) {
    await fs.symlink(devices[0], path.join(dir, 'zero.xlsx'));
    args.push(path.join(dir, 'zero.xlsx'));
  }
  args.push('--format', 'json');
  const r = await run(args);
  const doc = JSON.parse(r.out) as Doc;
  expect(doc.files[0]).toMatchObject({ file: good, findings: [expect.anything(), expect.anything()] });
  for (const f of doc.files.slice(1)) expect(f.error).toMatch(/^不是普通文件（.*），已跳过 \/ not a regular file \(.*\): skipped$/);
  if (made) expect(doc.files.find((f) => f.file === fifo)?.error).toContain('命名管道');
  expect(r.code).toBe(2);
});

test('无法读取的子文件夹：报告原因，其余照常检查，退出码同无法读取的文件 / an unreadable folder is reported like an unreadable file', async () => {
  const folder = path.join(dir, 'in');
  await xlsx(path.join(folder, 'a.xlsx'));
  const locked = path.join(folder, 'locked');
  await xlsx(path.join(locked, 'inner.xlsx'));
  await xlsx(path.join(folder, 'z.xlsx'), cleanForm());
  await fs.chmod(locked, 0o000);
  try {
    // As root (or on Windows) chmod does not stop reading: then the run must simply complete with the folder read.
    const blocked = await fs.readdir(locked).then(
      () => false,
      () => true,
    );
    const r = await run(['check', folder, '--format', 'json']);
    const doc = JSON.parse(r.out) as Doc;
    const files = byName(doc, folder);
    expect(files.get('a.xlsx')?.findings).toHaveLength(2);
    expect(files.get('z.xlsx')?.error).toBeUndefined();
    if (blocked) {
      expect(files.get('locked')?.error).toBe('无法读取文件夹：没有读取权限 / cannot read the folder: permission denied');
      expect(r.code).toBe(2);
    } else {
      const inner = files.get(path.join('locked', 'inner.xlsx'));
      expect(inner?.error).toBeUndefined();
      expect(inner?.findings).toContainEqual(expect.objectContaining({ ruleId: 'VAL-004' }));
      expect(r.code).toBe(1);
    }
  } finally {
    await fs.chmod(locked, 0o755);
  }
});

test('无法读取的文件夹（模拟 EACCES，root 下也能测）：一行原因，运行继续，退出码 2 / a simulated EACCES on a folder, even as root', async () => {
  const folder = path.join(dir, 'in');
  await xlsx(path.join(folder, 'a.xlsx'));
  const locked = path.join(folder, 'locked');
  await xlsx(path.join(locked, 'inner.xlsx'));
  const promises = require('fs').promises as typeof fs;
  const readdir = promises.readdir.bind(promises);
  jest.spyOn(promises, 'readdir').mockImplementation((async (p: string, o: unknown) => {
    if (path.resolve(String(p)) === path.resolve(locked)) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${p}'`), { code: 'EACCES' });
    }
    return readdir(p, o as never);
  }) as never);

  const r = await run(['check', folder]);
  expect(r.out).toContain(`${locked}\n  ✗ 无法读取：无法读取文件夹：没有读取权限 / cannot read the folder: permission denied\n`);
  expect(r.out).toMatch(/E10 {2}错误 {2}VAL-004/);
  expect(r.out).not.toContain('inner.xlsx');
  expect(r.out).toContain('合计：2 个文件，1 张表');
  expect(r.err).toBe('');
  expect(r.code).toBe(2);

  // The reporting pieces on their own.
  expect(folderReason(Object.assign(new Error('x'), { code: 'EPERM' }))).toBe('无法读取文件夹：没有读取权限 / cannot read the folder: permission denied');
  const summary = { files: 1, forms: 0, errors: 0, warnings: 0, infos: 0, unrecognised: 0 };
  expect(toText([{ file: locked, sheets: [], forms: [], findings: [], error: folderReason({ code: 'EACCES' } as NodeJS.ErrnoException) }], summary, 'zh-CN', false).split('\n')[1]).toBe(
    '  ✗ 无法读取：无法读取文件夹：没有读取权限 / cannot read the folder: permission denied',
  );
});

test('whyNotRead 从不打开文件 / deciding opens nothing', async () => {
  const good = await xlsx(path.join(dir, 'good.xlsx'));
  const promises = require('fs').promises as typeof fs;
  const open = jest.spyOn(promises, 'open');
  const readFile = jest.spyOn(promises, 'readFile');
  expect(await whyNotRead(good)).toBeUndefined();
  expect(await whyNotRead(dir)).toBe('这是文件夹 / it is a folder');
  expect(await whyNotRead(path.join(dir, 'missing.xlsx'))).toBe('文件不存在 / no such file');
  const fifo = path.join(dir, 'p.xlsx');
  const made = POSIX && mkfifo(fifo);
  if (made) expect(await whyNotRead(fifo)).toBe('不是普通文件（命名管道），已跳过 / not a regular file (FIFO): skipped');
  expect(await expand([dir])).toEqual([{ file: good }, ...(made ? [{ file: fifo, error: expect.stringContaining('命名管道') }] : [])]);
  expect(open).not.toHaveBeenCalled();
  expect(readFile).not.toHaveBeenCalled();
});

describe('读者离开（EPIPE）：安静结束，退出码照常 / a reader that goes away ends the run quietly', () => {
  const epipe = () => Object.assign(new Error('write EPIPE'), { code: 'EPIPE', errno: -32, syscall: 'write' });

  test('stdout.write 抛出 EPIPE / write throws', async () => {
    const file = await xlsx(path.join(dir, 'a.xlsx'));
    let calls = 0;
    const r = await run(['check', file], {
      write: () => {
        calls++;
        throw epipe();
      },
    });
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(calls).toBe(1);
  });

  test('一个真正的流以 error 事件报告 EPIPE / a real stream emits EPIPE', async () => {
    const file = await xlsx(path.join(dir, 'a.xlsx'));
    const stdout = new Writable({
      write(_chunk, _enc, done) {
        done(epipe());
      },
    });
    const r = await run(['check', file], stdout);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    // --help goes through the same guard.
    expect((await run(['--help'], stdout)).code).toBe(0);
  });

  test('其他写出错误：退出码 2，给出一行原因 / any other write failure is exit 2 with a reason', async () => {
    const file = await xlsx(path.join(dir, 'a.xlsx'));
    const stdout = new Writable({
      write(_chunk, _enc, done) {
        done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
      },
    });
    const r = await run(['check', file, '--format', 'json'], stdout);
    expect(r.code).toBe(2);
    expect(r.err).toBe('goalsheet: 无法写出结果 / cannot write the output: ENOSPC: no space left on device, write\n');
  });

  test('真实进程，管道另一端已关闭（如 | head）：没有堆栈，退出码照常 / a real process writing into a closed pipe', async () => {
    const file = await xlsx(path.join(dir, 'a.xlsx'));
    // The CLI as bin/goalsheet.js runs it, compiled from src on the fly, so this needs no build.
    const runner = path.join(dir, 'runner.js');
    await fs.writeFile(
      runner,
      `const fs = require('fs');
const ts = require(${JSON.stringify(require.resolve('typescript'))});
require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), {
  fileName: f, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
}).outputText, f);
const { runCli } = require(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => { process.exitCode = code; });
`,
    );
    const child = spawn(process.execPath, [runner, 'check', file, file, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before anything is written
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await within(new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c))), 30000);
    expect(err).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(1);
  }, 40000);
});
