/**
 * Template sheets inserted through WPS's ET object model (src/wps/insertTemplate.ts, over the in-memory ET host) are
 * the sheets the exceljs writer and the Office.js renderer make, cell by cell; the insert leaves existing sheets
 * alone, names the sheet uniquely, selects the first blank, and on failure leaves the workbook as it was.
 */
import ExcelJS from 'exceljs';
import { writeSpec } from '../../src/cli/writeXlsx';
import { checkForms } from '../../src/core/engine';
import { readSheet } from '../../src/core/form/parse';
import { checkCharacter } from '../../src/core/projectCode';
import type { FormLayout } from '../../src/core/layout';
import { BUILTIN_TEMPLATES, buildTemplateSheet, type Template, type TemplateInputs, type TemplateSheet } from '../../src/core/templates';
import { insertTemplateSheet as insertThroughOfficeJs } from '../../src/excel/insertTemplate';
import { EtHost, EtRange, type EtFixtures } from '../../src/host/et';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { addSheet, cellKey, emptyWorkbook, reopen, type HostWorkbookData } from '../../src/host/model';
import { insertTemplateSheet } from '../../src/wps/insertTemplate';
import { readEtWorkbook } from '../../src/wps/read';
import { snapExcelJs, snapHost } from '../helpers/snapshot';
import { FILLS, fillBlanks } from '../templates/fill';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const code = (n: number) => {
  const body = `13050022P009450${String(n).padStart(5, '0')}`;
  return body + checkCharacter(body);
};
const inputsFor = (t: Template, i: number): TemplateInputs => ({ unit: '邢台市人民政府办公室', name: `2025年${t.title.zh}项目`, code: code(100 + i), budget: 18.5 + i });

function oneSheetBook(): HostWorkbookData {
  const data = emptyWorkbook();
  addSheet(data, 'Sheet1');
  return data;
}

/** The ET host over a fresh one-sheet workbook, the template inserted through it. */
function throughEt(sheet: TemplateSheet, fixtures: Partial<EtFixtures> = {}) {
  const host = new EtHost(oneSheetBook(), fixtures);
  const done = insertTemplateSheet(host.app, sheet, '新表');
  return { host, done, sheet: host.data.sheets.find((s) => s.name === done.name)! };
}

async function throughOfficeJs(sheet: TemplateSheet) {
  const host = new ExcelHost(oneSheetBook());
  const done = await host.run((c) => insertThroughOfficeJs(ctx(c), sheet, '新表'));
  return host.sheet(done.name)!;
}

async function throughExcelJs(sheet: TemplateSheet) {
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('x'), sheet.spec);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return snapExcelJs(back.worksheets[0]);
}

/** The engine's findings on every form of the ET workbook, read back through readEtWorkbook. */
function findingsThroughEt(host: EtHost) {
  const results = readEtWorkbook(host.app).flatMap((s) => (s.grid ? [readSheet(s.grid, 'workbook')] : []));
  return { results, findings: checkForms(results.flatMap((r) => r.forms), {}, results) };
}

const LAYOUTS: FormLayout[] = ['hebei', 'national'];

describe.each(LAYOUTS.flatMap((layout) => BUILTIN_TEMPLATES.map((t, i) => [t.id, layout, t, i] as const)))('template %s (%s)', (_id, layout, t, i) => {
  test('ET, Office.js and exceljs render the same cells, formats, styles, merges, validations, sizes and print setup', async () => {
    for (const inputs of [{}, inputsFor(t, i)]) {
      const sheet = buildTemplateSheet(t, inputs, { layout });
      const et = throughEt(sheet).sheet;
      const office = await throughOfficeJs(sheet);
      const fromEt = snapHost(et);
      expect(fromEt).toEqual(snapHost(office));
      expect(fromEt).toEqual(await throughExcelJs(sheet));
      expect(Object.keys(fromEt.validations).length).toBeGreaterThan(t.rows.length * 2);
      // Beyond the snapshot: the very same model but for VBA's validation defaults (ShowInput/ShowError set off
      // where Office.js sets nothing), values, formats, styles, sizes and page layout equal field by field.
      const strip = (s: typeof et) => ({
        ...s,
        id: '',
        cells: Object.fromEntries(Object.entries(s.cells).map(([k, c]) => [k, { ...c, validation: c.validation?.rule }])),
      });
      expect(strip(et)).toEqual(strip(office));
    }
  });

  test('filled with realistic entries, read back through readEtWorkbook: no finding at all', () => {
    const sheet = buildTemplateSheet(t, inputsFor(t, i), { layout });
    const { host, done } = throughEt(sheet);
    // Left blank, the blanks are reported (so the form is read at all).
    expect(findingsThroughEt(host).findings.length).toBeGreaterThan(0);
    for (const [cell, value] of fillBlanks(t, sheet.blanks, FILLS[t.id])) host.type(done.name, cell, value);
    const { results, findings } = findingsThroughEt(host);
    expect(results.flatMap((r) => r.forms).map((f) => f.family === 'national')).toEqual([layout === 'national']);
    expect(findings.map((f) => `${f.sheet}!${f.cell} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});

describe('inserting through the ET object model (in-memory ET host)', () => {
  /** A workbook with someone's sheet and a second one, the second active. */
  const bookWithData = () => {
    const data = emptyWorkbook();
    const s = addSheet(data, '2024年专项业务工作经费');
    s.cells[cellKey(0, 0)] = { value: '项目支出绩效目标表', bold: true };
    s.merges.push({ top: 0, left: 0, bottom: 0, right: 5 });
    const other = addSheet(data, '说明');
    other.cells[cellKey(0, 0)] = { value: '填表说明' };
    data.activeSheet = other.id;
    data.selection = '说明!A1';
    return data;
  };
  const inputs = { unit: '邢台市人民政府办公室', name: '市政府门户网站运维经费', code: code(25), budget: 25 };
  /** Ids are never reused (Excel's too), so a failed insert leaves nextSheetId one on. */
  const state = (d: HostWorkbookData) => JSON.stringify({ ...d, nextSheetId: undefined });

  afterEach(() => jest.restoreAllMocks());

  test.each<[string, Partial<EtFixtures>]>([
    ['Count as a property', {}],
    ['Count as a method', { methods: true }],
  ])('a new sheet after the last, named after the project, active, the first blank selected, existing sheets untouched (%s)', (_, fixtures) => {
    const data = bookWithData();
    const before = JSON.stringify(data.sheets);
    const host = new EtHost(data, fixtures);
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[1], inputs);
    const done = insertTemplateSheet(host.app, sheet, inputs.name);
    expect(done).toEqual({ name: '市政府门户网站运维经费', selected: 'B5' });
    expect(data.sheets.map((s) => s.name)).toEqual(['2024年专项业务工作经费', '说明', '市政府门户网站运维经费']);
    expect(host.activeSheetName).toBe(done.name);
    expect(host.selection).toBe('市政府门户网站运维经费!B5');
    expect(JSON.stringify(data.sheets.slice(0, 2))).toBe(before);
    expect(host.app.DisplayAlerts).toBe(true);
  });

  test('a form without blanks: its first cell selected', () => {
    const host = new EtHost(bookWithData());
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[1], inputs);
    const done = insertTemplateSheet(host.app, { ...sheet, blanks: [] }, 'x');
    expect(done.selected).toBe('A1');
    expect(host.selection).toBe('x!A1');
  });

  test('a name already taken (ignoring case) gets a unique one; Excel’s sheet-name rules hold', () => {
    const host = new EtHost(bookWithData());
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[0], {});
    const long = '[2025]年度:市直机关*办公用品?采购/维修\\及综合保障服务项目经费（第一批次）';
    const a = insertTemplateSheet(host.app, sheet, long);
    const b = insertTemplateSheet(host.app, sheet, long);
    const c = insertTemplateSheet(host.app, sheet, '2024年专项业务工作经费'.toUpperCase());
    for (const n of [a.name, b.name, c.name]) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(b.name).not.toBe(a.name);
    expect(b.name.endsWith('(2)')).toBe(true);
    expect(c.name).toBe('2024年专项业务工作经费(2)');
    expect(host.data.sheets.map((s) => s.name)).toEqual(['2024年专项业务工作经费', '说明', a.name, b.name, c.name]);
  });

  test.each<[string, keyof EtRange, (this: EtRange) => never]>([
    ['Merge throws half way', 'Merge', () => { throw new Error('合并失败'); }],
    ['Select throws after the sheet was activated', 'Select', () => { throw new Error('合并失败'); }],
    [
      'the half-built sheet was hidden when Merge threw',
      'Merge',
      function (this: EtRange) {
        this.Worksheet.Visible = 0;
        throw new Error('合并失败');
      },
    ],
  ])('a failure (%s): the workbook exactly as before, the previous sheet active again, the error reported', (_, method, impl) => {
    const data = bookWithData();
    const copy = reopen(data);
    const host = new EtHost(data);
    jest.spyOn(EtRange.prototype, method as 'Merge').mockImplementation(impl as () => void);
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[2], {});
    expect(() => insertTemplateSheet(host.app, sheet, '会议费')).toThrow('合并失败');
    expect(state(data)).toBe(state(copy));
    expect({ ...data, nextSheetId: 0 }).toEqual({ ...copy, nextSheetId: 0 });
    expect(host.activeSheetName).toBe('说明');
    expect(host.app.DisplayAlerts).toBe(true);
  });

  test('DisplayAlerts is restored to what it was, false included', () => {
    const data = bookWithData();
    const host = new EtHost(data);
    host.app.DisplayAlerts = false;
    jest.spyOn(EtRange.prototype, 'Merge').mockImplementation(() => {
      throw new Error('合并失败');
    });
    expect(() => insertTemplateSheet(host.app, buildTemplateSheet(BUILTIN_TEMPLATES[2], {}), '会议费')).toThrow('合并失败');
    expect(host.app.DisplayAlerts).toBe(false);
    expect(data.sheets.map((s) => s.name)).toEqual(['2024年专项业务工作经费', '说明']);
  });

  test('a failure renaming the new sheet (its name taken meanwhile) removes that sheet only', () => {
    const data = bookWithData();
    const copy = reopen(data);
    const host = new EtHost(data);
    // Someone names a sheet so between the check and the rename: the rename fails (1004), the added sheet goes.
    const add = host.app.ActiveWorkbook.Worksheets.Add.bind(host.app.ActiveWorkbook.Worksheets);
    jest.spyOn(host.app.ActiveWorkbook.Worksheets, 'Add').mockImplementation((before, after) => {
      data.sheets[1].name = '会议费';
      return add(before, after);
    });
    expect(() => insertTemplateSheet(host.app, buildTemplateSheet(BUILTIN_TEMPLATES[2], {}), '会议费')).toThrow(/1004/);
    expect(data.sheets.map((s) => s.name)).toEqual(['2024年专项业务工作经费', '会议费']);
    expect(host.activeSheetName).toBe('会议费');
    data.sheets[1].name = '说明';
    expect(state(data)).toBe(state(copy));
  });
});
