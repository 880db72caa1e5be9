/**
 * What a rendered sheet looks like, in one shape for both writers: the exceljs
 * file read back, and the in-memory Excel host's sheet after Office.js calls.
 * Cells are compared per area (a merged area by its top-left cell), borders as
 * the outline of the area, validations per cell.
 */
import type ExcelJS from 'exceljs';
import { toA1, type Area } from '../../src/core/grid';
import { cellKey, type HostSheet } from '../../src/host/model';
import { mergesOf } from '../../src/xlsx/model';

export interface AreaSnap {
  value: string | number | null;
  format: string;
  font: string;
  fill: string;
  align: string;
  wrap: boolean;
  border: string;
}

export interface ValidationSnap {
  rule: string;
  prompt: string;
  alert: string;
}

export interface SheetSnap {
  areas: Record<string, AreaSnap>;
  merges: string[];
  validations: Record<string, ValidationSnap>;
  widths: Record<number, number>;
  heights: Record<number, number>;
  print: string;
}

type Edges = { top: boolean; bottom: boolean; left: boolean; right: boolean };

type CellView = Omit<AreaSnap, 'border'> & { edges: Edges };

/** Outline of an area: an edge is drawn when every cell along it has that border, on itself or on its neighbour. */
function outline(area: Area, edges: (r: number, c: number) => Edges): string {
  const along = (cells: [number, number][], own: keyof Edges, dr: number, dc: number, theirs: keyof Edges) =>
    cells.every(([r, c]) => edges(r, c)[own] || (r + dr >= 0 && c + dc >= 0 && edges(r + dr, c + dc)[theirs]));
  const rowCells = (r: number) => Array.from({ length: area.right - area.left + 1 }, (_, i) => [r, area.left + i] as [number, number]);
  const colCells = (c: number) => Array.from({ length: area.bottom - area.top + 1 }, (_, i) => [area.top + i, c] as [number, number]);
  return [
    along(rowCells(area.top), 'top', -1, 0, 'bottom') ? 't' : '',
    along(rowCells(area.bottom), 'bottom', 1, 0, 'top') ? 'b' : '',
    along(colCells(area.left), 'left', 0, -1, 'right') ? 'l' : '',
    along(colCells(area.right), 'right', 0, 1, 'left') ? 'r' : '',
  ].join('');
}

function snapAreas(rows: number, cols: number, merges: Area[], view: (r: number, c: number) => CellView): Record<string, AreaSnap> {
  const out: Record<string, AreaSnap> = {};
  const covered = (r: number, c: number) => merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (covered(r, c)) continue;
      const v = view(r, c);
      const area = merges.find((m) => m.top === r && m.left === c) ?? { top: r, left: c, bottom: r, right: c };
      const border = outline(area, (rr, cc) => view(rr, cc).edges);
      if (v.value === null && !v.font && !v.fill && !border && v.format === 'General') continue;
      out[toA1(r, c)] = { value: v.value, format: v.format, font: v.font, fill: v.fill, align: v.align, wrap: v.wrap, border };
    }
  }
  return out;
}

const areaText = (a: Area) => `${toA1(a.top, a.left)}:${toA1(a.bottom, a.right)}`;
const round = (n: number) => Math.round(n * 100) / 100;

export function snapExcelJs(ws: ExcelJS.Worksheet): SheetSnap {
  const merges = mergesOf(ws);
  const none: Edges = { top: false, bottom: false, left: false, right: false };
  const view = (r: number, c: number): CellView => {
    const cell = ws.findCell(r + 1, c + 1);
    if (!cell) return { value: null, format: 'General', font: '', fill: '', align: '', wrap: false, edges: none };
    const s = cell.style ?? {};
    const v = cell.value;
    const fill = s.fill && s.fill.type === 'pattern' && s.fill.pattern === 'solid' ? `#${String(s.fill.fgColor?.argb ?? '').slice(2)}` : '';
    return {
      value: typeof v === 'string' || typeof v === 'number' ? v : null,
      format: cell.numFmt || 'General',
      font: s.font?.name ? `${s.font.name}/${s.font.size}/${s.font.bold ? 'b' : ''}` : '',
      fill,
      align: s.alignment?.horizontal ? `${s.alignment.horizontal}/${s.alignment.vertical === 'middle' ? 'center' : s.alignment.vertical}` : '',
      wrap: !!s.alignment?.wrapText,
      edges: { top: !!s.border?.top?.style, bottom: !!s.border?.bottom?.style, left: !!s.border?.left?.style, right: !!s.border?.right?.style },
    };
  };
  const validations: Record<string, ValidationSnap> = {};
  for (const [addr, dv] of Object.entries((ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model)) {
    if (!dv) continue;
    const f = dv.formulae ?? [];
    const rule =
      dv.type === 'list' ? `list:${String(f[0]).replace(/^"|"$/g, '')}` : dv.type === 'decimal' ? `decimal:${dv.operator === 'between' ? `${f[0]}..${f[1]}` : `>=${f[0]}`}` : 'none';
    validations[addr] = {
      rule,
      prompt: dv.showInputMessage ? `${dv.promptTitle}|${dv.prompt}` : '',
      alert: dv.showErrorMessage ? `${dv.errorStyle ?? 'stop'}|${dv.errorTitle}|${dv.error}` : '',
    };
  }
  const widths: Record<number, number> = {};
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).width) widths[c - 1] = round(ws.getColumn(c).width!);
  const heights: Record<number, number> = {};
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (row.height) heights[n - 1] = round(row.height);
  });
  const p = ws.pageSetup;
  const print = `${p.paperSize === 9 ? 'A4' : p.paperSize}|${p.orientation}|w${p.fitToWidth}h${p.fitToHeight}|${p.printArea}|${p.printTitlesRow}`;
  return { areas: snapAreas(ws.rowCount, ws.columnCount, merges, view), merges: merges.map(areaText).sort(), validations, widths, heights, print };
}

export function snapHost(sheet: HostSheet): SheetSnap {
  let rows = 0;
  let cols = 0;
  for (const k of Object.keys(sheet.cells)) {
    const [r, c] = k.split(',').map(Number);
    rows = Math.max(rows, r + 1);
    cols = Math.max(cols, c + 1);
  }
  const view = (r: number, c: number): CellView => {
    const x = sheet.cells[cellKey(r, c)];
    return {
      value: x?.value === undefined || typeof x.value === 'boolean' ? null : x.value,
      format: x?.numberFormat ?? 'General',
      font: x?.fontName ? `${x.fontName}/${x.fontSize}/${x.bold ? 'b' : ''}` : '',
      fill: x?.fill ?? '',
      align: x?.hAlign ? `${x.hAlign.toLowerCase()}/${(x.vAlign ?? '').toLowerCase()}` : '',
      wrap: !!x?.wrap,
      edges: { top: !!x?.borders?.top, bottom: !!x?.borders?.bottom, left: !!x?.borders?.left, right: !!x?.borders?.right },
    };
  };
  const validations: Record<string, ValidationSnap> = {};
  for (const [k, x] of Object.entries(sheet.cells)) {
    const v = x.validation;
    if (!v) continue;
    const [r, c] = k.split(',').map(Number);
    const list = v.rule?.list as { source: string } | undefined;
    const dec = v.rule?.decimal as { formula1: number; formula2?: number; operator: string } | undefined;
    const rule = list ? `list:${list.source}` : dec ? `decimal:${dec.operator === 'Between' ? `${dec.formula1}..${dec.formula2}` : `>=${dec.formula1}`}` : 'none';
    validations[toA1(r, c)] = {
      rule,
      prompt: v.prompt?.showPrompt ? `${v.prompt.title}|${v.prompt.message}` : '',
      alert: v.errorAlert?.showAlert ? `${v.errorAlert.style?.toLowerCase()}|${v.errorAlert.title}|${v.errorAlert.message}` : '',
    };
  }
  const widths: Record<number, number> = {};
  for (const [c, pt] of Object.entries(sheet.columnWidths ?? {})) widths[Number(c)] = round((pt / 0.75 - 5) / 7);
  const heights: Record<number, number> = {};
  for (const [r, pt] of Object.entries(sheet.rowHeights ?? {})) heights[Number(r)] = round(pt);
  const p = sheet.pageLayout ?? {};
  const print = `${p.paperSize}|${p.orientation?.toLowerCase()}|w${p.zoom?.horizontalFitToPages}h${p.zoom?.verticalFitToPages ?? 0}|${p.printArea?.replace(/\$/g, '')}|${p.printTitleRows?.replace(/\$/g, '')}`;
  return { areas: snapAreas(rows, cols, sheet.merges, view), merges: sheet.merges.map(areaText).sort(), validations, widths, heights, print };
}
