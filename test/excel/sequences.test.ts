/**
 * Random sequences of what happens to a workbook between validations — a person edits values, fills and notes,
 * inserts and deletes rows, renames, moves, copies, protects and deletes sheets, the file is saved and reopened, fixes
 * are applied — ending in Clear: no mark of ours is left and every change the person made is still there.
 */
import fc from 'fast-check';
import { isMarkText } from '../../src/core/marks';
import { applyFixes } from '../../src/excel/actions';
import { clearMarks, isMarkFormula, RECORD_KEY } from '../../src/excel/marks';
import { copySheet, shiftRows } from '../../src/host/edits';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { cellKey, reopen, type HostSheet, type HostWorkbookData } from '../../src/host/model';
import { SEED, seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const validate = (host: ExcelHost) => host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v))));
const clear = (host: ExcelHost) => host.run((c) => clearMarks(ctx(c), true));

const USER_FILL = '#00B050';
const NAMES = ['甲表', '乙表', '丙表', '丁表'];
// Cells where the seed forms have findings, and others: a person's edits land on marked and unmarked cells alike.
const CELLS = ['B3', 'E18', 'B7', 'C12', 'D14', 'E20', 'F9', 'A1'];

type Step =
  | { kind: 'validate' }
  | { kind: 'clear' }
  | { kind: 'reopen' }
  | { kind: 'fix' }
  | { kind: 'edit'; sheet: number; cell: string; value: string }
  | { kind: 'fill'; sheet: number; cell: string }
  | { kind: 'note'; sheet: number; cell: string; text: string }
  | { kind: 'appendNote'; sheet: number; cell: string }
  | { kind: 'rows'; sheet: number; row: number; count: number; deleted: boolean }
  | { kind: 'copy'; sheet: number }
  | { kind: 'move'; sheet: number }
  | { kind: 'rename'; sheet: number; name: string }
  | { kind: 'protect'; sheet: number }
  | { kind: 'delete'; sheet: number };

const sheetIx = fc.nat({ max: 3 });
const cell = fc.constantFrom(...CELLS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant<Step>({ kind: 'validate' }), weight: 3 },
  fc.constant<Step>({ kind: 'clear' }),
  fc.constant<Step>({ kind: 'reopen' }),
  fc.constant<Step>({ kind: 'fix' }),
  { arbitrary: fc.record({ kind: fc.constant('edit' as const), sheet: sheetIx, cell, value: fc.constantFrom('≥90%', '>=90%', '2', '', '100', '按时完成') }), weight: 2 },
  fc.record({ kind: fc.constant('fill' as const), sheet: sheetIx, cell }),
  fc.record({ kind: fc.constant('note' as const), sheet: sheetIx, cell, text: fc.constantFrom('请核实', '已与处室确认') }),
  fc.record({ kind: fc.constant('appendNote' as const), sheet: sheetIx, cell }),
  { arbitrary: fc.record({ kind: fc.constant('rows' as const), sheet: sheetIx, row: fc.integer({ min: 1, max: 24 }), count: fc.integer({ min: 1, max: 3 }), deleted: fc.boolean() }), weight: 2 },
  fc.record({ kind: fc.constant('copy' as const), sheet: sheetIx }),
  fc.record({ kind: fc.constant('move' as const), sheet: sheetIx }),
  fc.record({ kind: fc.constant('rename' as const), sheet: sheetIx, name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('protect' as const), sheet: sheetIx }),
  fc.record({ kind: fc.constant('delete' as const), sheet: sheetIx }),
);

/** A person's change, made the same way in the workbook and in the expectation. */
function byPerson(s: Step, books: HostWorkbookData[]): void {
  if (!('sheet' in s)) return;
  const [book] = books;
  if (s.sheet >= book.sheets.length) return;
  const name = book.sheets[s.sheet].name;
  const protectedNow = book.sheets[s.sheet].protected;
  // The person adds a line to whatever note the cell shows (ours too: then it is theirs).
  const shownNote = s.kind === 'appendNote' ? book.sheets[s.sheet].notes[s.cell] : undefined;
  for (const wb of books) {
    const i = wb.sheets.findIndex((x) => x.name === name);
    const sheet = wb.sheets[i];
    const at = s.kind === 'edit' || s.kind === 'fill' || s.kind === 'note' || s.kind === 'appendNote' ? toCell(s.cell) : undefined;
    if ((at || s.kind === 'rows') && protectedNow) return; // Excel refuses edits on a protected sheet
    if (s.kind === 'edit') {
      const c = (sheet.cells[at!.key] ??= {});
      if (s.value === '') delete c.value;
      else c.value = s.value;
    } else if (s.kind === 'fill') (sheet.cells[at!.key] ??= {}).fill = USER_FILL;
    else if (s.kind === 'note') sheet.notes[s.cell] = s.text;
    else if (s.kind === 'appendNote') {
      if (shownNote === undefined) return;
      sheet.notes[s.cell] = `${shownNote}\n（已阅）`;
    } else if (s.kind === 'rows') shiftRows(sheet, s.row - 1, s.count, s.deleted);
    else if (s.kind === 'move') wb.sheets.push(...wb.sheets.splice(i, 1)); // to the end
    else if (s.kind === 'copy') {
      if (wb.sheets.some((x) => x.name === `${name}(2)`)) return;
      copySheet(wb, name, `${name}(2)`);
    }
    else if (s.kind === 'rename') {
      if (wb.sheets.some((x) => x.name === s.name)) return; // Excel refuses a name in use
      sheet.name = s.name;
    } else if (s.kind === 'protect') sheet.protected = !sheet.protected;
    else if (s.kind === 'delete') {
      if (wb.sheets.length === 1) return;
      wb.sheets.splice(i, 1);
      if (wb.activeSheet === sheet.id) wb.activeSheet = wb.sheets[0].id; // Excel shows another sheet
    }
  }
}

function toCell(a1: string) {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  return { key: cellKey(Number(m[2]) - 1, m[1].charCodeAt(0) - 65) };
}

/** A person's own conditional format, which the add-in must leave as it is. */
const THEIR_FORMAT = { id: '{cf-their}', type: 'Custom', formula: '=$B$3<>""', fill: '#C6EFCE', areas: [{ top: 2, left: 1, bottom: 4, right: 1 }] };

/** What a person sees of a sheet: values, fills, notes and conditional formats (ids differ after a reopen). */
const visible = (s: HostSheet) => ({
  name: s.name,
  protected: s.protected,
  cells: Object.fromEntries(
    Object.entries(s.cells)
      .filter(([, c]) => c.value !== undefined || c.fill !== undefined)
      .map(([k, c]) => [k, { value: c.value, fill: c.fill }]),
  ),
  notes: s.notes,
  merges: s.merges,
  formats: (s.conditionalFormats ?? []).map((f) => ({ ...f, id: undefined })),
});

test('after any sequence of validations, edits, row inserts and deletes, renames, moves, copies, protection, deletion, reopening and fixes, Clear leaves no mark and every change', async () => {
  const forms = SEED.forms.slice(0, 4);
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      const book = seedBook(forms);
      book.sheets[0].conditionalFormats = [THEIR_FORMAT];
      const host = new ExcelHost(book);
      const expected = reopen(host.data);
      for (const s of steps) {
        if (s.kind === 'validate') await validate(host);
        else if (s.kind === 'clear') await clear(host);
        else if (s.kind === 'reopen') host.reopen();
        else if (s.kind === 'fix') {
          // As the pane does: fixes from a fresh validation, on the sheets it could write.
          const result = await validate(host);
          const fixes = result.findings.filter((f) => f.fix && !result.protectedSheets.includes(f.sheet));
          await host.run((c) => applyFixes(ctx(c), fixes));
          for (const f of fixes) {
            const [r, c] = [toCell(f.fix!.cell).key, f.sheet];
            const target = expected.sheets.find((x) => x.name === c)!;
            (target.cells[r] ??= {}).value = host.sheet(c)!.cells[r].value;
          }
        } else byPerson(s, [host.data, expected]);
      }
      // The person unprotects everything and clears.
      for (const wb of [host.data, expected]) for (const s of wb.sheets) s.protected = false;
      const result = await clear(host);
      expect(result.skipped.filter((x) => x.reason === 'protected')).toEqual([]);
      // The record goes, unless notes of ours a person changed stay: then it stays, empty, so they are not taken for ours.
      if (result.skipped.some((x) => x.reason === 'edited')) expect(JSON.parse(host.data.settings[RECORD_KEY] as string)).toEqual({ version: 2, notes: [] });
      else expect(host.data.settings[RECORD_KEY]).toBeUndefined();
      for (const s of host.data.sheets) {
        if (s.conditionalFormats?.some((f) => isMarkFormula(f.formula))) throw new Error(`mark left on ${s.name}`);
        const theirs = expected.sheets.find((x) => x.name === s.name)!.notes;
        for (const [a, n] of Object.entries(s.notes)) if (isMarkText(n) && theirs[a] !== n) throw new Error(`note left at ${s.name}!${a}`);
      }
      expect(host.data.sheets.map(visible)).toEqual(expected.sheets.map(visible));
    }),
    { numRuns: 150 },
  );
}, 120_000);
