/**
 * What every host renderer of a sheet spec decides the same way, whatever its API (Office.js in src/excel,
 * the ET object model in src/wps): the values and number formats as matrices over the form's box, the area each
 * cell's style applies to, how each validation is set, and the print title rows.
 */
import { literal } from '../literal';
import { toA1, type Area } from '../grid';
import type { PrintSpec, SheetSpec, ValidationSpec } from '../layout';
import { STYLES, type StyleDef } from '../styles';

export interface SpecMatrices {
  /** The form's box: its rows, and as many columns as it has widths. */
  box: Area;
  /** Row arrays over the box; null where nothing is written. */
  values: (string | number | null)[][];
  formats: (string | null)[][];
}

/**
 * The values and formats of a spec. Text is written as text, as the exceljs writer stores it: literal() keeps a
 * typed-looking text a text in both programs (core/literal.ts), so a template's "=WEBSERVICE(…)"
 * (user templates come with received workbooks) is never a formula. A Text-formatted cell ('@') keeps whatever
 * is written, as long as its format is set before its value.
 */
export function specMatrices(spec: SheetSpec): SpecMatrices {
  const width = spec.widths.length;
  const box: Area = { top: spec.top, left: spec.left, bottom: spec.bottom, right: spec.left + width - 1 };
  const values: (string | number | null)[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    values.push(new Array(width).fill(null));
    formats.push(new Array(width).fill(null));
  }
  for (const c of spec.cells) {
    if (c.format) formats[c.row - box.top][c.col - box.left] = c.format;
    if (c.value !== null && c.value !== '') values[c.row - box.top][c.col - box.left] = c.format === '@' ? c.value : literal(c.value);
  }
  return { box, values, formats };
}

/** Each cell's style and where it goes: the merged area the cell heads, or the cell alone. */
export function styledAreas(spec: SheetSpec): { area: Area; style: StyleDef }[] {
  return spec.cells.map((c) => ({
    area: spec.merges.find((m) => m.top === c.row && m.left === c.col) ?? { top: c.row, left: c.col, bottom: c.row, right: c.col },
    style: STYLES[c.style],
  }));
}

/** The cell of each column width: the form's first row, column by column. */
export function widthCells(spec: SheetSpec): { cell: string; width: number }[] {
  return spec.widths.map((width, i) => ({ cell: toA1(spec.top, spec.left + i), width }));
}

/** A validation as the renderers set it, in neither API's words. */
export interface ValidationPlan {
  /** None: a prompt only (any entry accepted). */
  rule?: { list: { source: string } } | { decimal: { min: number; max?: number } };
  prompt?: { title: string; message: string };
  /**
   * Shown on a bad entry: a number out of range stops it, a strict list warns; a free list (依据) accepts any text,
   * its alert set off explicitly. Undefined: none set.
   */
  alert?: { show: boolean; style: 'Stop' | 'Warning' | 'Information'; title: string; message: string };
}

export function validationPlan(v: ValidationSpec): ValidationPlan {
  const rule = v.list ? { list: { source: v.list.items.join(',') } } : v.decimal ? { decimal: { ...v.decimal } } : undefined;
  const alert: ValidationPlan['alert'] =
    v.error && (v.decimal || v.list?.strict)
      ? { show: true, style: v.decimal ? 'Stop' : 'Warning', title: v.error.title, message: v.error.message }
      : v.list
        ? { show: false, style: 'Information', title: '', message: '' }
        : undefined;
  return { ...(rule ? { rule } : {}), ...(v.prompt ? { prompt: v.prompt } : {}), ...(alert ? { alert } : {}) };
}

/** Rows repeated on every printed page, as "$1:$2". */
export function printTitleRows(p: PrintSpec): string {
  return `$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`;
}
