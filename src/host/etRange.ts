/**
 * The ET Range, its comments and conditional formats, over the shared workbook model (src/host/model.ts), so the
 * preview draws what a WPS 加载项 wrote exactly as it draws Excel's. Behaviour follows docs/wps.md §2; where WPS
 * is silent the VBA reference is followed and the code says so, and what neither documents is a fixture.
 */
import { areaA1, parseAddress, splitAddresses } from '../core/address';
import type { Area } from '../core/grid';
import { areasMeet, edit, forEachCell } from './base';
import { nextFormatId } from './edits';
import type { EtBook } from './et';
import { cellText, typed } from './excel';
import { mergeArea } from './format';
import { cellKey, type HostConditionalFormat, type HostSheet } from './model';
import { etStyle, type EtStyle } from './etStyle';
import { bgr, hexOf, RANGE_ADDRESS_MAX, XL_EXPRESSION, XL_NONE } from '../wps/xl';

export { bgr, hexOf, RANGE_ADDRESS_MAX, XL_EXPRESSION, XL_NONE };

const absolute = (a: Area) => areaA1(a).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

/** Writing to a protected sheet fails (VBA: run-time error 1004); how WPS reports it is not documented (§6, 7). */
export function etWritable(sheet: HostSheet): HostSheet {
  if (sheet.protected) throw new Error(`工作表“${sheet.name}”受保护 / the sheet is protected (1004)`);
  return sheet;
}

export function parseAreas(address: string): Area[] {
  if (address.length > RANGE_ADDRESS_MAX) throw new Error(`Range("${address.slice(0, 20)}…"): address over ${RANGE_ADDRESS_MAX} characters`);
  const areas = splitAddresses(address).map((a) => parseAddress(a)?.area);
  if (!areas.length || areas.some((a) => !a)) throw new Error(`Range("${address}"): not an address`);
  return areas as Area[];
}

export class EtRange {
  readonly area: Area;
  constructor(
    readonly book: EtBook,
    readonly sheet: HostSheet,
    readonly areas: Area[],
  ) {
    this.area = areas[0];
  }
  private cell(r: number, c: number) {
    return this.sheet.cells[cellKey(r, c)];
  }
  private single() {
    return this.areas.length === 1 && this.area.top === this.area.bottom && this.area.left === this.area.right;
  }
  writable(): HostSheet {
    return etWritable(this.sheet);
  }
  get Row(): number {
    return this.area.top + 1;
  }
  get Column(): number {
    return this.area.left + 1;
  }
  get Rows(): { Count: number } {
    return { Count: this.area.bottom - this.area.top + 1 };
  }
  get Columns(): { Count: number } {
    return { Count: this.area.right - this.area.left + 1 };
  }
  get Worksheet() {
    return this.book.worksheet(this.sheet);
  }
  /** Range.Address() as WPS calls it, a method (docs/wps.md §2.1): absolute A1, areas joined by commas. */
  Address(): string {
    return this.areas.map(absolute).join(',');
  }
  /** VBA Range.Value2: a value for one cell, an array for more (the JS shape is a fixture, docs/wps.md §6, 1–3). */
  get Value2(): unknown {
    const fx = this.book.fixtures;
    const value = (r: number, c: number) => {
      const x = this.cell(r, c);
      return x?.error ?? x?.value ?? fx.empty;
    };
    if (this.single()) return value(this.area.top, this.area.left);
    const rows = forEachCell(this.area, value);
    return fx.value2 === 'rows' ? rows : rows.flat();
  }
  /**
   * Assigning Value2: one value fills every cell, an array of rows fills cell by cell (VBA). A string is taken as
   * typed input, as an assignment is in VBA ("100%" a number); an empty string or null empties the cell.
   */
  set Value2(v: unknown) {
    const sheet = this.writable();
    forEachCell(this.area, (r, c) => {
      const x = Array.isArray(v) ? (v as unknown[][])[r - this.area.top]?.[c - this.area.left] : v;
      if (x === undefined) return;
      edit(sheet, r, c, (cell) => {
        delete cell.error;
        if (x === null || x === '') delete cell.value;
        else if (typeof x === 'string') typed(cell, x);
        else cell.value = x as number | boolean;
      });
    });
    this.book.changed(sheet, this.area);
  }
  /** VBA Range.Text: the displayed text of the upper-left cell (read per cell). */
  get Text(): string {
    return cellText(this.cell(this.area.top, this.area.left));
  }
  get NumberFormat(): string {
    return this.cell(this.area.top, this.area.left)?.numberFormat ?? 'General';
  }
  set NumberFormat(v: string) {
    const sheet = this.writable();
    forEachCell(this.area, (r, c) =>
      edit(sheet, r, c, (cell) => {
        if (v === 'General') delete cell.numberFormat;
        else cell.numberFormat = v;
      }),
    );
  }
  private merge(): Area | undefined {
    const { top, left } = this.area;
    return this.sheet.merges.find((m) => top >= m.top && top <= m.bottom && left >= m.left && left <= m.right);
  }
  get MergeCells(): boolean {
    return !!this.merge();
  }
  get MergeArea(): EtRange {
    return new EtRange(this.book, this.sheet, [this.merge() ?? this.area]);
  }
  Merge(): void {
    mergeArea(this.writable(), this.area);
  }
  get Interior(): { Color: number; ColorIndex: number } {
    const fill = () => this.cell(this.area.top, this.area.left)?.fill;
    const set = (hex: string | undefined) =>
      forEachCell(this.area, (r, c) =>
        edit(this.writable(), r, c, (cell) => {
          if (hex) cell.fill = hex;
          else delete cell.fill;
        }),
      );
    return {
      // No fill: what WPS reports is not documented (§6, 11); white here, as VBA's Color gives for no fill.
      get Color() {
        const f = fill();
        return f ? bgr(f) : 0xffffff;
      },
      set Color(v: number) {
        set(hexOf(v));
      },
      get ColorIndex() {
        return fill() ? 1 : XL_NONE;
      },
      set ColorIndex(v: number) {
        if (v === XL_NONE) set(undefined);
      },
    };
  }
  /** Range.Comment: the upper-left cell's comment, null when it has none (VBA: Nothing). */
  get Comment(): EtComment | null {
    const a1 = areaA1({ ...this.area, bottom: this.area.top, right: this.area.left });
    return this.sheet.notes[a1] === undefined ? null : new EtComment(this.book, this.sheet, a1);
  }
  /** VBA Range.AddComment: on a cell that already has a comment it fails (run-time error 1004). */
  AddComment(text: string): EtComment {
    const a1 = areaA1({ ...this.area, bottom: this.area.top, right: this.area.left });
    if (this.sheet.notes[a1] !== undefined) throw new Error(`${a1} already has a comment (1004)`);
    this.writable().notes[a1] = String(text);
    return new EtComment(this.book, this.sheet, a1);
  }
  get FormatConditions(): EtFormatConditions {
    if (!this.book.fixtures.formatConditions) throw new TypeError("Cannot read properties of undefined (reading 'FormatConditions')");
    return new EtFormatConditions(this.book, this.sheet, this.areas);
  }
  Select(): true {
    const active = this.book.data.activeSheet;
    // VBA: a range can be selected on the active sheet only (run-time error 1004 otherwise).
    if (active !== this.sheet.id) throw new Error(`Select: “${this.sheet.name}” is not the active sheet (1004)`);
    this.book.data.selection = `${this.sheet.name}!${areaA1(this.area)}`;
    return true;
  }
  // Font, alignment, borders, sizes and validation, which the template renderer sets: src/host/etStyle.ts.
  get Font(): EtStyle['Font'] {
    return etStyle(this).Font;
  }
  get Borders(): EtStyle['Borders'] {
    return etStyle(this).Borders;
  }
  get Validation(): EtStyle['Validation'] {
    return etStyle(this).Validation;
  }
  get HorizontalAlignment(): number {
    return etStyle(this).HorizontalAlignment;
  }
  set HorizontalAlignment(v: number) {
    etStyle(this).HorizontalAlignment = v;
  }
  get VerticalAlignment(): number {
    return etStyle(this).VerticalAlignment;
  }
  set VerticalAlignment(v: number) {
    etStyle(this).VerticalAlignment = v;
  }
  get WrapText(): boolean {
    return etStyle(this).WrapText;
  }
  set WrapText(v: boolean) {
    etStyle(this).WrapText = v;
  }
  get ColumnWidth(): number {
    return etStyle(this).ColumnWidth;
  }
  set ColumnWidth(v: number) {
    etStyle(this).ColumnWidth = v;
  }
  get RowHeight(): number {
    return etStyle(this).RowHeight;
  }
  set RowHeight(v: number) {
    etStyle(this).RowHeight = v;
  }
}

/** VBA Comment: Text() (a method, returns the text), Parent (the cell), Delete(). */
export class EtComment {
  constructor(
    private readonly book: EtBook,
    private readonly sheet: HostSheet,
    private readonly a1: string,
  ) {}
  Text(text?: string): string {
    if (text !== undefined) this.sheet.notes[this.a1] = text;
    return this.sheet.notes[this.a1] ?? '';
  }
  get Parent(): EtRange {
    return new EtRange(this.book, this.sheet, [parseAddress(this.a1)!.area]);
  }
  Delete(): void {
    etWritable(this.sheet);
    delete this.sheet.notes[this.a1];
  }
}

/** Worksheet.Comments: every comment of the sheet, 1-based Item; the order WPS gives is not documented (row order here). */
export function etComments(book: EtBook, sheet: HostSheet): { Count: number; Item(i: number): EtComment } {
  const cells = Object.keys(sheet.notes).sort((a, b) => {
    const x = parseAddress(a)!.area;
    const y = parseAddress(b)!.area;
    return x.top - y.top || x.left - y.left;
  });
  return {
    Count: cells.length,
    Item(i: number) {
      const a1 = cells[i - 1];
      if (!a1) throw new Error(`Comments.Item(${i}): no such comment (1-based, ${cells.length})`);
      return new EtComment(book, sheet, a1);
    },
  };
}

/**
 * Range.FormatConditions (VBA): the conditional formats that apply to cells of the range, in priority order.
 * Add(Type, Operator, Formula1) ignores Operator for xlExpression (docs/wps.md §2.1). Where Add places the new
 * format in the priority order VBA does not say; the host puts it last, and SetFirstPriority moves it first.
 * Whether WPS has any of this in JS is not documented (§6, 9): the fixture `formatConditions` takes it away.
 */
export class EtFormatConditions {
  constructor(
    private readonly book: EtBook,
    private readonly sheet: HostSheet,
    private readonly areas: Area[],
  ) {}
  private items(): HostConditionalFormat[] {
    return (this.sheet.conditionalFormats ?? []).filter((cf) => cf.areas.some((a) => this.areas.some((b) => areasMeet(a, b))));
  }
  get Count(): number {
    return this.items().length;
  }
  Item(i: number): EtFormatCondition {
    const cf = this.items()[i - 1];
    if (!cf) throw new Error(`FormatConditions.Item(${i}): no such format (1-based, ${this.Count})`);
    return new EtFormatCondition(this.book, this.sheet, cf);
  }
  Add(type: number, _operator?: number, formula1?: string): EtFormatCondition {
    etWritable(this.sheet);
    if (type !== XL_EXPRESSION) throw new Error(`FormatConditions.Add: type ${type} is not modelled`);
    if (!formula1?.startsWith('=')) throw new Error('FormatConditions.Add: Formula1 must be a formula (1004)');
    const cf: HostConditionalFormat = { id: nextFormatId(this.book.data), type: 'Custom', formula: formula1, areas: this.areas.map((a) => ({ ...a })) };
    (this.sheet.conditionalFormats ??= []).push(cf);
    return new EtFormatCondition(this.book, this.sheet, cf);
  }
}

export class EtFormatCondition {
  constructor(
    private readonly book: EtBook,
    private readonly sheet: HostSheet,
    private readonly cf: HostConditionalFormat,
  ) {}
  get Type(): number {
    return this.cf.type === 'Custom' ? XL_EXPRESSION : 1;
  }
  get Formula1(): string {
    return this.cf.formula;
  }
  get AppliesTo(): EtRange {
    return new EtRange(this.book, this.sheet, this.cf.areas);
  }
  get Interior(): { Color: number } {
    const cf = this.cf;
    return {
      get Color() {
        return cf.fill ? bgr(cf.fill) : 0xffffff;
      },
      set Color(v: number) {
        cf.fill = hexOf(v);
      },
    };
  }
  SetFirstPriority(): void {
    const list = this.sheet.conditionalFormats!;
    list.splice(list.indexOf(this.cf), 1);
    list.unshift(this.cf);
  }
  Delete(): void {
    etWritable(this.sheet);
    const list = this.sheet.conditionalFormats ?? [];
    const i = list.indexOf(this.cf);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) delete this.sheet.conditionalFormats;
  }
}
