/**
 * .xlsx → the engine's grids, through exceljs. exceljs gives raw values and
 * repeats a merged area's value in every cell of it, so number formats are
 * rendered here with numfmt and merges are taken from the sheet: the engine
 * gets the same grid Office.js would give it.
 */
import ExcelJS from 'exceljs';
import * as numfmt from 'numfmt';
import type { Area, Cell, Grid } from '../core/grid';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
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

type Raw = ExcelJS.CellValue;

/** One exceljs value → what Excel shows, the raw value, and an error code if any. */
function toCell(raw: Raw, format: string | undefined, date1904: boolean): Cell | undefined {
  if (raw === null || raw === undefined) return undefined;
  const fmt = format && format !== 'General' ? format : undefined;
  if (typeof raw === 'number') return { text: renderNumber(fmt, raw), value: raw, ...(fmt ? { format: fmt } : {}) };
  if (typeof raw === 'string') return raw === '' ? undefined : { text: raw, value: raw, ...(fmt ? { format: fmt } : {}) };
  if (typeof raw === 'boolean') return { text: raw ? 'TRUE' : 'FALSE', value: raw };
  if (raw instanceof Date) {
    const serial = (raw.getTime() - EXCEL_EPOCH_MS) / 86_400_000 - (date1904 ? 1462 : 0);
    const dateFmt = fmt ?? 'yyyy-mm-dd';
    return { text: renderNumber(dateFmt, serial), value: serial, format: dateFmt };
  }
  if (typeof raw === 'object') {
    if ('error' in raw) return { text: String(raw.error), value: null, error: String(raw.error) };
    if ('richText' in raw) return toCell(raw.richText.map((t) => t.text).join(''), format, date1904);
    if ('formula' in raw || 'sharedFormula' in raw) {
      const result = (raw as ExcelJS.CellFormulaValue).result;
      if (result === undefined) return undefined;
      return toCell(result as Raw, format, date1904);
    }
    if ('hyperlink' in raw) return toCell((raw as ExcelJS.CellHyperlinkValue).text, format, date1904);
  }
  return undefined;
}

function mergesOf(ws: ExcelJS.Worksheet): Area[] {
  // exceljs keeps merges by master cell; the public `model.merges` rebuilds the whole sheet model.
  const merges = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
  if (!merges) return [];
  return Object.values(merges).map(({ model: m }) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
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
