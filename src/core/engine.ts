/**
 * The engine's entry points: grids in, forms and findings out. Every front end
 * (add-in, CLI, preview) calls these and nothing below them.
 */
import { compareA1, type Grid } from './grid';
import type { Form, SheetResult } from './form/model';
import type { FamilyId } from './form/families';
import { readSheet } from './form/parse';
import { resolve, ruleSeverity, type Options } from './options';
import { formatMessage } from './rules/messages';
import { RULES } from './rules/registry';
import type { Finding, Report, ResolvedOptions } from './rules/types';

export interface Workbook {
  name: string;
  grids: Grid[];
}

export interface SheetSummary {
  name: string;
  status: 'checked' | 'skipped' | 'unrecognised';
  forms: number;
  /** The layout family of each form, in order (the add-in shows it beside each form's findings). */
  families?: FamilyId[];
}

export interface WorkbookResult {
  name: string;
  sheets: SheetSummary[];
  forms: Form[];
  findings: Finding[];
}

export interface Summary {
  files: number;
  forms: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Sheets that look like forms but could not be read (FORM-000). */
  unrecognised: number;
  /** Files not read (unreadable, refused, skipped), and files read that hold no form: counted by a command-line run. */
  unreadable?: number;
  formless?: number;
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = out.get(k);
    if (group) group.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** What a sheet held, for the summary line and the JSON report. */
export const sheetSummary = (s: SheetResult): SheetSummary => ({ name: s.name, status: s.status, forms: s.forms.length });

export function readWorkbook(book: Workbook, options: Options = {}): SheetResult[] {
  return book.grids.map((g) => readSheet(g, book.name, { layout: options.layout }));
}

/**
 * Run the rules over forms. Forms are grouped by workbook for the workbook-wide
 * rules; 'run' rules (CODE-004) see every form passed in. `ofWorkbook` gives a
 * workbook's own rule settings where they differ from `options` (a CLI run over
 * received files, each checked as its own settings say); the locale is `options'`.
 */
export function checkForms(forms: Form[], options: Options = {}, sheets: SheetResult[] = [], ofWorkbook?: (workbook: string) => Options | undefined): Finding[] {
  const opts = resolve(options);
  const locale = options.locale ?? 'zh-CN';
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const byBook = groupBy(forms, (f) => f.workbook);
  const optionsOf = (workbook: string) => ofWorkbook?.(workbook) ?? options;
  const resolved = new Map<string, ResolvedOptions>();
  const optsOf = (workbook: string) => {
    if (!ofWorkbook) return opts;
    if (!resolved.has(workbook)) resolved.set(workbook, resolve(optionsOf(workbook)));
    return resolved.get(workbook)!;
  };

  for (const rule of RULES) {
    if (!ofWorkbook && ruleSeverity(rule.meta.id, options) === 'off') continue;
    const report: Report = (form, cell, params = {}, fix) => {
      const severity = ruleSeverity(rule.meta.id, optionsOf(form.workbook));
      if (severity === 'off') return;
      const message = formatMessage(rule.meta.id, params, locale);
      const key = `${rule.meta.id}\u0000${form.workbook}\u0000${form.sheet}\u0000${cell}\u0000${message}`;
      if (seen.has(key)) return; // rows sharing a merged cell would repeat the same finding
      seen.add(key);
      findings.push({
        ruleId: rule.meta.id,
        severity,
        sheet: form.sheet,
        cell,
        message,
        ...(fix ? { fix } : {}),
        workbook: form.workbook,
        form: form.index,
      });
    };
    try {
      if (rule.scope === 'form') for (const f of forms) rule.check(f, report, optsOf(f.workbook));
      else if (rule.scope === 'workbook') for (const group of byBook.values()) rule.check(group, report, optsOf(group[0].workbook));
      else if (rule.scope === 'sheet') for (const s of sheets) rule.check(s, report);
      else rule.check(forms, report, opts);
    } catch (e) {
      // A rule bug must not cost the user the other rules' findings.
      console.error(`rule ${rule.meta.id} failed:`, e);
    }
  }
  // Findings follow the workbook's own sheet order, then reading order on the sheet.
  const order = new Map<string, number>();
  const place = (workbook: string, sheet: string) => order.has(sheetKey(workbook, sheet)) || order.set(sheetKey(workbook, sheet), order.size);
  for (const s of sheets) place(s.workbook, s.name);
  for (const f of forms) place(f.workbook, f.sheet);
  return findings.sort(
    (a, b) =>
      order.get(sheetKey(a.workbook, a.sheet))! - order.get(sheetKey(b.workbook, b.sheet))! ||
      compareA1(a.cell, b.cell) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

const sheetKey = (workbook: string, sheet: string) => `${workbook}\u0000${sheet}`;

/** Read and check several workbooks as one run (the CLI's unit). */
export function checkWorkbooks(books: Workbook[], options: Options = {}): { results: WorkbookResult[]; summary: Summary } {
  const read = books.map((b) => ({ book: b, sheets: readWorkbook(b, options) }));
  const allForms = read.flatMap((r) => r.sheets.flatMap((s) => s.forms));
  const findings = checkForms(allForms, options, read.flatMap((r) => r.sheets));
  const byBook = groupBy(findings, (f) => f.workbook);
  const results = read.map(({ book, sheets }) => ({
    name: book.name,
    sheets: sheets.map(sheetSummary),
    forms: sheets.flatMap((s) => s.forms),
    findings: byBook.get(book.name) ?? [],
  }));
  return { results, summary: summarise(results) };
}

export function summarise(results: WorkbookResult[]): Summary {
  const all = results.flatMap((r) => r.findings);
  return {
    files: results.length,
    forms: results.reduce((n, r) => n + r.forms.length, 0),
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
    infos: all.filter((f) => f.severity === 'info').length,
    unrecognised: results.reduce((n, r) => n + r.sheets.filter((s) => s.status === 'unrecognised').length, 0),
  };
}
