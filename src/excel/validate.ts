/**
 * One click: read the workbook, run the engine, mark every finding on its cell.
 * Five syncs whatever the number of sheets and findings: (1) sheet list and the
 * previous marks, (2) every sheet's size, with how the previously marked cells
 * look now, (3) every sheet's cells, (4) what the cells newly marked look like
 * now (none when re-checking with the same marks), (5) undo the previous marks
 * and write the new ones. One more when a marked sheet was renamed and reopened.
 */
import { checkForms, sheetSummary, type SheetSummary } from '../core/engine';
import type { Form } from '../core/form/model';
import { readSheet } from '../core/form/parse';
import { planMarks } from '../core/marks';
import type { Options } from '../core/options';
import type { Finding } from '../core/rules/types';
import { locateRecord, markKey, MARKS_PER_SYNC, queueLook, queueRecord, writeMarks, type MarkRecord, type Target } from './marks';
import { queueSheetList, readSheetData } from './read';

export interface HostSupport {
  /** ExcelApi 1.13: merged areas can be read. */
  merges: boolean;
  /** ExcelApi 1.18: explanations go into cell notes. */
  notes: boolean;
}

/**
 * What this Excel and this Office.js can do: the host's requirement sets, and the classes the loaded library
 * defines (OFFICE_JS=local serves a library without the notes API to an Excel that reports ExcelApi 1.18).
 */
export function hostSupport(isSetSupported: (name: string, version: string) => boolean, hasApi: (name: string) => boolean = () => true): HostSupport {
  return {
    merges: isSetSupported('ExcelApi', '1.13') && hasApi('RangeAreas'),
    notes: isSetSupported('ExcelApi', '1.18') && hasApi('NoteCollection'),
  };
}

export interface Progress {
  stage?: (stage: 'read' | 'check' | 'mark') => void;
  /** Asked between steps; true stops the run before anything is written. */
  cancelled?: () => boolean;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export interface ValidationResult {
  sheets: SheetSummary[];
  forms: Form[];
  findings: Finding[];
  /** Sheets not read, with the reason [zh, en]. */
  refused: { sheet: string; reason: [string, string] }[];
  /** Sheets with findings left unmarked because they are protected. */
  protectedSheets: string[];
  record: MarkRecord;
}

export async function validateWorkbook(
  context: Excel.RequestContext,
  /** Every sheet, the active one, or one sheet by name (a fix, a live edit). Marks on other sheets are kept. */
  scope: 'all' | 'active' | { sheet: string },
  options: Options,
  support: HostSupport,
  progress: Progress = {},
): Promise<ValidationResult> {
  progress.stage?.('read');
  const previous = queueRecord(context);
  const list = queueSheetList(context);
  await context.sync();
  const { all, activeId } = list();
  // The previous marks as they apply now: sheet ids may have changed since they were recorded (a reopen).
  const { record: previousMarks } = await locateRecord(context, previous(), all, support.notes);
  const refs = scope === 'all' ? all : all.filter((r) => (scope === 'active' ? r.id === activeId : r.name === scope.sheet));
  const validated = new Set(refs.map((r) => r.id));
  // Protection of every sheet: previous marks on sheets not read now must be undone too.
  const protections = all.map((r) => ({ r, p: r.sheet.protection.load('protected') }));
  // How the previously marked cells look now, read with the data (what is still ours is undone or kept); many
  // are left to writeMarks, which reads in batches under the request limit.
  const byId = new Map(all.map((r) => [r.id, r.sheet]));
  const few = (previousMarks?.cells.length ?? 0) <= MARKS_PER_SYNC ? (previousMarks?.cells ?? []) : [];
  const looked = new Map(few.map((c) => [markKey(c.sheetId, c.cell), queueLook(byId.get(c.sheetId)!, c.cell, support.notes)]));
  const reads = await readSheetData(context, refs, support.merges);

  progress.stage?.('check');
  if (progress.cancelled?.()) throw new CancelledError();
  const sheetResults = reads.flatMap((r) => (r.grid ? [readSheet(r.grid, 'workbook', { layout: options.layout })] : []));
  const forms = sheetResults.flatMap((s) => s.forms);
  const findings = checkForms(forms, options, sheetResults);

  const writable = new Map<string, Target>();
  for (const { r, p } of protections) if (!p.protected) writable.set(r.name, { sheetId: r.id, sheet: r.sheet, name: r.name });
  const protectedSheets = [...new Set(findings.filter((f) => !writable.has(f.sheet)).map((f) => f.sheet))];
  const marks = planMarks(findings, options.locale ?? 'zh-CN');
  // The last point to stop: after this the marks are written in one go.
  if (progress.cancelled?.()) throw new CancelledError();
  progress.stage?.('mark');
  const writableIds = new Set([...writable.values()].map((t) => t.sheetId));
  const record = await writeMarks(context, marks, previousMarks, writable, support.notes, (id) => validated.has(id) && writableIds.has(id), looked);

  return {
    sheets: sheetResults.map((s) => ({ ...sheetSummary(s), families: s.forms.map((f) => f.family) })),
    forms,
    findings,
    refused: reads.flatMap((r) => (r.refused ? [{ sheet: r.name, reason: r.refused }] : [])),
    protectedSheets,
    record,
  };
}
