/** A sheet spec (core/layout, core/templates) rendered into an exceljs worksheet. */
import type ExcelJS from 'exceljs';
import { areaA1 } from '../core/address';
import type { SheetSpec, ValidationSpec } from '../core/layout';
import { STYLES, type StyleDef } from '../core/styles';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

function applyStyle(cell: ExcelJS.Cell, s: StyleDef): void {
  cell.font = { name: s.font.name, size: s.font.size, bold: s.font.bold };
  if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(s.fill) } };
  cell.alignment = { horizontal: s.horizontal, vertical: 'middle', wrapText: s.wrap };
  if (s.border) cell.border = THIN;
}

export function writeSpec(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  for (const c of spec.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.value = c.value === '' ? null : c.value; // an empty string would be a text cell, not a blank one
    if (c.format) cell.numFmt = c.format;
    applyStyle(cell, STYLES[c.style]);
  }
  for (const m of spec.merges) {
    // Borders on every cell of an area so the merged outline prints whole.
    if (spec.cells.some((c) => c.row === m.top && c.col === m.left && STYLES[c.style].border)) {
      for (let r = m.top; r <= m.bottom; r++) for (let col = m.left; col <= m.right; col++) ws.getCell(r + 1, col + 1).border = THIN;
    }
    ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  spec.widths.forEach((w, i) => {
    ws.getColumn(spec.left + i + 1).width = w;
  });
  for (const [row, height] of Object.entries(spec.heights)) ws.getRow(Number(row) + 1).height = height;
  for (const v of spec.validations ?? []) writeValidation(ws, v);
  if (spec.print) {
    const p = spec.print;
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: p.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: areaA1(p.area),
      printTitlesRow: `${p.titleRows.top + 1}:${p.titleRows.bottom + 1}`,
    };
  }
}

function writeValidation(ws: ExcelJS.Worksheet, v: ValidationSpec): void {
  const dv: ExcelJS.DataValidation = v.list
    ? { type: 'list', allowBlank: true, formulae: [`"${v.list.items.join(',')}"`] }
    : v.decimal
      ? v.decimal.max === undefined
        ? { type: 'decimal', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [v.decimal.min] }
        : { type: 'decimal', operator: 'between', allowBlank: true, formulae: [v.decimal.min, v.decimal.max] }
      : ({ type: 'any', allowBlank: true } as unknown as ExcelJS.DataValidation);
  if (v.prompt) Object.assign(dv, { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.message });
  if (v.error && (v.decimal || v.list?.strict)) {
    Object.assign(dv, { showErrorMessage: true, errorStyle: v.decimal ? 'stop' : 'warning', errorTitle: v.error.title, error: v.error.message });
  }
  // exceljs keeps validations per cell; every cell of a merged area carries the rule, as Excel does.
  for (let r = v.area.top; r <= v.area.bottom; r++) for (let c = v.area.left; c <= v.area.right; c++) ws.getCell(r + 1, c + 1).dataValidation = dv;
}
