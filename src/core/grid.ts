/**
 * The one shape in which a sheet crosses from a front end (Office.js, exceljs)
 * into the engine. Coordinates are 0-based and absolute on the sheet.
 */
export type CellValue = string | number | boolean | null;

export interface Cell {
  /** What Excel displays (number format applied). */
  text: string;
  /** The raw value: a number for numbers and dates (date serial), else text or boolean. */
  value: CellValue;
  /** Excel number format code, when not General. */
  format?: string;
  /** Excel error value (#N/A, #REF! …) when the cell holds one. */
  error?: string;
}

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  sheet: string;
  /** Absolute row/column of cells[0][0]. */
  top: number;
  left: number;
  /** cells[r][c] is the cell at (top + r, left + c); holes are empty cells. */
  cells: (Cell | undefined)[][];
  /** Merged areas, absolute. Only the top-left cell of an area holds its value. */
  merges: Area[];
}

const COL_NAMES: string[] = [];

/** 0 → "A", 27 → "AB"; kept once computed: every field's address asks. */
export function colName(col: number): string {
  return COL_NAMES[col] ??= spell(col);
}

function spell(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based (row, col) → "B7". */
export function toA1(row: number, col: number): string {
  return colName(col) + (row + 1);
}

/** "B7" → {row: 6, col: 1}; undefined when it is not a plain A1 address. */
export function fromA1(addr: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(addr.trim());
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "A1:F3" → Area (a single address gives a one-cell area). */
export function parseArea(ref: string): Area | undefined {
  const [a, b = a] = ref.split(':');
  const p = fromA1(a);
  const q = fromA1(b);
  if (!p || !q) return undefined;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** Compare two A1 addresses in reading order (row, then column). */
export function compareA1(a: string, b: string): number {
  const p = fromA1(a);
  const q = fromA1(b);
  if (!p || !q) return a < b ? -1 : a > b ? 1 : 0;
  return p.row - q.row || p.col - q.col;
}

/** Excel's error values, as a cell shows them. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#FIELD!', '#UNKNOWN!']);

/** Larger used ranges are refused by the add-ins: no form sheet is this big, and reading it would stall the pane. */
export const MAX_SHEET_CELLS = 1_000_000;

/** Why a sheet too large to read was skipped, [zh, en]. */
export function sheetTooLarge(name: string, rows: number, cols: number): [string, string] {
  return [
    `工作表“${name}”的已用区域有 ${rows} 行 × ${cols} 列，超出可检查的范围，已跳过；请删除多余的行列后再校验。`,
    `Sheet “${name}” uses ${rows} rows × ${cols} columns, more than can be checked; it was skipped. Delete the unused rows and columns and check again.`,
  ];
}
