/**
 * What every spreadsheet-program adapter does between reading the sheets and marking them: the engine's run on
 * the grids read, the workbook's dismissals applied, the marks planned. And the results the task pane gets back,
 * the same from every program (src/taskpane/paneHost.ts).
 */
import { applyDismissals, cellFingerprint, type Dismissal, type ReviewedFinding } from './dismissals';
import { checkForms, sheetSummary, type SheetSummary } from './engine';
import type { Form } from './form/model';
import { readSheet } from './form/parse';
import type { Grid } from './grid';
import { planMarks, type CellMark } from './marks';
import type { MarkRecord } from './markRecord';
import type { Options } from './options';

export type { ClearResult } from './markRecord';

/** One sheet as an adapter read it. */
export interface SheetRead {
  name: string;
  protected: boolean;
  grid?: Grid;
  /** Why the sheet was not read (too large), in Chinese and English. */
  refused?: [string, string];
}

export interface Progress {
  stage?: (stage: 'read' | 'check' | 'mark') => void;
  /** Asked between steps; true stops the run before anything is written. */
  cancelled?: () => boolean;
}

/** An unexpected error as a person can copy it to the developers: its name and message, and the first stack lines. */
export function errorDetail(e: unknown, stackLines = 3): string {
  if (!(e instanceof Error)) return String(e);
  const stack = stackLines && e.stack ? `\n${e.stack.split('\n').slice(1, 1 + stackLines).join('\n')}` : '';
  return `${e.name}: ${e.message}${stack}`;
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

export type { WorkbookOptions } from './options';

export interface InsertedSheet {
  name: string;
  /** The cell selected: the first blank, or the form's first cell. */
  selected: string;
}

export interface SheetsChecked {
  result: Omit<ValidationResult, 'record'>;
  /** The marks to write on the sheets that are not protected. */
  marks: CellMark[];
  /** Sheets whose marks are rewritten: read now and not protected. */
  writable: Set<string>;
  /** The stored dismissals still standing (a dismissal whose cell now holds another value lapses). */
  alive: Dismissal[];
}

export function checkSheets(reads: readonly SheetRead[], options: Options, stored: readonly Dismissal[]): SheetsChecked {
  const sheetResults = reads.flatMap((r) => (r.grid ? [readSheet(r.grid, 'workbook', { layout: options.layout })] : []));
  const forms = sheetResults.flatMap((s) => s.forms);
  const grids = reads.flatMap((r) => (r.grid ? [r.grid] : []));
  // Dismissed findings are listed, not marked.
  const { findings, alive } = applyDismissals(checkForms(forms, options, sheetResults), [...stored], (sheet, cell) => cellFingerprint(grids, sheet, cell));
  const writable = new Set(reads.filter((r) => !r.protected).map((r) => r.name));
  const open = findings.filter((f) => !f.dismissed);
  return {
    result: {
      sheets: sheetResults.map((s) => ({ ...sheetSummary(s), families: s.forms.map((f) => f.family) })),
      forms,
      findings,
      refused: reads.flatMap((r) => (r.refused ? [{ sheet: r.name, reason: r.refused }] : [])),
      protectedSheets: [...new Set(open.filter((f) => !writable.has(f.sheet)).map((f) => f.sheet))],
    },
    marks: planMarks(open, options.locale ?? 'zh-CN'),
    writable,
    alive,
  };
}
