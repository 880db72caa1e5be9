/**
 * The official form as data: a form's content (as in seed-forms.json) laid out
 * in the official rows, columns and merges. Writers (exceljs now, Office.js
 * later) render this; templates build on it.
 */
import type { Area, Cell, Grid } from './grid';
import { STYLES, heightFor, linesFor } from './styles';

export interface IndicatorData {
  l1: string;
  l2: string;
  l3: string;
  desc: string;
  value: string | number;
  basis: string | null;
  /** Rows the 指标确定依据 cell is merged down (1 when absent). */
  basisMergeRows?: number;
}

export interface FormData {
  unit?: string;
  code: string;
  name: string;
  budget: {
    total: number | string | null;
    adjust?: number | string | null;
    fiscal: number | string | null;
    other?: number | string | null;
    /** Unit of numeric amounts, written after them ("81万元"). */
    unit?: string;
  };
  use: string;
  /** "3月底" → percent, null for blank. */
  plan: Record<string, number | null>;
  goal: string;
  indicators: IndicatorData[];
}

export type CellStyle = 'title' | 'label' | 'header' | 'text' | 'value';

export interface SpecCell {
  row: number;
  col: number;
  value: string | number | null;
  format?: string;
  style: CellStyle;
  /** What the cell holds ('code', 'use', 'plan:3月底', 'value:2' …), for templates to find their blanks. */
  field?: string;
}

/** Data validation on an area: a dropdown list, a number range, and/or an input prompt. */
export interface ValidationSpec {
  area: Area;
  /** Dropdown; `strict` warns on other entries, otherwise any text is accepted. */
  list?: { items: string[]; strict: boolean };
  /** A number from min to max (no upper bound when max is absent). */
  decimal?: { min: number; max?: number };
  prompt?: { title: string; message: string };
  /** Shown when an entry breaks the rule. */
  error?: { title: string; message: string };
}

export interface PrintSpec {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Fit all columns on one page width; pages as tall as needed. */
  fitToWidth: true;
  /** Rows repeated at the top of every printed page (absolute, 0-based). */
  titleRows: { top: number; bottom: number };
  area: Area;
}

export interface SheetSpec {
  cells: SpecCell[];
  merges: Area[];
  /** Column widths in characters, from the form's first column. */
  widths: number[];
  /** Row heights in points for rows whose wrapped text needs more than one line. */
  heights: Record<number, number>;
  /** First row and column and last row used (absolute, 0-based), for print areas. */
  top: number;
  left: number;
  bottom: number;
  validations?: ValidationSpec[];
  print?: PrintSpec;
}

export interface LayoutOptions {
  top?: number;
  left?: number;
  /** Write the 项目支出绩效目标表 title row. Default true. */
  title?: boolean;
  /** Write amounts as numbers with a 万元 number format instead of text (blank amount cells get the format too). */
  amountsAsNumbers?: boolean;
  /** Least lines of height for a field's row ('use', 'goal' …), to leave room for typing. */
  minLines?: Record<string, number>;
}

/** The number format of amounts written as numbers. */
export const AMOUNT_FORMAT = '0.00"万元"';

export const FORM_WIDTHS = [14, 16, 22, 36, 14, 26];

export function layoutForm(data: FormData, options: LayoutOptions = {}): SheetSpec {
  const top = options.top ?? 0;
  const left = options.left ?? 0;
  const cells: SpecCell[] = [];
  const merges: Area[] = [];
  const put = (r: number, c: number, value: string | number | null, style: CellStyle, format?: string, field?: string) =>
    cells.push({ row: r, col: left + c, value, style, ...(format ? { format } : {}), ...(field ? { field } : {}) });
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2) merges.push({ top: r1, left: left + c1, bottom: r2, right: left + c2 });
  };
  const unit = data.budget.unit ?? '万元';
  const amount = (v: number | string | null | undefined): [string | number | null, string | undefined] => {
    if (v === null || v === undefined || v === '') return [null, options.amountsAsNumbers ? AMOUNT_FORMAT : undefined];
    if (typeof v === 'string') return [v, undefined];
    return options.amountsAsNumbers ? [v, AMOUNT_FORMAT] : [`${v}${unit}`, undefined];
  };

  let r = top;
  if (options.title !== false) {
    put(r, 0, '项目支出绩效目标表', 'title');
    merge(r, 0, r, 5);
    r++;
  }
  put(r, 0, '填报单位：', 'label');
  put(r, 1, data.unit ?? '', 'text', undefined, 'unit');
  merge(r, 1, r, 5);
  r++;
  put(r, 0, '项目编码', 'label');
  put(r, 1, data.code, 'text', undefined, 'code');
  put(r, 2, '项目名称', 'label');
  put(r, 3, data.name, 'text', undefined, 'name');
  merge(r, 3, r, 5);
  r++;

  const hasOther = data.budget.other !== null && data.budget.other !== undefined;
  const budgetTop = r;
  put(r, 0, '预算规模及资金用途', 'label');
  put(r, 1, '预算数', 'label');
  put(r, 2, ...amountCell(amount(data.budget.total)), 'total');
  const adjust = amount(data.budget.adjust)[0];
  put(r, 3, adjust === null ? '调增(减)资金：' : `调增(减)资金：${typeof adjust === 'number' ? `${adjust}${unit}` : adjust}`, 'label', undefined, 'adjust');
  put(r, 4, '财政资金', 'label');
  put(r, 5, ...amountCell(amount(data.budget.fiscal)), 'fiscal');
  r++;
  if (hasOther) {
    put(r, 4, '其他资金', 'label');
    put(r, 5, ...amountCell(amount(data.budget.other)), 'other');
    r++;
  }
  put(r, 1, `资金用途：${data.use}`, 'text', undefined, 'use');
  merge(r, 1, r, 5);
  merge(budgetTop, 0, r, 0);
  r++;

  put(r, 0, '资金支出计划(%)', 'label');
  merge(r, 0, r + 1, 0);
  const months = Object.keys(data.plan);
  months.forEach((m, i) => {
    const c = Math.min(1 + i, 4);
    put(r, c, m, 'header');
    const v = data.plan[m];
    put(r + 1, c, v, 'value', undefined, `plan:${m}`);
    if (i === months.length - 1 && c === 4) {
      merge(r, 4, r, 5);
      merge(r + 1, 4, r + 1, 5);
    }
  });
  r += 2;

  put(r, 0, '绩效目标', 'label');
  put(r, 1, data.goal, 'text', undefined, 'goal');
  merge(r, 1, r, 5);
  r++;

  ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标确定依据'].forEach((h, c) => put(r, c, h, 'header'));
  r++;
  const first = r;
  data.indicators.forEach((ind, i) => {
    const row = first + i;
    const prev = data.indicators[i - 1];
    if (!prev || prev.l1 !== ind.l1) put(row, 0, ind.l1, 'label', undefined, `l1:${i}`);
    put(row, 1, ind.l2, 'text', undefined, `l2:${i}`);
    put(row, 2, ind.l3, 'text', undefined, `l3:${i}`);
    put(row, 3, ind.desc, 'text', undefined, `desc:${i}`);
    put(row, 4, ind.value === '' ? null : ind.value, 'value', undefined, `value:${i}`);
    if (ind.basis !== null || !coveredByBasisMerge(data.indicators, i)) put(row, 5, ind.basis, 'text', undefined, `basis:${i}`);
    if (ind.basisMergeRows && ind.basisMergeRows > 1) merge(row, 5, row + ind.basisMergeRows - 1, 5);
  });
  // 一级指标 is merged down each run of equal labels.
  let runStart = 0;
  data.indicators.forEach((ind, i) => {
    const next = data.indicators[i + 1];
    if (!next || next.l1 !== ind.l1) {
      merge(first + runStart, 0, first + i, 0);
      runStart = i + 1;
    }
  });
  const bottom = first + data.indicators.length - 1;
  const heights = fitHeights(cells, merges, left, options.minLines ?? {});
  return { cells, merges, widths: FORM_WIDTHS, heights, top, left, bottom };
}

/** Heights for rows whose wrapped text needs more than one line (Excel does not size merged cells itself). */
function fitHeights(cells: SpecCell[], merges: Area[], left: number, minLines: Record<string, number>): Record<number, number> {
  const lines = new Map<number, number>();
  for (const c of cells) {
    const area = merges.find((m) => m.top === c.row && m.left === c.col);
    const rows = area ? area.bottom - area.top + 1 : 1;
    let width = 0;
    for (let col = c.col; col <= (area?.right ?? c.col); col++) width += FORM_WIDTHS[col - left] ?? 10;
    const text = c.value === null ? '' : String(c.value);
    const need = Math.max(STYLES[c.style].wrap ? Math.ceil(linesFor(text, width) / rows) : 1, (c.field && minLines[c.field]) || 1);
    lines.set(c.row, Math.max(lines.get(c.row) ?? 1, need));
  }
  const heights: Record<number, number> = {};
  for (const [row, n] of lines) if (n > 1) heights[row] = heightFor(n);
  return heights;
}

function amountCell([value, format]: [string | number | null, string | undefined]): [string | number | null, CellStyle, string | undefined] {
  return [value, 'value', format];
}

function coveredByBasisMerge(rows: IndicatorData[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const n = rows[j].basisMergeRows ?? 1;
    if (n > 1) return j + n - 1 >= i;
  }
  return false;
}

/**
 * A laid-out sheet as a front end would read it back: the grid the engine gets.
 * `render` turns a number and its format into displayed text (numfmt in Node).
 */
export function specToGrid(
  specs: SheetSpec | SheetSpec[],
  sheet: string,
  render: (format: string | undefined, value: number) => string = (_f, v) => String(v),
): Grid {
  const all = Array.isArray(specs) ? specs : [specs];
  const cells: (Cell | undefined)[][] = [];
  for (const spec of all) {
    for (const c of spec.cells) {
      if (c.value === null || c.value === '') continue;
      const cell: Cell =
        typeof c.value === 'number'
          ? { text: render(c.format, c.value), value: c.value, ...(c.format ? { format: c.format } : {}) }
          : { text: c.value, value: c.value };
      (cells[c.row] ??= [])[c.col] = cell;
    }
  }
  for (let r = 0; r < cells.length; r++) cells[r] ??= [];
  return { sheet, top: 0, left: 0, cells, merges: all.flatMap((s) => s.merges) };
}
