/**
 * One click: read the workbook, run the engine, mark every finding on its cell.
 * Four syncs whatever the number of sheets and findings: (1) sheet list, the
 * record and every note and threaded comment, (2) every sheet's size and
 * protection, with our conditional formats and where each note is, (3) every
 * sheet's cells, (4) our previous marks removed and the new ones written.
 */
import { CancelledError, checkSheets, type Progress, type ValidationResult } from '../core/hostRun';
import type { Options } from '../core/options';
import { queueDismissals, queueSaveDismissals } from './dismissals';
import { queueRecord, queueSurvey, writeMarks, type Target } from './marks';
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
  const stored = dismissals();
  const checked = checkSheets(reads, options, stored);
  // readSheetData gives one read per ref, in order; marks are rewritten on the sheets read now, a protected one keeps what it has.
  const writable = new Map<string, Target>();
  refs.forEach((r) => checked.writable.has(r.name) && writable.set(r.name, { sheetId: r.id, sheet: r.sheet, name: r.name }));
  // The last point to stop: after this the marks are written in one go.
  if (progress.cancelled?.()) throw new CancelledError();
  progress.stage?.('mark');
  const before = previous();
  // The lapsed dismissals are dropped in the marks' sync.
  if (checked.alive.length < stored.length) queueSaveDismissals(context, checked.alive);
  const record = await writeMarks(context, checked.marks, located(before), before, writable, support.notes);
  return { ...checked.result, record };
}
