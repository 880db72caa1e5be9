/** Templates: rendered by exceljs and read back by goalsheet check; the Office.js renderer matches exceljs cell by cell. */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { writeSpec } from '../../src/cli/writeXlsx';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { checkWorkbooks } from '../../src/core/engine';
import { checkCharacter, codeStatus } from '../../src/core/projectCode';
import type { Finding } from '../../src/core/rules/types';
import type { FormLayout } from '../../src/core/layout';
import { BASIS_LIST, BUILTIN_TEMPLATES, LEVEL1_LIST, LEVEL2_LIST, buildTemplateSheet, type Template, type TemplateInputs } from '../../src/core/templates';
import { insertTemplateSheet } from '../../src/excel/insertTemplate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { addSheet, cellKey, emptyWorkbook } from '../../src/host/model';
import { tempDir } from '../helpers/forms';
import { snapExcelJs, snapHost } from '../helpers/snapshot';
import { FILLS, fillBlanks } from './fill';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const code = (n: number) => {
  const body = `13050022P009450${String(n).padStart(5, '0')}`;
  return body + checkCharacter(body);
};
const inputsFor = (t: Template, i: number): TemplateInputs => ({ unit: '邢台市人民政府办公室', name: `2025年${t.title.zh}项目`, code: code(100 + i), budget: 18.5 + i });

/** What each kind of blank makes the engine report when left empty (total and fiscal blank together: one BUDGET-001). */
const BLANK_RULE: Record<string, string | null> = {
  unit: 'UNIT-001', code: 'CODE-001', name: 'NAME-001', total: 'BUDGET-001', fiscal: null, use: 'BUDGET-004', goal: 'GOAL-001',
  plan: 'PLAN-004', l3: 'IND-005', desc: 'IND-007', value: 'VAL-001', basis: 'IND-008',
};

async function writeTemplate(t: Template, inputs: TemplateInputs, fill?: Map<string, string | number>, layout: FormLayout = 'hebei'): Promise<string> {
  const sheet = buildTemplateSheet(t, inputs, { layout });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目表');
  writeSpec(ws, sheet.spec);
  for (const [cell, value] of fill ?? []) ws.getCell(cell).value = value;
  const file = path.join(await tempDir(), `${t.id}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function checked(file: string) {
  const loaded = await loadWorkbook(file);
  if ('error' in loaded) throw new Error(loaded.error);
  return checkWorkbooks([{ name: file, grids: loaded.grids }]).results[0];
}

async function check(file: string): Promise<Finding[]> {
  return (await checked(file)).findings;
}

/** Renders a template sheet with exceljs (written and read back) and with Office.js (the in-memory host): the two snapshots. */
async function bothRenderers(sheet: ReturnType<typeof buildTemplateSheet>) {
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('x'), sheet.spec);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  const fromExcelJs = snapExcelJs(back.worksheets[0]);
  const data = emptyWorkbook();
  addSheet(data, 'Sheet1');
  const host = new ExcelHost(data);
  const done = await host.run((c) => insertTemplateSheet(ctx(c), sheet, '新表'));
  return { fromExcelJs, fromHost: snapHost(host.sheet(done.name)!) };
}

describe.each(BUILTIN_TEMPLATES.map((t, i) => [t.id, t, i] as const))('template %s', (_id, t, i) => {
  test('left blank: exactly one finding per kind of blank, at the blank', async () => {
    const sheet = buildTemplateSheet(t, {});
    const findings = await check(await writeTemplate(t, {}));
    const expected = sheet.blanks
      .map((b) => ({ rule: BLANK_RULE[b.field.split(':')[0]], cell: b.cell, field: b.field }))
      .filter((b) => b.rule && !(b.rule === 'PLAN-004' && b.field !== 'plan:3月底'))
      .map((b) => `${b.rule}@${b.cell}`);
    expect(findings.map((f) => `${f.ruleId}@${f.cell}`).sort()).toEqual(expected.sort());
  });

  test('filled with realistic entries: no error and no warning (nor info)', async () => {
    const inputs = inputsFor(t, i);
    const sheet = buildTemplateSheet(t, inputs);
    const findings = await check(await writeTemplate(t, inputs, fillBlanks(t, sheet.blanks, FILLS[t.id])));
    expect(findings.map((f) => `${f.ruleId}@${f.cell} ${f.message}`)).toEqual([]);
  });

  test('the entries flow into the form: cost capped at the budget, budget and fiscal funds as numbers', async () => {
    const inputs = inputsFor(t, i);
    const sheet = buildTemplateSheet(t, inputs);
    const costRow = t.rows.findIndex((r) => r.cost);
    expect(sheet.form.indicators[costRow].value).toBe(`≤${inputs.budget}万元`);
    const loaded = await loadWorkbook(await writeTemplate(t, inputs));
    if ('error' in loaded) throw new Error(loaded.error);
    const g = loaded.grids[0];
    expect(g.cells[3][2]).toMatchObject({ value: inputs.budget, text: `${inputs.budget!.toFixed(2)}万元` });
    expect(g.cells[2][1]?.text).toBe(inputs.code);
    expect(sheet.blanks.map((b) => b.field)).not.toContain('code');
  });

  test('Office.js renderer (in-memory host) and exceljs produce the same cells, merges, validations, sizes and print setup', async () => {
    for (const inputs of [{}, inputsFor(t, i)]) {
      const { fromExcelJs, fromHost } = await bothRenderers(buildTemplateSheet(t, inputs));
      expect(fromHost).toEqual(fromExcelJs);
      expect(Object.keys(fromHost.validations).length).toBeGreaterThan(t.rows.length * 3);
    }
  });
});

/** What each kind of blank makes the engine report on the national 申报表; its own blanks (year, 主管部门, 中长期目标, footer) have no rule. */
const NATIONAL_BLANK_RULE: Record<string, string | null> = {
  year: null, name: 'NAME-001', dept: null, unit: 'UNIT-001', total: 'BUDGET-001', fiscal: null, goalLong: null, goal: 'GOAL-001',
  l3: 'IND-005', value: 'VAL-001', preparer: null, phone: null, date: null,
};

describe.each(BUILTIN_TEMPLATES.map((t, i) => [t.id, t, i] as const))('template %s, national 申报表', (_id, t, i) => {
  const national = { layout: 'national' } as const;

  test('left blank: read as the national family; exactly one finding per blank, at the blank', async () => {
    const sheet = buildTemplateSheet(t, {}, national);
    const result = await checked(await writeTemplate(t, {}, undefined, 'national'));
    expect(result.forms.map((f) => f.family)).toEqual(['national']);
    expect(result.forms[0].familyForced).toBeFalsy();
    expect(result.forms[0].missing).toEqual([]);
    // The national family reads a row left wholly blank (no 三级指标, no value) as one that does not apply,
    // as its template intends: 通用's unnamed rows are not reported cell by cell, but as too few indicators
    // and no benefit at all (IND-011, IND-010, at the table).
    const blank = (field: string) => sheet.blanks.some((b) => b.field === field);
    const whollyBlank = (index: string | undefined) => index !== undefined && blank(`l3:${index}`) && blank(`value:${index}`);
    const expected = sheet.blanks
      .filter((b) => !whollyBlank(b.field.split(':')[1]))
      .map((b) => ({ rule: NATIONAL_BLANK_RULE[b.field.split(':')[0]], cell: b.cell }))
      .filter((b) => b.rule)
      .map((b) => `${b.rule}@${b.cell}`);
    if (t.id === 'general') expected.push('IND-011@B10', 'IND-010@D15');
    expect(result.findings.map((f) => `${f.ruleId}@${f.cell}`).sort()).toEqual(expected.sort());
  });

  test('filled with realistic entries: no error and no warning (nor info)', async () => {
    const inputs = inputsFor(t, i);
    const sheet = buildTemplateSheet(t, inputs, national);
    const result = await checked(await writeTemplate(t, inputs, fillBlanks(t, sheet.blanks, FILLS[t.id]), 'national'));
    expect(result.forms.map((f) => f.family)).toEqual(['national']);
    expect(result.findings.map((f) => `${f.ruleId}@${f.cell} ${f.message}`)).toEqual([]);
  });

  test('the entries flow into the form: 实施单位, amounts as numbers, cost capped at the budget; no project code, use, plan, description or basis', async () => {
    const inputs = inputsFor(t, i);
    const sheet = buildTemplateSheet(t, inputs, national);
    const costRow = t.rows.findIndex((r) => r.cost);
    expect(sheet.form.indicators[costRow].value).toBe(`≤${inputs.budget}万元`);
    const loaded = await loadWorkbook(await writeTemplate(t, inputs, undefined, 'national'));
    if ('error' in loaded) throw new Error(loaded.error);
    const g = loaded.grids[0];
    expect(g.cells[0][0]?.text).toBe('项目支出绩效目标申报表');
    expect(g.cells[2][1]?.text).toBe(inputs.name);
    expect(g.cells[3][4]?.text).toBe(inputs.unit);
    expect(g.cells[4][2]).toMatchObject({ value: inputs.budget, text: `${inputs.budget!.toFixed(2)}万元` });
    expect(g.cells[5][2]).toMatchObject({ value: inputs.budget });
    const texts = g.cells.flat().map((c) => c?.text ?? '');
    expect(texts).not.toContain(inputs.code);
    for (const absent of [/^项目编码/, /^资金用途/, /^资金支出计划/, /^绩效指标描述/, /^指标确定依据/]) expect(texts.filter((x) => absent.test(x))).toEqual([]);
    expect(sheet.blanks.map((b) => b.field.split(':')[0])).toEqual(expect.not.arrayContaining(['code', 'use', 'plan', 'desc', 'basis']));
    expect(sheet.blanks.find((b) => b.field === 'unit')).toBeUndefined();
    expect(g.cells.length).toBe(sheet.spec.bottom + 1);
  });

  test('Office.js renderer (in-memory host) and exceljs produce the same cells, merges, validations, sizes and print setup', async () => {
    for (const inputs of [{}, inputsFor(t, i)]) {
      const { fromExcelJs, fromHost } = await bothRenderers(buildTemplateSheet(t, inputs, national));
      expect(fromHost).toEqual(fromExcelJs);
      expect(Object.keys(fromHost.validations).length).toBeGreaterThan(t.rows.length * 2);
      expect(fromHost.print).toMatch(/^A4\|portrait\|w1h0\|A1:E\d+\|1:2$/);
    }
  });
});

test('national 申报表: layout, dropdowns, prompts in its own words, print setup', () => {
  const t = BUILTIN_TEMPLATES[1];
  const { spec, blanks } = buildTemplateSheet(t, {}, { layout: 'national' });
  const at = (row: number, col: number) => spec.validations!.filter((v) => v.area.top === row && v.area.left === col);
  const cell = (row: number, col: number) => spec.cells.find((c) => c.row === row && c.col === col)?.value;
  expect([cell(2, 0), cell(3, 0), cell(3, 3)]).toEqual(['项目名称', '主管部门', '实施单位']);
  expect([cell(4, 0), cell(4, 1), cell(5, 1), cell(6, 1)]).toEqual(['项目资金（万元）', '年度资金总额', '其中：财政拨款', '其他资金']);
  expect([cell(7, 0), cell(7, 1), cell(7, 3)]).toEqual(['总体目标', '中长期目标', '年度目标']);
  expect([0, 1, 2, 3, 4].map((c) => cell(9, c))).toEqual(['绩\n效\n指\n标', '一级指标', '二级指标', '三级指标', '指标值']);
  const first = 10; // indicator rows start at row 11
  const last = first + t.rows.length - 1;
  expect(spec.merges).toEqual(expect.arrayContaining([
    { top: 4, left: 0, bottom: 6, right: 0 }, // 项目资金（万元） down its three rows
    { top: 7, left: 0, bottom: 8, right: 0 }, // 总体目标 over its headers and texts
    { top: 9, left: 0, bottom: last, right: 0 }, // 绩效指标 down the whole table
    { top: first, left: 1, bottom: first + 6, right: 1 }, // 产出指标 merged over its 7 rows
  ]));
  expect([cell(last + 1, 0), cell(last + 1, 2), cell(last + 1, 4)]).toEqual(['填报人：', '联系电话：', '填报日期：']);
  expect(spec.bottom).toBe(last + 1);
  expect(at(first, 1)[0]).toMatchObject({ list: { items: LEVEL1_LIST, strict: true }, area: { bottom: first + 6 } });
  expect(at(first, 2)[0].list).toEqual({ items: LEVEL2_LIST, strict: true });
  expect(at(first, 4)[0].prompt?.message).toContain('≥1套');
  expect(at(6, 2)[0].decimal).toEqual({ min: 0 }); // 其他资金: a number, not a blank
  expect(blanks.map((b) => b.label.zh).slice(0, 8)).toEqual(['预算年度', '项目名称', '主管部门', '实施单位', '年度资金总额', '财政拨款', '中长期目标', '年度目标']);
  expect(at(3, 4)[0].prompt?.title).toBe('实施单位');
  expect(at(4, 2)[0].prompt?.message).toContain('年度资金总额');
  expect(spec.print).toMatchObject({ paper: 'A4', fitToWidth: true, titleRows: { top: 0, bottom: 1 }, area: { left: 0, right: 4, bottom: last + 1 } });
  // Hebei's is unchanged by the option's default.
  expect(buildTemplateSheet(t, {}).spec).toEqual(buildTemplateSheet(t, {}, { layout: 'hebei' }).spec);
});

test('dropdowns: 一级 and 二级 lists warn on other names, 依据 accepts any text; each list within Excel’s 255 characters', () => {
  for (const list of [LEVEL1_LIST, LEVEL2_LIST, BASIS_LIST]) expect(list.join(',').length).toBeLessThanOrEqual(255);
  const { spec } = buildTemplateSheet(BUILTIN_TEMPLATES[1], {});
  const at = (row: number, col: number) => spec.validations!.filter((v) => v.area.top === row && v.area.left === col);
  const first = 9; // indicator rows start at A10
  expect(at(first, 0)[0]).toMatchObject({ list: { items: LEVEL1_LIST, strict: true }, area: { bottom: first + 6 } }); // 产出 merged over 7 rows
  expect(at(first, 1)[0].list).toEqual({ items: LEVEL2_LIST, strict: true });
  expect(at(first, 5)[0].list).toEqual({ items: BASIS_LIST, strict: false });
  expect(at(first, 4)[0].prompt?.message).toContain('≥1套');
  expect(spec.print).toMatchObject({ paper: 'A4', fitToWidth: true, titleRows: { top: 0, bottom: 0 } });
});

describe('inserting through Office.js (in-memory host)', () => {
  const bookWithData = () => {
    const data = emptyWorkbook();
    const s = addSheet(data, '2024年专项业务工作经费');
    s.cells[cellKey(0, 0)] = { value: '项目支出绩效目标表', bold: true };
    s.merges.push({ top: 0, left: 0, bottom: 0, right: 5 });
    return data;
  };

  test('two syncs, a new active sheet named after the project, the first blank selected, existing sheets untouched', async () => {
    const data = bookWithData();
    const before = JSON.stringify(data.sheets[0]);
    const host = new ExcelHost(data);
    const t = BUILTIN_TEMPLATES[1];
    const inputs = { unit: '邢台市人民政府办公室', name: '市政府门户网站运维经费', code: code(25), budget: 25 };
    const sheet = buildTemplateSheet(t, inputs);
    const done = await host.run((c) => insertTemplateSheet(ctx(c), sheet, inputs.name));
    expect(host.syncCount).toBe(2);
    expect(done).toEqual({ name: '市政府门户网站运维经费', selected: 'B5' });
    expect(host.data.sheets.map((s) => s.name)).toEqual(['2024年专项业务工作经费', '市政府门户网站运维经费']);
    expect(host.data.activeSheet).toBe(host.sheet(done.name)!.id);
    expect(host.data.selection).toBe('市政府门户网站运维经费!B5');
    expect(JSON.stringify(host.data.sheets[0])).toBe(before);
  });

  test('sheet names follow Excel’s rules: no []:*?/\\, at most 31 characters, unique ignoring case', async () => {
    const host = new ExcelHost(bookWithData());
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[0], {});
    const long = '[2025]年度:市直机关*办公用品?采购/维修\\及综合保障服务项目经费（第一批次）';
    const a = await host.run((c) => insertTemplateSheet(ctx(c), sheet, long));
    const b = await host.run((c) => insertTemplateSheet(ctx(c), sheet, long));
    const c2 = await host.run((c) => insertTemplateSheet(ctx(c), sheet, '2024年专项业务工作经费'.toUpperCase()));
    for (const n of [a.name, b.name, c2.name]) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(b.name).not.toBe(a.name);
    expect(b.name.endsWith('(2)')).toBe(true);
    expect(c2.name).toBe('2024年专项业务工作经费(2)');
  });

  test('a failure half way leaves nothing behind and reports the error', async () => {
    const data = bookWithData();
    const state = (d: typeof data) => JSON.stringify({ ...d, nextSheetId: undefined }); // ids are never reused, as in Excel
    const before = state(data);
    // ExcelApi 1.8: data validation works, page layout (1.9) does not, so the batch fails after the sheet was added.
    const host = new ExcelHost(data, { apiVersion: 8 });
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[2], {});
    await expect(host.run((c) => insertTemplateSheet(ctx(c), sheet, '会议费'))).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(state(host.data)).toBe(before);
  });
});

test('project code as typed: partial, complete, completable from 20 characters, wrong check character', () => {
  expect(codeStatus('')).toEqual({ state: 'empty' });
  expect(codeStatus('13050022P00')).toEqual({ state: 'partial', typed: 11 });
  expect(codeStatus('13050022p00945010025')).toEqual({ state: 'completable', code: '13050022P00945010025F' });
  expect(codeStatus('13050022P00945010025F')).toEqual({ state: 'valid', code: '13050022P00945010025F' });
  expect(codeStatus('13050022P00945010025G')).toEqual({ state: 'wrongCheck', code: '13050022P00945010025G', expected: 'F' });
  expect(codeStatus('1305002XP00')).toEqual({ state: 'badShape' });
});

describe('goalsheet new / templates', () => {
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const exit = await runCli(args, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
    return { exit, out, err };
  }

  test('templates lists every built-in template, as text and JSON', async () => {
    const text = await run(['templates']);
    expect(text.exit).toBe(0);
    for (const t of BUILTIN_TEMPLATES) expect(text.out).toContain(`${t.id}`);
    expect(text.out).toContain('信息化系统运维');
    const json = await run(['templates', '--format', 'json']);
    expect(JSON.parse(json.out).map((t: { id: string }) => t.id)).toEqual(BUILTIN_TEMPLATES.map((t) => t.id));
  });

  test('new writes the sheet, completes the check character, lists the blanks; check then finds exactly those', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'new.xlsx');
    const r = await run(['new', '--template', 'printing', '--unit', '邢台市人民政府办公室', '--name', '《邢台市人民政府公报》经费', '--code', '13050022P00945010024', '--budget', '10', '-o', out]);
    expect(r.exit).toBe(0);
    expect(r.out).toContain('13050022P00945010024U');
    expect(r.out).toContain('还需填写 8 处');
    const loaded = await loadWorkbook(out);
    if ('error' in loaded) throw new Error(loaded.error);
    expect(loaded.grids[0].sheet).toBe('《邢台市人民政府公报》经费');
    const findings = await check(out);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['BUDGET-004', 'GOAL-001', 'PLAN-004', 'VAL-001', 'VAL-001', 'VAL-001']);
    // The same file again is refused without --force, and nothing is overwritten.
    const stat = await fs.stat(out);
    const again = await run(['new', '--template', 'printing', '-o', out]);
    expect(again.exit).toBe(2);
    expect(again.err).toContain('已存在');
    expect((await fs.stat(out)).mtimeMs).toBe(stat.mtimeMs);
    expect(await fs.readdir(dir)).toEqual(['new.xlsx']);
  });

  test('new --layout national: the 申报表 written, its blanks listed; check reads it as the national family, and once filled finds no error', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'national.xlsx');
    const inputs = { unit: '邢台市人民政府办公室', name: '市政府门户网站运维经费', budget: 25 };
    const r = await run(['new', '--template', 'it-ops', '--layout', 'national', '--unit', inputs.unit, '--name', inputs.name, '--budget', '25', '-o', out]);
    expect(r.exit).toBe(0);
    expect(r.out).toContain('全国通用申报表');
    const sheet = buildTemplateSheet(BUILTIN_TEMPLATES[1], inputs, { layout: 'national' });
    expect(r.out).toContain(`还需填写 ${sheet.blanks.length} 处`);
    for (const b of sheet.blanks) expect(r.out).toContain(`${b.cell.padEnd(4)} ${b.label.zh}`);

    const json = async () => {
      const c = await run(['check', out, '--format', 'json']);
      const report = JSON.parse(c.out) as { files: { forms: { layout: { family: string; forced: boolean } }[] }[]; summary: { errors: number; warnings: number } };
      return { exit: c.exit, forms: report.files[0].forms.map((f) => f.layout), summary: report.summary };
    };
    const before = await json();
    expect(before.forms).toEqual([expect.objectContaining({ family: 'national', forced: false })]);
    expect(before.exit).toBe(1); // the annual goal and two counts are still blank

    // Filled in Excel (here: exceljs), the file checks clean.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    for (const [cell, value] of fillBlanks(BUILTIN_TEMPLATES[1], sheet.blanks, FILLS['it-ops'])) wb.worksheets[0].getCell(cell).value = value;
    await wb.xlsx.writeFile(out);
    const after = await json();
    expect(after.forms).toEqual([expect.objectContaining({ family: 'national', forced: false })]);
    expect(after.summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(after.exit).toBe(0);
  });

  test('bad input gets a clear message and exit 2', async () => {
    const dir = await tempDir();
    const cases: [string[], string][] = [
      [['new', '-o', path.join(dir, 'a.xlsx')], '--template'],
      [['new', '--template', 'nope', '-o', path.join(dir, 'a.xlsx')], 'general, it-ops'],
      [['new', '--template', 'general'], '-o'],
      [['new', '--template', 'general', '--code', '13050022P00945010024X', '-o', path.join(dir, 'a.xlsx')], '应为 U'],
      [['new', '--template', 'general', '--budget', '-5', '-o', path.join(dir, 'a.xlsx')], '--budget'],
      [['new', '--template', 'general', '-o', path.join(dir, 'a.xls')], '.xlsx'],
      [['new', '--template', 'general', '--layout', 'gansu', '-o', path.join(dir, 'a.xlsx')], '--layout 只能是 hebei 或 national / --layout must be hebei or national (got "gansu")'],
      [['new', '--template', 'general', '--layout', 'national', '--code', '13050022P00945010024U', '-o', path.join(dir, 'a.xlsx')], '全国通用申报表没有项目编码'],
    ];
    for (const [args, says] of cases) {
      const r = await run(args);
      expect(r.exit).toBe(2);
      expect(r.err).toContain(says);
    }
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
