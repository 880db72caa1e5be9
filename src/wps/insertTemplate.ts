/**
 * A new project sheet from a template, rendered through WPS's ET object model (synchronous, VBA-shaped; docs/wps.md
 * §2) from the same sheet spec and the same pure helpers (core/templates/render.ts) as the Office.js renderer
 * (src/excel/insertTemplate.ts). Worksheets.Add after the last sheet, named, written whole, activated, the first
 * blank selected. On any failure the half-built sheet is deleted and the previously active sheet re-activated;
 * existing sheets are never touched.
 *
 * Every member used here is documented for WPS only through the VBA reference (docs/wps.md §2.1, ②), cited below.
 */
import { areaA1 } from '../core/address';
import { toA1 } from '../core/grid';
import type { SheetSpec } from '../core/layout';
import { sheetName } from '../core/sheetName';
import type { TemplateSheet } from '../core/templates';
import { printTitleRows, specMatrices, styledAreas, validationPlan, widthCells, type ValidationPlan } from '../core/templates/render';
import type { InsertedSheet } from '../core/hostRun';
import { addLastSheet, deleteSheet } from './sheets';
import { bgr, read, XL } from './xl';
import type { EtApplication, EtRange, EtWorksheet } from '../host/et';

export function insertTemplateSheet(app: EtApplication, sheet: TemplateSheet, wanted: string): InsertedSheet {
  const sheets = app.ActiveWorkbook.Worksheets;
  const existing: string[] = [];
  for (let i = 1; i <= read(sheets.Count); i++) existing.push(sheets.Item(i).Name);
  const name = sheetName(wanted, new Set(existing.map((n) => n.toLowerCase())));
  const selected = sheet.blanks[0]?.cell ?? toA1(sheet.spec.top, sheet.spec.left);
  const previous = app.ActiveSheet;
  let ws: EtWorksheet | undefined;
  try {
    ws = addLastSheet(app, name);
    renderSpec(ws, sheet.spec);
    // https://learn.microsoft.com/office/vba/api/excel.worksheet.activate(method), …excel.range.select
    ws.Activate();
    ws.Range(selected).Select();
  } catch (e) {
    // Only the sheet this call added goes; the render's error is the one to report, and the focus goes back.
    try {
      if (ws) deleteSheet(app, ws);
      previous.Activate();
    } catch {
      // As above.
    }
    throw e;
  }
  return { name, selected };
}

/** Write the whole sheet: number formats, then the values in one Value2 write, styles, merges, sizes, validations, print setup. */
export function renderSpec(ws: EtWorksheet, spec: SheetSpec): void {
  const { box, values, formats } = specMatrices(spec);
  // Formats first, so "100%" kept as text ('@') is not turned into a number when written. Range.NumberFormat takes
  // one format (https://learn.microsoft.com/office/vba/api/excel.range.numberformat): set per cell that has one.
  formats.forEach((row, i) =>
    row.forEach((f, j) => {
      if (f) ws.Range(toA1(box.top + i, box.left + j)).NumberFormat = f;
    }),
  );
  // Range.Value2 takes an array of rows (https://learn.microsoft.com/office/vba/api/excel.range.value2); an empty
  // element (null) leaves the cell empty. Text goes through literal(): an assigned string is read as typed input.
  ws.Range(areaA1(box)).Value2 = values;

  for (const { area, style: s } of styledAreas(spec)) {
    const r = ws.Range(areaA1(area));
    // https://learn.microsoft.com/office/vba/api/excel.range.font, …excel.interior.color,
    // …excel.range.horizontalalignment, …excel.range.verticalalignment, …excel.range.wraptext, …excel.border.linestyle
    r.Font.Name = s.font.name;
    r.Font.Size = s.font.size;
    r.Font.Bold = s.font.bold;
    if (s.fill) r.Interior.Color = bgr(s.fill);
    r.HorizontalAlignment = s.horizontal === 'center' ? XL.center : XL.left;
    r.VerticalAlignment = XL.center;
    r.WrapText = s.wrap;
    if (s.border) for (const edge of XL.edges) r.Borders.Item(edge).LineStyle = XL.continuous;
  }
  // https://learn.microsoft.com/office/vba/api/excel.range.merge
  for (const m of spec.merges) ws.Range(areaA1(m)).Merge();
  // Range.ColumnWidth is in characters (https://learn.microsoft.com/office/vba/api/excel.range.columnwidth), as the
  // spec's widths are; RowHeight in points (…excel.range.rowheight).
  for (const { cell, width } of widthCells(spec)) ws.Range(cell).ColumnWidth = width;
  for (const [row, height] of Object.entries(spec.heights)) ws.Range(toA1(Number(row), box.left)).RowHeight = height;
  for (const v of spec.validations ?? []) renderValidation(ws.Range(areaA1(v.area)), validationPlan(v));
  if (spec.print) {
    const p = spec.print;
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup: Zoom False, then one page wide, as many tall as needed.
    const ps = ws.PageSetup;
    ps.PaperSize = XL.paperA4;
    ps.Orientation = p.orientation === 'portrait' ? XL.portrait : XL.landscape;
    ps.Zoom = false;
    ps.FitToPagesWide = 1;
    ps.FitToPagesTall = false;
    ps.PrintArea = areaA1(p.area);
    ps.PrintTitleRows = printTitleRows(p);
  }
}

/**
 * Range.Validation (https://learn.microsoft.com/office/vba/api/excel.validation): Delete, then Add
 * (…excel.validation.add; Add over an existing validation fails), then the prompt and alert. Add starts with
 * ShowInput and ShowError on, so what the plan leaves out is switched off.
 */
function renderValidation(range: EtRange, { rule, prompt, alert }: ValidationPlan): void {
  const dv = range.Validation;
  dv.Delete();
  const style = XL.alert[alert?.style ?? 'Stop'];
  if (rule && 'list' in rule) dv.Add(XL.validateList, style, undefined, rule.list.source);
  else if (rule) {
    const { min, max } = rule.decimal;
    if (max === undefined) dv.Add(XL.validateDecimal, style, XL.greaterEqual, min);
    else dv.Add(XL.validateDecimal, style, XL.between, min, max);
  } else dv.Add(XL.validateInputOnly, style);
  if (rule && 'list' in rule) dv.InCellDropdown = true;
  dv.ShowInput = !!prompt;
  if (prompt) {
    dv.InputTitle = prompt.title;
    dv.InputMessage = prompt.message;
  }
  dv.ShowError = !!alert?.show;
  if (alert) {
    dv.ErrorTitle = alert.title;
    dv.ErrorMessage = alert.message;
  }
}
