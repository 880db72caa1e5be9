/**
 * 恶意构造的工作簿 / hostile workbooks (issue 11): merge bombs, many merges, inflation bombs, far-away
 * cells, too many parts. Each file is built here from a real form (exceljs, jszip, zlib), and each
 * gives its one-line reason or is read correctly, quickly — in-process, and in a child process
 * limited to a 512 MB heap.
 */
import { execFile } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import path from 'path';
import { promisify } from 'util';
import zlib from 'zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FILE_BUDGET } from '../../src/cli/budget';
import { loadWorkbook, type Loaded } from '../../src/cli/loadWorkbook';
import { writeSpec } from '../../src/cli/writeXlsx';
import { readWorkbook } from '../../src/core/engine';
import type { Grid } from '../../src/core/grid';
import { layoutForm } from '../../src/core/layout';
import { cleanForm, tempDir } from '../helpers/forms';

const ROOT = path.join(__dirname, '../..');
const SHEET1 = 'xl/worksheets/sheet1.xml';
const MB = 1024 * 1024;

/** A deflated part given as its compressed bytes: a bomb is never inflated to be built. */
interface Raw {
  raw: Buffer;
  size: number;
  crc: number;
  /** The size the zip declares, when it lies. */
  declared?: number;
}
type Parts = Map<string, Buffer | Raw>;

/** A workbook of `sheets` clean forms (A1:F21 each), written by exceljs, as its parts. */
async function formParts(sheets = 1): Promise<Parts> {
  const wb = new ExcelJS.Workbook();
  for (let i = 0; i < sheets; i++) writeSpec(wb.addWorksheet(`项目${i + 1}`), layoutForm(cleanForm()));
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const parts: Parts = new Map();
  for (const f of Object.values(zip.files)) if (!f.dir) parts.set(f.name, await f.async('nodebuffer'));
  return parts;
}

function edit(parts: Parts, name: string, change: (xml: string) => string): Parts {
  const before = parts.get(name) as Buffer;
  const after = change(before.toString('utf8'));
  expect(after).not.toBe(before.toString('utf8'));
  return new Map(parts).set(name, Buffer.from(after, 'utf8'));
}

/** head + chunk × times + tail, deflated cheaply: the chunk is compressed once and its block repeated. */
function repeated(head: string, chunk: Buffer, times: number, tail = ''): Raw {
  const flush = { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH };
  const h = Buffer.from(head, 'utf8');
  const t = Buffer.from(tail, 'utf8');
  const block = zlib.deflateRawSync(chunk, flush);
  const raw = Buffer.concat([zlib.deflateRawSync(h, flush), ...Array<Buffer>(times).fill(block), zlib.deflateRawSync(t)]);
  let crc = zlib.crc32(h);
  for (let i = 0; i < times; i++) crc = zlib.crc32(chunk, crc);
  return { raw, size: h.length + chunk.length * times + t.length, crc: zlib.crc32(t, crc) };
}

/** A zip written by hand (jszip would have to inflate a bomb to write it), every part deflated. */
function zipOf(parts: Parts): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, part] of parts) {
    const p: Raw = Buffer.isBuffer(part) ? { raw: zlib.deflateRawSync(part), size: part.length, crc: zlib.crc32(part) } : part;
    const size = p.declared ?? p.size;
    const n = Buffer.from(name, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(p.crc >>> 0, 14);
    h.writeUInt32LE(p.raw.length, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(n.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(p.crc >>> 0, 16);
    c.writeUInt32LE(p.raw.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    local.push(h, n, p.raw);
    central.push(c, n);
    offset += 30 + n.length + p.raw.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

async function jszipOf(parts: Parts): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, data] of parts) zip.file(name, data as Buffer);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const addMerges = (refs: string[]) => (xml: string) => xml.replace('</mergeCells>', `${refs.map((r) => `<mergeCell ref="${r}"/>`).join('')}</mergeCells>`);
const addRows = (rows: string) => (xml: string) => xml.replace('</sheetData>', `${rows}</sheetData>`);
const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const FAR_VALUE = `<row r="1048576">${text('XFD1048576', '误输入')}</row>`;

let dir: string;
const files: Record<string, string> = {};
/** Expected outcome per crafted file: a reason, or the number of forms read. */
const expected: Record<string, RegExp | number> = {};

async function craft(name: string, zip: Buffer | Promise<Buffer>, outcome: RegExp | number): Promise<void> {
  files[name] = path.join(dir, `${name}.xlsx`);
  expected[name] = outcome;
  await fs.writeFile(files[name], await zip);
}

beforeAll(async () => {
  dir = await tempDir();
  const one = await formParts();
  await craft('clean', jszipOf(one), 1);
  // The issue's merge bomb: one merge from A40 to the sheet's last cell. A40 holds a note, so the merge is cut to A40:F40.
  await craft('mergeBomb', jszipOf(edit(edit(one, SHEET1, addMerges(['A40:XFD1048576'])), SHEET1, addRows(`<row r="40">${text('A40', '备注')}</row>`))), 1);
  // The same, with a formatted empty cell at XFD1048576: the sheet's extent is all of it, its used range still A1:F40.
  await craft('mergeBombFarFormat', jszipOf(edit(edit(one, SHEET1, addMerges(['A40:XFD1048576'])), SHEET1, addRows(`<row r="40">${text('A40', '备注')}</row><row r="1048576"><c r="XFD1048576" s="1"/></row>`))), 1);
  const small = Array.from({ length: 20_000 }, (_, i) => `A${100 + i}:B${100 + i}`);
  await craft('merges20000', jszipOf(edit(one, SHEET1, addMerges(small))), /^工作表“项目1”合并单元格过多（20,0\d\d 个，上限 10,000） \/ sheet "项目1": too many merged cells/);
  const rows = small.slice(0, 9_000).map((_, i) => `<row r="${100 + i}">${text(`A${100 + i}`, `第${i}行`)}${text(`B${100 + i}`, '被合并')}</row>`).join('');
  await craft('merges9000', jszipOf(edit(edit(one, SHEET1, addMerges(small.slice(0, 9_000))), SHEET1, addRows(rows))), 1);
  // 9,000 copies of the form's first merge: merges never overlap in a real sheet, and resolving these would cost 9,000 × the area.
  await craft('overlapping', jszipOf(edit(one, SHEET1, addMerges(Array<string>(9_000).fill('A1:F21')))), /^文件已损坏，无法打开 \/ the file is corrupt: sheet "项目1": merged areas overlap/);

  // Inflation bombs: a 300 MB sheet (whitespace inside sheetData) in about 300 KB, its size declared or hidden.
  const sheet = (one.get(SHEET1) as Buffer).toString('utf8');
  const at = sheet.indexOf('<sheetData>') + '<sheetData>'.length;
  const bomb = repeated(sheet.slice(0, at), Buffer.alloc(MB, 0x20), 300, sheet.slice(at));
  await craft('sheetBomb', zipOf(new Map(one).set(SHEET1, bomb)), /^解压后超过 100 MB（xl\/worksheets\/sheet1\.xml） \/ over 100 MB uncompressed/);
  await craft('sheetBombLying', zipOf(new Map(one).set(SHEET1, { ...bomb, declared: sheet.length })), /^解压后超过 100 MB（xl\/worksheets\/sheet1\.xml）/);
  // A 1 GB picture in 1 MB: never inflated, the form is read.
  const picture = repeated('', Buffer.alloc(MB), 1024);
  await craft('mediaBomb', zipOf(new Map(one).set('xl/media/image1.png', picture)), 1);
  await craft('mediaBombLying', zipOf(new Map(one).set('xl/media/image1.png', { ...picture, declared: 100 })), 1);

  // A value at XFD1048576 on each of ten sheets.
  let ten = await formParts(10);
  for (let i = 1; i <= 10; i++) ten = edit(ten, `xl/worksheets/sheet${i}.xml`, addRows(FAR_VALUE));
  await craft('farCells', jszipOf(ten), /^工作表“项目1”过大：已用区域 A1:XFD1048576 共 17,179,869,184 个单元格（上限 1,000,000） \/ sheet "项目1" too large/);

  const many = new Map(one);
  for (let i = 0; i < 2_001; i++) many.set(`xl/media/image${i}.png`, Buffer.from([i & 0xff]));
  await craft('parts', jszipOf(many), /^文件内部件过多（2,0\d\d 个，上限 2,000） \/ too many parts/);
}, 60_000);

function formsIn(grids: Grid[]): number {
  return readWorkbook({ name: 'x', grids }).reduce((n, s) => n + s.forms.length, 0);
}

async function load(name: string): Promise<{ loaded: Loaded; ms: number }> {
  const t0 = Date.now();
  const loaded = await loadWorkbook(files[name]);
  return { loaded, ms: Date.now() - t0 };
}

function grids(loaded: Loaded): Grid[] {
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.grids;
}

test('the budget is one documented object with the defaults of the issue', () => {
  expect(FILE_BUDGET).toEqual({
    compressedBytes: 50 * MB,
    uncompressedBytes: 200 * MB,
    parts: 2_000,
    partBytes: 100 * MB,
    sheets: 1_000,
    mergesPerSheet: 10_000,
    cellsPerSheet: 1_000_000,
  });
  expect(Object.isFrozen(FILE_BUDGET)).toBe(true);
});

test('合并单元格 A40:XFD1048576 被裁到工作表范围，表照常读取 / the merge bomb is clipped to the sheet and the form is read', async () => {
  const { loaded, ms } = await load('mergeBomb');
  const [g] = grids(loaded);
  expect(g.merges).toContainEqual({ top: 39, left: 0, bottom: 39, right: 5 });
  expect(g.merges.every((m) => m.bottom <= 39 && m.right <= 5)).toBe(true);
  expect(g.cells[39 - g.top][0]?.text).toBe('备注');
  expect(formsIn(grids(loaded))).toBe(1);
  expect(ms).toBeLessThan(3000);
});

test('a formatted empty cell at XFD1048576 keeps the merge wide, and still nothing is expanded', async () => {
  const t0 = Date.now();
  const { loaded } = await load('mergeBombFarFormat');
  const [g] = grids(loaded);
  expect(g.merges).toContainEqual({ top: 39, left: 0, bottom: 1_048_575, right: 16_383 });
  expect(g.cells.length).toBe(40); // the grid spans the values only
  expect(formsIn([g])).toBe(1);
  expect(Date.now() - t0).toBeLessThan(3000);
});

test('20,000 small merges: refused with their count before exceljs sees them', async () => {
  const { loaded, ms } = await load('merges20000');
  expect('error' in loaded && loaded.error).toMatch(expected.merges20000 as RegExp);
  expect(ms).toBeLessThan(3000);
});

test('9,000 small merges over filled rows are read in linear time; a merged area keeps only its top-left value', async () => {
  const { loaded, ms } = await load('merges9000');
  const [g] = grids(loaded);
  expect(g.merges).toHaveLength(9_000 + layoutForm(cleanForm()).merges.length);
  expect(g.cells[99 - g.top][0]?.text).toBe('第0行');
  expect(g.cells[99 - g.top][1]).toBeUndefined(); // B100 is covered by A100:B100
  expect(formsIn([g])).toBe(1);
  expect(ms).toBeLessThan(3000);
});

test('overlapping merges are refused: they would cost the reader their sum', async () => {
  const { loaded, ms } = await load('overlapping');
  expect('error' in loaded && loaded.error).toMatch(expected.overlapping as RegExp);
  expect(ms).toBeLessThan(3000);
});

test.each(['sheetBomb', 'sheetBombLying'])('解压炸弹 / a 300 MB sheet in a %s file is refused: by its declared size, or once it inflates past the limit', async (name) => {
  expect((await fs.stat(files[name])).size).toBeLessThan(2 * MB);
  const { loaded, ms } = await load(name);
  expect('error' in loaded && loaded.error).toMatch(expected[name] as RegExp);
  expect(ms).toBeLessThan(5000);
});

test.each(['mediaBomb', 'mediaBombLying'])('a 1 GB picture (%s) is never inflated: the form is read', async (name) => {
  const { loaded, ms } = await load(name);
  expect(formsIn(grids(loaded))).toBe(1);
  expect(ms).toBeLessThan(3000);
});

test('a value at XFD1048576 on ten sheets: refused with the sheet and its used range, at once', async () => {
  const { loaded, ms } = await load('farCells');
  expect('error' in loaded && loaded.error).toMatch(expected.farCells as RegExp);
  expect(ms).toBeLessThan(3000);
});

test('部件过多 / 2,001 parts are refused from the central directory', async () => {
  const { loaded, ms } = await load('parts');
  expect('error' in loaded && loaded.error).toMatch(expected.parts as RegExp);
  expect(ms).toBeLessThan(3000);
});

describe('each limit, with a small budget', () => {
  test('file size, before the file is read', async () => {
    const loaded = await loadWorkbook(files.clean, { ...FILE_BUDGET, compressedBytes: 1000 });
    expect('error' in loaded && loaded.error).toMatch(/^文件过大（[\d.]+ MB，上限 0 MB） \/ the file is too large/);
  });
  test('sheets', async () => {
    const loaded = await loadWorkbook(files.farCells, { ...FILE_BUDGET, sheets: 9 });
    expect('error' in loaded && loaded.error).toBe('工作表过多（10 张，上限 9） / too many sheets (10, limit 9)');
  });
  test('the total inflated, when every part lies about its size', async () => {
    const parts = await formParts(3);
    for (let i = 1; i <= 3; i++) {
      const xml = (parts.get(`xl/worksheets/sheet${i}.xml`) as Buffer).toString('utf8');
      const cut = xml.indexOf('<sheetData>') + '<sheetData>'.length;
      parts.set(`xl/worksheets/sheet${i}.xml`, { ...repeated(xml.slice(0, cut), Buffer.alloc(64 * 1024, 0x20), 40, xml.slice(cut)), declared: 10 });
    }
    const file = path.join(dir, 'lying3.xlsx');
    await fs.writeFile(file, zipOf(parts));
    const budget = { ...FILE_BUDGET, partBytes: 4 * MB, uncompressedBytes: 6 * MB };
    const loaded = await loadWorkbook(file, budget);
    expect('error' in loaded && loaded.error).toMatch(/^解压后超过 6 MB（xl\/worksheets\/sheet3\.xml） \/ over 6 MB uncompressed/);
    expect(formsIn(grids(await loadWorkbook(file, { ...budget, uncompressedBytes: 20 * MB })))).toBe(3);
  });
  test('cells: a used range just over the budget', async () => {
    const loaded = await loadWorkbook(files.clean, { ...FILE_BUDGET, cellsPerSheet: 6 * 21 - 1 });
    expect('error' in loaded && loaded.error).toMatch(/^工作表“项目1”过大：已用区域 A1:F21 共 126 个单元格（上限 125）/);
    expect(formsIn(grids(await loadWorkbook(files.clean, { ...FILE_BUDGET, cellsPerSheet: 126 })))).toBe(1);
  });
});

/** The loader and the form reader, compiled from src into `out` (plain JS, no ts-node needed in the child). */
async function compile(out: string): Promise<void> {
  const ts = await import('typescript');
  const src = path.join(ROOT, 'src');
  const todo = [path.join(src, 'cli/loadWorkbook.ts'), path.join(src, 'core/engine.ts')];
  const done = new Set<string>();
  while (todo.length) {
    const file = todo.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const js = ts.transpileModule(await fs.readFile(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
    }).outputText;
    const dest = path.join(out, path.relative(src, file)).replace(/\.ts$/, '.js');
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, js);
    for (const m of js.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      if (m[1].endsWith('.json')) await fs.copyFile(base, path.join(path.dirname(dest), m[1]));
      else todo.push(existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
    }
  }
}

const RUNNER = `
const path = require('path');
const { loadWorkbook } = require('./js/cli/loadWorkbook.js');
const { readWorkbook } = require('./js/core/engine.js');
(async () => {
  const out = [];
  for (const f of process.argv.slice(2)) {
    const t0 = Date.now();
    const r = await loadWorkbook(f);
    const forms = r.grids ? readWorkbook({ name: f, grids: r.grids }).reduce((n, s) => n + s.forms.length, 0) : undefined;
    out.push({ name: path.basename(f, '.xlsx'), error: r.error, forms, ms: Date.now() - t0 });
  }
  process.stdout.write(JSON.stringify({ out, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
})();
`;

test('每个构造的文件在 512 MB 堆的子进程中正常结束 / every crafted file, in a child process with a 512 MB heap: a normal exit, the expected outcome', async () => {
  const work = path.join(dir, 'child');
  await compile(path.join(work, 'js'));
  await fs.writeFile(path.join(work, 'run.js'), RUNNER);
  const names = Object.keys(files);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--max-old-space-size=512', path.join(work, 'run.js'), ...names.map((n) => files[n])], {
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
    maxBuffer: 16 * MB,
    timeout: 90_000,
  });
  expect(stderr).toBe('');
  const { out, maxRssMB } = JSON.parse(stdout) as { out: { name: string; error?: string; forms?: number; ms: number }[]; maxRssMB: number };
  for (const r of out) {
    const want = expected[r.name];
    if (typeof want === 'number') expect({ name: r.name, error: r.error, forms: r.forms }).toEqual({ name: r.name, forms: want });
    else expect(`${r.name}: ${r.error}`).toMatch(new RegExp(`^${r.name}: ${want.source.replace(/^\^/, '')}`));
    expect({ name: r.name, slow: r.ms > 5000 }).toEqual({ name: r.name, slow: false });
  }
  expect(out).toHaveLength(names.length);
  // The 100 MB a lying sheet may inflate to before it is stopped is the largest allocation.
  expect(maxRssMB).toBeLessThan(400);
}, 120_000);
