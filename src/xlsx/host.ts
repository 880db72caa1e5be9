/**
 * .xlsx ↔ the in-memory host's workbook, through exceljs: the browser preview
 * opens a user's file into the host and downloads the host back as .xlsx with
 * the marks in it. What the host models is carried both ways: values, number
 * formats, fills, fonts, alignment, borders, notes, merges, sizes, data
 * validation, visibility, protection, print setup. Workbook settings (where
 * the add-in keeps its records) have no place in an .xlsx written by exceljs.
 */
import type ExcelJS from 'exceljs';
import { areaA1, parseAddress } from '../core/address';
import { toA1 } from '../core/grid';
import { pointsToWidth, widthToPoints } from '../core/styles';
import { nextFormatId } from '../host/edits';
import { addSheet, cellKey, emptyWorkbook, type HostCell, type HostSheet, type HostValidation, type HostWorkbookData } from '../host/model';
import { absolute } from '../host/format';
import { mergesOf, plainValue } from './model';

const EDGES = ['top', 'bottom', 'left', 'right'] as const;
const H_ALIGN: Record<string, string> = { left: 'Left', center: 'Center', right: 'Right', justify: 'Justify', fill: 'Fill', distributed: 'Distributed', centerContinuous: 'CenterAcrossSelection' };
const V_ALIGN: Record<string, string> = { top: 'Top', middle: 'Center', bottom: 'Bottom', justify: 'Justify', distributed: 'Distributed' };
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));

const hex = (argb: string | undefined) => (argb && /^[0-9a-f]{8}$/i.test(argb) ? `#${argb.slice(2).toUpperCase()}` : undefined);
const argb = (h: string) => `FF${h.replace('#', '').toUpperCase()}`;

function noteText(note: ExcelJS.Comment | string | undefined): string | undefined {
  if (!note) return undefined;
  if (typeof note === 'string') return note;
  return note.texts?.map((t) => t.text).join('') ?? undefined;
}

function readValidation(dv: ExcelJS.DataValidation | undefined): HostValidation | undefined {
  if (!dv) return undefined;
  const v: HostValidation = {};
  const f = dv.formulae ?? [];
  if (dv.type === 'list') v.rule = { list: { inCellDropDown: true, source: String(f[0] ?? '').replace(/^"|"$/g, '') } };
  else if (dv.type === 'decimal' || dv.type === 'whole') {
    const key = dv.type === 'decimal' ? 'decimal' : 'wholeNumber';
    const op = dv.operator ?? 'between';
    v.rule = { [key]: { formula1: f[0], ...(f[1] !== undefined ? { formula2: f[1] } : {}), operator: op.charAt(0).toUpperCase() + op.slice(1).replace('OrEqual', 'OrEqualTo') } };
  }
  if (dv.showInputMessage) v.prompt = { showPrompt: true, title: dv.promptTitle ?? '', message: dv.prompt ?? '' };
  if (dv.showErrorMessage) {
    const style = dv.errorStyle ?? 'stop';
    v.errorAlert = { showAlert: true, style: style.charAt(0).toUpperCase() + style.slice(1), title: dv.errorTitle ?? '', message: dv.error ?? '' };
  }
  return v.rule || v.prompt || v.errorAlert ? v : undefined;
}

function readCell(cell: ExcelJS.Cell, date1904: boolean): HostCell {
  const out: HostCell = {};
  const p = plainValue(cell.value, date1904);
  if (p && 'error' in p) out.error = p.error;
  else if (p) out.value = p.value;
  const fmt = cell.numFmt || (p && 'date' in p ? 'yyyy-mm-dd' : undefined);
  if (fmt && fmt !== 'General') out.numberFormat = fmt;
  const s = cell.style ?? {};
  const fill = s.fill?.type === 'pattern' && s.fill.pattern === 'solid' ? hex(s.fill.fgColor?.argb) : undefined;
  if (fill) out.fill = fill;
  if (s.font?.bold) out.bold = true;
  // Calibri 11 is Excel's default font: exceljs reports it on cells that were given none.
  if (s.font?.name && !(s.font.name === 'Calibri' && (s.font.size ?? 11) === 11 && !s.font.bold)) {
    out.fontName = s.font.name;
    if (s.font.size) out.fontSize = s.font.size;
  }
  const colour = hex(s.font?.color?.argb);
  if (colour && colour !== '#000000') out.fontColor = colour;
  if (s.alignment?.horizontal) out.hAlign = H_ALIGN[s.alignment.horizontal];
  if (s.alignment?.vertical) out.vAlign = V_ALIGN[s.alignment.vertical];
  if (s.alignment?.wrapText) out.wrap = true;
  for (const e of EDGES) if (s.border?.[e]?.style) (out.borders ??= {})[e] = 'Continuous';
  const v = readValidation(cell.dataValidation);
  if (v) out.validation = v;
  return out;
}

export function hostFromExcelJs(wb: ExcelJS.Workbook): HostWorkbookData {
  const data = emptyWorkbook();
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  for (const ws of wb.worksheets) {
    const sheet = addSheet(data, ws.name);
    sheet.visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
    sheet.protected = Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);
    sheet.merges = mergesOf(ws);
    const covered = new Set(sheet.merges.flatMap((m) => {
      const keys: string[] = [];
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) keys.push(cellKey(r, c));
      return keys;
    }));
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      if (row.height) (sheet.rowHeights ??= {})[rowNumber - 1] = row.height;
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const key = cellKey(rowNumber - 1, colNumber - 1);
        const read = readCell(cell, date1904);
        // exceljs repeats the master's value and style in merged cells; their own are borders (the area's outline) and validation.
        const c: HostCell = covered.has(key) ? { ...(read.borders ? { borders: read.borders } : {}), ...(read.validation ? { validation: read.validation } : {}) } : read;
        if (Object.keys(c).length) sheet.cells[key] = c;
        const note = noteText(cell.note as ExcelJS.Comment | string | undefined);
        if (note !== undefined && !covered.has(key)) sheet.notes[toA1(rowNumber - 1, colNumber - 1)] = note;
      });
    });
    readConditionalFormats(ws, sheet, data);
    for (let c = 1; c <= ws.columnCount; c++) {
      const w = ws.getColumn(c).width;
      if (w) (sheet.columnWidths ??= {})[c - 1] = widthToPoints(w);
    }
    const p = ws.pageSetup;
    if (p?.printArea || p?.paperSize) {
      sheet.pageLayout = {
        ...(p.paperSize === 9 ? { paperSize: 'A4' } : {}),
        ...(p.orientation ? { orientation: p.orientation === 'landscape' ? 'Landscape' : 'Portrait' } : {}),
        ...(p.fitToPage ? { zoom: { horizontalFitToPages: p.fitToWidth ?? 1, ...(p.fitToHeight ? { verticalFitToPages: p.fitToHeight } : {}) } } : {}),
        ...(p.printArea ? { printArea: absolute(p.printArea, false) } : {}),
        ...(p.printTitlesRow ? { printTitleRows: absolute(p.printTitlesRow, true) } : {}),
      };
    }
  }
  const active = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0;
  data.activeSheet = data.sheets[active]?.id ?? data.sheets[0]?.id ?? '';
  return data;
}

function writeValidation(v: HostValidation): ExcelJS.DataValidation {
  const list = v.rule?.list as { source?: string } | undefined;
  const num = (v.rule?.decimal ?? v.rule?.wholeNumber) as { formula1: number; formula2?: number; operator?: string } | undefined;
  const op = num?.operator ? (num.operator.charAt(0).toLowerCase() + num.operator.slice(1)).replace('OrEqualTo', 'OrEqual') : 'between';
  const dv = (list
    ? { type: 'list', allowBlank: true, formulae: [`"${list.source ?? ''}"`] }
    : num
      ? { type: v.rule?.decimal ? 'decimal' : 'whole', operator: op, allowBlank: true, formulae: num.formula2 === undefined ? [num.formula1] : [num.formula1, num.formula2] }
      : { type: 'any', allowBlank: true }) as ExcelJS.DataValidation;
  if (v.prompt?.showPrompt) Object.assign(dv, { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.message });
  if (v.errorAlert?.showAlert) Object.assign(dv, { showErrorMessage: true, errorStyle: (v.errorAlert.style ?? 'Stop').toLowerCase(), errorTitle: v.errorAlert.title, error: v.errorAlert.message });
  return dv;
}

function writeSheet(ws: ExcelJS.Worksheet, sheet: HostSheet): void {
  // Merged first: exceljs gives merged cells the master's style when merging, which would drop an area's right and bottom edges.
  for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const [key, c] of Object.entries(sheet.cells)) {
    const [r, col] = key.split(',').map(Number);
    const cell = ws.getCell(r + 1, col + 1);
    if (c.error) cell.value = { error: c.error } as ExcelJS.CellErrorValue;
    else if (c.value !== undefined) cell.value = c.value;
    if (c.numberFormat) cell.numFmt = c.numberFormat;
    if (c.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.fill) } };
    if (c.bold || c.fontName || c.fontSize || c.fontColor) {
      cell.font = { ...(c.fontName ? { name: c.fontName } : {}), ...(c.fontSize ? { size: c.fontSize } : {}), ...(c.bold ? { bold: true } : {}), ...(c.fontColor ? { color: { argb: argb(c.fontColor) } } : {}) };
    }
    if (c.hAlign || c.vAlign || c.wrap) {
      cell.alignment = {
        ...(c.hAlign ? { horizontal: invert(H_ALIGN)[c.hAlign] as ExcelJS.Alignment['horizontal'] } : {}),
        ...(c.vAlign ? { vertical: invert(V_ALIGN)[c.vAlign] as ExcelJS.Alignment['vertical'] } : {}),
        ...(c.wrap ? { wrapText: true } : {}),
      };
    }
    if (c.borders) cell.border = Object.fromEntries(Object.keys(c.borders).map((e) => [e, { style: 'thin' }]));
    if (c.validation) cell.dataValidation = writeValidation(c.validation);
  }
  for (const [addr, text] of Object.entries(sheet.notes)) {
    const cell = ws.getCell(addr);
    cell.note = text;
    // exceljs writes no element for an empty, unstyled cell and, reading, drops a note whose cell has none.
    if (cell.value === null && !Object.keys(cell.style ?? {}).length) cell.protection = { locked: true };
  }
  writeConditionalFormats(ws, sheet);
  for (const [c, pt] of Object.entries(sheet.columnWidths ?? {})) ws.getColumn(Number(c) + 1).width = pointsToWidth(pt);
  for (const [r, pt] of Object.entries(sheet.rowHeights ?? {})) ws.getRow(Number(r) + 1).height = pt;
  const p = sheet.pageLayout;
  if (p) {
    const area = p.printArea ? parseAddress(p.printArea.replace(/\$/g, '')) : undefined;
    ws.pageSetup = {
      ...ws.pageSetup,
      ...(p.paperSize === 'A4' ? { paperSize: 9 } : {}),
      ...(p.orientation ? { orientation: p.orientation === 'Landscape' ? 'landscape' : 'portrait' } : {}),
      ...(p.zoom?.horizontalFitToPages ? { fitToPage: true, fitToWidth: p.zoom.horizontalFitToPages, fitToHeight: p.zoom.verticalFitToPages ?? 0 } : {}),
      ...(area ? { printArea: areaA1(area.area) } : {}),
      ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows.replace(/\$/g, '') } : {}),
    };
  }
  if (sheet.protected) void ws.protect('', {});
}

/** `Workbook` is exceljs's constructor, passed in so the preview can load exceljs only when a file is opened or saved. */
export function excelJsFromHost(data: HostWorkbookData, Workbook: new () => ExcelJS.Workbook): ExcelJS.Workbook {
  const wb = new Workbook();
  wb.creator = 'goalsheet';
  for (const sheet of data.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.visibility === 'VeryHidden' ? 'veryHidden' : sheet.visibility === 'Hidden' ? 'hidden' : 'visible' });
    writeSheet(ws, sheet);
  }
  const active = data.sheets.findIndex((s) => s.id === data.activeSheet);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: Math.max(0, active), visibility: 'visible' }];
  return wb;
}

/** Custom-rule conditional formats with a fill (the add-in's marks) as the file stores them: formulas without "=". */
function writeConditionalFormats(ws: ExcelJS.Worksheet, sheet: HostSheet): void {
  (sheet.conditionalFormats ?? []).forEach((cf, i) => {
    if (cf.type !== 'Custom') return;
    ws.addConditionalFormatting({
      ref: cf.areas.map(areaA1).join(' '),
      rules: [{ type: 'expression', priority: i + 1, formulae: [cf.formula.replace(/^=/, '')], style: cf.fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.fill) } } } : {} }],
    });
  });
}

function readConditionalFormats(ws: ExcelJS.Worksheet, sheet: HostSheet, data: HostWorkbookData): void {
  const read = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  const formats = read.flatMap((cf) =>
    cf.rules.flatMap((rule) => {
      if (rule.type !== 'expression' || !rule.formulae?.length) return [];
      const areas = cf.ref.split(/\s+/).flatMap((a) => parseAddress(a)?.area ?? []);
      const fill = rule.style?.fill && 'bgColor' in rule.style.fill ? hex(rule.style.fill.bgColor?.argb) : undefined;
      return [{ priority: rule.priority ?? 0, format: { type: 'Custom', formula: `=${String(rule.formulae[0])}`, ...(fill ? { fill } : {}), areas } }];
    }),
  );
  for (const { format } of formats.sort((a, b) => a.priority - b.priority)) (sheet.conditionalFormats ??= []).push({ id: nextFormatId(data), ...format });
}
