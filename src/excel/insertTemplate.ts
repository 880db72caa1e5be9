/**
 * A new project sheet from a template, rendered through Office.js from the
 * same sheet spec the exceljs writer uses. Two syncs: (1) the sheet names,
 * (2) add the sheet, write it whole, activate it and select the first blank.
 * If (2) fails, the half-built sheet is deleted; existing sheets are never touched.
 */
import { areaA1 } from '../core/address';
import { toA1, type Area } from '../core/grid';
import type { SheetSpec, ValidationSpec } from '../core/layout';
import { sheetName } from '../core/sheetName';
import { STYLES, widthToPoints } from '../core/styles';
import { literal } from './literal';
import type { TemplateSheet } from '../core/templates';

export interface InsertedSheet {
  name: string;
  /** The cell selected: the first blank, or the form's first cell. */
  selected: string;
}

export async function insertTemplateSheet(context: Excel.RequestContext, sheet: TemplateSheet, wanted: string): Promise<InsertedSheet> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const existing = sheets.items.map((s) => s.name);
  const name = sheetName(wanted, new Set(existing.map((n) => n.toLowerCase())));
  const selected = sheet.blanks[0]?.cell ?? toA1(sheet.spec.top, sheet.spec.left);
  try {
    const ws = sheets.add(name);
    renderSpec(ws, sheet.spec);
    ws.activate();
    ws.getRange(selected).select();
    await context.sync();
  } catch (e) {
    // A sheet of that name appearing meanwhile is someone else's: only a sheet this call added is removed.
    if ((e as { code?: string }).code !== 'ItemAlreadyExists') await removeSheet(context, name);
    throw e;
  }
  return { name, selected };
}

async function removeSheet(context: Excel.RequestContext, name: string): Promise<void> {
  try {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    ws.load('name');
    await context.sync();
    if (ws.isNullObject) return;
    ws.delete();
    await context.sync();
  } catch {
    // The original error is the one worth reporting.
  }
}

/** Queue the whole sheet (enum values as strings: the Excel global exists only inside Office): values and formats in two calls, then styles, merges, sizes, validations, print setup. */
export function renderSpec(ws: Excel.Worksheet, spec: SheetSpec): void {
  const width = spec.widths.length;
  const box: Area = { top: spec.top, left: spec.left, bottom: spec.bottom, right: spec.left + width - 1 };
  const values: (string | number | null)[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    values.push(new Array(width).fill(null));
    formats.push(new Array(width).fill(null));
  }
  for (const c of spec.cells) {
    if (c.format) formats[c.row - box.top][c.col - box.left] = c.format;
    // Text is written as text, as the exceljs writer stores it: a template's "=WEBSERVICE(…)" (user templates come
    // with received workbooks) is never a formula. A Text-formatted cell ('@') keeps whatever is written.
    if (c.value !== null && c.value !== '') values[c.row - box.top][c.col - box.left] = c.format === '@' ? c.value : literal(c.value);
  }
  const all = ws.getRange(areaA1(box));
  // Formats first, so "100%" kept as text ('@') is not turned into a number when written.
  all.numberFormat = formats as string[][];
  all.values = values as (string | number)[][];

  for (const c of spec.cells) {
    const area = spec.merges.find((m) => m.top === c.row && m.left === c.col) ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };
    const s = STYLES[c.style];
    const f = ws.getRange(areaA1(area)).format;
    f.font.name = s.font.name;
    f.font.size = s.font.size;
    f.font.bold = s.font.bold;
    if (s.fill) f.fill.color = s.fill;
    f.horizontalAlignment = s.horizontal === 'center' ? 'Center' : 'Left';
    f.verticalAlignment = 'Center';
    f.wrapText = s.wrap;
    if (s.border) for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) f.borders.getItem(edge).style = 'Continuous';
  }
  for (const m of spec.merges) ws.getRange(areaA1(m)).merge(false);
  spec.widths.forEach((w, i) => {
    ws.getRange(toA1(box.top, box.left + i)).format.columnWidth = widthToPoints(w);
  });
  for (const [row, height] of Object.entries(spec.heights)) ws.getRange(toA1(Number(row), box.left)).format.rowHeight = height;
  for (const v of spec.validations ?? []) renderValidation(ws.getRange(areaA1(v.area)).dataValidation, v);
  if (spec.print) {
    const p = spec.print;
    ws.pageLayout.paperSize = 'A4';
    ws.pageLayout.orientation = p.orientation === 'portrait' ? 'Portrait' : 'Landscape';
    // Only the width is fixed: as many pages tall as the form needs.
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    ws.pageLayout.setPrintArea(areaA1(p.area));
    ws.pageLayout.setPrintTitleRows(`$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`);
  }
}

function renderValidation(dv: Excel.DataValidation, v: ValidationSpec): void {
  if (v.list) dv.rule = { list: { inCellDropDown: true, source: v.list.items.join(',') } };
  else if (v.decimal) {
    dv.rule = {
      decimal:
        v.decimal.max === undefined
          ? { formula1: v.decimal.min, operator: 'GreaterThanOrEqualTo' }
          : { formula1: v.decimal.min, formula2: v.decimal.max, operator: 'Between' },
    };
  }
  if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
  if (v.error && (v.decimal || v.list?.strict)) {
    dv.errorAlert = { showAlert: true, style: v.decimal ? 'Stop' : 'Warning', title: v.error.title, message: v.error.message };
  } else if (v.list) dv.errorAlert = { showAlert: false, style: 'Information', title: '', message: '' };
}
