/**
 * A new project sheet from a template, rendered through Office.js from the
 * same sheet spec the exceljs writer uses. Two syncs: (1) the sheet names,
 * (2) add the sheet, write it whole, activate it and select the first blank.
 * If (2) fails, the half-built sheet is deleted; existing sheets are never touched.
 */
import { areaA1 } from '../core/address';
import { toA1 } from '../core/grid';
import type { SheetSpec } from '../core/layout';
import { sheetName } from '../core/sheetName';
import { widthToPoints } from '../core/styles';
import type { TemplateSheet } from '../core/templates';
import { printTitleRows, specMatrices, styledAreas, validationPlan, widthCells, type ValidationPlan } from '../core/templates/render';
import type { InsertedSheet } from '../core/hostRun';

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
  const { box, values, formats } = specMatrices(spec);
  const all = ws.getRange(areaA1(box));
  // Formats first, so "100%" kept as text ('@') is not turned into a number when written.
  all.numberFormat = formats as string[][];
  all.values = values as (string | number)[][];

  for (const { area, style: s } of styledAreas(spec)) {
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
  for (const { cell, width } of widthCells(spec)) ws.getRange(cell).format.columnWidth = widthToPoints(width);
  for (const [row, height] of Object.entries(spec.heights)) ws.getRange(toA1(Number(row), box.left)).format.rowHeight = height;
  for (const v of spec.validations ?? []) renderValidation(ws.getRange(areaA1(v.area)).dataValidation, validationPlan(v));
  if (spec.print) {
    const p = spec.print;
    ws.pageLayout.paperSize = 'A4';
    ws.pageLayout.orientation = p.orientation === 'portrait' ? 'Portrait' : 'Landscape';
    // Only the width is fixed: as many pages tall as the form needs.
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    ws.pageLayout.setPrintArea(areaA1(p.area));
    ws.pageLayout.setPrintTitleRows(printTitleRows(p));
  }
}

function renderValidation(dv: Excel.DataValidation, { rule, prompt, alert }: ValidationPlan): void {
  if (rule && 'list' in rule) dv.rule = { list: { inCellDropDown: true, source: rule.list.source } };
  else if (rule) {
    const { min, max } = rule.decimal;
    dv.rule = { decimal: max === undefined ? { formula1: min, operator: 'GreaterThanOrEqualTo' } : { formula1: min, formula2: max, operator: 'Between' } };
  }
  if (prompt) dv.prompt = { showPrompt: true, title: prompt.title, message: prompt.message };
  if (alert) dv.errorAlert = { showAlert: alert.show, style: alert.style, title: alert.title, message: alert.message };
}
