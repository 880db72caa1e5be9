/**
 * Issue 11: a workbook's own rule settings (goalsheet.options, which the add-in keeps in the file's web-extension
 * part) are read by the command line as the pane reads them — validated, applied, and shown — so the two give the
 * same result for the same file and settings; a reviewer can check with their own settings or the defaults.
 */
import { promises as fs } from 'fs';
import path from 'path';
import JSZip from 'jszip';
import { addinSettings, fileSetting } from '../../src/cli/addinSettings';
import { buildSampleWorkbook } from '../../src/cli/sample';
import { OPTIONS_KEY, readOptions } from '../../src/core/options';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { loadOptions } from '../../src/excel/actions';
import { tempDir } from '../helpers/forms';
import { run } from '../helpers/cli';
import { SEED, seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The sample workbook with a web-extension part carrying goalsheet.options, stored as Office stores a setting. */
async function withSettings(dir: string, value: string, name = 'settings.xlsx'): Promise<string> {
  const wb = buildSampleWorkbook(SEED.forms);
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  zip.file(
    'xl/webextensions/webextension1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5B1F2F1E-0000-4000-8000-000000000001}">` +
      `<we:reference id="goalsheet" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/>` +
      `<we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="${OPTIONS_KEY}" value="${xmlAttr(value)}"/></we:properties>` +
      `<we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`,
  );
  const file = path.join(dir, name);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

const check = (args: string[]) => run(['check', ...args]);

const OFF = { rules: { 'SAT-001': 'off', 'PLAN-004': false } };

test('the setting as stored (JSON text of the add-in\'s JSON text), and as plain JSON, read the same; junk is broken, not thrown', () => {
  const xml = `<we:properties><we:property name="${OPTIONS_KEY}" value="${xmlAttr(JSON.stringify(JSON.stringify(OFF)))}"/><we:property name="other.addin" value="1"/></we:properties>`;
  const raw = addinSettings(['xl/webextensions/webextension1.xml', 'xl/worksheets/sheet1.xml'], () => xml);
  expect(Object.keys(raw)).toEqual([OPTIONS_KEY]);
  expect(fileSetting(raw[OPTIONS_KEY])).toEqual({ present: true, value: OFF });
  expect(fileSetting(JSON.stringify(OFF))).toEqual({ present: true, value: OFF });
  expect(fileSetting('{"rules": ')).toEqual({ present: true, broken: true });
  expect(fileSetting(undefined)).toEqual({ present: false });
});

test('the command line applies a workbook\'s own settings and says what they switch off; --default-rules and --config override them', async () => {
  const dir = await tempDir();
  const file = await withSettings(dir, JSON.stringify(JSON.stringify(OFF)));
  const own = JSON.parse((await check([file, '--format', 'json'])).out);
  expect(own.files[0].settings).toEqual({ applied: true, weakened: ['SAT-001', 'PLAN-004'], problems: [] });
  const ruleIds = (report: { files: { findings: { ruleId: string }[] }[] }) => new Set(report.files[0].findings.map((f) => f.ruleId));
  expect(ruleIds(own).has('SAT-001')).toBe(false);
  const text = (await check([file, '--no-color'])).out;
  expect(text).toContain('本工作簿的规则设置关闭或降低了 2 条规则（SAT-001、PLAN-004），已按其检查；加 --default-rules 按默认规则检查');

  const defaults = JSON.parse((await check([file, '--format', 'json', '--default-rules'])).out);
  expect(defaults.files[0].settings.applied).toBe(false);
  expect(ruleIds(defaults).has('SAT-001')).toBe(true);
  const config = path.join(dir, 'mine.json');
  await fs.writeFile(config, JSON.stringify({ satisfactionMin: 95 }));
  const mine = JSON.parse((await check([file, '--format', 'json', '--config', config])).out);
  expect(ruleIds(mine).has('SAT-001')).toBe(true);
});

test('the same file and settings give the same findings on the command line and in the add-in', async () => {
  const dir = await tempDir();
  const settings = JSON.stringify({ rules: { 'SAT-001': 'off', 'VAL-009': 'warning' }, satisfactionMin: 85 });
  const file = await withSettings(dir, JSON.stringify(settings));
  const cli = JSON.parse((await check([file, '--format', 'json'])).out);
  // The add-in on the same workbook with the same setting (the sample's forms, one sheet each).
  const book = seedBook();
  book.settings = { [OPTIONS_KEY]: settings };
  const host = new ExcelHost(book);
  const { options } = await host.run((c) => loadOptions(ctx(c)));
  const pane = await host.run((c) => validateWorkbook(ctx(c), 'all', options ?? {}, hostSupport((n, v) => host.isSetSupported(n, v))));
  const key = (f: { ruleId: string; severity: string; sheet: string; cell: string }) => `${f.sheet}!${f.cell} ${f.ruleId} ${f.severity}`;
  expect(cli.files[0].findings.map(key).sort()).toEqual(pane.findings.map(key).sort());
  expect(pane.findings.some((f) => f.ruleId === 'VAL-009' && f.severity === 'warning')).toBe(true);
});

test('invalid parts of a workbook\'s settings are ignored and named; a setting that is not JSON is named too', async () => {
  const dir = await tempDir();
  const bad = await withSettings(dir, JSON.stringify(JSON.stringify({ rules: { 'SAT-001': 'fatal' }, minIndicators: -1 })), 'bad.xlsx');
  const report = JSON.parse((await check([bad, '--format', 'json'])).out);
  expect(report.files[0].settings.problems).toEqual(readOptions({ rules: { 'SAT-001': 'fatal' }, minIndicators: -1 }).problems);
  expect(report.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'SAT-001')).toBe(true);
  const junk = await withSettings(dir, '{not json', 'junk.xlsx');
  const text = (await check([junk, '--no-color'])).out;
  expect(text).toContain('本工作簿中的规则设置有 1 处无效，已忽略');
});
