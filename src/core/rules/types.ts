import type { Form, SheetResult } from '../form/model';

export type Severity = 'error' | 'warning' | 'info';
export type Locale = 'zh-CN' | 'en';

/** A fix is data: the front end writes newValue into cell when the user asks. */
export interface Fix {
  cell: string;
  newValue: string | number;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  sheet: string;
  /** Plain A1 address on that sheet. */
  cell: string;
  message: string;
  fix?: Fix;
  /** The workbook (file) and form the finding belongs to, for grouping in the front ends. */
  workbook: string;
  form: number;
}

export type Params = Record<string, string | number>;

/** Where a finding belongs: a form, or (index -1) a sheet whose form could not be read. */
export type FormRef = Pick<Form, 'workbook' | 'sheet' | 'index'>;

/** How a rule reports: the cell a person must change, the message's parameters, an optional fix. */
export type Report = (form: FormRef, cell: string, params?: Params, fix?: Fix) => void;

export interface ResolvedOptions {
  satisfactionMin: number;
  costCoverageMin: number;
  goalMinLength: number;
  minIndicators: number;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  fixable?: boolean;
}

export type Rule =
  | { meta: RuleMeta; scope: 'form'; check: (form: Form, report: Report, opts: ResolvedOptions) => void }
  /** Cross-form rules: 'workbook' sees one workbook's forms, 'run' every form of a CLI run. */
  | { meta: RuleMeta; scope: 'workbook' | 'run'; check: (forms: Form[], report: Report, opts: ResolvedOptions) => void }
  /** Sheet rules see what the reader could not assemble (FORM-000). */
  | { meta: RuleMeta; scope: 'sheet'; check: (sheet: SheetResult, report: Report) => void };
