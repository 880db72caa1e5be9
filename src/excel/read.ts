/**
 * The open workbook → the engine's grids. Two syncs whatever the number of
 * sheets: the sheet list, then every sheet's used range (values, text, formats,
 * merges, protection) at once. Only a workbook too large for one request (Excel
 * on the web refuses responses over 5 MB) is read again in bounded chunks; a
 * sheet too large to be a form sheet is refused with a reason.
 */
import type { Area, Cell, Grid } from '../core/grid';
import { parseAddress, splitAddresses } from '../core/address';

/** Cells per request in the chunked fallback: values, text and formats of this many cells stay well under 5 MB. */
export const CHUNK_CELLS = 50_000;
/** Larger used ranges are refused: no form sheet is this big, and reading it would stall the pane. */
export const MAX_SHEET_CELLS = 1_000_000;

export interface SheetRef {
  name: string;
  id: string;
  sheet: Excel.Worksheet;
}

export interface SheetRead {
  name: string;
  id: string;
  protected: boolean;
  grid?: Grid;
  /** Why the sheet was not read (too large), in Chinese and English. */
  refused?: [string, string];
}

const ERRORS = new Set(['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NULL!', '#NUM!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#BUSY!', '#BLOCKED!', '#CONNECT!', '#FIELD!', '#UNKNOWN!']);

/**
 * Queue the sheet list; the returned function gives, after the next sync, every sheet and the active
 * one. Sheets the add-in keeps to itself (very hidden) are left out.
 */
export function queueSheetList(context: Excel.RequestContext): () => { all: SheetRef[]; activeId: string } {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/id,items/visibility');
  const active = sheets.getActiveWorksheet();
  active.load('id');
  return () => ({
    all: sheets.items.filter((ws) => ws.visibility !== 'VeryHidden').map((ws) => ({ name: ws.name, id: ws.id, sheet: ws })),
    activeId: active.id,
  });
}

interface Queued {
  ref: SheetRef;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
  merges?: Excel.RangeAreas;
}

/** One sync for every sheet; the chunked fallback only when the response would be too large. */
export async function readSheetData(context: Excel.RequestContext, refs: SheetRef[], mergesSupported: boolean): Promise<SheetRead[]> {
  const queued: Queued[] = refs.map((ref) => {
    const used = ref.sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount,values,text,numberFormat');
    const protection = ref.sheet.protection;
    protection.load('protected');
    const merges = mergesSupported ? used.getMergedAreasOrNullObject() : undefined;
    merges?.load('address');
    return { ref, used, protection, merges };
  });
  try {
    await context.sync();
  } catch (e) {
    if ((e as { code?: string }).code !== 'RequestPayloadSizeLimitExceeded') throw e;
    return readChunked(context, refs, mergesSupported);
  }
  return queued.map(({ ref, used, protection, merges }) => {
    const base = { name: ref.name, id: ref.id, protected: protection.protected };
    if (used.isNullObject) return { ...base, grid: { sheet: ref.name, top: 0, left: 0, cells: [], merges: [] } };
    const cells = toCells(used.values, used.text, used.numberFormat);
    return { ...base, grid: { sheet: ref.name, top: used.rowIndex, left: used.columnIndex, cells, merges: mergeAreas(merges) } };
  });
}

/** Sizes first, then rows in chunks of CHUNK_CELLS per sync. */
async function readChunked(context: Excel.RequestContext, refs: SheetRef[], mergesSupported: boolean): Promise<SheetRead[]> {
  const dims = refs.map((ref) => {
    const used = ref.sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const protection = ref.sheet.protection;
    protection.load('protected');
    return { ref, used, protection };
  });
  await context.sync();
  const out: SheetRead[] = [];
  for (const { ref, used, protection } of dims) {
    const base = { name: ref.name, id: ref.id, protected: protection.protected };
    if (used.isNullObject) {
      out.push({ ...base, grid: { sheet: ref.name, top: 0, left: 0, cells: [], merges: [] } });
      continue;
    }
    const { rowIndex: top, columnIndex: left, rowCount: rows, columnCount: cols } = used;
    if (rows * cols > MAX_SHEET_CELLS) {
      out.push({
        ...base,
        refused: [
          `工作表“${ref.name}”的已用区域有 ${rows} 行 × ${cols} 列，超出可检查的范围，已跳过；请删除多余的行列后再校验。`,
          `Sheet “${ref.name}” uses ${rows} rows × ${cols} columns, more than can be checked; it was skipped. Delete the unused rows and columns and check again.`,
        ],
      });
      continue;
    }
    const cells: (Cell | undefined)[][] = [];
    const chunkRows = Math.max(1, Math.floor(CHUNK_CELLS / cols));
    for (let r = 0; r < rows; r += chunkRows) {
      const range = ref.sheet.getRangeByIndexes(top + r, left, Math.min(chunkRows, rows - r), cols);
      range.load('values,text,numberFormat');
      await context.sync();
      cells.push(...toCells(range.values, range.text, range.numberFormat));
    }
    let merges: Excel.RangeAreas | undefined;
    if (mergesSupported) {
      merges = used.getMergedAreasOrNullObject();
      merges.load('address');
      await context.sync();
    }
    out.push({ ...base, grid: { sheet: ref.name, top, left, cells, merges: mergeAreas(merges) } });
  }
  return out;
}

function toCells(values: unknown[][], text: string[][], numberFormat: unknown[][]): (Cell | undefined)[][] {
  return values.map((vals, i) =>
    vals.map((v, j): Cell | undefined => {
      if (v === '' || v === null || v === undefined) return undefined;
      if (typeof v === 'string' && ERRORS.has(v)) return { text: v, value: null, error: v };
      const fmt = numberFormat[i][j];
      const format = typeof fmt === 'string' && fmt !== 'General' ? fmt : undefined;
      return { text: text[i][j], value: v as string | number | boolean, ...(format ? { format } : {}) };
    }),
  );
}

function mergeAreas(merges: Excel.RangeAreas | undefined): Area[] {
  if (!merges || merges.isNullObject) return [];
  // Sheet names may hold commas: split the list outside quotes.
  return splitAddresses(merges.address)
    .map((a) => parseAddress(a)?.area)
    .filter((a): a is Area => !!a);
}
