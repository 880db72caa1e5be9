/**
 * Marks on the workbook, exact to clear by construction. A finding's cell is shown by a conditional format, one
 * per severity per sheet over its marked cells, whose rule `=ISTEXT("goalsheet:error")` (always true) says it is
 * ours: it never touches a cell's own fill, and Excel moves it with the cells when rows are inserted, deleted or
 * the sheet is copied. The explanation goes into the cell's note, opening with the severity and rule id, only
 * where the cell has none: a person's note or threaded comment is never replaced (that explanation stays in the
 * pane). Clear deletes our conditional formats and our notes wherever they are now; nothing is put back by
 * address, so ids, names and positions do not matter. The workbook keeps one setting: a fingerprint of every note
 * written, so a note a person edited since is theirs and is kept (without any record — an annotated copy from the
 * command line — a note is ours by its text).
 */
import { parseAddress } from '../core/address';
import { toA1 } from '../core/grid';
import { addressLists, markFormula, isMarkFormula, SEVERITY_FILL, type CellMark } from '../core/marks';
import { decodeRecord, planClear, planNotes, push, surveyNotes, RECORD_KEY, type ClearResult, type FoundNote, type MarkRecord, type NoteSurvey } from '../core/markRecord';
import type { Severity } from '../core/rules/types';
import type { SheetRef } from './read';
import { queueSetting } from './settings';

export { RECORD_KEY } from '../core/markRecord';
export { isMarkFormula } from '../core/marks';

/**
 * Queue reading the record; the function gives it after the next sync: undefined when the workbook has none,
 * null when it has one that is not ours (corrupt, another version).
 */
export function queueRecord(context: Excel.RequestContext): () => MarkRecord | null | undefined {
  const read = queueSetting(context, RECORD_KEY);
  return () => decodeRecord(read());
}

/** What of ours is on the workbook now: our conditional formats by sheet name, and the notes sorted (core/markRecord.ts). */
export interface Survey extends NoteSurvey<Excel.Note> {
  formats: Map<string, Excel.ConditionalFormat[]>;
}

/** The first cell of an address Excel gives ("Sheet1!B3"). */
function placeOf(address: string): { sheet: string; cell: string } | undefined {
  const p = parseAddress(address);
  return p?.sheet ? { sheet: p.sheet, cell: toA1(p.area.top, p.area.left) } : undefined;
}

/**
 * Look for our marks in two syncs that the caller's own work rides on: queued now, every note and threaded
 * comment of the workbook; queued with the second function after the first sync, where each of them is and the
 * conditional formats of `sheets`; the last function gives the survey after the second sync.
 */
export function queueSurvey(context: Excel.RequestContext, notes: boolean) {
  const noteList = notes ? context.workbook.notes : undefined;
  noteList?.load('items/content');
  const comments = notes ? context.workbook.comments : undefined;
  comments?.load('items/content');
  return (sheets: SheetRef[]) => {
    const formats = sheets.map((s) => {
      const list = s.sheet.getRange().conditionalFormats;
      list.load('items/type,items/customOrNullObject/rule/formula');
      return { name: s.name, list };
    });
    const where = (item: Excel.Note | Excel.Comment) => item.getLocation().load('address');
    const located = (noteList?.items ?? []).map((note) => ({ note, place: where(note) }));
    const commented = (comments?.items ?? []).map(where);
    return (record: MarkRecord | null | undefined): Survey => {
      const found = located.flatMap(({ note, place }): FoundNote<Excel.Note>[] => {
        const at = placeOf(place.address);
        return at ? [{ ...at, text: note.content, ref: note }] : [];
      });
      const survey: Survey = { ...surveyNotes(found, commented.flatMap((c) => placeOf(c.address) ?? []), record), formats: new Map() };
      for (const { name, list } of formats) {
        const ours = list.items.filter((f) => !f.customOrNullObject.isNullObject && isMarkFormula(f.customOrNullObject.rule.formula));
        if (ours.length) survey.formats.set(name, ours);
      }
      return survey;
    };
  };
}

export interface Target {
  sheetId: string;
  sheet: Excel.Worksheet;
  name: string;
}

/** Characters of addresses per getRanges call: Excel refuses lists near 8,192 characters (office-js#5198). */
const ADDRESS_CHARS = 8000;

/** The cells in address lists getRanges takes. */
export const getRangesLists = (cells: string[]) => addressLists(cells, ADDRESS_CHARS);


const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Queue one sheet's fills: a conditional format per severity (per address list); the notes are queued apart. */
function queueSheetMarks(t: Target, marks: CellMark[]): (() => void)[] {
  const units: (() => void)[] = [];
  for (const severity of SEVERITIES) {
    const cells = marks.filter((m) => m.severity === severity).map((m) => m.cell);
    for (const list of cells.length ? getRangesLists(cells) : []) {
      units.push(() => {
        const format = t.sheet.getRanges(list).conditionalFormats.add('Custom');
        format.custom.rule.formula = markFormula(severity);
        format.custom.format.fill.color = SEVERITY_FILL[severity];
      });
    }
  }
  return units;
}

/** The queued deletion of what of ours is on a sheet. */
function queueRemoval(survey: Survey, sheet: string): (() => void)[] {
  return [...(survey.formats.get(sheet) ?? []).map((f) => () => f.delete()), ...(survey.notes.get(sheet) ?? []).map((n) => () => n.ref.delete())];
}

/**
 * Queue saving the record. Without notes to vouch for it goes, unless notes that look like ours but were changed
 * stay behind (`keep`): the record then stays, empty, so that they are not taken for ours by their text.
 */
function queueSaveRecord(context: Excel.RequestContext, prints: Iterable<string>, keep = false): () => void {
  const notes = [...new Set(prints)].sort();
  return () => {
    if (notes.length || keep) context.workbook.settings.add(RECORD_KEY, JSON.stringify({ version: 2, notes } satisfies MarkRecord));
    else context.workbook.settings.getItemOrNullObject(RECORD_KEY).delete();
  };
}

/**
 * Replace our marks on the sheets in `targets` (by name) with `marks`; marks on other sheets stay as they are.
 * One sync (more for thousands of marks, each under Excel on the web's request limit). On failure every mark of
 * ours is removed, so the workbook is never left half-marked.
 */
export async function writeMarks(
  context: Excel.RequestContext,
  marks: CellMark[],
  survey: Survey,
  record: MarkRecord | null | undefined,
  targets: Map<string, Target>,
  notes: boolean,
): Promise<MarkRecord> {
  const bySheet = new Map<string, CellMark[]>();
  for (const m of marks) if (targets.has(m.sheet)) push(bySheet, m.sheet, m);
  const plan = planNotes(marks, survey, record, new Set(targets.keys()), notes);
  const units: (() => void)[] = [
    // Every note that may be ours after this request, in case it is cut short; trimmed at the end.
    queueSaveRecord(context, plan.provisional),
    ...[...targets.keys()].flatMap((sheet) => queueRemoval(survey, sheet)),
    ...[...bySheet].flatMap(([sheet, list]) => queueSheetMarks(targets.get(sheet)!, list)),
    ...plan.noted.map((m) => () => void targets.get(m.sheet)!.sheet.notes.add(m.cell, m.text)),
    queueSaveRecord(context, plan.record.notes, plan.keepEmpty),
  ];
  try {
    await sendInBatches(context, units, MARKS_PER_SYNC);
  } catch (e) {
    await clearMarks(context, notes).catch(() => undefined);
    throw e;
  }
  return plan.record;
}

/** Queued calls per sync: well under Excel on the web's 5 MB request with a note each. */
const MARKS_PER_SYNC = 1000;

/**
 * Queue and sync `units` in order, `size` at a time. A batch the host refuses for its size is split and sent
 * again: nothing of a refused request was applied.
 */
async function sendInBatches(context: Excel.RequestContext, units: (() => void)[], size: number): Promise<void> {
  for (let i = 0; i < units.length; i += size) await sendBatch(context, units.slice(i, i + size));
}

async function sendBatch(context: Excel.RequestContext, batch: (() => void)[]): Promise<void> {
  batch.forEach((queue) => queue());
  try {
    await context.sync();
  } catch (e) {
    if ((e as { code?: string }).code !== 'RequestPayloadSizeLimitExceeded' || batch.length === 1) throw e;
    const half = Math.ceil(batch.length / 2);
    await sendBatch(context, batch.slice(0, half));
    await sendBatch(context, batch.slice(half));
  }
}

/**
 * Remove every mark of ours, wherever it is now. Never fails for good: a protected sheet keeps its marks for a
 * later clear, and is named. Three syncs (more for thousands of marks).
 */
export async function clearMarks(context: Excel.RequestContext, notes: boolean): Promise<ClearResult> {
  const record = queueRecord(context);
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const survey = queueSurvey(context, notes);
  await context.sync();
  const refs = sheets.items.map((s) => ({ name: s.name, id: '', sheet: s }));
  const protections = refs.map((r) => ({ name: r.name, p: r.sheet.protection.load('protected') }));
  const located = survey(refs);
  await context.sync();
  const previous = record();
  const found = located(previous);
  const locked = new Set(protections.filter((x) => x.p.protected).map((x) => x.name));
  const plan = planClear(found, found.formats.keys(), locked);
  const units = plan.cleared.flatMap((name) => queueRemoval(found, name));
  if (units.length || previous !== undefined) await sendInBatches(context, [...units, queueSaveRecord(context, plan.kept, plan.keepEmpty)], MARKS_PER_SYNC);
  return plan.result;
}
