/** Reading exceljs's model the way Excel holds it: plain cell values, merged areas. */
import type ExcelJS from 'exceljs';
import type { Area } from '../core/grid';

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An exceljs cell value as Excel holds it: a number (dates as serials), text, a boolean, or an error code. */
export type PlainValue = { value: string | number | boolean; date?: true } | { error: string } | undefined;

export function plainValue(raw: ExcelJS.CellValue, date1904: boolean): PlainValue {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'string') return raw === '' ? undefined : { value: raw };
  if (raw instanceof Date) return { value: (raw.getTime() - EXCEL_EPOCH_MS) / 86_400_000 - (date1904 ? 1462 : 0), date: true };
  if (typeof raw === 'object') {
    if ('error' in raw) return { error: String(raw.error) };
    if ('richText' in raw) return plainValue(raw.richText.map((t) => t.text).join(''), date1904);
    if ('formula' in raw || 'sharedFormula' in raw) {
      const result = (raw as ExcelJS.CellFormulaValue).result;
      return result === undefined ? undefined : plainValue(result as ExcelJS.CellValue, date1904);
    }
    if ('hyperlink' in raw) return plainValue((raw as ExcelJS.CellHyperlinkValue).text, date1904);
  }
  return undefined;
}

/** Merged areas, 0-based. exceljs keeps them by master cell; its public `model.merges` rebuilds the whole sheet model. */
export function mergesOf(ws: ExcelJS.Worksheet): Area[] {
  const merges = (ws as unknown as { _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges;
  if (!merges) return [];
  return Object.values(merges).map(({ model: m }) => ({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 }));
}
