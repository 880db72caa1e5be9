/**
 * Issue 10, item 3: marks that cannot lose the user's formatting. The marks are conditional formats and notes of
 * ours; after whatever a person does between validating and clearing, clear leaves every cell they did not touch
 * as it was and every change they made.
 */
import { planMarks, SEVERITY_FILL, type CellMark } from '../../src/core/marks';
import type { Severity } from '../../src/core/rules/types';
import { getRangesLists as addressLists, clearMarks, isMarkFormula, queueSurvey, RECORD_KEY, writeMarks } from '../../src/excel/marks';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { copySheet, displayedFill, shiftRows } from '../../src/host/edits';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { cellKey, reopen, type HostWorkbookData } from '../../src/host/model';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const validate = (host: ExcelHost) => host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v))));
const clear = (host: ExcelHost) => host.run((c) => clearMarks(ctx(c), host.isSetSupported('ExcelApi', '1.18')));
const SHEET = '政务联络经费';
const sheetOf = (wb: HostWorkbookData, name = SHEET) => wb.sheets.find((s) => s.name === name)!;

test('rows inserted above a form after validating: the marks move with their cells; clear leaves the sheet as the person left it', async () => {
  const host = new ExcelHost(seedBook());
  const expected = reopen(host.data);
  await validate(host);
  expect(displayedFill(host.sheet(SHEET)!, 17, 4)).toBe(SEVERITY_FILL.error); // E18
  await host.insertRows(SHEET, 1, 3);
  shiftRows(sheetOf(expected), 0, 3, false);
  // E18 is E21 now: the mark and its note went with it; E18 is not marked.
  expect(displayedFill(host.sheet(SHEET)!, 20, 4)).toBe(SEVERITY_FILL.error);
  expect(host.sheet(SHEET)!.notes.E21).toContain('SAT-001');
  expect(host.sheet(SHEET)!.notes.E18).toBeUndefined();
  const result = await clear(host);
  expect(result.skipped).toEqual([]);
  expect(host.data).toEqual(expected);
});

test('rows deleted above and across marked cells: clear removes what is left of the marks, nothing else', async () => {
  const host = new ExcelHost(seedBook());
  const expected = reopen(host.data);
  await validate(host);
  await host.deleteRows(SHEET, 2, 5);
  shiftRows(sheetOf(expected), 1, 5, true);
  await clear(host);
  expect(host.data).toEqual(expected);
});

test('a fill and a value a person sets on a marked cell after validating stay after clear (the mark never touched the cell)', async () => {
  const host = new ExcelHost(seedBook());
  await validate(host);
  const s = host.sheet(SHEET)!;
  s.cells[cellKey(17, 4)].fill = '#FFC000';
  await host.edit(SHEET, 'E18', '≥95%');
  // The mark still shows (the finding is not re-checked until the next validation), over the person's fill.
  expect(displayedFill(s, 17, 4)).toBe(SEVERITY_FILL.error);
  await clear(host);
  expect(s.cells[cellKey(17, 4)]).toEqual(expect.objectContaining({ value: '≥95%', fill: '#FFC000' }));
  expect(displayedFill(s, 17, 4)).toBe('#FFC000');
});

test('a person\'s own note is never replaced; a note of ours a person edited is theirs: kept, and clear says so', async () => {
  const host = new ExcelHost(seedBook());
  host.sheet(SHEET)!.notes.E18 = '满意度调查另附';
  await validate(host);
  const s = host.sheet(SHEET)!;
  expect(s.notes.E18).toBe('满意度调查另附');
  const ours = Object.entries(s.notes).find(([a]) => a !== 'E18')!;
  s.notes[ours[0]] = `${ours[1]}\n已与财政局沟通`;
  await validate(host); // a second validation neither replaces nor duplicates it
  expect(s.notes[ours[0]]).toBe(`${ours[1]}\n已与财政局沟通`);
  const result = await clear(host);
  expect(result.skipped).toEqual([{ sheet: SHEET, reason: 'edited', count: 1 }]);
  expect(s.notes).toEqual({ E18: '满意度调查另附', [ours[0]]: `${ours[1]}\n已与财政局沟通` });
});

test('a marked sheet copied, and the original renamed, after validating: clear removes the marks from both and the record', async () => {
  const host = new ExcelHost(seedBook());
  const expected = reopen(host.data);
  await validate(host);
  host.copySheet(SHEET, `${SHEET} (2)`);
  copySheet(expected, SHEET, `${SHEET} (2)`);
  host.sheet(SHEET)!.name = '联络经费';
  sheetOf(expected).name = '联络经费';
  host.reopen();
  const result = await clear(host);
  expect(result.sheets).toBe(12);
  expect(host.data.settings[RECORD_KEY]).toBeUndefined();
  const noIds = (wb: HostWorkbookData) => wb.sheets.map((s) => ({ ...s, id: undefined, conditionalFormats: s.conditionalFormats?.map((f) => ({ ...f, id: undefined })) }));
  expect(noIds(host.data)).toEqual(noIds(expected));
});

test('a person\'s own conditional format on marked cells is left exactly; ours take the top priority while shown', async () => {
  const book = seedBook();
  const theirs = { id: '{cf-theirs}', type: 'Custom', formula: '=ISTEXT("重点")', fill: '#C6EFCE', areas: [{ top: 17, left: 4, bottom: 19, right: 4 }] };
  sheetOf(book).conditionalFormats = [theirs];
  const host = new ExcelHost(book);
  const expected = reopen(host.data);
  await validate(host);
  const formats = host.sheet(SHEET)!.conditionalFormats!;
  expect(formats[formats.length - 1]).toEqual(theirs);
  expect(displayedFill(host.sheet(SHEET)!, 17, 4)).toBe(SEVERITY_FILL.error);
  expect(displayedFill(host.sheet(SHEET)!, 19, 4)).toBe('#C6EFCE');
  await clear(host);
  expect(host.data).toEqual(expected);
});

test('clear takes three syncs; with nothing of ours in the workbook it says so and writes nothing', async () => {
  const host = new ExcelHost(seedBook());
  const before = reopen(host.data);
  expect(await clear(host)).toEqual({ sheets: 0, skipped: [] });
  expect(host.data).toEqual(before);
  await validate(host);
  host.syncCount = 0;
  await clear(host);
  expect(host.syncCount).toBe(3);
});

test('a record that is not ours or not JSON breaks nothing: validate and clear run; notes it cannot vouch for are kept', async () => {
  const host = new ExcelHost(seedBook());
  await validate(host);
  host.data.settings[RECORD_KEY] = '{not json';
  const result = await validate(host);
  expect(result.findings.length).toBeGreaterThan(0);
  // Our conditional formats are recognised by their rule alone: none doubled, none left by clear.
  const ours = (h: ExcelHost) => h.data.sheets.flatMap((s) => (s.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula)));
  expect(ours(host).length).toBe(new Set(planMarks(result.findings).map((m) => `${m.sheet}|${m.severity}`)).size);
  const cleared = await clear(host);
  expect(ours(host)).toEqual([]);
  expect(cleared.skipped.every((x) => x.reason === 'edited')).toBe(true);
});

test('address lists for getRanges: runs down a column joined, every list under 8,000 characters, every cell once', () => {
  const cells = Array.from({ length: 4000 }, (_, i) => `${String.fromCharCode(65 + (i % 7))}${1 + 3 * Math.floor(i / 7)}`);
  cells.push('A2', 'A3'); // A1:A4 becomes one run
  const lists = addressLists(cells);
  expect(lists.length).toBeGreaterThan(1);
  for (const l of lists) expect(l.length).toBeLessThanOrEqual(8000);
  expect(lists[0].startsWith('A1:A4,A7,')).toBe(true);
  const covered = lists.flatMap((l) => l.split(',')).flatMap((a) => {
    const [from, to = from] = a.split(':');
    const col = from[0];
    const out: string[] = [];
    for (let r = Number(from.slice(1)); r <= Number(to.slice(1)); r++) out.push(`${col}${r}`);
    return out;
  });
  expect(covered.sort()).toEqual([...new Set(cells)].sort());
});

/** Write `marks` on SHEET through the adapter's own path (survey, then writeMarks), as validate does. */
function writeOnSheet(host: ExcelHost, marks: CellMark[], notes: boolean): Promise<unknown> {
  return host.run(async (c) => {
    const survey = queueSurvey(ctx(c), notes);
    const sheets = ctx(c).workbook.worksheets;
    sheets.load('items/name');
    await c.sync();
    const ws = sheets.items.find((x) => x.name === SHEET)!;
    const located = survey([{ name: SHEET, id: '', sheet: ws }]);
    await c.sync();
    return writeMarks(ctx(c), marks, located(undefined), undefined, new Map([[SHEET, { sheetId: '', sheet: ws, name: SHEET }]]), notes);
  });
}

/** Marks on every other cell of column H: no two make a run, so the address lists are as long as they get. */
const spread = (n: number, severity: Severity) =>
  Array.from({ length: n }, (_, i): CellMark => ({ sheet: SHEET, cell: `H${2 * i + 1}`, severity, text: `【提示】VAL-011 第 ${i} 条`, ruleIds: ['VAL-011'] }));

test('thousands of marked cells on one sheet: the formats are split under getRanges\' limit and every cell shows its mark', async () => {
  const host = new ExcelHost(seedBook());
  // 2,400 cells apart from each other: one address list would be over 14,000 characters.
  const marks = spread(2400, 'warning');
  await writeOnSheet(host, marks, false);
  const ours = (host.sheet(SHEET)!.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula));
  expect(ours.length).toBeGreaterThan(1);
  for (const m of marks) expect(displayedFill(host.sheet(SHEET)!, Number(m.cell.slice(1)) - 1, 7)).toBe(SEVERITY_FILL.warning);
  expect(displayedFill(host.sheet(SHEET)!, 1, 7)).toBeUndefined();
});

test('a write cut short between batches (Excel enters cell-edit mode): the record was written first, so a later clear removes every mark', async () => {
  const host = new ExcelHost(seedBook());
  const before = reopen(host.data);
  // After the first batch of marks is written (the survey took two syncs), a person starts typing in a cell:
  // every later sync fails.
  const stop = host.subscribe(() => {
    if (host.syncCount >= 3) host.editing = true;
  });
  await expect(writeOnSheet(host, spread(1500, 'info'), true)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  stop();
  // Half written: some notes are there.
  expect(Object.keys(host.sheet(SHEET)!.notes).length).toBeGreaterThan(0);
  host.editing = false;
  const result = await clear(host);
  expect(result.skipped).toEqual([]);
  expect(host.data).toEqual(before);
});
