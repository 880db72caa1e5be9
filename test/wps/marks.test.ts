/**
 * The WPS adapter through the in-memory ET host (issue 13): what the Excel adapter's tests prove — validate →
 * marks → clear exactly, a person's comments and edits never lost, protected sheets, fixes, settings kept in the
 * workbook, live edits — proved again over the ET object model, under every undocumented-behaviour fixture.
 */
import { dismissalOf } from '../../src/core/dismissals';
import { SEVERITY_FILL, isMarkFormula } from '../../src/core/marks';
import { RECORD_KEY } from '../../src/core/markRecord';
import { OPTIONS_KEY } from '../../src/core/options';
import { hostSupport, validateWorkbook as validateExcel } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { displayedFill } from '../../src/host/edits';
import { EtHost, type EtFixtures } from '../../src/host/et';
import { cellKey, reopen, type HostWorkbookData } from '../../src/host/model';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { readSettings, SETTINGS_SHEET } from '../../src/wps/settings';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const key = (f: { sheet: string; cell: string; ruleId: string }) => `${f.sheet}!${f.cell} ${f.ruleId}`;
/** The workbook as a person sees it: the host's sheet-id counter is no part of it. */
const seen = (data: HostWorkbookData) => ({ ...data, nextSheetId: 0 });
const ours = (data: HostWorkbookData) => data.sheets.flatMap((s) => (s.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula)).map(() => s.name));

const FIXTURES: [string, Partial<EtFixtures>][] = [
  ['documented defaults', {}],
  ['flat Value2, null empties, methods', { value2: 'flat', empty: null, methods: true }],
  ['own writes raise SheetChange at once', { ownWrites: 'sync', empty: '' }],
  ['own writes raise SheetChange later', { ownWrites: 'later' }],
];

describe.each(FIXTURES)('WPS marks (%s)', (_, fixtures) => {
  test('validate: the Excel adapter\'s findings, each cell marked by a conditional format of ours and a comment; clear: every cell as before, no settings sheet left', async () => {
    const excel = new ExcelHost(seedBook());
    const expected = await excel.run((c) => validateExcel(ctx(c), 'all', {}, hostSupport((n, v) => excel.isSetSupported(n, v))));
    const host = new EtHost(seedBook(), fixtures);
    const before = reopen(host.data);
    const pane = wpsPaneHost(host.app);
    const result = await pane.validate('all', {});
    expect(result.findings.map(key)).toEqual(expected.findings.map(key));
    const sheet = host.data.sheets.find((s) => s.name === '政务联络经费')!;
    expect(displayedFill(sheet, 17, 4)).toBe(SEVERITY_FILL.error); // E18: satisfaction "2"
    expect(sheet.cells[cellKey(17, 4)].fill).toBeUndefined();
    expect(sheet.notes.E18).toMatch(/^【错误】SAT-001 /);
    // The same notes as Excel wrote, cell for cell.
    for (const s of host.data.sheets.filter((x) => x.visibility !== 'VeryHidden')) expect(s.notes).toEqual(excel.sheet(s.name)!.notes);
    // Our formats come first, over anything a person set.
    for (const s of host.data.sheets) for (const f of s.conditionalFormats ?? []) expect(isMarkFormula(f.formula)).toBe(true);
    // The record sits on the very hidden settings sheet; the person's active sheet is unchanged.
    const settings = host.data.sheets.find((s) => s.name === SETTINGS_SHEET)!;
    expect(settings.visibility).toBe('VeryHidden');
    expect(readSettings(host.app).get(RECORD_KEY)).toMatchObject({ present: true });
    expect(host.data.activeSheet).toBe(before.activeSheet);
    host.flush();

    const cleared = await pane.clear();
    expect(cleared).toEqual({ sheets: host.data.sheets.length, skipped: [] });
    expect(seen(host.data)).toEqual(seen(before));
  });

  test('validate, save and reopen, validate again, clear: every cell as before', async () => {
    const host = new EtHost(seedBook(), fixtures);
    const before = reopen(host.data);
    await wpsPaneHost(host.app).validate('all', {});
    const again = host.reopen();
    await wpsPaneHost(again.app).validate('all', {});
    await wpsPaneHost(again.app).validate('all', {});
    expect(ours(again.data).length).toBe(ours(host.data).length);
    await wpsPaneHost(again.app).clear();
    expect(seen(again.data)).toEqual(seen(before));
  });
});

test('a person\'s comment is never replaced; a comment of ours a person edited is theirs: kept by clear and named', async () => {
  const host = new EtHost(seedBook());
  const sheet = host.data.sheets.find((s) => s.name === '政务联络经费')!;
  sheet.notes.E18 = '张三：满意度待定';
  const pane = wpsPaneHost(host.app);
  await pane.validate('all', {});
  expect(sheet.notes.E18).toBe('张三：满意度待定');
  expect(displayedFill(sheet, 17, 4)).toBe(SEVERITY_FILL.error);
  const [cell, text] = Object.entries(sheet.notes).find(([c, t]) => c !== 'E18' && t.startsWith('【'))!;
  sheet.notes[cell] = `${text}\n已核实，无需修改`;
  const person = reopen(host.data);
  const result = await pane.clear();
  expect(result.skipped).toEqual([{ sheet: sheet.name, reason: 'edited', count: 1 }]);
  expect(sheet.notes[cell]).toBe(`${text}\n已核实，无需修改`);
  expect(sheet.notes.E18).toBe('张三：满意度待定');
  expect(ours(host.data)).toEqual([]);
  // The record stays (empty) so the edited comment is not taken for ours by its text; validate again keeps it too.
  await pane.validate('all', {});
  expect(sheet.notes[cell]).toBe(`${text}\n已核实，无需修改`);
  await pane.clear();
  const seed = seedBook();
  for (const s of host.data.sheets.filter((x) => x.name !== SETTINGS_SHEET)) {
    const original = seed.sheets.find((x) => x.name === s.name)!;
    expect(s.cells).toEqual(original.cells);
    expect(s.conditionalFormats).toBeUndefined();
    expect(s.notes).toEqual(s === sheet ? { E18: '张三：满意度待定', [cell]: `${text}\n已核实，无需修改` } : {});
  }
  expect(person.sheets.length).toBe(host.data.sheets.length);
});

test('rows a person inserts above a form after validating: the marks move with their cells; clear leaves the sheet as the person left it', async () => {
  const host = new EtHost(seedBook());
  const pane = wpsPaneHost(host.app);
  await pane.validate('all', {});
  host.shiftRows('政务联络经费', 0, 3, false);
  const sheet = host.data.sheets.find((s) => s.name === '政务联络经费')!;
  expect(displayedFill(sheet, 20, 4)).toBe(SEVERITY_FILL.error);
  expect(sheet.notes.E21).toMatch(/SAT-001/);
  const expected = reopen(seedBook());
  const { shiftRows } = await import('../../src/host/edits');
  shiftRows(expected.sheets.find((s) => s.name === '政务联络经费')!, 0, 3, false);
  await pane.clear();
  expect(host.data.sheets).toEqual(expected.sheets);
});

test('a protected sheet: its findings listed and named, nothing written there; clear skips it and a later clear finishes', async () => {
  const host = new EtHost(seedBook());
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  await pane.validate('all', {});
  const sheet = host.data.sheets.find((s) => s.name === '政务联络经费')!;
  sheet.protected = true;
  const result = await pane.clear();
  expect(result.skipped).toEqual([{ sheet: sheet.name, reason: 'protected' }]);
  expect(displayedFill(sheet, 17, 4)).toBe(SEVERITY_FILL.error);
  sheet.protected = false;
  await pane.clear();
  expect(seen(host.data)).toEqual(seen(before));

  sheet.protected = true;
  const again = await pane.validate('all', {});
  expect(again.protectedSheets).toEqual([sheet.name]);
  expect(ours(host.data)).not.toContain(sheet.name);
  expect(sheet.notes).toEqual(before.sheets.find((s) => s.name === sheet.name)!.notes);
});

test('without FormatConditions in this WPS (docs/wps.md §6, 9): marks are comments only, and clear is still exact', async () => {
  const host = new EtHost(seedBook(), { formatConditions: false });
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  await pane.validate('all', {});
  expect(host.data.sheets.find((s) => s.name === '政务联络经费')!.notes.E18).toMatch(/SAT-001/);
  expect(ours(host.data)).toEqual([]);
  await pane.clear();
  expect(seen(host.data)).toEqual(seen(before));
});

test('a write failing halfway (a comment WPS refuses): no mark of ours is left, and the error is explained', async () => {
  const host = new EtHost(seedBook());
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  const proto = Object.getPrototypeOf(host.app.ActiveWorkbook.Worksheets.Item(1).Range('A1'));
  const add = proto.AddComment;
  let n = 0;
  proto.AddComment = function (this: unknown, text: string) {
    if (++n === 5) throw new Error('WPS refused');
    return add.call(this, text);
  };
  try {
    const failure = await pane.validate('all', {}).catch((e: unknown) => e);
    expect(pane.explainError(failure)[0]).toMatch(/^操作未完成/);
  } finally {
    proto.AddComment = add;
  }
  expect(seen(host.data)).toEqual(seen(before));
});

test('fixes: written as text WPS keeps (no formula, no number); re-validating finds the finding gone', async () => {
  const host = new EtHost(seedBook());
  const pane = wpsPaneHost(host.app);
  const result = await pane.validate('all', {});
  const fixable = result.findings.filter((f) => f.fix);
  expect(fixable.length).toBeGreaterThan(0);
  expect(await pane.applyFixes(fixable)).toBe(fixable.length);
  for (const f of fixable) {
    const cell = host.data.sheets.find((s) => s.name === f.sheet)!.cells[cellKey(...(rc(f.fix!.cell)))];
    expect(cell.value).toBe(f.fix!.newValue);
  }
  const after = await pane.validate('all', {});
  for (const f of fixable) expect(after.findings.map(key)).not.toContain(key(f));
});

test('fixes on a protected sheet: nothing written, the reason named', async () => {
  const host = new EtHost(seedBook());
  const pane = wpsPaneHost(host.app);
  const result = await pane.validate('all', {});
  const fixable = result.findings.filter((f) => f.fix);
  host.data.sheets.find((s) => s.name === fixable[fixable.length - 1].sheet)!.protected = true;
  const before = reopen(host.data);
  const failure = await pane.applyFixes(fixable).catch((e: unknown) => e);
  expect(pane.explainError(failure)[0]).toMatch(/受保护/);
  expect(seen(host.data)).toEqual(seen(before));
});

function rc(a1: string): [number, number] {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return [Number(m[2]) - 1, [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1];
}

test('rule settings and dismissals are kept in the workbook (the settings sheet): saved, read after reopening, removed without a trace', async () => {
  const host = new EtHost(seedBook());
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  await pane.saveOptions({ satisfactionMin: 90 });
  const again = host.reopen();
  const pane2 = wpsPaneHost(again.app);
  expect((await pane2.loadOptions()).options).toEqual({ satisfactionMin: 90 });
  expect(readSettings(again.app).has(OPTIONS_KEY)).toBe(true);
  const result = await pane2.validate('all', {});
  const finding = result.findings.find((f) => f.ruleId === 'NAME-001' || f.severity === 'error')!;
  await pane2.updateDismissals([dismissalOf(finding, '已与财政局确认')!], []);
  const third = await pane2.validate('all', {});
  expect(third.findings.find((f) => key(f) === key(finding))?.dismissed).toBeTruthy();
  await pane2.updateDismissals([], [finding]);
  await pane2.saveOptions(undefined);
  await pane2.clear();
  expect(again.data.sheets).toEqual(before.sheets);
});

test('a sheet of the person\'s named like the settings sheet is never overwritten: the reason is named', async () => {
  const host = new EtHost(seedBook());
  host.app.ActiveWorkbook.Worksheets.Add().Name = SETTINGS_SHEET;
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  const failure = await pane.saveOptions({}).catch((e: unknown) => e);
  expect(pane.explainError(failure)[0]).toMatch(/goalsheet\.settings/);
  expect(seen(host.data)).toEqual(seen(before));
});

test('select: a visible sheet is activated and the cell selected; a hidden one is named, not activated', async () => {
  const host = new EtHost(seedBook());
  const pane = wpsPaneHost(host.app);
  const [a, b] = host.data.sheets;
  expect(await pane.select(b.name, 'E18')).toBe('selected');
  expect(host.activeSheetName).toBe(b.name);
  expect(host.selection).toBe(`${b.name}!E18`);
  a.visibility = 'Hidden';
  expect(await pane.select(a.name, 'B3')).toBe('hidden');
  expect(host.activeSheetName).toBe(b.name);
});

describe.each<[string, EtFixtures['ownWrites']]>([
  ['never', 'none'],
  ['at once', 'sync'],
  ['later', 'later'],
])('live edits when own writes raise SheetChange %s', (_, ownWrites) => {
  test('a person\'s edit on a watched sheet is heard once; the add-in\'s own marks and fixes are not', async () => {
    const host = new EtHost(seedBook(), { ownWrites });
    const pane = wpsPaneHost(host.app);
    const heard: string[] = [];
    const result = await pane.validate('all', {});
    const stop = await pane.watch(result.sheets.map((s) => s.name), (s) => heard.push(s));
    await pane.validate('all', {});
    const fixable = result.findings.filter((f) => f.fix).slice(0, 1);
    await pane.applyFixes(fixable);
    await pane.validate({ sheet: fixable[0].sheet }, {});
    host.flush();
    expect(heard).toEqual([]);
    host.type('政务联络经费', 'E18', '95%');
    expect(heard).toEqual(['政务联络经费']);
    await stop();
    host.type('政务联络经费', 'E18', '90%');
    expect(heard).toEqual(['政务联络经费']);
  });
});

test('a workbook whose structure is protected (保护工作簿): marks are written and cleared without the settings sheet; saving a setting says why it cannot', async () => {
  const host = new EtHost(seedBook());
  host.data.structureProtected = true;
  const before = reopen(host.data);
  const pane = wpsPaneHost(host.app);
  await pane.validate('all', {});
  expect(host.data.sheets.some((s) => s.name === SETTINGS_SHEET)).toBe(false);
  expect(host.data.sheets.find((s) => s.name === '政务联络经费')!.notes.E18).toMatch(/SAT-001/);
  await pane.clear();
  expect(seen(host.data)).toEqual(seen(before));
  const failure = await pane.saveOptions({ satisfactionMin: 90 }).catch((e: unknown) => e);
  expect(pane.explainError(failure)[0]).toMatch(/工作簿结构受保护/);
  expect(seen(host.data)).toEqual(seen(before));
});
