/**
 * What one .xlsx file may cost the command line reader. Every limit is checked before the work it
 * guards: the file's size before it is read, the zip's central directory before any part is inflated,
 * each part's inflated size while it inflates (declared sizes are not trusted), and each sheet's used
 * range and merges before exceljs parses the sheet. A file over a limit is refused with a one-line
 * reason, Chinese first, and the check goes on with the next file.
 *
 * The defaults are far above any real 绩效目标表 workbook (the published ones are 10–300 KB, a few
 * dozen sheets, a few hundred merges a sheet, used ranges of a few thousand cells; a province's list
 * export of 50,000 indicator rows is under 1,000,000 cells) and far below what exhausts a default
 * Node heap.
 */
export interface FileBudget {
  /** Size of the .xlsx file itself. 50 MB: a form workbook with scanned seals is a few MB. */
  compressedBytes: number;
  /** Sum of the inflated parts that are read (workbook, rels, sheets, shared strings, styles). Media,
   *  drawings and embeddings are never inflated and do not count. 200 MB. */
  uncompressedBytes: number;
  /** Entries in the zip. 2,000: a workbook of 1,000 sheets with their rels. */
  parts: number;
  /** One inflated part that is read. 100 MB: a sheet of about 2 million filled cells. */
  partBytes: number;
  /** Worksheets in the workbook. 1,000: one sheet a project, for a large unit. */
  sheets: number;
  /** Merged areas on one sheet. 10,000: a form has a few dozen, a list export a few thousand. */
  mergesPerSheet: number;
  /** Cells in a sheet's used range (the box around the cells that hold a value). 1,000,000: beyond
   *  this the form reader's row scans cost seconds and hundreds of MB a sheet. */
  cellsPerSheet: number;
}

export const FILE_BUDGET: Readonly<FileBudget> = Object.freeze({
  compressedBytes: 50 * 1024 * 1024,
  uncompressedBytes: 200 * 1024 * 1024,
  parts: 2_000,
  partBytes: 100 * 1024 * 1024,
  sheets: 1_000,
  mergesPerSheet: 10_000,
  cellsPerSheet: 1_000_000,
});

/** A file the reader refuses; `message` is the one-line reason, Chinese first. */
export class Refused extends Error {}

/** A file that is no readable zip/workbook: `message` says why, in English (it follows "the file is corrupt: "). */
export class Corrupt extends Error {}

/** 1234567 → "1,234,567". */
export function count(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Bytes → "12.5" (MB, one decimal when under 10). */
export function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v < 10 ? String(Math.round(v * 10) / 10) : count(v);
}
