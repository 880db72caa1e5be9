/**
 * The active WPS workbook → the engine's grids, through the ET object model (synchronous; docs/wps.md §2): every
 * sheet but the very hidden, its UsedRange's values in one Value2 read, displayed text and number formats per
 * filled cell, merged areas from MergeArea. What WPS leaves undocumented is read defensively (docs/wps.md §4):
 * Count and UsedRange as property or method, a multi-cell Value2 as row arrays or one flat array, empty cells as
 * undefined, null or "".
 */
import { EXCEL_ERRORS, MAX_SHEET_CELLS, sheetTooLarge, toA1, type Area, type Cell, type Grid } from '../core/grid';
import { fingerprint } from '../core/markRecord';
import { renderNumber } from '../core/numberText';
import type { EtApplication, EtRange, EtWorksheet } from '../host/et';
import { read, VERY_HIDDEN } from './xl';




export interface EtSheetRead {
  name: string;
  protected: boolean;
  grid?: Grid;
  refused?: [string, string];
  /** valuesPrint of the values read (a sheet refused for its size has none). */
  print?: string;
}


/** Value2 of a range of `rows` × `cols` as row arrays, whatever shape this WPS gives. */
export function grid2d(v: unknown, rows: number, cols: number): unknown[][] {
  if (rows === 1 && cols === 1 && !Array.isArray(v)) return [[v]];
  if (!Array.isArray(v)) throw new Error(`Value2 of ${rows}×${cols} cells is not an array`);
  if (v.length === rows && v.every((r) => Array.isArray(r))) return v as unknown[][];
  if (v.length === rows * cols) return Array.from({ length: rows }, (_, i) => v.slice(i * cols, (i + 1) * cols));
  throw new Error(`Value2 of ${rows}×${cols} cells has an unexpected shape`);
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function readEtSheet(ws: EtWorksheet): EtSheetRead {
  const name = ws.Name;
  const base = { name, protected: !!ws.ProtectContents };
  const used = read(ws.UsedRange as EtRange | (() => EtRange));
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  if (rows * cols > MAX_SHEET_CELLS) return { ...base, refused: sheetTooLarge(name, rows, cols) };
  const top = used.Row - 1;
  const left = used.Column - 1;
  const raw = used.Value2;
  const values = grid2d(raw, rows, cols);
  const cells: (Cell | undefined)[][] = [];
  const merges: Area[] = [];
  // Cells inside an area already found are not asked again: each call is a round trip into WPS. (The range-wide
  // MergeCells — False when no cell is merged, in VBA — is not relied on: WPS does not document it for a range.)
  const covered = new Set<number>();
  const cover = (m: Area) => {
    for (let r = Math.max(m.top, top); r <= Math.min(m.bottom, top + rows - 1); r++)
      for (let c = Math.max(m.left, left); c <= Math.min(m.right, left + cols - 1); c++) covered.add((r - top) * cols + (c - left));
  };
  for (let r = 0; r < rows; r++) {
    const row: (Cell | undefined)[] = [];
    for (let c = 0; c < cols; c++) {
      const v = values[r][c];
      const at = () => ws.Range(toA1(top + r, left + c));
      let range: EtRange | undefined;
      if (!covered.has(r * cols + c)) {
        range = at();
        if (range.MergeCells) {
          const m = range.MergeArea;
          const area = { top: m.Row - 1, left: m.Column - 1, bottom: m.Row - 2 + m.Rows.Count, right: m.Column - 2 + m.Columns.Count };
          merges.push(area);
          cover(area);
        }
      }
      if (isEmpty(v)) {
        row.push(undefined);
        continue;
      }
      // A number's displayed text is rendered from its format, not read: Range.Text changes it when the column is
      // too narrow ("####", fewer decimals — the VBA reference, Range.Text). Text is asked only to tell an error
      // cell, whose Value2 WPS does not document (docs/wps.md §6, 5); a text cell shows its text.
      if (typeof v === 'string' && !EXCEL_ERRORS.has(v)) {
        row.push({ text: v, value: v });
        continue;
      }
      range ??= at();
      const text = range.Text;
      if (EXCEL_ERRORS.has(text)) {
        row.push({ text, value: null, error: text });
        continue;
      }
      const format = range.NumberFormat;
      const known = format && format !== 'General' ? format : undefined;
      if (typeof v === 'number') row.push({ text: renderNumber(known, v), value: v, ...(known ? { format: known } : {}) });
      else if (typeof v === 'boolean') row.push({ text: v ? 'TRUE' : 'FALSE', value: v });
      // Anything else (a type Value2 is not documented to give, §6, 4) is taken as the text WPS shows.
      else row.push({ text: String(text ?? ''), value: String(text ?? ''), ...(known ? { format: known } : {}) });
    }
    cells.push(row);
  }
  return { ...base, grid: { sheet: name, top, left, cells, merges }, print: printOf(used.Address(), raw) };
}

/** Every sheet of the active workbook, in order, but the very hidden (the add-in keeps nothing there to check). */
export function readEtWorkbook(app: EtApplication): EtSheetRead[] {
  return etSheets(app).map(readEtSheet);
}

/** The sheets to read: every sheet but the very hidden (the add-in keeps its settings there), in order. */
export function etSheets(app: EtApplication): EtWorksheet[] {
  const sheets = app.ActiveWorkbook.Worksheets;
  const out: EtWorksheet[] = [];
  for (let i = 1; i <= read(sheets.Count); i++) {
    const ws = sheets.Item(i);
    if (ws.Visible !== VERY_HIDDEN) out.push(ws);
  }
  return out;
}

/**
 * A print of a sheet's values (one Value2 read): whether a SheetChange changed anything. WPS does not say whether
 * the add-in's own writes raise SheetChange, nor when (docs/wps.md §6, 6); comparing values tells either way.
 */
export function valuesPrint(ws: EtWorksheet): string {
  const used = read(ws.UsedRange as EtRange | (() => EtRange));
  return printOf(used.Address(), used.Value2);
}

const printOf = (address: string, value2: unknown) => fingerprint(`${address}\u0000${JSON.stringify(value2 ?? null)}`);
