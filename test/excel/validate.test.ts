/** The Excel adapter against the in-memory host: read, validate, mark, clear — with Office.js semantics and counted syncs. */
import fc from 'fast-check';
import { checkWorkbooks } from '../../src/core/engine';
import { layoutForm } from '../../src/core/layout';
import { planMarks, SEVERITY_FILL } from '../../src/core/marks';
import { clearMarks, isMarkFormula } from '../../src/excel/marks';
import { displayedFill } from '../../src/host/edits';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { queueSheetList, readSheetData } from '../../src/excel/read';
import { splitAddresses } from '../../src/core/address';
import { applyFixes, explainError } from '../../src/excel/actions';
import { ExcelHost, HostError, type RequestContext } from '../../src/host/excel';
import { workbookFromSpecs } from '../../src/host/fromSpec';
import { addSheet, cellKey, reopen, type HostWorkbookData } from '../../src/host/model';
import { cleanForm, clone, SEED, specToGrid } from '../helpers/forms';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

async function validate(host: ExcelHost, scope: 'all' | 'active' = 'all') {
  return host.run((c) => validateWorkbook(ctx(c), scope, {}, hostSupport((n, v) => host.isSetSupported(n, v))));
}
async function clear(host: ExcelHost) {
  return host.run((c) => clearMarks(ctx(c), host.isSetSupported('ExcelApi', '1.18')));
}
/** The fill Excel shows at a cell of a sheet: the marks are conditional formats over the cell's own fill. */
const shown = (host: ExcelHost, sheet: string, row: number, col: number) => displayedFill(host.sheet(sheet)!, row, col);
/** Our conditional formats, without their ids. */
const ourFormats = (host: ExcelHost) => host.data.sheets.map((s) => [s.name, (s.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula)).map((f) => ({ ...f, id: undefined }))]);
/** The workbook with sheets keyed by name: ids change when a file is reopened. */
const byName = (wb: HostWorkbookData) => ({ ...wb, activeSheet: wb.sheets.find((s) => s.id === wb.activeSheet)?.name, sheets: wb.sheets.map((s) => ({ ...s, id: s.name })) });

test('the seed workbook: the same findings as the engine, marked on their cells with notes, in 4 syncs', async () => {
  const host = new ExcelHost(seedBook());
  const result = await validate(host);
  const engine = checkWorkbooks([{ name: 'workbook', grids: SEED.forms.map((f) => specToGrid(layoutForm(f), f.name)) }]);
  expect(result.findings.map((f) => `${f.sheet}!${f.cell} ${f.ruleId}`)).toEqual(engine.results[0].findings.map((f) => `${f.sheet}!${f.cell} ${f.ruleId}`));
  // The sheet list, the record and every note; every sheet's size (checked before anything is read) with our
  // conditional formats and where the notes are; every sheet's data; the marks.
  expect(host.syncCount).toBe(4);
  const sheet = host.sheet('政务联络经费')!;
  expect(shown(host, '政务联络经费', 17, 4)).toBe(SEVERITY_FILL.error); // E18: satisfaction "2"
  expect(sheet.cells[cellKey(17, 4)].fill).toBeUndefined(); // the cell's own fill is not touched
  expect(sheet.notes.E18).toContain('SAT-001');
  expect(shown(host, '专项业务工作经费', 6, 1)).toBe(SEVERITY_FILL.info); // B7: PLAN-004
  // One conditional format per severity per sheet, recognisable by its rule.
  for (const s of host.data.sheets) {
    const ours = (s.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula));
    // A cell shows its worst finding: the severities of the cells' marks.
    expect(ours.length).toBe(new Set(planMarks(result.findings).filter((m) => m.sheet === s.name).map((m) => m.severity)).size);
  }
});

test('syncs are the same for 1, 10 and 100 form sheets', async () => {
  const counts: number[] = [];
  for (const n of [1, 10, 100]) {
    const host = new ExcelHost(workbookFromSpecs(Array.from({ length: n }, (_, i) => ({ name: `表${i + 1}`, specs: [layoutForm(SEED.forms[i % 11])] }))));
    await validate(host);
    counts.push(host.syncCount);
  }
  expect(counts).toEqual([4, 4, 4]);
});

test('validation never changes a cell (value, fill, format) nor a person\'s note; clear is exact, also after save and reopen', async () => {
  const host = new ExcelHost(seedBook());
  // A cell with its own fill and note among the marked ones.
  const s = host.sheet('政务联络经费')!;
  s.cells[cellKey(17, 4)].fill = '#00B050';
  s.notes.E18 = '原有注释';
  const before = reopen(host.data);
  const result = await validate(host);
  for (const sheet of host.data.sheets) expect(sheet.cells).toEqual(before.sheets.find((x) => x.id === sheet.id)!.cells);
  // The mark shows over the cell's own fill; the person's note stays as it was, the explanation is in the pane.
  expect(shown(host, '政务联络经费', 17, 4)).toBe(SEVERITY_FILL.error);
  expect(s.notes.E18).toBe('原有注释');
  expect(result.findings.some((f) => f.sheet === '政务联络经费' && f.cell === 'E18' && f.ruleId === 'SAT-001')).toBe(true);
  host.reopen();
  // Excel gives the sheets new ids on reopening: the marks are still found, by name, and cleared.
  expect(host.data.sheets[0].id).not.toBe(before.sheets[0].id);
  await clear(host);
  expect(byName(host.data)).toEqual(byName(before));
});

test('a new validation clears the previous marks first', async () => {
  const host = new ExcelHost(seedBook());
  const before = reopen(host.data);
  await validate(host);
  const first = ourFormats(host);
  await host.edit('政务联络经费', 'E18', '≥90%');
  await validate(host);
  expect(shown(host, '政务联络经费', 17, 4)).toBeUndefined();
  expect(host.sheet('政务联络经费')!.notes.E18).toBeUndefined();
  // Replaced, not added to: still one format per severity, the other sheets' as they were.
  expect(ourFormats(host).filter(([n]) => n !== '政务联络经费')).toEqual(first.filter(([n]) => n !== '政务联络经费'));
  await clear(host);
  const after = reopen(host.data);
  after.sheets.find((x) => x.name === '政务联络经费')!.cells[cellKey(17, 4)].value = '2';
  expect(after).toEqual(before);
});

test('a protected sheet: findings reported, nothing written there, a clear list of it', async () => {
  const host = new ExcelHost(seedBook());
  host.sheet('政务联络经费')!.protected = true;
  const before = reopen(host.data);
  const result = await validate(host);
  expect(result.protectedSheets).toEqual(['政务联络经费']);
  expect(result.findings.some((f) => f.sheet === '政务联络经费')).toBe(true);
  expect(host.sheet('政务联络经费')).toEqual(before.sheets.find((x) => x.name === '政务联络经费'));
  await clear(host);
  expect({ ...host.data, settings: {} }).toEqual({ ...before, settings: {} });
});

test('Excel in cell-edit mode: the run fails with its code and the workbook is untouched', async () => {
  const host = new ExcelHost(seedBook());
  const before = reopen(host.data);
  host.editing = true;
  await expect(validate(host)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  expect(host.data).toEqual(before);
});

test('a workbook too large for one request is read in chunks, with the same findings', async () => {
  const big = new ExcelHost(seedBook(), { payloadLimit: 20_000 });
  const normal = new ExcelHost(seedBook());
  const [a, b] = [await validate(big), await validate(normal)];
  expect(a.findings).toEqual(b.findings);
  expect(big.syncCount).toBeGreaterThan(4);
});

test('hosts without ExcelApi 1.13/1.18 are not asked for merges or notes', async () => {
  const host = new ExcelHost(seedBook(), { apiVersion: 12 });
  const result = await validate(host);
  expect(result.findings.length).toBeGreaterThan(0);
  expect(host.data.sheets.every((s) => Object.keys(s.notes).length === 0)).toBe(true);
});

test('the host honours Office.js: properties unreadable until loaded and synced', async () => {
  const host = new ExcelHost(seedBook());
  await host.run(async (c) => {
    const sheets = c.workbook.worksheets;
    expect(() => sheets.items).toThrow(HostError);
    sheets.load('items/name');
    expect(() => sheets.items).toThrow(/not available/);
    await c.sync();
    expect(sheets.items).toHaveLength(11);
    const r = sheets.items[0].getRange('A1');
    r.load('values');
    await c.sync();
    expect(() => r.text).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    c.workbook.worksheets.getItem('没有这张表').load('name');
    await expect(c.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});

// Random sheets with random fills, number formats, values and merges: validate then clear leaves everything as it was.
const sheetArb = fc.record({
  form: fc.boolean(),
  fills: fc.array(fc.tuple(fc.nat(25), fc.nat(7), fc.constantFrom('#FF0000', '#FFFF00', '#D9E1F2')), { maxLength: 20 }),
  formats: fc.array(fc.tuple(fc.nat(25), fc.nat(7), fc.constantFrom('0%', '0.00', '@', 'yyyy-mm-dd')), { maxLength: 10 }),
  values: fc.array(fc.tuple(fc.nat(25), fc.nat(7), fc.oneof(fc.string({ maxLength: 5 }), fc.integer())), { maxLength: 10 }),
  merges: fc.array(fc.tuple(fc.integer({ min: 26, max: 40 }), fc.nat(5), fc.nat(2), fc.nat(2)), { maxLength: 3 }),
});

test('property: validate → clear restores every cell, format and merge', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(sheetArb, { minLength: 1, maxLength: 4 }), async (sheets) => {
      const data: HostWorkbookData = workbookFromSpecs([]);
      sheets.forEach((s, i) => {
        const sheet = addSheet(data, `S${i}`);
        if (s.form) {
          const spec = layoutForm(clone(cleanForm()));
          for (const c of spec.cells) if (c.value !== null) sheet.cells[cellKey(c.row, c.col)] = { value: c.value };
          sheet.merges.push(...spec.merges);
        }
        for (const [r, c, v] of s.values) sheet.cells[cellKey(r, c)] = { ...sheet.cells[cellKey(r, c)], value: v };
        for (const [r, c, f] of s.fills) sheet.cells[cellKey(r, c)] = { ...sheet.cells[cellKey(r, c)], fill: f };
        for (const [r, c, f] of s.formats) sheet.cells[cellKey(r, c)] = { ...sheet.cells[cellKey(r, c)], numberFormat: f };
        for (const [r, c, h, w] of s.merges) sheet.merges.push({ top: r, left: c, bottom: r + h, right: c + w });
      });
      const host = new ExcelHost(data);
      const before = reopen(host.data);
      await validate(host);
      await clear(host);
      expect(host.data).toEqual(before);
    }),
    { numRuns: 40 },
  );
});

test('validating one sheet keeps the marks on the others', async () => {
  const host = new ExcelHost(seedBook());
  const before = reopen(host.data);
  await validate(host);
  const marksElsewhere = host.sheet('市长热线经费')!.notes;
  const formatsElsewhere = host.sheet('市长热线经费')!.conditionalFormats;
  await host.edit('政务联络经费', 'E18', '≥90%');
  const result = await host.run((c) => validateWorkbook(ctx(c), { sheet: '政务联络经费' }, {}, hostSupport((n, v) => host.isSetSupported(n, v))));
  expect(result.findings.every((f) => f.sheet === '政务联络经费')).toBe(true);
  expect(host.sheet('市长热线经费')!.notes).toEqual(marksElsewhere);
  expect(host.sheet('市长热线经费')!.conditionalFormats).toEqual(formatsElsewhere);
  expect(host.sheet('政务联络经费')!.notes.E18).toBeUndefined();
  await clear(host);
  const after = reopen(host.data);
  after.sheets.find((x) => x.name === '政务联络经费')!.cells[cellKey(17, 4)].value = '2';
  expect(after).toEqual(before);
});

describe('the library as well as the host (OFFICE_JS=local: Excel reports ExcelApi 1.18, the packaged Office.js has no notes API)', () => {
  // Worksheet.notes is ExcelApi 1.18 (learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-notes-member);
  // @microsoft/office-js's dist/excel-win32-16.01.js defines Excel.RangeAreas but no Excel.NoteCollection, so there
  // `worksheet.notes` is undefined although isSetSupported('ExcelApi', '1.18') is true.
  test('the host imitates it: the set is reported, the property is missing', async () => {
    const host = new ExcelHost(seedBook(), { missingApis: ['NoteCollection'] });
    expect(host.isSetSupported('ExcelApi', '1.18')).toBe(true);
    await host.run(async (c) => expect(c.workbook.worksheets.getItem('政务联络经费').notes).toBeUndefined());
  });

  test('hostSupport gates notes on the library: validate marks without notes', async () => {
    const host = new ExcelHost(seedBook(), { missingApis: ['NoteCollection'] });
    const support = hostSupport((n, v) => host.isSetSupported(n, v), (n) => host.hasApi(n));
    expect(support).toEqual({ merges: true, notes: false });
    const result = await host.run((c) => validateWorkbook(ctx(c), 'all', {}, support));
    expect(result.findings.length).toBeGreaterThan(0);
    expect(host.data.sheets.every((s) => Object.keys(s.notes).length === 0)).toBe(true);
  });
});

test('merged areas on a sheet whose name holds commas are read whole (Office.js returns "\'表,B2,一\'!A1:F1,\'表,B2,一\'!…")', async () => {
  // Split at every comma, "B2" between two commas of the name reads as a merged area of its own.
  const book = workbookFromSpecs([{ name: '表,B2,一', specs: [layoutForm(SEED.forms[0])] }]);
  const host = new ExcelHost(book);
  const [read] = await host.run(async (c) => {
    const list = queueSheetList(ctx(c));
    await c.sync();
    return readSheetData(ctx(c), list().all, true);
  });
  expect(read.grid!.merges).toEqual(layoutForm(SEED.forms[0]).merges);
  const result = await validate(host);
  expect(result.sheets).toEqual([expect.objectContaining({ name: '表,B2,一', status: 'checked', forms: 1 })]);
  // Read whole, the merged 一级 labels keep the form clean of IND-001 (a split address loses every merge).
  expect(result.findings.filter((f) => f.ruleId === 'IND-001')).toEqual([]);
  expect(result.findings.map((f) => f.ruleId).sort()).toEqual(checkWorkbooks([{ name: 'workbook', grids: [specToGrid(layoutForm(SEED.forms[0]), '表,B2,一')] }]).results[0].findings.map((f) => f.ruleId).sort());
});

test('splitAddresses splits a list only outside quoted sheet names (quotes doubled inside)', () => {
  expect(splitAddresses("'a,b'!A1:B2, 'it''s,x'!C3,D4:E5")).toEqual(["'a,b'!A1:B2", "'it''s,x'!C3", 'D4:E5']);
});

describe('fixes are written so Excel stores the intended value (the host reads written strings as typed input)', () => {
  test('the host: "=", "+x", "-x" are formulas, "100%" and "12" numbers, a quote prefix or a Text cell keeps text', async () => {
    const book = workbookFromSpecs([{ name: 'S', specs: [] }]);
    const host = new ExcelHost(book);
    await host.run(async (c) => {
      c.workbook.worksheets.getItem('S').getRange('A1:F1').values = [['-培训人次', '100%', '12', "'100%", '=abc', '≥90%']];
      await c.sync();
    });
    const cells = host.sheet('S')!.cells;
    expect([0, 1, 2, 3, 4, 5].map((col) => cells[cellKey(0, col)].error ?? cells[cellKey(0, col)].value)).toEqual(['#NAME?', 1, 12, '100%', '#NAME?', '≥90%']);
    expect(cells[cellKey(0, 1)].numberFormat).toBe('0%');
  });

  test('applyFixes: a space fix that starts with "-" stays text, a year-end "100%" written as text stays text', async () => {
    const f = clone(cleanForm());
    f.indicators.find((i) => i.l3 === '故障响应时间')!.l3 = '-故障 响应时间';
    f.plan['12月底'] = null;
    const host = new ExcelHost(workbookFromSpecs([{ name: '表', specs: [layoutForm(f)] }]));
    // The year-end plan cell typed as text, as units often do.
    host.sheet('表')!.cells[cellKey(6, 4)] = { value: '90%' };
    const result = await validate(host);
    const fixes = result.findings.filter((x) => x.fix && (x.ruleId === 'VAL-009' || x.ruleId === 'PLAN-003'));
    expect(fixes.map((x) => [x.ruleId, x.fix!.newValue])).toEqual(expect.arrayContaining([['VAL-009', '-故障响应时间'], ['PLAN-003', '100%']]));
    await host.run((c) => applyFixes(ctx(c), fixes));
    const cells = host.sheet('表')!.cells;
    const l3 = Object.values(cells).find((c) => c.value === '-故障响应时间');
    expect(l3).toBeDefined();
    expect(cells[cellKey(6, 4)].value).toBe('100%');
  });
});

describe('Excel on the web\'s limits (issue 10, item 5)', () => {
  // "Resource limits and performance optimization for Office Add-ins": requests and responses of Excel on the
  // web are limited to 5 MB each; the codes are RequestPayloadSizeLimitExceeded and ResponsePayloadSizeLimitExceeded.
  test('the host: a request over the limit is refused whole, nothing applied; a response over it has its own code', async () => {
    const host = new ExcelHost(seedBook(), { payloadLimit: 10_000 });
    const before = reopen(host.data);
    await expect(host.run(async (c) => {
      c.workbook.worksheets.getItem('政务联络经费').getRange('A30').values = [['x'.repeat(20_000)]];
      await c.sync();
    })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(host.data).toEqual(before);
    const small = new ExcelHost(seedBook(), { payloadLimit: 2_000 });
    await expect(small.run(async (c) => {
      const r = c.workbook.worksheets.getItem('政务联络经费').getRange('A1:F21');
      r.load('values,text,numberFormat');
      await c.sync();
    })).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('the host: over 5 million cells, values come back null', async () => {
    const host = new ExcelHost(seedBook());
    const values = await host.run(async (c) => {
      const r = c.workbook.worksheets.getItem('政务联络经费').getRange('A1:Z200000');
      r.load('values');
      await c.sync();
      return r.values;
    });
    expect(values).toBeNull();
  });

  test('one stray far-away cell costs its sheet only: refused with a reason, every other sheet checked', async () => {
    const book = seedBook();
    book.sheets[1].cells[cellKey(1_048_575, 16_383)] = { value: '备注' };
    const host = new ExcelHost(book);
    const result = await validate(host);
    expect(result.refused.map((r) => r.sheet)).toEqual([book.sheets[1].name]);
    expect(result.refused[0].reason[0]).toMatch(/已用区域有 1048576 行 × 16384 列/);
    expect(result.sheets.filter((s) => s.status === 'checked')).toHaveLength(10);
  });

  test('thousands of marks are written in batches under the request limit, the same marks as in one', async () => {
    const small = new ExcelHost(seedBook(), { requestLimit: 12_000 });
    const normal = new ExcelHost(seedBook());
    const [a, b] = [await validate(small), await validate(normal)];
    expect(a.findings).toEqual(b.findings);
    expect(small.data.sheets.map((s) => [s.name, s.notes, s.conditionalFormats])).toEqual(normal.data.sheets.map((s) => [s.name, s.notes, s.conditionalFormats]));
    // Some batches were refused and sent again in halves.
    expect(small.requestBytes.some((n) => n > 12_000)).toBe(true);
    expect(small.syncCount).toBeGreaterThan(normal.syncCount);
  });
});

test('a marked cell with a threaded comment: marked, no note (the comment holds its note slot), the comment kept; clear leaves it', async () => {
  const book = seedBook();
  const sheet = book.sheets.find((s) => s.name === '政务联络经费')!;
  sheet.comments = { E18: '请核实满意度口径（张三）' };
  const host = new ExcelHost(book);
  const result = await validate(host);
  expect(result.findings.some((f) => f.sheet === '政务联络经费' && f.cell === 'E18')).toBe(true);
  const s = host.sheet('政务联络经费')!;
  expect(shown(host, '政务联络经费', 17, 4)).toBe(SEVERITY_FILL.error);
  expect(s.notes.E18).toBeUndefined();
  // No failed note: the comment was seen before writing (4 syncs, not a refused batch sent again).
  expect(host.syncCount).toBe(4);
  expect(s.comments).toEqual({ E18: '请核实满意度口径（张三）' });
  expect(Object.keys(host.sheet('办公软件平台维护经费')!.notes).length).toBeGreaterThan(0);
  await clear(host);
  expect(shown(host, '政务联络经费', 17, 4)).toBeUndefined();
  expect(host.sheet('政务联络经费')!.comments).toEqual({ E18: '请核实满意度口径（张三）' });
});

test('a sheet of stacked forms with over 512 merged areas (Excel returns at most 512 per range) is read whole', async () => {
  // 50 forms stacked down one sheet: about 580 merged areas.
  const specs = Array.from({ length: 50 }, (_, i) => layoutForm(SEED.forms[i % 11], { top: i * 25 }));
  const book = workbookFromSpecs([{ name: '汇总', specs }]);
  expect(book.sheets[0].merges.length).toBeGreaterThan(512);
  const host = new ExcelHost(book);
  const result = await validate(host);
  expect(result.sheets).toEqual([expect.objectContaining({ name: '汇总', status: 'checked', forms: 50 })]);
  const engine = checkWorkbooks([{ name: 'workbook', grids: [specToGrid(specs, '汇总')] }]);
  expect(result.findings.map((f) => `${f.cell} ${f.ruleId}`)).toEqual(engine.results[0].findings.map((f) => `${f.cell} ${f.ruleId}`));
});

describe('clear never fails for good (issue 10, items 1 and 2)', () => {
  test('validate, save and reopen (new sheet ids), validate again, clear: every cell as before', async () => {
    const host = new ExcelHost(seedBook());
    const before = reopen(host.data);
    await validate(host);
    host.reopen();
    await validate(host);
    host.reopen();
    const result = await clear(host);
    expect(result.skipped).toEqual([]);
    expect(byName(host.data)).toEqual(byName(before));
  });

  test('a marked sheet deleted after validating: its marks went with it; clear removes the others and forgets its notes', async () => {
    const host = new ExcelHost(seedBook());
    const before = reopen(host.data);
    await validate(host);
    host.data.sheets = host.data.sheets.filter((s) => s.name !== '政务联络经费');
    const result = await clear(host);
    expect(result.skipped).toEqual([]);
    expect(byName(host.data)).toEqual(byName({ ...before, sheets: before.sheets.filter((s) => s.name !== '政务联络经费') }));
    expect(host.data.settings['goalsheet.marks']).toBeUndefined();
  });

  test('a marked sheet protected after validating: clear restores the others, keeps its marks for later, and a later clear finishes', async () => {
    const host = new ExcelHost(seedBook());
    const before = reopen(host.data);
    await validate(host);
    host.sheet('政务联络经费')!.protected = true;
    const first = await clear(host);
    expect(first.skipped).toEqual([{ sheet: '政务联络经费', reason: 'protected' }]);
    expect(shown(host, '政务联络经费', 17, 4)).toBe(SEVERITY_FILL.error);
    expect(host.sheet('办公软件平台维护经费')).toEqual(before.sheets.find((s) => s.name === '办公软件平台维护经费'));
    host.sheet('政务联络经费')!.protected = false;
    const second = await clear(host);
    expect(second.skipped).toEqual([]);
    expect(byName(host.data)).toEqual(byName(before));
  });
});

test('Range.text in zh-CN: a built-in short date shows as 2024/12/31 (the host speaks the users\' locale), and reads as a deadline', async () => {
  const f = clone(cleanForm());
  const host = new ExcelHost(workbookFromSpecs([{ name: '表', specs: [layoutForm(f)] }]));
  // The 时效 row's value typed as a date: 2024-12-31, Excel's built-in short date (numFmtId 14).
  const row = 9 + f.indicators.findIndex((i) => i.l3 === '故障响应时间');
  host.sheet('表')!.cells[cellKey(row, 4)] = { value: 45657, numberFormat: 'm/d/yyyy' };
  const text = await host.run(async (c) => {
    const r = c.workbook.worksheets.getItem('表').getRange(`E${row + 1}`);
    r.load('text');
    await c.sync();
    return r.text[0][0];
  });
  expect(text).toBe('2024/12/31');
  const result = await validate(host);
  expect(result.findings.filter((x) => x.cell === `E${row + 1}` && x.severity !== 'info')).toEqual([]);
});

test('both of Excel on the web\'s payload limits are explained, not reported as an unknown error', () => {
  for (const code of ['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']) {
    const [zh, en] = explainError({ code });
    expect(zh).toContain('工作簿过大');
    expect(en).toContain('too large');
  }
});
