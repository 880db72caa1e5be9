/**
 * .xlsx → the engine's grids, through exceljs. exceljs gives raw values and
 * repeats a merged area's value in every cell of it, so number formats are
 * rendered here with numfmt and merges are taken from the sheet: the engine
 * gets the same grid Office.js would give it.
 */
import ExcelJS from 'exceljs';
import type { Area, Cell, Grid } from '../core/grid';
import { renderNumber } from '../core/numberText';
import { mergesOf, plainValue } from '../xlsx/model';

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

/**
 * What the caller knows of a sheet better than exceljs: its real name (exceljs may have been given a
 * placeholder for a name it rejects) and its merged areas (exceljs may have been given none: it
 * expands every merge into cell objects).
 */
export interface SheetSource {
  name?: string;
  merges?: Area[];
}

type RowCells = { r: number; cells: { c: number; cell: Cell }[] };

export function worksheetToGrid(ws: ExcelJS.Worksheet, date1904 = false, source: SheetSource = {}): Grid {
  const merges = source.merges ?? mergesOf(ws);
  const name = source.name ?? ws.name;
  let rows: RowCells[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: { c: number; cell: Cell }[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return; // exceljs repeats the master's value here
      const c = toCell(cell.value, cell.numFmt, date1904);
      if (c) cells.push({ c: colNumber - 1, cell: c });
    });
    if (cells.length) rows.push({ r: rowNumber - 1, cells });
  });
  if (source.merges && merges.length) rows = dropCovered(rows, merges);
  if (!rows.length) return { sheet: name, top: 0, left: 0, cells: [], merges };
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  for (const { r, cells } of rows) {
    top = Math.min(top, r);
    bottom = Math.max(bottom, r);
    for (const { c } of cells) left = Math.min(left, c);
  }
  // Sparse: a blank row is a hole (the engine skips holes), so a tall, mostly empty sheet costs its filled rows only.
  const grid: (Cell | undefined)[][] = [];
  grid.length = bottom - top + 1;
  for (const { r, cells } of rows) {
    const line = (grid[r - top] ??= []);
    for (const { c, cell } of cells) line[c - left] = cell;
  }
  return { sheet: name, top, left, cells: grid, merges };
}

/**
 * Only the top-left cell of a merged area holds its value (as in Excel, and as exceljs does when it
 * applies merges itself). Rows come in order and cells in order within them, so each area finds its
 * rows and cells by binary search: the work is bounded by the merged cells that hold something.
 */
function dropCovered(rows: RowCells[], merges: Area[]): RowCells[] {
  const drop = new Set<{ c: number; cell: Cell }>();
  const sorted = rows.every((x, i) => i === 0 || rows[i - 1].r < x.r) && rows.every((x) => x.cells.every((y, j) => j === 0 || x.cells[j - 1].c < y.c));
  if (!sorted) {
    rows.sort((a, b) => a.r - b.r);
    for (const x of rows) x.cells.sort((a, b) => a.c - b.c);
  }
  for (const m of merges) {
    for (let i = lowerBound(rows.length, (k) => rows[k].r >= m.top); i < rows.length && rows[i].r <= m.bottom; i++) {
      const { r, cells } = rows[i];
      for (let j = lowerBound(cells.length, (k) => cells[k].c >= m.left); j < cells.length && cells[j].c <= m.right; j++) {
        if (r !== m.top || cells[j].c !== m.left) drop.add(cells[j]);
      }
    }
  }
  if (!drop.size) return rows;
  return rows.map(({ r, cells }) => ({ r, cells: cells.filter((x) => !drop.has(x)) })).filter((x) => x.cells.length);
}

/** The first index in [0, n) where `ok` holds (ok is false, then true). */
function lowerBound(n: number, ok: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function workbookToGrids(wb: ExcelJS.Workbook): Grid[] {
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  return wb.worksheets.map((ws) => worksheetToGrid(ws, date1904));
}
