/**
 * Random sequences of what happens to a workbook between validations — a person edits values, fills and notes,
 * inserts and deletes rows, renames, moves, copies, protects and deletes sheets, the file is saved and reopened, fixes
 * are applied — ending in Clear: no mark of ours is left and every change the person made is still there. One
 * property for every spreadsheet program: each test gives its adapter as a Driver.
 */
import fc from 'fast-check';
import { isMarkFormula, isMarkText } from '../../src/core/marks';
import type { ClearResult } from '../../src/core/markRecord';
import type { Finding } from '../../src/core/rules/types';
import { copySheet, shiftRows } from '../../src/host/edits';
import { cellKey, reopen, type HostSheet, type HostWorkbookData } from '../../src/host/model';
import { SEED, seedBook } from './seed';

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
export function byPerson(s: Step, books: HostWorkbookData[]): void {
  if (!('sheet' in s)) return;
  // A person reaches only the sheets they can see: a very hidden one (an add-in's) is not among them.
  const shown = books[0].sheets.filter((x) => x.visibility !== 'VeryHidden');
  if (s.sheet >= shown.length) return;
  const name = shown[s.sheet].name;
  const protectedNow = shown[s.sheet].protected;
  // The person adds a line to whatever note the cell shows (ours too: then it is theirs).
  const shownNote = s.kind === 'appendNote' ? shown[s.sheet].notes[s.cell] : undefined;
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
      if (wb.sheets.filter((x) => x.visibility !== 'VeryHidden').length === 1) return;
      wb.sheets.splice(i, 1);
      if (wb.activeSheet === sheet.id) wb.activeSheet = wb.sheets.find((x) => x.visibility === 'Visible')!.id; // another sheet shows
    }
  }
}

export function toCell(a1: string) {
  const m = /^([A-Z])(\d+)$/.exec(a1)!;
  return { key: cellKey(Number(m[2]) - 1, m[1].charCodeAt(0) - 65) };
}

/** A person's own conditional format, which the add-in must leave as it is. */
const THEIR_FORMAT = { id: '{cf-their}', type: 'Custom', formula: '=$B$3<>""', fill: '#C6EFCE', areas: [{ top: 2, left: 1, bottom: 4, right: 1 }] };

/** What a person sees of a sheet: values, fills, notes and conditional formats (ids differ after a reopen). */
export const visible = (s: HostSheet) => ({
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

/** One spreadsheet program's adapter over its in-memory host. */
export interface Driver {
  readonly data: HostWorkbookData;
  validate(): Promise<{ findings: Finding[]; protectedSheets: string[] }>;
  clear(): Promise<ClearResult>;
  applyFixes(findings: Finding[]): Promise<unknown>;
  reopen(): void;
  /** The marks' record as saved in the workbook (undefined: none). */
  record(): unknown;
  /** Sheets of the add-in's own (settings), left out of what a person sees. */
  own(sheet: HostSheet): boolean;
}

export async function sequencesEndClean(make: (book: HostWorkbookData) => Driver, numRuns: number): Promise<void> {
  const forms = SEED.forms.slice(0, 4);
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
      const book = seedBook(forms);
      book.sheets[0].conditionalFormats = [THEIR_FORMAT];
      const expected = reopen(book);
      const host = make(book);
      const cellValue = (sheet: string, key: string) => host.data.sheets.find((x) => x.name === sheet)!.cells[key].value;
      for (const s of steps) {
        if (s.kind === 'validate') await host.validate();
        else if (s.kind === 'clear') await host.clear();
        else if (s.kind === 'reopen') host.reopen();
        else if (s.kind === 'fix') {
          // As the pane does: fixes from a fresh validation, on the sheets it could write.
          const result = await host.validate();
          const fixes = result.findings.filter((f) => f.fix && !result.protectedSheets.includes(f.sheet));
          await host.applyFixes(fixes);
          for (const f of fixes) {
            const key = toCell(f.fix!.cell).key;
            (expected.sheets.find((x) => x.name === f.sheet)!.cells[key] ??= {}).value = cellValue(f.sheet, key);
          }
        } else byPerson(s, [host.data, expected]);
      }
      // The person unprotects everything and clears.
      for (const wb of [host.data, expected]) for (const s of wb.sheets) s.protected = false;
      const result = await host.clear();
      expect(result.skipped.filter((x) => x.reason === 'protected')).toEqual([]);
      // The record goes, unless notes of ours a person changed stay: then it stays, empty, so they are not taken for ours.
      if (result.skipped.some((x) => x.reason === 'edited')) expect(host.record()).toEqual({ version: 2, notes: [] });
      else expect(host.record()).toBeUndefined();
      const theirs = host.data.sheets.filter((s) => !host.own(s));
      for (const s of theirs) {
        if (s.conditionalFormats?.some((f) => isMarkFormula(f.formula))) throw new Error(`mark left on ${s.name}`);
        const notes = expected.sheets.find((x) => x.name === s.name)!.notes;
        for (const [a, n] of Object.entries(s.notes)) if (isMarkText(n) && notes[a] !== n) throw new Error(`note left at ${s.name}!${a}`);
      }
      expect(theirs.map(visible)).toEqual(expected.sheets.map(visible));
    }),
    { numRuns },
  );
}
