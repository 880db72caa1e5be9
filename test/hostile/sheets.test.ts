/**
 * 每张工作表都读到 / every sheet that is there is read (issue 11): sheets found through the workbook's
 * relationships whatever their parts are called, names Excel would refuse read and listed (not "corrupt"),
 * and nothing from exceljs on stderr or stdout. Each workbook is written by exceljs and reworked with jszip.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadWorkbook, type Loaded } from '../../src/cli/loadWorkbook';
import { sheetNameProblem } from '../../src/core/sheetName';
import { writeSpec } from '../../src/cli/writeXlsx';
import { checkWorkbooks } from '../../src/core/engine';
import type { Grid } from '../../src/core/grid';
import { layoutForm } from '../../src/core/layout';
import { cleanForm, clone, tempDir } from '../helpers/forms';

/** A form with one error (VAL-004) on each of `sheets` sheets, as a jszip archive to rework. */
async function formZip(sheets = 1): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  for (let i = 0; i < sheets; i++) writeSpec(wb.addWorksheet(`项目${i + 1}`), layoutForm(f));
  return JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function rewrite(zip: JSZip, name: string, change: (xml: string) => string): Promise<void> {
  const before = await zip.file(name)!.async('string');
  const after = change(before);
  expect(after).not.toBe(before);
  zip.file(name, after);
}

async function move(zip: JSZip, from: string, to: string): Promise<void> {
  zip.file(to, await zip.file(from)!.async('nodebuffer'));
  zip.remove(from);
}

async function save(zip: JSZip, name: string): Promise<string> {
  const file = path.join(await tempDir(), name);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

function grids(loaded: Loaded): Grid[] {
  if ('error' in loaded) throw new Error(loaded.error);
  return loaded.grids;
}

function check(loaded: Loaded) {
  return checkWorkbooks([{ name: 'book.xlsx', grids: grids(loaded) }]).results[0];
}

let quiet: { restore(): void; calls(): number };
beforeEach(() => {
  // Nothing may reach the terminal while a workbook loads.
  const spies = [
    jest.spyOn(process.stderr, 'write'),
    jest.spyOn(process.stdout, 'write'),
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => jest.spyOn(console, m)),
  ];
  quiet = {
    restore: () => spies.forEach((s) => s.mockRestore()),
    calls: () => spies.reduce((n, s) => n + s.mock.calls.length, 0),
  };
});
afterEach(() => {
  const calls = quiet.calls();
  quiet.restore();
  expect(calls).toBe(0);
});

test('一张名为 data.xml 的工作表部件照常读取 / a sheet part named xl/worksheets/data.xml is read with its form', async () => {
  const zip = await formZip();
  await move(zip, 'xl/worksheets/sheet1.xml', 'xl/worksheets/data.xml');
  await rewrite(zip, 'xl/_rels/workbook.xml.rels', (x) => x.replace('worksheets/sheet1.xml', 'worksheets/data.xml'));
  await rewrite(zip, '[Content_Types].xml', (x) => x.replace('/xl/worksheets/sheet1.xml', '/xl/worksheets/data.xml'));
  const loaded = await loadWorkbook(await save(zip, 'data.xlsx'));
  const result = check(loaded);
  expect(result.sheets).toEqual([{ name: '项目1', status: 'checked', forms: 1 }]);
  expect(result.findings.map((f) => f.ruleId)).toContain('VAL-004');
  expect('badSheetNames' in loaded && loaded.badSheetNames).toEqual([]);
});

test('the whole package renamed: the workbook part named by _rels/.rels, absolute targets, other folders, shared strings elsewhere', async () => {
  const zip = await formZip(2);
  await move(zip, 'xl/workbook.xml', 'xl/main.xml');
  await move(zip, 'xl/_rels/workbook.xml.rels', 'xl/_rels/main.xml.rels');
  await move(zip, 'xl/worksheets/sheet1.xml', 'xl/tabs/first.xml');
  await move(zip, 'xl/worksheets/sheet2.xml', 'xl/tabs/second.xml');
  await move(zip, 'xl/sharedStrings.xml', 'xl/text/strings.xml');
  await rewrite(zip, '_rels/.rels', (x) => x.replace('Target="xl/workbook.xml"', 'Target="/xl/main.xml"'));
  await rewrite(zip, 'xl/_rels/main.xml.rels', (x) =>
    x.replace('"worksheets/sheet1.xml"', '"/xl/tabs/first.xml"').replace('"worksheets/sheet2.xml"', '"tabs/second.xml"').replace('"sharedStrings.xml"', '"text/../text/strings.xml"'));
  const loaded = await loadWorkbook(await save(zip, 'renamed.xlsx'));
  const result = check(loaded);
  expect(result.sheets).toEqual([{ name: '项目1', status: 'checked', forms: 1 }, { name: '项目2', status: 'checked', forms: 1 }]);
  expect(result.findings.filter((f) => f.ruleId === 'VAL-004')).toHaveLength(2);
});

test('Excel 不接受的工作表名称照常读取并列出 / "History", a 40-character name and the rest are read and listed, not called corrupt', async () => {
  const names = ['History', '一二三四五六七八九十'.repeat(4), 'a[1]:b*?/\\', "'引号'", '项目1', 'HISTORY的表', '项目1'.replace('项目', '項目'), 'history'];
  const zip = await formZip(names.length);
  await rewrite(zip, 'xl/workbook.xml', (x) => {
    let i = 0;
    return x.replace(/(<sheet\b[^>]*?) name="[^"]*"/g, (_, head: string) => `${head} name="${names[i++].replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  });
  const loaded = await loadWorkbook(await save(zip, 'names.xlsx'));
  expect(grids(loaded).map((g) => g.sheet)).toEqual(names);
  expect(check(loaded).sheets.every((s) => s.status === 'checked' && s.forms === 1)).toBe(true);
  if ('error' in loaded) throw new Error(loaded.error);
  expect(loaded.badSheetNames).toEqual([
    { sheet: 'History', reason: '“History”是 Excel 保留的工作表名称 / "History" is a name Excel reserves' },
    { sheet: names[1], reason: '工作表名称超过 31 个字符（40 个） / the sheet name is longer than 31 characters (40)' },
    { sheet: 'a[1]:b*?/\\', reason: expect.stringMatching(/^工作表名称含有 Excel 不允许的字符/) },
    { sheet: "'引号'", reason: expect.stringMatching(/^工作表名称以单引号开头或结尾/) },
    { sheet: 'history', reason: expect.stringMatching(/保留/) },
  ]);
  // Reported as a finding (FORM-004, a warning at the sheet's first cell), not as a corrupt file.
  const named = check(loaded).findings.filter((f) => f.ruleId === 'FORM-004');
  expect(named.map((f) => [f.sheet, f.cell, f.severity])).toEqual(['History', names[1], 'a[1]:b*?/\\', "'引号'", 'history'].map((n) => [n, 'A1', 'warning']));
  expect(named[0].message).toBe('“History”是 Excel 保留的工作表名称：Excel 打开或另存此文件时可能出错，请给工作表改名。');
});

test('sheetNameProblem: Excel\'s rules, one line each, Chinese first', () => {
  expect(sheetNameProblem('项目支出绩效目标表')).toBeUndefined();
  expect(sheetNameProblem('x'.repeat(31))).toBeUndefined();
  expect(sheetNameProblem('x'.repeat(32))).toMatch(/^工作表名称超过 31 个字符（32 个） \//);
  expect(sheetNameProblem('')).toMatch(/^工作表名称为空 \//);
  expect(sheetNameProblem("it's")).toBeUndefined();
  expect(sheetNameProblem('项目1', new Set(['项目1']))).toMatch(/^工作表名称与前面的工作表重复 \//);
  for (const ch of '[]:*?/\\') expect(sheetNameProblem(`a${ch}b`)).toMatch(/不允许的字符/);
});

test('duplicate names (ignoring case) and an empty name are read and listed', async () => {
  const names = ['Sheet', 'SHEET', ''];
  const zip = await formZip(3);
  await rewrite(zip, 'xl/workbook.xml', (x) => {
    let i = 0;
    return x.replace(/(<sheet\b[^>]*?) name="[^"]*"/g, (_, head: string) => `${head} name="${names[i++]}"`);
  });
  const loaded = await loadWorkbook(await save(zip, 'dupes.xlsx'));
  expect(grids(loaded).map((g) => g.sheet)).toEqual(names);
  expect('badSheetNames' in loaded && loaded.badSheetNames.map((b) => b.sheet)).toEqual(['SHEET', '']);
});

test('a prefixed SpreadsheetML part ("<x:worksheet>", as some generators write) is read, not seen as empty', async () => {
  const zip = await formZip();
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) {
    await rewrite(zip, part, (x) => x.replace(/<(\/?)(?=[A-Za-z])/g, '<$1x:').replace(/xmlns="/, 'xmlns:x="'));
  }
  const result = check(await loadWorkbook(await save(zip, 'prefixed.xlsx')));
  expect(result.sheets).toEqual([{ name: '项目1', status: 'checked', forms: 1 }]);
});

describe('exceljs output is dropped, and the console is back afterwards', () => {
  const XLSX = require('exceljs/lib/xlsx/xlsx') as { prototype: { load(...args: unknown[]): Promise<unknown> } };
  const original = XLSX.prototype.load;
  afterEach(() => {
    XLSX.prototype.load = original;
  });

  test('warnings printed while loading go nowhere', async () => {
    XLSX.prototype.load = async function (this: unknown, ...args: unknown[]) {
      console.warn('Worksheet name exceeds 31 chars. This will be truncated');
      console.log('noise');
      console.error('noise');
      console.trace('noise');
      return original.apply(this, args);
    };
    const saved = { warn: console.warn, log: console.log, error: console.error, trace: console.trace };
    const result = check(await loadWorkbook(await save(await formZip(), 'noisy.xlsx')));
    expect(result.sheets[0].forms).toBe(1);
    expect({ warn: console.warn, log: console.log, error: console.error, trace: console.trace }).toEqual(saved);
  });

  test('also when the load throws: a one-line reason, the console restored', async () => {
    XLSX.prototype.load = async function () {
      console.error('about to fail');
      throw new Error('boom\nwith a second line');
    };
    const saved = console.error;
    const loaded = await loadWorkbook(await save(await formZip(), 'fails.xlsx'));
    expect(loaded).toEqual({ error: '文件已损坏，无法打开 / the file is corrupt: boom' });
    expect(console.error).toBe(saved);
  });

  test('overlapping loads share the mute and restore it once', async () => {
    const file = await save(await formZip(2), 'two.xlsx');
    const saved = console.warn;
    const all = await Promise.all([loadWorkbook(file), loadWorkbook(file), loadWorkbook('/nonexistent/x.xlsx')]);
    expect(all.map((l) => ('error' in l ? l.error : l.grids.length))).toEqual([2, 2, '文件不存在 / no such file']);
    expect(console.warn).toBe(saved);
  });
});
