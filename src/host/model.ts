/**
 * The in-memory workbook behind the fake Excel host: plain data, serialisable,
 * so "save, close and reopen" is JSON.stringify → JSON.parse.
 */
import type { Area } from '../core/grid';

export type HostValue = string | number | boolean;

export interface HostCell {
  value?: HostValue;
  /** Excel error value ('#N/A' …); `value` is then unset. */
  error?: string;
  numberFormat?: string;
  /** Fill colour as Excel reports it ('#RRGGBB'), unset for no fill. */
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  fontName?: string;
  fontSize?: number;
  /** Excel.HorizontalAlignment / VerticalAlignment values ('Center', 'Left' …). */
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  /** Border style per edge of this cell ('Continuous' …), as set through Range.format.borders. */
  borders?: Partial<Record<'top' | 'bottom' | 'left' | 'right', string>>;
  validation?: HostValidation;
}

/** Range.dataValidation of one cell: the rule, prompt and error alert objects as Office.js takes them. */
export interface HostValidation {
  rule?: Record<string, unknown>;
  prompt?: { showPrompt?: boolean; title?: string; message?: string };
  errorAlert?: { showAlert?: boolean; style?: string; title?: string; message?: string };
}

/** Worksheet.pageLayout as set (ExcelApi 1.9). */
export interface HostPageLayout {
  paperSize?: string;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printArea?: string;
  printTitleRows?: string;
}

export interface HostSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  /** Cells by "row,col" (0-based). */
  cells: Record<string, HostCell>;
  merges: Area[];
  /** Cell notes by A1 address. */
  notes: Record<string, string>;
  /** Threaded comments by A1 address: a cell holds a note or a threaded comment, never both. */
  comments?: Record<string, string>;
  /** Conditional formats, highest priority first (Range.conditionalFormats, ExcelApi 1.6). */
  conditionalFormats?: HostConditionalFormat[];
  /** Column widths and row heights in points, where set. */
  columnWidths?: Record<number, number>;
  rowHeights?: Record<number, number>;
  pageLayout?: HostPageLayout;
}

/** One conditional format: where it applies, its rule and the fill it shows where the rule holds. */
export interface HostConditionalFormat {
  id: string;
  /** Excel.ConditionalFormatType ('Custom', 'CellValue' …). */
  type: string;
  /** A custom rule's formula ('=ISTEXT("…")'); empty for other types. */
  formula: string;
  /** '#RRGGBB', unset for no fill. */
  fill?: string;
  areas: Area[];
}

export interface HostWorkbookData {
  sheets: HostSheet[];
  activeSheet: string;
  /** Selected range, "Sheet!A1". */
  selection: string;
  /** Workbook settings (Excel.SettingCollection), values as JSON. */
  settings: Record<string, unknown>;
  nextSheetId: number;
  /** 保护工作簿 (structure): sheets cannot be added, deleted, renamed or moved. */
  structureProtected?: boolean;
}

export const cellKey = (row: number, col: number) => `${row},${col}`;

export function emptyWorkbook(): HostWorkbookData {
  return { sheets: [], activeSheet: '', selection: '', settings: {}, nextSheetId: 1 };
}

export function addSheet(wb: HostWorkbookData, name: string): HostSheet {
  const sheet: HostSheet = { id: `{sheet-${wb.nextSheetId++}}`, name, visibility: 'Visible', protected: false, cells: {}, merges: [], notes: {} };
  wb.sheets.push(sheet);
  if (!wb.activeSheet) wb.activeSheet = sheet.id;
  return sheet;
}

/** Save and reopen: everything the workbook keeps, nothing the session held. */
export function reopen(wb: HostWorkbookData): HostWorkbookData {
  return JSON.parse(JSON.stringify(wb)) as HostWorkbookData;
}
