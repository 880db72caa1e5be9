/**
 * The form's cell styles as neutral data, so the exceljs writer and the
 * Office.js writer render the same look from one table.
 */
import type { CellStyle } from './layout';

export interface StyleDef {
  font: { name: string; size: number; bold: boolean };
  /** Solid fill colour '#RRGGBB', none when absent. */
  fill?: string;
  horizontal: 'center' | 'left';
  vertical: 'center';
  wrap: boolean;
  /** Thin borders on all four edges. */
  border: boolean;
}

const FONT = '宋体';

export const STYLES: Record<CellStyle, StyleDef> = {
  title: { font: { name: FONT, size: 16, bold: true }, horizontal: 'center', vertical: 'center', wrap: false, border: false },
  /** The line under the title: （2025年度）. */
  subtitle: { font: { name: FONT, size: 11, bold: false }, horizontal: 'center', vertical: 'center', wrap: false, border: false },
  label: { font: { name: FONT, size: 11, bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border: true },
  header: { font: { name: FONT, size: 11, bold: true }, fill: '#F2F2F2', horizontal: 'center', vertical: 'center', wrap: true, border: true },
  text: { font: { name: FONT, size: 11, bold: false }, horizontal: 'left', vertical: 'center', wrap: true, border: true },
  value: { font: { name: FONT, size: 11, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true },
  /** Under the table, outside its borders: 填报人：, 联系电话：, 填报日期：. */
  footer: { font: { name: FONT, size: 11, bold: false }, horizontal: 'left', vertical: 'center', wrap: true, border: false },
};

/** Points per line of 11-point text, and the padding Excel adds to a row. */
const LINE_PT = 14.25;
const ROW_PAD_PT = 3;

/** Display width of text in Excel column units: CJK and full-width characters take two. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines a wrapped text needs in a cell `width` characters wide. */
export function linesFor(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** Row height in points for a number of lines of 11-point text. */
export function heightFor(lines: number): number {
  return Math.round((lines * LINE_PT + ROW_PAD_PT) * 4) / 4;
}

/** Excel column width in characters ↔ points (Calibri 11: 7 px a character plus 5 px padding, 0.75 pt a pixel). */
export const widthToPoints = (chars: number) => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
export const pointsToWidth = (points: number) => Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
