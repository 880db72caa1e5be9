/**
 * The official form as data: a form's content (as in seed-forms.json) laid out
 * in the official rows, columns and merges of one of two printed layouts —
 * Hebei's 项目支出绩效目标表 (the seed's) or the national 项目支出绩效目标申报表
 * (财预〔2015〕88号 style; layout-variants.md). Both writers (exceljs, Office.js)
 * render the result; templates and the sample workbooks build on it.
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
  /** National layout only: the budget year of the （2025年度） line; blank when absent. */
  year?: number | string;
  /** National layout only: 主管部门; the unit itself when absent. */
  dept?: string;
  /** National layout only: 中长期目标 beside the annual goal. */
  goalLong?: string;
}

/** The printed layouts forms are laid out in: the `hebei` and `national` families of core/form/families. */
export type FormLayout = 'hebei' | 'national';
export const FORM_LAYOUTS: readonly FormLayout[] = ['hebei', 'national'];

export type CellStyle = 'title' | 'subtitle' | 'label' | 'header' | 'text' | 'value' | 'footer';

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
  /** Hebei's 目标表 (default) or the national 申报表. */
  layout?: FormLayout;
  top?: number;
  left?: number;
  /** Write the title row (and the national form's （年度） line). Default true. */
  title?: boolean;
  /** Write amounts as numbers with a 万元 number format instead of text (blank amount cells get the format too). */
  amountsAsNumbers?: boolean;
  /** Least lines of height for a field's row ('use', 'goal' …), to leave room for typing. */
  minLines?: Record<string, number>;
}

/** The number format of amounts written as numbers. */
export const AMOUNT_FORMAT = '0.00"万元"';

export const FORM_WIDTHS = [14, 16, 22, 36, 14, 26];
/** Column widths of the national 申报表: labels, 一级, 二级, 三级, 指标值. */
export const NATIONAL_WIDTHS = [14, 16, 20, 32, 22];

/**
 * What a fillable cell holds while nothing is filled in, where the form prints
 * its label inside the cell ("资金用途：…", "填报人：…") or a frame ("（    年度）").
 */
export const BLANK_TEXT: Record<string, string> = {
  use: '资金用途：',
  year: '（    年度）',
  preparer: '填报人：',
  phone: '联系电话：',
  date: '填报日期：',
};

/** Cells and merges of one form, placed from the form's first column. */
function sheetBuilder(options: LayoutOptions, unit: string) {
  const left = options.left ?? 0;
  const cells: SpecCell[] = [];
  const merges: Area[] = [];
  const put = (r: number, c: number, value: string | number | null, style: CellStyle, format?: string, field?: string) =>
    cells.push({ row: r, col: left + c, value, style, ...(format ? { format } : {}), ...(field ? { field } : {}) });
  const merge = (r1: number, c1: number, r2: number, c2: number) => {
    if (r1 !== r2 || c1 !== c2) merges.push({ top: r1, left: left + c1, bottom: r2, right: left + c2 });
  };
  const amount = (v: number | string | null | undefined): [string | number | null, string | undefined] => {
    if (v === null || v === undefined || v === '') return [null, options.amountsAsNumbers ? AMOUNT_FORMAT : undefined];
    if (typeof v === 'string') return [v, undefined];
    return options.amountsAsNumbers ? [v, AMOUNT_FORMAT] : [`${v}${unit}`, undefined];
  };
  /** 一级指标 merged down each run of equal labels, in column `col`, indicator rows from `first`. */
  const mergeLevel1Runs = (indicators: IndicatorData[], first: number, col: number) => {
    let runStart = 0;
    indicators.forEach((ind, i) => {
      const next = indicators[i + 1];
      if (!next || next.l1 !== ind.l1) {
        merge(first + runStart, col, first + i, col);
        runStart = i + 1;
      }
    });
  };
  const finish = (top: number, bottom: number, widths: number[]): SheetSpec => ({
    cells, merges, widths, heights: fitHeights(cells, merges, left, widths, options.minLines ?? {}), top, left, bottom,
  });
  return { put, merge, amount, mergeLevel1Runs, finish };
}

export function layoutForm(data: FormData, options: LayoutOptions = {}): SheetSpec {
  if (options.layout === 'national') return layoutNational(data, options);
  const top = options.top ?? 0;
  const unit = data.budget.unit ?? '万元';
  const { put, merge, amount, mergeLevel1Runs, finish } = sheetBuilder(options, unit);

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
  put(r, 1, `${BLANK_TEXT.use}${data.use}`, 'text', undefined, 'use');
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
  mergeLevel1Runs(data.indicators, first, 0);
  return finish(top, first + data.indicators.length - 1, FORM_WIDTHS);
}

/**
 * The national 项目支出绩效目标申报表 (layout-variants.md, family 1), five columns:
 *
 *   项目支出绩效目标申报表 / （2025年度）
 *   项目名称 | name (B:E)
 *   主管部门 | dept (B:C) | 实施单位 | unit
 *   项目资金（万元） (A, 3 rows) | 年度资金总额 / 其中：财政拨款 / 其他资金 | amount (C:E)
 *   总体目标 (A, 2 rows) | 中长期目标 (B:C) | 年度目标 (D:E), the texts below them
 *   绩效指标 (A, vertical, down the table) | 一级指标 | 二级指标 | 三级指标 | 指标值
 *   填报人： (A:B) | 联系电话： (C:D) | 填报日期：
 *
 * No 项目编码, 资金用途, 资金支出计划, 绩效指标描述 or 指标确定依据: the national form does not print them.
 */
function layoutNational(data: FormData, options: LayoutOptions): SheetSpec {
  const top = options.top ?? 0;
  const unit = data.budget.unit ?? '万元';
  const { put, merge, amount, mergeLevel1Runs, finish } = sheetBuilder(options, unit);
  const last = NATIONAL_WIDTHS.length - 1;

  let r = top;
  if (options.title !== false) {
    put(r, 0, '项目支出绩效目标申报表', 'title');
    merge(r, 0, r, last);
    r++;
    const year = data.year === undefined || data.year === '' ? null : data.year;
    put(r, 0, year === null ? BLANK_TEXT.year : `（${year}年度）`, 'subtitle', undefined, 'year');
    merge(r, 0, r, last);
    r++;
  }
  put(r, 0, '项目名称', 'label');
  put(r, 1, data.name, 'text', undefined, 'name');
  merge(r, 1, r, last);
  r++;
  put(r, 0, '主管部门', 'label');
  put(r, 1, data.dept ?? data.unit ?? '', 'text', undefined, 'dept');
  merge(r, 1, r, 2);
  put(r, 3, '实施单位', 'label');
  put(r, 4, data.unit ?? '', 'text', undefined, 'unit');
  r++;

  put(r, 0, `项目资金（${unit}）`, 'label');
  merge(r, 0, r + 2, 0);
  const amounts: [string, number | string | null | undefined, string][] = [
    ['年度资金总额', data.budget.total, 'total'],
    ['其中：财政拨款', data.budget.fiscal, 'fiscal'],
    ['其他资金', data.budget.other, 'other'],
  ];
  for (const [label, v, field] of amounts) {
    put(r, 1, label, 'label');
    put(r, 2, ...amountCell(amount(v)), field);
    merge(r, 2, r, last);
    r++;
  }

  put(r, 0, '总体目标', 'label');
  merge(r, 0, r + 1, 0);
  put(r, 1, '中长期目标', 'header');
  merge(r, 1, r, 2);
  put(r, 3, '年度目标', 'header');
  merge(r, 3, r, last);
  put(r + 1, 1, data.goalLong ?? '', 'text', undefined, 'goalLong');
  merge(r + 1, 1, r + 1, 2);
  put(r + 1, 3, data.goal, 'text', undefined, 'goal');
  merge(r + 1, 3, r + 1, last);
  r += 2;

  const header = r;
  // Printed one character a line, as the forms print it down the table's left edge.
  put(r, 0, '绩\n效\n指\n标', 'label');
  ['一级指标', '二级指标', '三级指标', '指标值'].forEach((h, i) => put(r, 1 + i, h, 'header'));
  r++;
  const first = r;
  data.indicators.forEach((ind, i) => {
    const row = first + i;
    const prev = data.indicators[i - 1];
    if (!prev || prev.l1 !== ind.l1) put(row, 1, ind.l1, 'label', undefined, `l1:${i}`);
    put(row, 2, ind.l2, 'text', undefined, `l2:${i}`);
    put(row, 3, ind.l3, 'text', undefined, `l3:${i}`);
    put(row, 4, ind.value === '' ? null : ind.value, 'value', undefined, `value:${i}`);
  });
  mergeLevel1Runs(data.indicators, first, 1);
  const tableBottom = first + data.indicators.length - 1;
  merge(header, 0, tableBottom, 0);

  const footer = tableBottom + 1;
  put(footer, 0, BLANK_TEXT.preparer, 'footer', undefined, 'preparer');
  merge(footer, 0, footer, 1);
  put(footer, 2, BLANK_TEXT.phone, 'footer', undefined, 'phone');
  merge(footer, 2, footer, 3);
  put(footer, 4, BLANK_TEXT.date, 'footer', undefined, 'date');
  return finish(top, footer, NATIONAL_WIDTHS);
}

/** Heights for rows whose wrapped text needs more than one line (Excel does not size merged cells itself). */
function fitHeights(cells: SpecCell[], merges: Area[], left: number, widths: number[], minLines: Record<string, number>): Record<number, number> {
  const lines = new Map<number, number>();
  for (const c of cells) {
    const area = merges.find((m) => m.top === c.row && m.left === c.col);
    const rows = area ? area.bottom - area.top + 1 : 1;
    let width = 0;
    for (let col = c.col; col <= (area?.right ?? c.col); col++) width += widths[col - left] ?? 10;
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
