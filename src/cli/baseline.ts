/**
 * Dismissed findings on the command line: those the workbook itself dismisses (the add-in's setting
 * goalsheet.dismissals, read from the file's web-extension part like every setting), and those in a reviewer's
 * own baseline file (--baseline, written by --write-baseline). Both are scoped to rule, sheet, cell and the
 * cell's value fingerprint (core/dismissals.ts), so they lapse when the cell changes.
 *
 * Baseline file (JSON):
 *   {"version": 1, "entries": [{"file": "<file name, no folder>", "sheet", "cell", "ruleId", "value": "<fingerprint>", "reason"?}]}
 */
import { readJsonFile } from './config';
import { promises as fs } from 'fs';
import path from 'path';
import {
  applyDismissals, cellFingerprint, cleanReason, DISMISSALS_KEY, readDismissals, type Dismissal, type ReviewedFinding,
} from '../core/dismissals';
import type { Grid } from '../core/grid';
import { fromA1 } from '../core/grid';
import type { Finding } from '../core/rules/types';
import { fileSetting } from './addinSettings';
import { UsageError } from './args';
import { replaceFile } from './replaceFile';

export const BASELINE_REASON = '基线 / baseline';
/** A baseline is a reviewer's own file, but still read with bounds. */
const MAX_BASELINE_BYTES = 50 * 1024 * 1024;
const MAX_BASELINE_ENTRIES = 200_000;

export interface BaselineEntry {
  /** The workbook's file name without its folder (the same file checked from elsewhere still matches). */
  file: string;
  sheet: string;
  cell: string;
  ruleId: string;
  /** The cell's value fingerprint. */
  value: string;
  reason?: string;
}

/** The dismissals a workbook carries (goalsheet.dismissals), valid entries only; none when absent or broken. */
export function fileDismissals(stored: Record<string, string>): Dismissal[] {
  const read = fileSetting(stored[DISMISSALS_KEY]);
  return 'value' in read ? readDismissals(read.value).dismissals : [];
}

const entryKey = (file: string, sheet: string, cell: string, ruleId: string, value: string) => JSON.stringify([file, sheet, cell, ruleId, value]);

/** Findings of the workbooks added, reviewed: dismissed by their own setting, else by the baseline. */
export class Review {
  private readonly books = new Map<string, { grids: Grid[]; dismissals: Dismissal[] }>();
  private readonly baseline = new Map<string, BaselineEntry>();
  /** Findings dismissed by the baseline (not by their workbook). */
  private readonly byBaseline = new WeakSet<ReviewedFinding>();
  private readonly baselineFiles = new Set<string>();

  /** `keep`: every workbook's cells are needed (a baseline is to be written). */
  constructor(baseline: readonly BaselineEntry[] = [], private readonly keep = false) {
    for (const e of baseline) {
      this.baseline.set(entryKey(e.file, e.sheet, e.cell, e.ruleId, e.value), e);
      this.baselineFiles.add(e.file);
    }
  }

  /** A workbook read; its cells are kept until the findings are known only when something can be dismissed. */
  add(file: string, loaded: { grids: Grid[]; settings: Record<string, string> }): void {
    const dismissals = fileDismissals(loaded.settings);
    const needed = this.keep || dismissals.length > 0 || this.baselineFiles.has(path.basename(file));
    if (needed) this.books.set(file, { grids: loaded.grids, dismissals });
  }

  apply(findings: readonly Finding[]): ReviewedFinding[] {
    const out: ReviewedFinding[] = new Array(findings.length);
    const byBook = new Map<string, number[]>();
    findings.forEach((f, i) => {
      const at = byBook.get(f.workbook);
      if (at) at.push(i);
      else byBook.set(f.workbook, [i]);
    });
    for (const [workbook, at] of byBook) {
      const book = this.books.get(workbook);
      const fingerprint = (sheet: string, cell: string) => (book ? cellFingerprint(book.grids, sheet, cell) : undefined);
      const reviewed = applyDismissals(at.map((i) => findings[i]), book?.dismissals ?? [], fingerprint).findings;
      reviewed.forEach((f, j) => {
        if (!f.dismissed && f.fingerprint !== undefined) {
          const e = this.baseline.get(entryKey(path.basename(workbook), f.sheet, f.cell, f.ruleId, f.fingerprint));
          if (e) {
            f.dismissed = { reason: e.reason ? `${BASELINE_REASON}：${e.reason}` : BASELINE_REASON };
            this.byBaseline.add(f);
          }
        }
        out[at[j]] = f;
      });
    }
    return out;
  }

  /** Baseline entries for `findings`: all but those the workbook itself dismisses; reasons kept from the baseline read. */
  entries(findings: readonly ReviewedFinding[]): BaselineEntry[] {
    const out: BaselineEntry[] = [];
    for (const f of findings) {
      if (f.fingerprint === undefined) continue;
      const file = path.basename(f.workbook);
      const before = this.baseline.get(entryKey(file, f.sheet, f.cell, f.ruleId, f.fingerprint));
      if (f.dismissed && !this.byBaseline.has(f)) continue; // the workbook dismisses it itself
      out.push({ file, sheet: f.sheet, cell: f.cell, ruleId: f.ruleId, value: f.fingerprint, ...(before?.reason ? { reason: before.reason } : {}) });
    }
    return out;
  }
}

function readEntry(x: unknown, i: number, file: string): BaselineEntry {
  const o = (x && typeof x === 'object' && !Array.isArray(x) ? x : {}) as Record<string, unknown>;
  const bad = (what: string) => new UsageError(`基线文件第 ${i + 1} 条无效（${what}）/ baseline ${file}: entry ${i + 1} is invalid (${what})`);
  for (const k of ['file', 'sheet', 'cell', 'ruleId', 'value'] as const) if (typeof o[k] !== 'string' || (o[k] as string).length > 1000) throw bad(k);
  if (!fromA1(o.cell as string)) throw bad('cell');
  if (o.reason !== undefined && typeof o.reason !== 'string') throw bad('reason');
  const reason = typeof o.reason === 'string' ? cleanReason(o.reason) : undefined;
  return { file: o.file as string, sheet: o.sheet as string, cell: (o.cell as string).toUpperCase().replace(/\$/g, ''), ruleId: o.ruleId as string, value: o.value as string, ...(reason ? { reason } : {}) };
}

/** A baseline file, checked: a usage error when it cannot be read or is not one. */
export async function readBaseline(file: string): Promise<BaselineEntry[]> {
  const value = await readJsonFile(file, ['基线文件', 'baseline'], MAX_BASELINE_BYTES);
  const entries = (value as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw new UsageError(`基线文件缺少 entries 数组 / baseline ${file} has no "entries" array`);
  if (entries.length > MAX_BASELINE_ENTRIES) throw new UsageError(`基线文件条目过多 / baseline ${file} has over ${MAX_BASELINE_ENTRIES} entries`);
  return entries.map((x, i) => readEntry(x, i, file));
}

/** Written beside the target, then renamed: an interrupted run leaves no half-written baseline. */
export async function writeBaseline(file: string, entries: readonly BaselineEntry[]): Promise<void> {
  try {
    await replaceFile(file, (tmp) => fs.writeFile(tmp, JSON.stringify({ version: 1, entries }, null, 2) + '\n', 'utf8'));
  } catch (e) {
    throw new UsageError(`无法写入基线文件 / cannot write baseline ${file}: ${(e as Error).message}`);
  }
}
