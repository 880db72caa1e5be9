/**
 * What the task pane needs from the spreadsheet program it runs in. The pane talks to this alone; each program
 * implements it once (Excel: src/excel/paneHost.ts), so the pane's code is the same everywhere.
 */
import type { Dismissal, ReviewedFinding } from '../core/dismissals';
import type { Options } from '../core/options';
import type { Finding } from '../core/rules/types';
import type { Template, TemplateSheet } from '../core/templates';
import type { ClearResult, InsertedSheet, Progress, ValidationResult, WorkbookOptions } from '../core/hostRun';

export type Scope = 'all' | 'active' | { sheet: string };

export type SavedTemplate = { template: Template; templates: Template[] } | { reason: 'noForm' | 'tooLarge'; sheet: string };

export interface PaneHost {
  /** Explanations can go into cell notes (else they are in the pane only). */
  readonly notesSupported: boolean;
  /** Marks can colour the cells (false: a WPS without conditional formats in JS; the explanation is then only in comments). */
  readonly fillsSupported?: boolean;
  validate(scope: Scope, options: Options, progress?: Progress): Promise<ValidationResult>;
  clear(): Promise<ClearResult>;
  /** Show a cell; 'hidden' when its sheet is hidden and cannot be shown. */
  select(sheet: string, cell: string): Promise<'selected' | 'hidden'>;
  applyFixes(findings: Finding[]): Promise<number>;
  /** Add dismissals and drop others (by rule and cell), in the workbook. */
  updateDismissals(added: readonly Dismissal[], removed: readonly ReviewedFinding[]): Promise<void>;
  loadOptions(): Promise<WorkbookOptions>;
  saveOptions(options: Options | undefined): Promise<void>;
  loadUserTemplates(): Promise<Template[]>;
  saveUserTemplates(templates: Template[]): Promise<void>;
  saveActiveAsTemplate(title: string): Promise<SavedTemplate>;
  insertTemplate(sheet: TemplateSheet, wanted: string): Promise<InsertedSheet>;
  /** Call `onChange(sheet)` when a person edits one of `sheets`; the result stops watching. */
  watch(sheets: string[], onChange: (sheet: string) => void): Promise<() => Promise<void>>;
  /** Requests from outside the pane (WPS's 新建项目表 button); the result stops listening. */
  onRequest?(listener: (request: 'new') => void): () => void;
  /** An error of this program (or ours) as a person can act on it, [zh, en]. */
  explainError(e: unknown): [string, string];
}
