/**
 * The open workbook → the engine's grids. Three syncs whatever the number of
 * sheets: the sheet list, every sheet's size and protection, then every sheet's
 * values, text, formats and merges at once. A workbook too large for one request
 * (Excel on the web refuses requests and responses over 5 MB) is read in bounded
 * chunks; a sheet too large to be a form sheet is refused with a reason.
 */
import { EXCEL_ERRORS, MAX_SHEET_CELLS, sheetTooLarge, type Area, type Cell, type Grid } from '../core/grid';
import { parseAddress, splitAddresses } from '../core/address';
import type { SheetRead as CoreSheetRead } from '../core/hostRun';

/** Cells per request in the chunked fallback: values, text and formats of this many cells stay well under 5 MB. */
const CHUNK_CELLS = 50_000;

export interface SheetRef {
  name: string;
  id: string;
  sheet: Excel.Worksheet;
}

/** One sheet as read (core/hostRun.ts), with its Excel id. */
export interface SheetRead extends CoreSheetRead {
  id: string;
}

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

/** A response of this many cells (values, text and formats) stays well under Excel on the web's 5 MB. */
const ONE_REQUEST_CELLS = 60_000;

const PAYLOAD_ERRORS = new Set(['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded']);

/**
 * Excel returns at most 512 merged areas per range (more fail the request), and a sheet of stacked forms has
 * about one merge per row: merges are asked band by band, each band's areas whole, and joined.
 */
const MERGE_BAND_ROWS = 200;

function queueMerges(sheet: Excel.Worksheet, top: number, left: number, rows: number, cols: number, bandRows = MERGE_BAND_ROWS): Excel.RangeAreas[] {
  const bands: Excel.RangeAreas[] = [];
  for (let r = 0; r < rows; r += bandRows) {
    const band = sheet.getRangeByIndexes(top + r, left, Math.min(bandRows, rows - r), cols).getMergedAreasOrNullObject();
    band.load('address');
    bands.push(band);
  }
  return bands;
}

/**
 * Sizes first (one sync): a sheet too large to be a form sheet is refused before anything of it is read, so one
 * stray far-away cell costs that sheet only. Then every other sheet in one request when its response fits, else
 * in bounded chunks. Excel on the web limits requests and responses to 5 MB ("Resource limits and performance
 * optimization for Office Add-ins"), and may return null values for very large ranges.
 */
export async function readSheetData(context: Excel.RequestContext, refs: SheetRef[], mergesSupported: boolean): Promise<SheetRead[]> {
  const dims = refs.map((ref) => {
    const used = ref.sheet.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    const protection = ref.sheet.protection;
    protection.load('protected');
    return { ref, used, protection };
  });
  await context.sync();
  const out: SheetRead[] = [];
  const toRead: { slot: number; ref: SheetRef; used: Excel.Range }[] = [];
  let cells = 0;
  for (const { ref, used, protection } of dims) {
    const base = { name: ref.name, id: ref.id, protected: protection.protected };
    if (used.isNullObject) {
      out.push({ ...base, grid: { sheet: ref.name, top: 0, left: 0, cells: [], merges: [] } });
      continue;
    }
    const { rowCount: rows, columnCount: cols } = used;
    if (rows * cols > MAX_SHEET_CELLS) {
      out.push({ ...base, refused: sheetTooLarge(ref.name, rows, cols) });
      continue;
    }
    out.push(base);
    toRead.push({ slot: out.length - 1, ref, used });
    cells += rows * cols;
  }
  if (toRead.length === 0) return out;
  if (cells <= ONE_REQUEST_CELLS) {
    const queued = toRead.map(({ ref, used }) => {
      const range = ref.sheet.getRangeByIndexes(used.rowIndex, used.columnIndex, used.rowCount, used.columnCount);
      range.load('values,text,numberFormat');
      const merges = mergesSupported ? queueMerges(ref.sheet, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount) : [];
      return { range, merges };
    });
    try {
      await context.sync();
      toRead.forEach(({ slot, ref, used }, i) => {
        const { range, merges } = queued[i];
        if (range.values === null) throw Object.assign(new Error('values came back null'), { code: 'ResponsePayloadSizeLimitExceeded' });
        out[slot] = { ...out[slot], grid: { sheet: ref.name, top: used.rowIndex, left: used.columnIndex, cells: toCells(range.values, range.text, range.numberFormat), merges: mergeAreas(merges) } };
      });
      return out;
    } catch (e) {
      // Too large a response, or a band with more than 512 merged areas (GeneralException): read in chunks.
      const code = (e as { code?: string }).code ?? '';
      if (!PAYLOAD_ERRORS.has(code) && code !== 'GeneralException') throw e;
    }
  }
  for (const { slot, ref, used } of toRead) out[slot] = { ...out[slot], grid: await readChunked(context, ref, used, mergesSupported) };
  return out;
}

/** One sheet in rows of CHUNK_CELLS cells per sync, then its merged areas. */
async function readChunked(context: Excel.RequestContext, ref: SheetRef, used: Excel.Range, mergesSupported: boolean): Promise<Grid> {
  const { rowIndex: top, columnIndex: left, rowCount: rows, columnCount: cols } = used;
  const cells: (Cell | undefined)[][] = [];
  const chunkRows = Math.max(1, Math.floor(CHUNK_CELLS / cols));
  for (let r = 0; r < rows; r += chunkRows) {
    const range = ref.sheet.getRangeByIndexes(top + r, left, Math.min(chunkRows, rows - r), cols);
    range.load('values,text,numberFormat');
    await context.sync();
    cells.push(...toCells(range.values, range.text, range.numberFormat));
  }
  const merges: Area[] = [];
  if (mergesSupported) {
    // Band by band; a band over 512 merged areas is asked again in halves.
    for (let r = 0; r < rows; r += MERGE_BAND_ROWS) merges.push(...(await mergesOf(context, ref.sheet, top + r, left, Math.min(MERGE_BAND_ROWS, rows - r), cols)));
  }
  return { sheet: ref.name, top, left, cells, merges: distinctAreas(merges) };
}

async function mergesOf(context: Excel.RequestContext, sheet: Excel.Worksheet, top: number, left: number, rows: number, cols: number): Promise<Area[]> {
  const [band] = queueMerges(sheet, top, left, rows, cols, rows);
  try {
    await context.sync();
    return mergeAreas([band]);
  } catch (e) {
    if ((e as { code?: string }).code !== 'GeneralException' || rows < 2) throw e;
    const half = Math.ceil(rows / 2);
    return [...(await mergesOf(context, sheet, top, left, half, cols)), ...(await mergesOf(context, sheet, top + half, left, rows - half, cols))];
  }
}

function toCells(values: unknown[][], text: string[][], numberFormat: unknown[][]): (Cell | undefined)[][] {
  return values.map((vals, i) =>
    vals.map((v, j): Cell | undefined => {
      if (v === '' || v === null || v === undefined) return undefined;
      if (typeof v === 'string' && EXCEL_ERRORS.has(v)) return { text: v, value: null, error: v };
      const fmt = numberFormat[i][j];
      const format = typeof fmt === 'string' && fmt !== 'General' ? fmt : undefined;
      return { text: text[i][j], value: v as string | number | boolean, ...(format ? { format } : {}) };
    }),
  );
}

function mergeAreas(bands: Excel.RangeAreas[]): Area[] {
  const areas: Area[] = [];
  for (const band of bands) {
    if (band.isNullObject) continue;
    // Sheet names may hold commas: split the list outside quotes.
    for (const a of splitAddresses(band.address)) {
      const area = parseAddress(a)?.area;
      if (area) areas.push(area);
    }
  }
  return distinctAreas(areas);
}

/** A merge crossing two bands is reported by both. */
function distinctAreas(areas: Area[]): Area[] {
  const seen = new Set<string>();
  return areas.filter((a) => {
    const k = `${a.top},${a.left},${a.bottom},${a.right}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
