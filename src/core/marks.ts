/**
 * What the add-in paints on the workbook, decided here so every front end marks
 * cells alike: one mark per cell, coloured by its worst finding, with every
 * finding's explanation in the text shown at the cell.
 */
import { areaA1, parseAddress } from './address';
import { compareA1 } from './grid';
import type { Finding, Locale, Severity } from './rules/types';

export interface CellMark {
  sheet: string;
  cell: string;
  severity: Severity;
  /** The explanation shown at the cell (a note, or the fallback). */
  text: string;
  ruleIds: string[];
}

/**
 * Fills by severity. Light tints keep black text readable in both themes; they
 * differ in lightness as well as hue, and the text at the cell names the
 * severity, so the mark never rests on colour alone.
 */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: '#F4B6B6',
  warning: '#FFE08A',
  info: '#CFE2F3',
};

/** The rule of the conditional formats that show marks (add-in and annotated copies): always true, and recognisable. */
export const markFormula = (severity: Severity) => `=ISTEXT("goalsheet:${severity}")`;
const OUR_FORMULA = /^=ISTEXT\("goalsheet:(error|warning|info)"\)$/i;
export const isMarkFormula = (formula: string | null | undefined) => !!formula && OUR_FORMULA.test(formula.trim());

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** A severity as the marks and the results sheet word it. */
export const SEVERITY_WORD: Record<Locale, Record<Severity, string>> = {
  'zh-CN': { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'Error', warning: 'Warning', info: 'Info' },
};

const OUR_TEXT = new RegExp(`^【(${Object.values(SEVERITY_WORD).flatMap((w) => Object.values(w)).join('|')})】[A-Z]+-\\d{3} `);
/** A note this add-in writes opens with a severity word and a rule id; Clear removes only such notes it wrote unchanged. */
export const isMarkText = (text: string | null | undefined) => !!text && OUR_TEXT.test(text);

export function planMarks(findings: Finding[], locale: Locale = 'zh-CN'): CellMark[] {
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.sheet}\u0000${f.cell}`;
    const list = byCell.get(k);
    if (list) list.push(f);
    else byCell.set(k, [f]);
  }
  const marks: CellMark[] = [];
  for (const list of byCell.values()) {
    list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    marks.push({
      sheet: list[0].sheet,
      cell: list[0].cell,
      severity: list[0].severity,
      text: list.map((f) => `【${SEVERITY_WORD[locale][f.severity]}】${f.ruleId} ${f.message}`).join('\n'),
      ruleIds: list.map((f) => f.ruleId),
    });
  }
  return marks.sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : compareA1(a.cell, b.cell)));
}

/**
 * The cells as few areas as can be said simply (runs down a column), in comma-separated lists of at most `maxChars`
 * characters: each program takes address lists of a limited length (Excel's getRanges, WPS's Range()).
 */
export function addressLists(cells: string[], maxChars: number): string[] {
  const areas = cells
    .map((c) => parseAddress(c)!.area)
    .sort((a, b) => a.left - b.left || a.top - b.top);
  const runs: { top: number; bottom: number; left: number }[] = [];
  for (const a of areas) {
    const last = runs[runs.length - 1];
    if (last && last.left === a.left && last.bottom + 1 === a.top) last.bottom = a.top;
    else if (!last || last.left !== a.left || last.bottom < a.top) runs.push({ top: a.top, bottom: a.top, left: a.left });
  }
  const lists: string[] = [];
  let current = '';
  for (const r of runs) {
    const a = areaA1({ top: r.top, bottom: r.bottom, left: r.left, right: r.left });
    if (current && current.length + 1 + a.length > maxChars) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) lists.push(current);
  return lists;
}
