/**
 * Range formatting, data validation and page layout in the in-memory host:
 * the Office.js subset template insertion uses (ExcelApi 1.1–1.9), each
 * setter queued and applied at sync, each read behind load().
 */
import { areaA1, parseAddress } from '../core/address';
import type { Area } from '../core/grid';
import { ClientObject, HostError, areasMeet, assertWritable, edit, forEachCell, type QueueContext, type Target } from './base';
import { cellKey, type HostCell, type HostPageLayout, type HostSheet, type HostValidation } from './model';

type Targets = () => Target[];

function applyCells(targets: Targets, fn: (c: HostCell, r: number, col: number, t: Target) => void): void {
  for (const t of targets()) {
    assertWritable(t.sheet);
    forEachCell(t.area, (r, c) => edit(t.sheet, r, c, (cell) => fn(cell, r, c, t)));
  }
}

function topLeft(targets: Targets): { cell: HostCell | undefined; t: Target } {
  const [t] = targets();
  return { cell: t.sheet.cells[cellKey(t.area.top, t.area.left)], t };
}

const FILL_NONE = { color: '#FFFFFF', pattern: 'None' };

export class RangeFill extends ClientObject {
  protected typeName = 'RangeFill';
  protected scalars = ['color', 'pattern'];
  constructor(context: QueueContext, private readonly targets: Targets) {
    super(context);
  }
  protected fetch(name: string): unknown {
    const fill = topLeft(this.targets).cell?.fill;
    return name === 'color' ? fill ?? FILL_NONE.color : fill ? 'Solid' : FILL_NONE.pattern;
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (c.fill = v.toUpperCase())));
  }
  clear(): void {
    this.context.enqueue(() => applyCells(this.targets, (c) => delete c.fill));
  }
}

export class RangeFont extends ClientObject {
  protected typeName = 'RangeFont';
  protected scalars = ['name', 'size', 'bold', 'color'];
  constructor(context: QueueContext, private readonly targets: Targets) {
    super(context);
  }
  protected fetch(name: string): unknown {
    const c = topLeft(this.targets).cell;
    return name === 'name' ? c?.fontName ?? 'Calibri' : name === 'size' ? c?.fontSize ?? 11 : name === 'bold' ? c?.bold ?? false : c?.fontColor ?? '#000000';
  }
  get name(): string {
    return this.get('name');
  }
  set name(v: string) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (c.fontName = v)));
  }
  get size(): number {
    return this.get('size');
  }
  set size(v: number) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (c.fontSize = v)));
  }
  get bold(): boolean {
    return this.get('bold');
  }
  set bold(v: boolean) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (v ? (c.bold = true) : delete c.bold)));
  }
}

const BORDER_INDEX = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal', 'DiagonalDown', 'DiagonalUp'];
const BORDER_STYLES = ['None', 'Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'SlantDashDot'];

export class RangeBorder extends ClientObject {
  protected typeName = 'RangeBorder';
  protected scalars = ['style', 'sideIndex'];
  constructor(
    context: QueueContext,
    private readonly targets: Targets,
    private readonly index: string,
  ) {
    super(context);
  }
  protected fetch(name: string): unknown {
    if (name === 'sideIndex') return this.index;
    const { cell } = topLeft(this.targets);
    const edge = ({ EdgeTop: 'top', EdgeBottom: 'bottom', EdgeLeft: 'left', EdgeRight: 'right' } as const)[this.index as 'EdgeTop'];
    return (edge && cell?.borders?.[edge]) ?? 'None';
  }
  get style(): string {
    return this.get('style');
  }
  /** Edge* draws the range's outline, Inside* the lines between its cells, each kept on the cells it touches. */
  set style(v: string) {
    this.context.enqueue(() => {
      if (!BORDER_STYLES.includes(v)) throw new HostError('InvalidArgument', `'${v}' is not a border line style.`);
      applyCells(this.targets, (cell, r, c, { area }) => {
        const set = (edge: 'top' | 'bottom' | 'left' | 'right') => {
          cell.borders ??= {};
          if (v === 'None') delete cell.borders[edge];
          else cell.borders[edge] = v;
          if (!Object.keys(cell.borders).length) delete cell.borders;
        };
        const i = this.index;
        if ((i === 'EdgeTop' && r === area.top) || (i === 'InsideHorizontal' && r > area.top)) set('top');
        if ((i === 'EdgeBottom' && r === area.bottom) || (i === 'InsideHorizontal' && r < area.bottom)) set('bottom');
        if ((i === 'EdgeLeft' && c === area.left) || (i === 'InsideVertical' && c > area.left)) set('left');
        if ((i === 'EdgeRight' && c === area.right) || (i === 'InsideVertical' && c < area.right)) set('right');
      });
    });
  }
}

export class RangeBorderCollection {
  constructor(
    readonly context: QueueContext,
    private readonly targets: Targets,
  ) {}
  getItem(index: string): RangeBorder {
    if (!BORDER_INDEX.includes(index)) this.context.enqueue(() => { throw new HostError('InvalidArgument', `'${index}' is not a border index.`); });
    return new RangeBorder(this.context, this.targets, index);
  }
}

/** Excel's default column width (8.43 characters) and row height, in points. */
const DEFAULT_WIDTH_PT = 48;
const DEFAULT_HEIGHT_PT = 15;

export class RangeFormat extends ClientObject {
  protected typeName = 'RangeFormat';
  protected scalars = ['horizontalAlignment', 'verticalAlignment', 'wrapText', 'columnWidth', 'rowHeight'];
  readonly fill: RangeFill;
  readonly font: RangeFont;
  readonly borders: RangeBorderCollection;
  constructor(context: QueueContext, private readonly targets: Targets) {
    super(context);
    this.fill = new RangeFill(context, targets);
    this.font = new RangeFont(context, targets);
    this.borders = new RangeBorderCollection(context, targets);
  }
  protected fetch(name: string): unknown {
    const { cell, t } = topLeft(this.targets);
    switch (name) {
      case 'horizontalAlignment':
        return cell?.hAlign ?? 'General';
      case 'verticalAlignment':
        return cell?.vAlign ?? 'Bottom';
      case 'wrapText':
        return cell?.wrap ?? false;
      case 'columnWidth':
        return t.sheet.columnWidths?.[t.area.left] ?? DEFAULT_WIDTH_PT;
      default:
        return t.sheet.rowHeights?.[t.area.top] ?? DEFAULT_HEIGHT_PT;
    }
  }
  set horizontalAlignment(v: string) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (c.hAlign = v)));
  }
  set verticalAlignment(v: string) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (c.vAlign = v)));
  }
  set wrapText(v: boolean) {
    this.context.enqueue(() => applyCells(this.targets, (c) => (v ? (c.wrap = true) : delete c.wrap)));
  }
  /** ExcelApi 1.2, in points. */
  set columnWidth(v: number) {
    this.context.requires(2, 'RangeFormat.columnWidth');
    this.context.enqueue(() => {
      for (const { sheet, area } of this.targets()) {
        assertWritable(sheet);
        for (let c = area.left; c <= area.right; c++) (sheet.columnWidths ??= {})[c] = v;
      }
    });
  }
  /** ExcelApi 1.2, in points. */
  set rowHeight(v: number) {
    this.context.requires(2, 'RangeFormat.rowHeight');
    this.context.enqueue(() => {
      for (const { sheet, area } of this.targets()) {
        assertWritable(sheet);
        for (let r = area.top; r <= area.bottom; r++) (sheet.rowHeights ??= {})[r] = v;
      }
    });
  }
  get horizontalAlignment(): string {
    return this.get('horizontalAlignment');
  }
  get verticalAlignment(): string {
    return this.get('verticalAlignment');
  }
  get wrapText(): boolean {
    return this.get('wrapText');
  }
  get columnWidth(): number {
    return this.get('columnWidth');
  }
  get rowHeight(): number {
    return this.get('rowHeight');
  }
}

const RULE_TYPES: Record<string, string> = { list: 'List', decimal: 'Decimal', wholeNumber: 'WholeNumber', textLength: 'TextLength', date: 'Date', time: 'Time', custom: 'Custom' };

/** ExcelApi 1.8. Excel's own limits: list source 255 characters, prompt title 32 and message 255. */
export class DataValidation extends ClientObject {
  protected typeName = 'DataValidation';
  protected scalars = ['rule', 'prompt', 'errorAlert', 'ignoreBlanks', 'type'];
  constructor(context: QueueContext, private readonly targets: Targets) {
    super(context);
    context.requires(8, 'Range.dataValidation');
  }
  protected fetch(name: string): unknown {
    const v = topLeft(this.targets).cell?.validation;
    if (name === 'type') return v?.rule ? RULE_TYPES[Object.keys(v.rule)[0]] : 'None';
    if (name === 'ignoreBlanks') return true;
    return JSON.parse(JSON.stringify(v?.[name as keyof HostValidation] ?? {}));
  }
  private set(key: keyof HostValidation, value: Record<string, unknown>, check: () => void): void {
    this.context.enqueue(() => {
      check();
      applyCells(this.targets, (c) => ((c.validation ??= {})[key] = JSON.parse(JSON.stringify(value))));
    });
  }
  get rule(): Record<string, unknown> {
    return this.get('rule');
  }
  set rule(v: Record<string, unknown>) {
    this.set('rule', v, () => {
      const kinds = Object.keys(v).filter((k) => v[k] !== undefined);
      if (kinds.length !== 1 || !(kinds[0] in RULE_TYPES)) throw new HostError('InvalidArgument', 'A data validation rule takes exactly one criterion.');
      const source = (v.list as { source?: unknown } | undefined)?.source;
      if (typeof source === 'string' && source.length > 255) throw new HostError('InvalidArgument', 'The list source is longer than 255 characters.');
    });
  }
  get prompt(): HostValidation['prompt'] {
    return this.get('prompt');
  }
  set prompt(v: NonNullable<HostValidation['prompt']>) {
    this.set('prompt', v, () => {
      if ((v.title?.length ?? 0) > 32 || (v.message?.length ?? 0) > 255) throw new HostError('InvalidArgument', 'The prompt title or message is too long.');
    });
  }
  get errorAlert(): HostValidation['errorAlert'] {
    return this.get('errorAlert');
  }
  set errorAlert(v: NonNullable<HostValidation['errorAlert']>) {
    this.set('errorAlert', v, () => {
      if (v.style && !['Stop', 'Warning', 'Information'].includes(v.style)) throw new HostError('InvalidArgument', `'${v.style}' is not an error alert style.`);
    });
  }
  get type(): string {
    return this.get('type');
  }
  clear(): void {
    this.context.enqueue(() => applyCells(this.targets, (c) => delete c.validation));
  }
}

const PAPER = ['A3', 'A4', 'A5', 'B4', 'B5', 'Letter', 'Legal', 'Executive', 'Tabloid'];

/** Worksheet.pageLayout, ExcelApi 1.9. */
export class PageLayout extends ClientObject {
  protected typeName = 'PageLayout';
  protected scalars = ['paperSize', 'orientation', 'zoom'];
  constructor(context: QueueContext, private readonly sheet: () => HostSheet) {
    super(context);
    context.requires(9, 'Worksheet.pageLayout');
  }
  protected fetch(name: string): unknown {
    const p = this.sheet().pageLayout ?? {};
    return name === 'paperSize' ? p.paperSize ?? 'Letter' : name === 'orientation' ? p.orientation ?? 'Portrait' : { ...(p.zoom ?? { scale: 100 }) };
  }
  private change(fn: (p: HostPageLayout) => void): void {
    this.context.enqueue(() => {
      const s = this.sheet();
      assertWritable(s);
      fn((s.pageLayout ??= {}));
    });
  }
  get paperSize(): string {
    return this.get('paperSize');
  }
  set paperSize(v: string) {
    this.change((p) => {
      if (!PAPER.includes(v)) throw new HostError('InvalidArgument', `'${v}' is not a paper type.`);
      p.paperSize = v;
    });
  }
  get orientation(): string {
    return this.get('orientation');
  }
  set orientation(v: string) {
    this.change((p) => {
      if (v !== 'Portrait' && v !== 'Landscape') throw new HostError('InvalidArgument', `'${v}' is not a page orientation.`);
      p.orientation = v;
    });
  }
  get zoom(): NonNullable<HostPageLayout['zoom']> {
    return this.get('zoom');
  }
  set zoom(v: NonNullable<HostPageLayout['zoom']>) {
    this.change((p) => (p.zoom = { ...v }));
  }
  setPrintArea(area: string): void {
    this.change((p) => (p.printArea = absolute(area, false)));
  }
  setPrintTitleRows(rows: string): void {
    this.change((p) => (p.printTitleRows = absolute(rows, true)));
  }
}

/** "A1:F20" → "$A$1:$F$20", "1:1" → "$1:$1": print ranges as Excel reports them. */
export function absolute(address: string, rowsOnly: boolean): string {
  if (rowsOnly) {
    const m = /^\$?(\d+):\$?(\d+)$/.exec(address);
    if (!m) throw new HostError('InvalidArgument', `'${address}' is not a row range.`);
    return `$${m[1]}:$${m[2]}`;
  }
  const p = parseAddress(address);
  if (!p) throw new HostError('InvalidArgument', `Invalid address '${address}'.`);
  return areaA1(p.area).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
}

export function mergeArea(sheet: HostSheet, area: Area): void {
  assertWritable(sheet);
  sheet.merges = sheet.merges.filter((m) => !areasMeet(m, area));
  sheet.merges.push(area);
  // Excel keeps the upper-left value of a merged area and drops the rest.
  forEachCell(area, (r, c) => {
    if (r !== area.top || c !== area.left) edit(sheet, r, c, (cell) => { delete cell.value; delete cell.error; });
  });
}
