/**
 * Issue 12, "the CLI a reviewer can rely on": every spreadsheet-looking file in a folder gets a line, an OLE
 * file named .xlsx is called what it is, a workbook with no form has its own exit status, and the summaries
 * count unreadable and formless files.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { writeSpec } from '../../src/cli/writeXlsx';
import { layoutForm } from '../../src/core/layout';
import { cleanForm, tempDir } from '../helpers/forms';
import { run } from '../helpers/cli';


async function formFile(dir: string, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('项目1'), layoutForm(cleanForm()));
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** An OLE compound file whose directory names `streams` (the check reads the names, UTF-16LE). */
function ole(...streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  return Buffer.concat([header, ...streams.map((s) => Buffer.concat([Buffer.from(s, 'utf16le'), Buffer.alloc(64 - 2 * s.length)]))]);
}

test('other spreadsheet formats in a folder each get a line saying they were not checked and what to do', async () => {
  const dir = await tempDir();
  await formFile(dir, '好.xlsx');
  for (const name of ['旧.xls', '金山.et', '二进制.xlsb', '开放.ods', '导出.csv', '说明.docx']) await fs.writeFile(path.join(dir, name), 'x');
  const r = await run(['check', dir, '--format', 'json']);
  const doc = JSON.parse(r.out);
  const lines = Object.fromEntries(doc.files.map((f: { file: string; error?: string }) => [path.basename(f.file), f.error]));
  expect(Object.keys(lines).sort()).toEqual(['二进制.xlsb', '好.xlsx', '导出.csv', '开放.ods', '旧.xls', '金山.et'].sort());
  expect(lines['旧.xls']).toMatch(/^旧版 \.xls 格式，未检查：请在 Excel 或 WPS 中另存为 \.xlsx/);
  expect(lines['金山.et']).toMatch(/WPS 表格格式（\.et），未检查/);
  expect(lines['二进制.xlsb']).toMatch(/另存为 \.xlsx/);
  expect(lines['开放.ods']).toMatch(/另存为 \.xlsx/);
  expect(lines['导出.csv']).toMatch(/^CSV 文件/);
  expect(lines['好.xlsx']).toBeUndefined();
  expect(doc.summary).toMatchObject({ files: 6, forms: 1, unreadable: 5, formless: 0 });
  expect(r.code).toBe(2);
});

test('an OLE file named .xlsx: encrypted, an old workbook renamed, or something else — each said as it is', async () => {
  const dir = await tempDir();
  const write = async (name: string, data: Buffer) => (await fs.writeFile(path.join(dir, name), data), path.join(dir, name));
  const reason = async (file: string) => JSON.parse((await run(['check', file, '--format', 'json'])).out).files[0].error as string;
  expect(await reason(await write('加密.xlsx', ole('EncryptionInfo', 'EncryptedPackage')))).toMatch(/^文件已加密/);
  expect(await reason(await write('改名.xlsx', ole('Workbook', 'SummaryInformation')))).toMatch(/^这是旧版 \.xls 格式的工作簿（只是扩展名为 \.xlsx）/);
  expect(await reason(await write('文档.xlsx', ole('WordDocument', '1Table')))).toMatch(/^这是 OLE 复合文档，不是 \.xlsx 工作簿/);
});

test('a workbook with no form exits 3 and is counted; with an unreadable file too, 2 wins', async () => {
  const dir = await tempDir();
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('通讯录').getCell('A1').value = '姓名';
  const none = path.join(dir, '通讯录.xlsx');
  await wb.xlsx.writeFile(none);
  const alone = await run(['check', none, '--no-color']);
  expect(alone.code).toBe(3);
  expect(alone.out).toContain('合计：1 个文件，0 张表，1 个文件中没有绩效目标表');
  const good = await formFile(dir, '好.xlsx');
  expect((await run(['check', none, good])).code).toBe(3);
  await fs.writeFile(path.join(dir, '坏.xlsx'), 'not a zip');
  expect((await run(['check', dir])).code).toBe(2);
});
