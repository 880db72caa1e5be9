/**
 * .xlsx → the engine's grids, through exceljs. exceljs gives raw values and
 * repeats a merged area's value in every cell of it, so number formats are
 * rendered here with numfmt and merges are taken from the sheet: the engine
 * gets the same grid Office.js would give it.
 */
import ExcelJS from 'exceljs';
import * as numfmt from 'numfmt';
import type { Cell, Grid } from '../core/grid';
import { mergesOf, plainValue } from '../xlsx/model';

const formatCache = new Map<string, (v: number) => string>();

export function renderNumber(format: string | undefined, value: number): string {
  const fmt = format && format.trim() ? format : 'General';
  let f = formatCache.get(fmt);
  if (!f) {
    try {
      const fn = numfmt.format;
      f = (v: number) => fn(fmt, v);
      f(1); // a malformed code throws here, once
    } catch {
      f = (v: number) => numfmt.format('General', v);
    }
    formatCache.set(fmt, f);
  }
  return f(value);
}

/** One exceljs value → what Excel shows, the raw value, and an error code if any. */
function toCell(raw: ExcelJS.CellValue, format: string | undefined, date1904: boolean): Cell | undefined {
  const p = plainValue(raw, date1904);
  if (!p) return undefined;
  if ('error' in p) return { text: p.error, value: null, error: p.error };
  const fmt = format && format !== 'General' ? format : p.date ? 'yyyy-mm-dd' : undefined;
  const v = p.value;
  if (typeof v === 'number') return { text: renderNumber(fmt, v), value: v, ...(fmt ? { format: fmt } : {}) };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', value: v };
  return { text: v, value: v, ...(fmt ? { format: fmt } : {}) };
}

export function worksheetToGrid(ws: ExcelJS.Worksheet, date1904 = false): Grid {
  const merges = mergesOf(ws);
  const rows: { r: number; cells: { c: number; cell: Cell }[] }[] = [];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: { c: number; cell: Cell }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // exceljs repeats the master's value here
      const c = toCell(cell.value, cell.numFmt, date1904);
      if (c) cells.push({ c: colNumber - 1, cell: c });
    });
    if (!cells.length) return;
    const r = rowNumber - 1;
    rows.push({ r, cells });
    top = Math.min(top, r);
    bottom = Math.max(bottom, r);
    for (const { c } of cells) {
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  });
  if (!rows.length) return { sheet: ws.name, top: 0, left: 0, cells: [], merges };
  const grid: (Cell | undefined)[][] = Array.from({ length: bottom - top + 1 }, () => []);
  for (const { r, cells } of rows) for (const { c, cell } of cells) grid[r - top][c - left] = cell;
  return { sheet: ws.name, top, left, cells: grid, merges };
}

export function workbookToGrids(wb: ExcelJS.Workbook): Grid[] {
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  return wb.worksheets.map((ws) => worksheetToGrid(ws, date1904));
}
