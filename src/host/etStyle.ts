/**
 * The ET Range's formatting members that the template renderer sets (VBA: Range.Font, HorizontalAlignment,
 * VerticalAlignment, WrapText, Borders.Item(edge).LineStyle, ColumnWidth in characters, RowHeight in points,
 * Validation), written into the shared model in the shapes the Office.js host stores
 * (src/host/format.ts), so one snapshot compares a WPS-rendered sheet with an Office.js-rendered one.
 *
 * WPS documents none of these members for JS (docs/wps.md §2.1: only the VBA reference, ②); each follows the VBA
 * page cited beside it. How WPS reports a refused write (a protected sheet, a bad constant) is not documented
 * (docs/wps.md §6, 7): the host throws an Error naming VBA's run-time error 1004.
 */
import type { Area } from '../core/grid';
import { pointsToWidth, widthToPoints } from '../core/styles';
import { edit } from './base';
import type { EtRange } from './etRange';
import { cellKey, type HostCell, type HostValidation } from './model';

/** VBA XlHAlign (https://learn.microsoft.com/office/vba/api/excel.xlhalign) → Excel.HorizontalAlignment. */
const H_ALIGN: Record<number, string> = {
  1: 'General', [-4131]: 'Left', [-4108]: 'Center', [-4152]: 'Right', 5: 'Fill', [-4130]: 'Justify', 7: 'CenterAcrossSelection', [-4117]: 'Distributed',
};
/** VBA XlVAlign (https://learn.microsoft.com/office/vba/api/excel.xlvalign) → Excel.VerticalAlignment. */
const V_ALIGN: Record<number, string> = { [-4160]: 'Top', [-4108]: 'Center', [-4107]: 'Bottom', [-4130]: 'Justify', [-4117]: 'Distributed' };
/** VBA XlLineStyle (https://learn.microsoft.com/office/vba/api/excel.xllinestyle) → Excel.BorderLineStyle. */
const LINE_STYLE: Record<number, string> = {
  1: 'Continuous', [-4115]: 'Dash', 4: 'DashDot', 5: 'DashDotDot', [-4118]: 'Dot', [-4119]: 'Double', 13: 'SlantDashDot', [-4142]: 'None',
};
/** VBA XlBordersIndex (https://learn.microsoft.com/office/vba/api/excel.xlbordersindex); the diagonals (5, 6) are not modelled. */
const BORDER_INDEX: Record<number, string> = { 7: 'EdgeLeft', 8: 'EdgeTop', 9: 'EdgeBottom', 10: 'EdgeRight', 11: 'InsideVertical', 12: 'InsideHorizontal' };
/** VBA XlDVType (https://learn.microsoft.com/office/vba/api/excel.xldvtype) → the key of Office.js's DataValidationRule. */
const DV_TYPE: Record<number, string> = { 1: 'wholeNumber', 2: 'decimal', 3: 'list', 4: 'date', 5: 'time', 6: 'textLength', 7: 'custom' };
/** VBA XlDVAlertStyle (https://learn.microsoft.com/office/vba/api/excel.xldvalertstyle) → Excel.DataValidationAlertStyle. */
const ALERT_STYLE: Record<number, string> = { 1: 'Stop', 2: 'Warning', 3: 'Information' };
/** VBA XlFormatConditionOperator (https://learn.microsoft.com/office/vba/api/excel.xlformatconditionoperator) → Excel.DataValidationOperator. */
const DV_OPERATOR: Record<number, string> = {
  1: 'Between', 2: 'NotBetween', 3: 'EqualTo', 4: 'NotEqualTo', 5: 'GreaterThan', 6: 'LessThan', 7: 'GreaterThanOrEqualTo', 8: 'LessThanOrEqualTo',
};

/** The model's defaults, as the Office.js host reports them (format.ts); WPS's own defaults are not documented. */
export const DEFAULT = { font: 'Calibri', size: 11, widthPt: 48, heightPt: 15, paper: 'Letter' };

/** Excel's limits ("Excel specifications and limits", support.microsoft.com): column width 255 characters, row height and font size 409 points. */
const MAX_WIDTH = 255;
const MAX_POINTS = 409;

export interface EtValidation {
  Add(type: number, alertStyle?: number, operator?: number, formula1?: string | number, formula2?: string | number): void;
  Delete(): void;
  readonly Type: number;
  readonly AlertStyle: number;
  readonly Operator: number;
  readonly Formula1: string;
  readonly Formula2: string;
  InCellDropdown: boolean;
  ShowInput: boolean;
  ShowError: boolean;
  InputTitle: string;
  InputMessage: string;
  ErrorTitle: string;
  ErrorMessage: string;
}

/** A value VBA gives as Null when the cells of the range differ. */
type Mixed<T> = T | null;

/**
 * Over mixed cells VBA reads Font.*, the alignments, WrapText, ColumnWidth and RowHeight as Null, and so does the
 * host; EtRange (etRange.ts) declares its own getters as plain number/boolean, so only Font says Mixed here.
 */
export interface EtStyle {
  Font: { Name: Mixed<string>; Size: Mixed<number>; Bold: Mixed<boolean> };
  Borders: { Item(edge: number): { LineStyle: number } };
  HorizontalAlignment: number;
  VerticalAlignment: number;
  WrapText: boolean;
  ColumnWidth: number;
  RowHeight: number;
  Validation: EtValidation;
}


export const fail = (what: string): never => {
  throw new Error(`${what} (1004)`);
};
export const keyOf = (table: Record<number, string>, v: string | undefined, fallback: number): number => {
  const hit = Object.entries(table).find(([, s]) => s === v);
  return hit ? Number(hit[0]) : fallback;
};
const inside = (a: Area, r: number, c: number) => r >= a.top && r <= a.bottom && c >= a.left && c <= a.right;
const size = (a: Area) => (a.bottom - a.top + 1) * (a.right - a.left + 1);

/**
 * What every cell of the range has, or null when they differ (VBA: Font.Bold, HorizontalAlignment, WrapText … are
 * Variants that read Null over mixed cells). Walks the model's cells, not the range, so Cells stays cheap.
 */
function uniform<T>(range: EtRange, get: (c: HostCell | undefined) => T): Mixed<T> {
  const seen = new Set<T>();
  let filled = 0;
  for (const cell of modelCells(range)) {
    filled++;
    seen.add(get(cell));
  }
  if (filled < range.areas.reduce((n, a) => n + size(a), 0)) seen.add(get(undefined));
  return seen.size === 1 ? [...seen][0] : null;
}

/** The cells of the range the model holds. */
function modelCells(range: EtRange): HostCell[] {
  return Object.entries(range.sheet.cells)
    .filter(([k]) => {
      const [r, c] = k.split(',').map(Number);
      return range.areas.some((a) => inside(a, r, c));
    })
    .map(([, cell]) => cell);
}

/** The same over rows or columns with a size in the model (`sizes`), the rest at the default. */
function uniformSize(sizes: Record<number, number> | undefined, spans: [number, number][], fallback: number): Mixed<number> {
  const seen = new Set<number>();
  let set = 0;
  for (const [i, v] of Object.entries(sizes ?? {})) {
    if (!spans.some(([a, b]) => Number(i) >= a && Number(i) <= b)) continue;
    set++;
    seen.add(v);
  }
  if (set < spans.reduce((n, [a, b]) => n + b - a + 1, 0)) seen.add(fallback);
  return seen.size === 1 ? [...seen][0] : null;
}

/** Change every cell of the range, refused on a protected sheet (range.writable()). */
function each(range: EtRange, fn: (cell: HostCell, r: number, c: number, area: Area) => void): void {
  const sheet = range.writable();
  for (const area of range.areas) {
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) edit(sheet, r, c, (cell) => fn(cell, r, c, area));
  }
}

const topLeft = (range: EtRange) => range.sheet.cells[cellKey(range.area.top, range.area.left)];

export function etStyle(range: EtRange): EtStyle {
  return {
    // Range.Font → Font.Name / Size / Bold (https://learn.microsoft.com/office/vba/api/excel.font.name, …font.size, …font.bold).
    Font: {
      get Name() {
        return uniform(range, (c) => c?.fontName ?? DEFAULT.font);
      },
      set Name(v: Mixed<string>) {
        if (typeof v !== 'string' || !v) fail('Unable to set the Name property of the Font class');
        each(range, (c) => (c.fontName = v as string));
      },
      get Size() {
        return uniform(range, (c) => c?.fontSize ?? DEFAULT.size);
      },
      set Size(v: Mixed<number>) {
        if (typeof v !== 'number' || !(v >= 1 && v <= MAX_POINTS)) fail('Unable to set the Size property of the Font class');
        each(range, (c) => (c.fontSize = v as number));
      },
      get Bold() {
        return uniform(range, (c) => c?.bold ?? false);
      },
      set Bold(v: Mixed<boolean>) {
        each(range, (c) => (v ? (c.bold = true) : delete c.bold));
      },
    },
    // Borders.Item(XlBordersIndex) (https://learn.microsoft.com/office/vba/api/excel.borders.item) → Border.LineStyle
    // (https://learn.microsoft.com/office/vba/api/excel.border.linestyle). Edges draw the range's outline, Inside* the
    // lines between its cells, each kept on the cells it touches, as the Office.js host keeps them.
    Borders: {
      Item(index: number) {
        const which = BORDER_INDEX[index];
        if (!which) fail(index === 5 || index === 6 ? `Borders.Item(${index}): diagonal borders are not modelled` : `Borders.Item(${index}): not an XlBordersIndex`);
        return borderOf(range, which);
      },
    },
    // https://learn.microsoft.com/office/vba/api/excel.range.horizontalalignment
    get HorizontalAlignment() {
      const s = uniform(range, (c) => c?.hAlign ?? 'General');
      return (s === null ? null : keyOf(H_ALIGN, s, 1)) as number;
    },
    set HorizontalAlignment(v: number) {
      const s = H_ALIGN[v] ?? fail('Unable to set the HorizontalAlignment property of the Range class');
      each(range, (c) => (c.hAlign = s));
    },
    // https://learn.microsoft.com/office/vba/api/excel.range.verticalalignment
    get VerticalAlignment() {
      const s = uniform(range, (c) => c?.vAlign ?? 'Bottom');
      return (s === null ? null : keyOf(V_ALIGN, s, -4107)) as number;
    },
    set VerticalAlignment(v: number) {
      const s = V_ALIGN[v] ?? fail('Unable to set the VerticalAlignment property of the Range class');
      each(range, (c) => (c.vAlign = s));
    },
    // https://learn.microsoft.com/office/vba/api/excel.range.wraptext
    get WrapText() {
      return uniform(range, (c) => c?.wrap ?? false) as boolean;
    },
    set WrapText(v: boolean) {
      each(range, (c) => (v ? (c.wrap = true) : delete c.wrap));
    },
    // Range.ColumnWidth, in characters of the Normal style (https://learn.microsoft.com/office/vba/api/excel.range.columnwidth);
    // the model keeps points, converted as the Office.js renderer converts them (core/styles.ts widthToPoints).
    get ColumnWidth() {
      const pt = uniformSize(range.sheet.columnWidths, range.areas.map((a) => [a.left, a.right]), DEFAULT.widthPt);
      return (pt === null ? null : pointsToWidth(pt)) as number;
    },
    set ColumnWidth(v: number) {
      if (typeof v !== 'number' || !(v >= 0 && v <= MAX_WIDTH)) fail('Unable to set the ColumnWidth property of the Range class');
      const sheet = range.writable();
      for (const a of range.areas) for (let c = a.left; c <= a.right; c++) (sheet.columnWidths ??= {})[c] = widthToPoints(v as number);
    },
    // Range.RowHeight, in points (https://learn.microsoft.com/office/vba/api/excel.range.rowheight).
    get RowHeight() {
      return uniformSize(range.sheet.rowHeights, range.areas.map((a) => [a.top, a.bottom]), DEFAULT.heightPt) as number;
    },
    set RowHeight(v: number) {
      if (typeof v !== 'number' || !(v >= 0 && v <= MAX_POINTS)) fail('Unable to set the RowHeight property of the Range class');
      const sheet = range.writable();
      for (const a of range.areas) for (let r = a.top; r <= a.bottom; r++) (sheet.rowHeights ??= {})[r] = v as number;
    },
    Validation: validationOf(range),
  };
}

function borderOf(range: EtRange, index: string): { LineStyle: number } {
  const edge = ({ EdgeTop: 'top', EdgeBottom: 'bottom', EdgeLeft: 'left', EdgeRight: 'right' } as const)[index as 'EdgeTop'];
  return {
    get LineStyle() {
      // The upper-left cell's line; an inside border reads as none (VBA would give Null over mixed lines).
      return keyOf(LINE_STYLE, (edge && topLeft(range)?.borders?.[edge]) || 'None', -4142);
    },
    set LineStyle(v: number) {
      const style = LINE_STYLE[v] ?? fail('Unable to set the LineStyle property of the Border class');
      each(range, (cell, r, c, area) => {
        const set = (e: 'top' | 'bottom' | 'left' | 'right') => {
          cell.borders ??= {};
          if (style === 'None') delete cell.borders[e];
          else cell.borders[e] = style;
          if (!Object.keys(cell.borders).length) delete cell.borders;
        };
        if ((index === 'EdgeTop' && r === area.top) || (index === 'InsideHorizontal' && r > area.top)) set('top');
        if ((index === 'EdgeBottom' && r === area.bottom) || (index === 'InsideHorizontal' && r < area.bottom)) set('bottom');
        if ((index === 'EdgeLeft' && c === area.left) || (index === 'InsideVertical' && c > area.left)) set('left');
        if ((index === 'EdgeRight' && c === area.right) || (index === 'InsideVertical' && c < area.right)) set('right');
      });
    },
  };
}

/**
 * Range.Validation (https://learn.microsoft.com/office/vba/api/excel.validation), kept per cell in Office.js's shape
 * (rule / prompt / errorAlert, as src/host/format.ts DataValidation stores them). Add starts from VBA's defaults:
 * InCellDropdown, ShowInput and ShowError true, titles and messages empty. A property of a range without validation
 * fails (run-time error 1004), and Add over an existing validation fails too, so VBA code calls Delete first (both
 * widely reported, neither stated in the reference; WPS: not documented, docs/wps.md §6, 7).
 */
function validationOf(range: EtRange): EtValidation {
  const own = (): HostValidation => topLeft(range)?.validation ?? fail('Validation: the range has no data validation');
  const change = (fn: (v: HostValidation) => void) => {
    own();
    each(range, (c) => c.validation && fn(c.validation));
  };
  const ruleOf = (v: HostValidation) => {
    const [key, rule] = Object.entries(v.rule ?? {})[0] ?? [];
    return { type: keyOf(DV_TYPE, key, 0), rule: (rule ?? {}) as Record<string, unknown> };
  };
  return {
    // https://learn.microsoft.com/office/vba/api/excel.validation.add
    Add(type, alertStyle = 1, operator = 1, formula1, formula2) {
      // xlValidateInputOnly (0): a prompt and no rule, Office.js's validation without a rule.
      const key = type === 0 ? undefined : DV_TYPE[type] ?? fail(`Validation.Add: type ${type} is not an XlDVType`);
      const style = ALERT_STYLE[alertStyle] ?? fail(`Validation.Add: ${alertStyle} is not an XlDVAlertStyle`);
      // The reference: Formula1 is required but for xlValidateInputOnly, and at most 255 characters.
      if ((key && formula1 === undefined) || String(formula1 ?? '').length > 255) fail('Validation.Add: Formula1 is missing or longer than 255 characters');
      let rule: Record<string, unknown> | undefined;
      if (!key) rule = undefined;
      else if (key === 'list') rule = { inCellDropDown: true, source: formula1 };
      else if (key === 'custom') rule = { formula: formula1 };
      else {
        const op = DV_OPERATOR[operator] ?? fail(`Validation.Add: ${operator} is not an XlFormatConditionOperator`);
        const two = op === 'Between' || op === 'NotBetween';
        if (two && formula2 === undefined) fail('Validation.Add: xlBetween needs Formula2');
        rule = two ? { formula1, formula2, operator: op } : { formula1, operator: op };
      }
      if (modelCells(range).some((c) => c.validation)) fail('Validation.Add: the range already has data validation');
      each(range, (c) => (c.validation = { ...(key ? { rule: { [key]: { ...rule } } } : {}), prompt: { showPrompt: true, title: '', message: '' }, errorAlert: { showAlert: true, style, title: '', message: '' } }));
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.delete
    Delete() {
      each(range, (c) => delete c.validation);
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.type, …validation.alertstyle, …validation.operator (read-only)
    get Type() {
      return ruleOf(own()).type;
    },
    get AlertStyle() {
      return keyOf(ALERT_STYLE, own().errorAlert?.style, 1);
    },
    get Operator() {
      return keyOf(DV_OPERATOR, ruleOf(own()).rule.operator as string | undefined, 0);
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.formula1, …validation.formula2: strings.
    get Formula1() {
      const { rule } = ruleOf(own());
      return String(rule.source ?? rule.formula1 ?? rule.formula ?? '');
    },
    get Formula2() {
      return String(ruleOf(own()).rule.formula2 ?? '');
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.incelldropdown
    get InCellDropdown() {
      return ruleOf(own()).rule.inCellDropDown !== false;
    },
    set InCellDropdown(v: boolean) {
      change((x) => {
        const list = x.rule?.list as Record<string, unknown> | undefined;
        if (list) list.inCellDropDown = !!v;
      });
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.showinput, …inputtitle, …inputmessage
    get ShowInput() {
      return !!own().prompt?.showPrompt;
    },
    set ShowInput(v: boolean) {
      change((x) => ((x.prompt ??= {}).showPrompt = !!v));
    },
    get InputTitle() {
      return own().prompt?.title ?? '';
    },
    set InputTitle(v: string) {
      // Excel's limits, as the Office.js host holds them: a prompt title of 32 characters, a message of 255.
      if (String(v).length > 32) fail('Unable to set the InputTitle property of the Validation class');
      change((x) => ((x.prompt ??= {}).title = String(v)));
    },
    get InputMessage() {
      return own().prompt?.message ?? '';
    },
    set InputMessage(v: string) {
      if (String(v).length > 255) fail('Unable to set the InputMessage property of the Validation class');
      change((x) => ((x.prompt ??= {}).message = String(v)));
    },
    // https://learn.microsoft.com/office/vba/api/excel.validation.showerror, …errortitle, …errormessage
    get ShowError() {
      return !!own().errorAlert?.showAlert;
    },
    set ShowError(v: boolean) {
      change((x) => ((x.errorAlert ??= {}).showAlert = !!v));
    },
    get ErrorTitle() {
      return own().errorAlert?.title ?? '';
    },
    set ErrorTitle(v: string) {
      change((x) => ((x.errorAlert ??= {}).title = String(v)));
    },
    get ErrorMessage() {
      return own().errorAlert?.message ?? '';
    },
    set ErrorMessage(v: string) {
      change((x) => ((x.errorAlert ??= {}).message = String(v)));
    },
  };
}
