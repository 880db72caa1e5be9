/**
 * Marks in WPS, the design of the Excel add-in (src/excel/marks.ts) through the ET object model: a conditional
 * format per severity over the marked cells, rule `=ISTEXT("goalsheet:error")` (VBA FormatConditions.Add with
 * xlExpression, moved to first priority), and the explanation in a cell comment only where the cell has none.
 * Clear deletes our formats and our comments wherever they are now; the record of the comments we wrote
 * (core/markRecord.ts) lives in the settings sheet. Without FormatConditions in this WPS (docs/wps.md §6, 9)
 * marks are comments only. Calls are synchronous: a failure while writing removes every mark of ours at once.
 */
import type { EtApplication, EtWorksheet } from '../host/et';
import { parseAddress } from '../core/address';
import { toA1 } from '../core/grid';
import { addressLists, isMarkFormula, markFormula, SEVERITY_FILL, type CellMark } from '../core/marks';
import { decodeRecord, planClear, planNotes, push, surveyNotes, RECORD_KEY, type ClearResult, type FoundNote, type MarkRecord, type NoteSurvey } from '../core/markRecord';
import type { Severity } from '../core/rules/types';
import { bgr, RANGE_ADDRESS_MAX, read, XL_EXPRESSION } from './xl';
import { readSetting, SettingsError, writeSettings } from './settings';

type Deletable = { Delete(): void };

export interface EtSurvey extends NoteSurvey<Deletable> {
  formats: Map<string, Deletable[]>;
}

export function readRecord(app: EtApplication): MarkRecord | null | undefined {
  return decodeRecord(readSetting(app, RECORD_KEY));
}

/** Whether this WPS has conditional formats in JS (docs/wps.md §6, 9): asked of one cell. */
export function hasFormatConditions(ws: EtWorksheet): boolean {
  try {
    return typeof ws.Range('A1').FormatConditions?.Add === 'function';
  } catch {
    return false;
  }
}

/** Whether marks can be coloured here: asked once of the first sheet, the capability is the program's. */
const fillsIn = (sheets: EtWorksheet[]) => sheets.length > 0 && hasFormatConditions(sheets[0]);

/** Our conditional formats on a sheet, found by their rule. A format without Formula1 (a data bar) is not ours. */
function ourFormats(ws: EtWorksheet): Deletable[] {
  const list = ws.Cells.FormatConditions;
  const out: Deletable[] = [];
  for (let i = 1; i <= read(list.Count); i++) {
    const fc = list.Item(i);
    let formula: string | undefined;
    try {
      formula = fc.Type === XL_EXPRESSION ? fc.Formula1 : undefined;
    } catch {
      formula = undefined;
    }
    if (isMarkFormula(formula)) out.push(fc);
  }
  return out;
}

/**
 * Every comment of `sheets` and our formats on `formatted` (by name; none to look for in a WPS without
 * FormatConditions), sorted by the record.
 */
function survey(sheets: EtWorksheet[], formatted: ReadonlySet<string>, record: MarkRecord | null | undefined): EtSurvey {
  const found: FoundNote<Deletable>[] = [];
  for (const ws of sheets) {
    const comments = ws.Comments;
    for (let i = 1; i <= read(comments.Count); i++) {
      const c = comments.Item(i);
      const { area } = parseAddress(c.Parent.Address())!;
      found.push({ sheet: ws.Name, cell: toA1(area.top, area.left), text: c.Text(), ref: c });
    }
  }
  const result: EtSurvey = { ...surveyNotes(found, [], record), formats: new Map() };
  for (const ws of sheets) if (formatted.has(ws.Name)) for (const f of ourFormats(ws)) push(result.formats, ws.Name, f);
  return result;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function removeOurs(found: EtSurvey, sheet: string): void {
  for (const f of found.formats.get(sheet) ?? []) f.Delete();
  for (const n of found.notes.get(sheet) ?? []) n.ref.Delete();
}

function markSheet(ws: EtWorksheet, marks: CellMark[]): void {
  for (const severity of SEVERITIES) {
    const cells = marks.filter((m) => m.severity === severity).map((m) => m.cell);
    // Range() takes short address lists only (RANGE_ADDRESS_MAX): one format per list.
    for (const list of cells.length ? addressLists(cells, RANGE_ADDRESS_MAX) : []) {
      const fc = ws.Range(list).FormatConditions.Add(XL_EXPRESSION, undefined, markFormula(severity));
      fc.Interior.Color = bgr(SEVERITY_FILL[severity]);
      // Shown over a person's own fills and formats, as in Excel (VBA FormatCondition.SetFirstPriority).
      fc.SetFirstPriority();
    }
  }
}

/**
 * Save the record. A workbook whose structure is protected cannot take the settings sheet: the marks are written
 * all the same, and without a record our comments are known by their text (as in an annotated copy).
 */
function saveRecord(app: EtApplication, notes: string[], keepEmpty: boolean): void {
  try {
    writeSettings(app, { [RECORD_KEY]: notes.length || keepEmpty ? JSON.stringify({ version: 2, notes } satisfies MarkRecord) : undefined });
  } catch (e) {
    if (!(e instanceof SettingsError && e.kind === 'protected')) throw e;
  }
}

/**
 * Replace our marks on the `targets` sheets with `marks` (others keep theirs). The record is saved first with
 * every comment that may be ours, and trimmed at the end; on any failure every mark of ours is removed.
 */
export function writeMarks(app: EtApplication, all: EtWorksheet[], targets: Map<string, EtWorksheet>, marks: CellMark[]): MarkRecord {
  const record = readRecord(app);
  const fills = fillsIn(all);
  const found = survey(all, fills ? new Set(targets.keys()) : new Set(), record);
  const bySheet = new Map<string, CellMark[]>();
  for (const m of marks) if (targets.has(m.sheet)) push(bySheet, m.sheet, m);
  const plan = planNotes(marks, found, record, new Set(targets.keys()), true);
  try {
    if (plan.provisional.length) saveRecord(app, plan.provisional, true);
    for (const sheet of targets.keys()) removeOurs(found, sheet);
    if (fills) for (const [sheet, list] of bySheet) markSheet(targets.get(sheet)!, list);
    for (const m of plan.noted) targets.get(m.sheet)!.Range(m.cell).AddComment(m.text);
    if (plan.provisional.length || record !== undefined || plan.keepEmpty) saveRecord(app, plan.record.notes, plan.keepEmpty);
  } catch (e) {
    try {
      clearMarks(app, all);
    } catch {
      // The first failure is the one to report.
    }
    throw e;
  }
  return plan.record;
}

/** Remove every mark of ours, wherever it is now; a protected sheet keeps its marks for a later clear, and is named. */
export function clearMarks(app: EtApplication, all: EtWorksheet[]): ClearResult {
  const record = readRecord(app);
  const found = survey(all, fillsIn(all) ? new Set(all.map((ws) => ws.Name)) : new Set(), record);
  const locked = new Set(all.filter((ws) => ws.ProtectContents).map((ws) => ws.Name));
  const plan = planClear(found, found.formats.keys(), locked);
  for (const sheet of plan.cleared) removeOurs(found, sheet);
  if (record !== undefined || plan.kept.length || plan.keepEmpty) saveRecord(app, plan.kept, plan.keepEmpty);
  return plan.result;
}

export type { ClearResult };
