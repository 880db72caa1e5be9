/**
 * What a person does to the in-memory workbook outside the add-in, as Excel does it: rows inserted or deleted
 * move the cells below with their formats, notes, comments, merges and conditional formats; a copied sheet
 * carries all of them. And what Excel shows: a cell's fill under its conditional formats.
 */
import { parseAddress, areaA1, qualified } from '../core/address';
import type { Area } from '../core/grid';
import { addSheet, cellKey, type HostCell, type HostSheet, type HostWorkbookData } from './model';

/** Where an area is after rows [at, at + count) were deleted (count < 0 is not used) or count rows inserted at `at`. */
function shiftArea(a: Area, at: number, count: number, deleted: boolean): Area | undefined {
  if (!deleted) {
    if (a.top >= at) return { ...a, top: a.top + count, bottom: a.bottom + count };
    if (a.bottom >= at) return { ...a, bottom: a.bottom + count }; // inserted inside: the area grows
    return a;
  }
  const end = at + count - 1;
  if (a.bottom < at) return a;
  if (a.top > end) return { ...a, top: a.top - count, bottom: a.bottom - count };
  const top = a.top < at ? a.top : at;
  const bottom = a.bottom > end ? a.bottom - count : at - 1;
  return bottom >= top ? { ...a, top, bottom } : undefined;
}

function shiftRow(row: number, at: number, count: number, deleted: boolean): number | undefined {
  if (row < at) return row;
  if (!deleted) return row + count;
  return row < at + count ? undefined : row - count;
}

function shiftByA1(map: Record<string, string> | undefined, at: number, count: number, deleted: boolean): Record<string, string> | undefined {
  if (!map) return map;
  const out: Record<string, string> = {};
  for (const [a1, text] of Object.entries(map)) {
    const area = parseAddress(a1)!.area;
    const row = shiftRow(area.top, at, count, deleted);
    if (row !== undefined) out[areaA1({ ...area, top: row, bottom: row })] = text;
  }
  return out;
}

/**
 * Insert (`deleted` false) or delete `count` whole rows at 0-based row `at`, as Excel's 插入/删除 rows do: what
 * is below moves, what was in deleted rows is gone, merged areas and conditional formats crossing the rows grow
 * or shrink with them.
 */
export function shiftRows(sheet: HostSheet, at: number, count: number, deleted: boolean): void {
  const cells: Record<string, HostCell> = {};
  for (const [k, cell] of Object.entries(sheet.cells)) {
    const [r, c] = k.split(',').map(Number);
    const row = shiftRow(r, at, count, deleted);
    if (row !== undefined) cells[cellKey(row, c)] = cell;
  }
  sheet.cells = cells;
  sheet.merges = sheet.merges.flatMap((m) => {
    const a = shiftArea(m, at, count, deleted);
    return a && (a.bottom > a.top || a.right > a.left) ? [a] : [];
  });
  sheet.notes = shiftByA1(sheet.notes, at, count, deleted)!;
  sheet.comments = shiftByA1(sheet.comments, at, count, deleted);
  sheet.conditionalFormats = sheet.conditionalFormats?.flatMap((cf) => {
    const areas = cf.areas.flatMap((a) => shiftArea(a, at, count, deleted) ?? []);
    return areas.length ? [{ ...cf, areas }] : [];
  });
  if (sheet.rowHeights) {
    const heights: Record<number, number> = {};
    for (const [r, h] of Object.entries(sheet.rowHeights)) {
      const row = shiftRow(Number(r), at, count, deleted);
      if (row !== undefined) heights[row] = h;
    }
    sheet.rowHeights = heights;
  }
}

/** Excel's 移动或复制 → 建立副本: everything of the sheet, under a new name, right after it. */
export function copySheet(wb: HostWorkbookData, name: string, copyName: string): HostSheet {
  const source = wb.sheets.find((s) => s.name === name);
  if (!source) throw new Error(`no sheet ${name}`);
  const copy = addSheet(wb, copyName);
  const { id } = copy;
  Object.assign(copy, JSON.parse(JSON.stringify(source)) as HostSheet, { id, name: copyName });
  delete copy.conditionalFormats;
  for (const cf of source.conditionalFormats ?? []) (copy.conditionalFormats ??= []).push({ ...JSON.parse(JSON.stringify(cf)), id: nextFormatId(wb) });
  wb.sheets.splice(wb.sheets.indexOf(copy), 1);
  wb.sheets.splice(wb.sheets.indexOf(source) + 1, 0, copy);
  return copy;
}

/** A conditional format id unique within the workbook (kept nowhere else, so a cleared workbook is as before). */
export function nextFormatId(wb: HostWorkbookData): string {
  let max = 0;
  for (const s of wb.sheets) for (const cf of s.conditionalFormats ?? []) max = Math.max(max, Number(/\d+/.exec(cf.id)?.[0] ?? 0));
  return `{cf-${max + 1}}`;
}

/**
 * Whether a custom rule holds. The host evaluates constant rules only (=TRUE, =FALSE, =ISTEXT("…"), which is
 * how the add-in's marks are written); any other formula is not evaluated here and counts as not holding.
 */
function ruleHolds(formula: string): boolean {
  const f = formula.trim().toUpperCase();
  return f === '=TRUE' || /^=ISTEXT\("[^"]*"\)$/.test(f);
}

/** The fill Excel shows: the highest-priority conditional format that holds and has a fill, else the cell's own. */
export function displayedFill(sheet: HostSheet, row: number, col: number): string | undefined {
  for (const cf of sheet.conditionalFormats ?? []) {
    if (!cf.fill || cf.type !== 'Custom' || !ruleHolds(cf.formula)) continue;
    if (cf.areas.some((a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right)) return cf.fill;
  }
  return sheet.cells[cellKey(row, col)]?.fill;
}

/** A person clicks a sheet tab: it becomes the active sheet. */
export function showSheet(wb: HostWorkbookData, name: string): void {
  const sheet = wb.sheets.find((s) => s.name === name);
  if (sheet) wb.activeSheet = sheet.id;
}

/** A person clicks a cell: its sheet becomes the active one and the cell the selection. */
export function selectCell(wb: HostWorkbookData, sheetName: string, a1: string): void {
  wb.activeSheet = wb.sheets.find((s) => s.name === sheetName)?.id ?? wb.activeSheet;
  wb.selection = qualified(sheetName, parseAddress(a1)!.area);
}
