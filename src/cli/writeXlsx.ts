/** The form layout (core/layout) rendered into an exceljs worksheet: values, merges, styles, widths. */
import type ExcelJS from 'exceljs';
import type { CellStyle, SheetSpec } from '../core/layout';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const STYLES: Record<CellStyle, { font?: Partial<ExcelJS.Font>; fill?: ExcelJS.Fill; align: Partial<ExcelJS.Alignment>; border: boolean }> = {
  title: { font: { name: '宋体', size: 16, bold: true }, align: { horizontal: 'center', vertical: 'middle' }, border: false },
  label: { font: { name: '宋体', size: 11, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: true },
  header: {
    font: { name: '宋体', size: 11, bold: true },
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
    align: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: true,
  },
  text: { font: { name: '宋体', size: 11 }, align: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: true },
  value: { font: { name: '宋体', size: 11 }, align: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: true },
};

export function writeSpec(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  for (const c of spec.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.value = c.value;
    if (c.format) cell.numFmt = c.format;
    const s = STYLES[c.style];
    if (s.font) cell.font = s.font;
    if (s.fill) cell.fill = s.fill;
    cell.alignment = s.align;
    if (s.border) cell.border = THIN;
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
}
