/** Build host workbooks from the form layout (core/layout), for tests and the browser preview. */
import type { SheetSpec } from '../core/layout';
import { addSheet, cellKey, emptyWorkbook, type HostWorkbookData } from './model';

export function workbookFromSpecs(sheets: { name: string; specs: SheetSpec[] }[]): HostWorkbookData {
  const wb = emptyWorkbook();
  for (const { name, specs } of sheets) {
    const sheet = addSheet(wb, name);
    for (const spec of specs) {
      for (const c of spec.cells) {
        if (c.value === null || c.value === '') continue;
        sheet.cells[cellKey(c.row, c.col)] = { value: c.value, ...(c.format ? { numberFormat: c.format } : {}) };
      }
      sheet.merges.push(...spec.merges);
    }
  }
  return wb;
}
