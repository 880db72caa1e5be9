/**
 * The check every command runs: open each file, read its forms with its own rule settings (or the reviewer's),
 * run the rules once over every form (CODE-004 sees codes repeated across files), and mark what the workbooks
 * and the baseline dismiss. `goalsheet check`, `annotate` and `review` differ only in what they do with it.
 */
import { checkForms, readWorkbook } from '../core/engine';
import type { ReviewedFinding } from '../core/dismissals';
import type { Form, SheetResult } from '../core/form/model';
import type { Options } from '../core/options';
import type { Locale } from '../core/rules/types';
import type { Review } from './baseline';
import { workbookSettings, type WorkbookSettingsReport } from './config';
import { loadWorkbook, type Loaded } from './loadWorkbook';
import { internalError } from './workers';

export interface CheckedFile {
  file: string;
  /** Why the file was not read (its reason, one line), when it was not. */
  error?: string;
  sheets: SheetResult[];
  /** The workbook's own rule settings, when it has some. */
  settings?: WorkbookSettingsReport;
}

export interface CheckRun {
  files: CheckedFile[];
  forms: Form[];
  sheets: SheetResult[];
  findings: ReviewedFinding[];
}

export interface CheckRunOptions {
  options: Options;
  locale: Locale;
  /** Each workbook checked with its own rule settings (else the reviewer's `options` for all). */
  ownSettings: boolean;
  /** Dismissals: each workbook's own and the reviewer's baseline. */
  review: Review;
  /** How the i-th file is opened (a worker pool for many files); in this thread by default. */
  load?: (index: number, file: string) => Promise<Loaded>;
  /** Told before each file. */
  onFile?: (file: string) => void;
}

/** `targets` carry a reason when they must not be opened (decided before anything is read). */
export async function checkFiles(targets: readonly { file: string; error?: string }[], o: CheckRunOptions): Promise<CheckRun> {
  const load = o.load ?? ((_: number, file: string) => loadWorkbook(file));
  const files: CheckedFile[] = [];
  const forms: Form[] = [];
  const sheets: SheetResult[] = [];
  const ofWorkbook = new Map<string, Options>();
  for (const [i, { file, error }] of targets.entries()) {
    o.onFile?.(file);
    if (error !== undefined) {
      files.push({ file, error, sheets: [] });
      continue;
    }
    // One file's unexpected failure (a bug, a worker that died) is reported for that file; the run goes on.
    const loaded = await load(i, file).catch((e: unknown) => ({ error: internalError(e) }));
    if ('error' in loaded) {
      files.push({ file, error: loaded.error, sheets: [] });
      continue;
    }
    const settings = workbookSettings(loaded.settings, o.ownSettings);
    o.review.add(file, loaded);
    if (settings.applied) ofWorkbook.set(file, { ...settings.options, locale: o.locale });
    let read: SheetResult[];
    try {
      read = readWorkbook({ name: file, grids: loaded.grids }, ofWorkbook.get(file) ?? o.options);
    } catch (e) {
      files.push({ file, error: internalError(e), sheets: [] });
      continue;
    }
    sheets.push(...read);
    forms.push(...read.flatMap((s) => s.forms));
    files.push({ file, sheets: read, ...(settings.report ? { settings: settings.report } : {}) });
  }
  const findings = o.review.apply(checkForms(forms, { ...o.options, locale: o.locale }, sheets, (workbook) => ofWorkbook.get(workbook)));
  return { files, forms, sheets, findings };
}
