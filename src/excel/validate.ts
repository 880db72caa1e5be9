/**
 * One click: read the workbook, run the engine, mark every finding on its cell.
 * Four syncs whatever the number of sheets and findings: (1) sheet list, the
 * record and every note and threaded comment, (2) every sheet's size and
 * protection, with our conditional formats and where each note is, (3) every
 * sheet's cells, (4) our previous marks removed and the new ones written.
 */
import { checkForms, sheetSummary, type SheetSummary } from '../core/engine';
import type { Form } from '../core/form/model';
import { readSheet } from '../core/form/parse';
import { planMarks } from '../core/marks';
import type { Options } from '../core/options';
import { applyDismissals, cellFingerprint, type ReviewedFinding } from '../core/dismissals';
import { queueDismissals, queueSaveDismissals } from './dismissals';
import { queueRecord, queueSurvey, writeMarks, type MarkRecord, type Target } from './marks';
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
  /** Every finding, those dismissed (goalsheet.dismissals) flagged and left unmarked. */
  findings: ReviewedFinding[];
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
  const survey = queueSurvey(context, support.notes);
  const dismissals = queueDismissals(context);
  await context.sync();
  const { all, activeId } = list();
  const refs = scope === 'all' ? all : all.filter((r) => (scope === 'active' ? r.id === activeId : r.name === scope.sheet));
  // Our marks are looked for with the sizes, in the read's first sync.
  const located = survey(refs);
  const reads = await readSheetData(context, refs, support.merges);

  progress.stage?.('check');
  if (progress.cancelled?.()) throw new CancelledError();
  const sheetResults = reads.flatMap((r) => (r.grid ? [readSheet(r.grid, 'workbook', { layout: options.layout })] : []));
  const forms = sheetResults.flatMap((s) => s.forms);
  const grids = reads.flatMap((r) => (r.grid ? [r.grid] : []));
  const stored = dismissals();
  // Dismissed findings are listed, not marked; a dismissal whose cell now holds another value lapses.
  const { findings, alive } = applyDismissals(checkForms(forms, options, sheetResults), stored, (sheet, cell) => cellFingerprint(grids, sheet, cell));

  // Marks are rewritten on the sheets read now; a protected one keeps what it has.
  const writable = new Map<string, Target>();
  // readSheetData gives one read per ref, in order.
  refs.forEach((r, i) => !reads[i].protected && writable.set(r.name, { sheetId: r.id, sheet: r.sheet, name: r.name }));
  const protectedSheets = [...new Set(findings.filter((f) => !f.dismissed && !writable.has(f.sheet)).map((f) => f.sheet))];
  const marks = planMarks(findings.filter((f) => !f.dismissed), options.locale ?? 'zh-CN');
  // The last point to stop: after this the marks are written in one go.
  if (progress.cancelled?.()) throw new CancelledError();
  progress.stage?.('mark');
  const before = previous();
  // The lapsed ones are dropped in the marks' sync.
  if (alive.length < stored.length) queueSaveDismissals(context, alive);
  const record = await writeMarks(context, marks, located(before), before, writable, support.notes);

  return {
    sheets: sheetResults.map((s) => ({ ...sheetSummary(s), families: s.forms.map((f) => f.family) })),
    forms,
    findings,
    refused: reads.flatMap((r) => (r.refused ? [{ sheet: r.name, reason: r.refused }] : [])),
    protectedSheets,
    record,
  };
}
