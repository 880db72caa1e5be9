/**
 * An in-memory Excel host implementing exactly the Office.js subset the add-in
 * uses, with Office.js semantics: calls queue work on proxies, `context.sync()`
 * runs the queue in order (one round trip, counted), properties are unreadable
 * until loaded and synced (PropertyNotLoaded), a failing action stops the batch
 * with the actions before it applied, APIs above the host's ExcelApi version fail
 * with ApiNotFound, and responses over the request-size limit fail with
 * RequestPayloadSizeLimitExceeded, as on Excel on the web.
 */
import * as numfmt from 'numfmt';
import type { Area } from '../core/grid';
import { areaA1, parseAddress, qualified, splitAddresses } from '../core/address';
import { addSheet, cellKey, reopen, type HostCell, type HostSheet, type HostWorkbookData } from './model';
import { ClientObject, ClientResult, HostError, areasMeet, assertWritable, edit, forEachCell, itemNames, notLoaded, type Target } from './base';
import { DataValidation, PageLayout, RangeFill, RangeFormat, mergeArea } from './format';
import { ConditionalFormatCollection } from './conditional';
import { copySheet, selectCell, shiftRows, showSheet } from './edits';
import { CommentCollection, NoteCollection } from './notes';

export { ClientResult, HostError };

export interface HostOptions {
  /** Highest ExcelApi minor version supported (18 = ExcelApi 1.18). */
  apiVersion?: number;
  /** Response size limit per sync, in bytes (Excel on the web: 5 MB). */
  payloadLimit?: number;
  /** Request size limit per sync, in bytes (Excel on the web: 5 MB); the response limit when not given. */
  requestLimit?: number;
  /**
   * Classes the loaded Office.js library lacks although the host reports their requirement set: the copy in
   * @microsoft/office-js (OFFICE_JS=local) has no notes API (no Excel.NoteCollection) while Excel reports
   * ExcelApi 1.18. Their properties are then undefined, as in that library.
   */
  missingApis?: string[];
}

/**
 * Excel.WorksheetChangedEventArgs: `source` (ExcelApi 1.7) says whether the change was made here or by a
 * co-author; `triggerSource` (ExcelApi 1.14) "identifies whether this local add-in triggers the event" —
 * Excel raises onChanged for the add-in's own writes too, after the sync that made them.
 */
export interface ChangedEvent {
  type: 'WorksheetChanged';
  worksheetId: string;
  address: string;
  changeType: 'RangeEdited' | 'RowInserted' | 'RowDeleted';
  source: 'Local' | 'Remote';
  triggerSource: 'Unknown' | 'ThisLocalAddin';
}

type Handler = (e: ChangedEvent) => Promise<unknown> | void;

export class ExcelHost {
  data: HostWorkbookData;
  syncCount = 0;
  /** A cell is being edited: every sync fails, as in Excel. */
  editing = false;
  readonly apiVersion: number;
  readonly payloadLimit: number;
  readonly requestLimit: number;
  private handlers = new Map<string, Set<Handler>>();
  private listeners = new Set<() => void>();

  constructor(data: HostWorkbookData, options: HostOptions = {}) {
    this.data = data;
    this.apiVersion = options.apiVersion ?? 18;
    this.payloadLimit = options.payloadLimit ?? 5_000_000;
    this.requestLimit = options.requestLimit ?? this.payloadLimit;
    this.missingApis = new Set(options.missingApis ?? []);
  }

  readonly missingApis: Set<string>;
  /** The request bytes of every sync so far (for the bench's excel.requestKBPer1000Marks). */
  readonly requestBytes: number[] = [];

  /** The loaded library defines this class (Excel.NoteCollection …). */
  hasApi(name: string): boolean {
    return !this.missingApis.has(name);
  }

  /** Excel.run: a fresh request context for one batch of work. */
  async run<T>(batch: (context: RequestContext) => Promise<T>): Promise<T> {
    const context = new RequestContext(this);
    const result = await batch(context);
    await context.flush();
    return result;
  }

  /** Excel.run(context, batch): another batch on a context kept from an earlier run. */
  async runIn<T>(context: RequestContext, batch: (context: RequestContext) => Promise<T>): Promise<T> {
    const result = await batch(context);
    await context.flush();
    return result;
  }

  isSetSupported(name: string, version = '1.1'): boolean {
    if (name !== 'ExcelApi') return false;
    const minor = Number(version.split('.')[1] ?? 0);
    return minor <= this.apiVersion;
  }

  /**
   * Save, close and open again: the workbook keeps its data, the session's handlers are gone. "The id of a worksheet is unique within a workbook and stays the same even when
   * the worksheet is renamed or moved" only within a session: Excel may give sheets new ids when the file is
   * opened again (and files saved by older Office get positional ids), so the host gives every sheet a new one.
   */
  reopen(): void {
    const data = reopen(this.data);
    const session = ++ExcelHost.sessions;
    const ids = new Map(data.sheets.map((s, i) => [s.id, `{reopened-${session}-${i + 1}}`]));
    for (const s of data.sheets) s.id = ids.get(s.id)!;
    data.activeSheet = ids.get(data.activeSheet) ?? data.activeSheet;
    this.data = data;
    this.handlers.clear();
  }

  private static sessions = 0;

  sheet(name: string): HostSheet | undefined {
    return this.data.sheets.find((s) => s.name === name);
  }

  sheetById(id: string): HostSheet | undefined {
    return this.data.sheets.find((s) => s.id === id);
  }

  /** A co-author edits a cell (Excel on the web, shared workbooks): onChanged fires with source Remote. */
  async remoteEdit(sheetName: string, address: string, value: string | number | null): Promise<void> {
    return this.edit(sheetName, address, value, 'Remote');
  }

  private outbox: ChangedEvent[] = [];

  /** The add-in's own write: its onChanged is raised once the sync that made it has returned. */
  queueEvent(e: ChangedEvent): void {
    this.outbox.push(e);
  }

  deliver(): void {
    const events = this.outbox;
    this.outbox = [];
    if (!events.length) return;
    setTimeout(() => {
      for (const e of events) for (const h of this.handlers.get(e.worksheetId) ?? []) void h(e);
    }, 0);
  }

  /** A person types into a cell: the value changes and onChanged fires. */
  async edit(sheetName: string, address: string, value: string | number | null, source: 'Local' | 'Remote' = 'Local'): Promise<void> {
    const sheet = this.sheet(sheetName);
    const parsed = parseAddress(address);
    if (!sheet || !parsed) throw new Error(`no cell ${sheetName}!${address}`);
    edit(sheet, parsed.area.top, parsed.area.left, (cell) => {
      if (value === null || value === '') delete cell.value;
      else cell.value = value;
      delete cell.error;
    });
    await this.changed(sheet, areaA1(parsed.area), 'RangeEdited', source);
  }

  /** After a person's change: the view is told, then every onChanged handler of the sheet gets the event. */
  private async changed(sheet: HostSheet, address: string, changeType: ChangedEvent['changeType'], source: ChangedEvent['source'] = 'Local'): Promise<void> {
    this.notify();
    const event: ChangedEvent = { type: 'WorksheetChanged', worksheetId: sheet.id, address, changeType, source, triggerSource: 'Unknown' };
    await Promise.all([...(this.handlers.get(sheet.id) ?? [])].map((h) => h(event)));
  }

  /**
   * A person inserts (or deletes) whole rows at 1-based row `row`: the cells below move with their formats,
   * notes, merges and conditional formats, and onChanged fires with RowInserted (RowDeleted).
   */
  async insertRows(sheetName: string, row: number, count: number, deleted = false): Promise<void> {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    shiftRows(sheet, row - 1, count, deleted);
    await this.changed(sheet, `${row}:${row + count - 1}`, deleted ? 'RowDeleted' : 'RowInserted');
  }

  async deleteRows(sheetName: string, row: number, count: number): Promise<void> {
    return this.insertRows(sheetName, row, count, true);
  }

  /** A person copies a sheet (移动或复制 → 建立副本): the copy has a new id and everything of the original. */
  copySheet(sheetName: string, copyName: string): void {
    copySheet(this.data, sheetName, copyName);
    this.notify();
  }

  /** Tell a view (the preview's rendered workbook) after every sync and every edit by a person. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const l of this.listeners) l();
  }

  /** A person clicks a sheet tab. */
  showSheet(name: string): void {
    showSheet(this.data, name);
    this.notify();
  }

  /** A person clicks a cell. */
  selectCell(sheetName: string, a1: string): void {
    selectCell(this.data, sheetName, a1);
    this.notify();
  }

  /** Open another workbook in the same host (the preview's file picker). */
  load(data: HostWorkbookData): void {
    this.data = data;
    this.handlers.clear();
    this.notify();
  }

  on(sheetId: string, handler: Handler): () => void {
    const set = this.handlers.get(sheetId) ?? new Set();
    set.add(handler);
    this.handlers.set(sheetId, set);
    return () => set.delete(handler);
  }

  handlerCount(): number {
    return [...this.handlers.values()].reduce((n, s) => n + s.size, 0);
  }
}

type Action = { run: () => void; bytes?: () => number; request: number };

/**
 * What one queued action costs in the request besides its data: Office.js sends object paths (getItem,
 * getRange …) and an action record for each; an estimate, so that a few thousand marks (four actions each,
 * with a note's text) pass Excel on the web's 5 MB request limit as they do there.
 */
const REQUEST_BYTES_PER_ACTION = 250;

/** Worksheet.getRanges fails above about this many characters of addresses (office-js#5198). */
const GET_RANGES_MAX_CHARS = 8192;

/** Above this many cells a range's values, text and formats come back null (issue 10's report of Excel). */
const LARGE_RANGE_CELLS = 5_000_000;

export class RequestContext {
  readonly workbook: Workbook;
  private queue: Action[] = [];

  constructor(readonly host: ExcelHost) {
    this.workbook = new Workbook(this);
  }

  enqueue(run: () => void, bytes?: () => number, request = 0): void {
    this.queue.push({ run, bytes, request });
  }

  /** Fail the next sync with ApiNotFound when the host lacks the API's requirement set. */
  requires(minor: number, api: string): void {
    if (this.host.apiVersion < minor) {
      this.enqueue(() => {
        throw new HostError('ApiNotFound', `The API '${api}' (ExcelApi 1.${minor}) is not supported on this host.`, api);
      });
    }
  }

  /**
   * Excel on the web limits a request and its response to 5 MB each ("Resource limits and performance
   * optimization for Office Add-ins"): a request over it is refused whole, before anything is applied
   * (RequestPayloadSizeLimitExceeded); a response over it fails the sync (ResponsePayloadSizeLimitExceeded).
   */
  async sync(): Promise<void> {
    this.host.syncCount++;
    const queue = this.queue;
    this.queue = [];
    await Promise.resolve(); // a round trip: nothing is applied before the await
    if (this.host.editing) {
      throw new HostError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode. Exit editing mode and try again.');
    }
    const request = queue.reduce((n, a) => n + REQUEST_BYTES_PER_ACTION + a.request, 0);
    this.host.requestBytes.push(request);
    if (request > this.host.requestLimit) {
      throw new HostError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    let bytes = 0;
    try {
      for (const action of queue) {
        action.run();
        bytes += action.bytes?.() ?? 0;
        if (bytes > this.host.payloadLimit) {
          throw new HostError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
        }
      }
    } finally {
      this.host.notify();
      this.host.deliver();
    }
  }

  /** Excel.run syncs whatever is still queued when the batch returns. */
  async flush(): Promise<void> {
    if (this.queue.length) await this.sync();
  }
}

export class Workbook {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
  constructor(readonly context: RequestContext) {
    this.worksheets = new WorksheetCollection(context);
    this.settings = new SettingCollection(context);
  }

  /** ExcelApi 1.18; undefined where the loaded library has no notes API. */
  get notes(): NoteCollection {
    if (!this.context.host.hasApi('NoteCollection')) return undefined as unknown as NoteCollection;
    this.context.requires(18, 'Workbook.notes');
    return new NoteCollection(this.context, undefined);
  }

  /** ExcelApi 1.10: every threaded comment of the workbook. */
  get comments(): CommentCollection {
    this.context.requires(10, 'Workbook.comments');
    return new CommentCollection(this.context);
  }
}

export class WorksheetCollection {
  private loadedItems: Worksheet[] | undefined;
  constructor(readonly context: RequestContext) {}

  get items(): Worksheet[] {
    if (!this.loadedItems) throw notLoaded('items', 'WorksheetCollection');
    return this.loadedItems;
  }

  /** load("items/name,items/visibility") or load("name"). */
  load(spec?: string | string[]): this {
    const names = itemNames(spec, ['name', 'id', 'visibility', 'position']);
    this.context.enqueue(() => {
      this.loadedItems = this.context.host.data.sheets.map((s) => {
        const ws = new Worksheet(this.context, () => s);
        ws.resolveNow();
        ws.fill(names);
        return ws;
      });
    });
    return this;
  }

  getItem(name: string): Worksheet {
    const ws = new Worksheet(this.context, () => this.context.host.data.sheets.find((s) => s.name === name || s.id === name));
    this.context.enqueue(() => {
      if (!ws.resolveNow()) throw new HostError('ItemNotFound', `The requested resource doesn't exist: worksheet '${name}'.`);
    });
    return ws;
  }

  getItemOrNullObject(name: string): Worksheet {
    const ws = new Worksheet(this.context, () => this.context.host.data.sheets.find((s) => s.name === name || s.id === name), true);
    this.context.enqueue(() => ws.resolveNow());
    return ws;
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.context, () => this.context.host.sheetById(this.context.host.data.activeSheet));
  }

  add(name: string): Worksheet {
    const ws = new Worksheet(this.context, () => this.context.host.sheet(name));
    this.context.enqueue(() => {
      if (this.context.host.sheet(name)) throw new HostError('ItemAlreadyExists', `A worksheet named '${name}' already exists.`);
      addSheet(this.context.host.data, name);
    });
    return ws;
  }
}

export class Worksheet extends ClientObject<RequestContext> {
  protected typeName = 'Worksheet';
  protected scalars = ['name', 'id', 'visibility', 'position'];
  readonly protection: WorksheetProtection;
  private target: HostSheet | undefined;

  constructor(
    context: RequestContext,
    private readonly find: () => HostSheet | undefined,
    private readonly orNull = false,
  ) {
    super(context);
    this.protection = new WorksheetProtection(context, () => this.sheetOrThrow());
  }

  /** Resolve the proxy against the model; a null object when missing (OrNullObject only). */
  resolveNow(): HostSheet | undefined {
    this.target = this.find();
    if (this.orNull) this.setNull(!this.target);
    return this.target;
  }

  sheetOrThrow(): HostSheet {
    const s = this.target ?? this.find();
    if (!s) throw new HostError('ItemNotFound', 'The requested worksheet does not exist (it may have been deleted).');
    this.target = s;
    return s;
  }

  fill(names: string[]): void {
    for (const n of names) this.props.set(n, this.fetch(n));
  }

  protected fetch(name: string): unknown {
    const s = this.sheetOrThrow();
    switch (name) {
      case 'name':
        return s.name;
      case 'id':
        return s.id;
      case 'visibility':
        return s.visibility;
      default:
        return this.context.host.data.sheets.indexOf(s);
    }
  }

  get name(): string {
    return this.get('name');
  }
  get id(): string {
    return this.get('id');
  }
  get visibility(): string {
    return this.get('visibility');
  }
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.context.enqueue(() => {
      this.sheetOrThrow().visibility = v;
    });
  }

  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const s = this.sheetOrThrow();
      if (!address) return { sheet: s, area: { top: 0, left: 0, bottom: 1048575, right: 16383 } };
      const p = parseAddress(address);
      if (!p) throw new HostError('InvalidArgument', `Invalid address '${address}'.`);
      return { sheet: s, area: p.area };
    });
  }

  /** ExcelApi 1.7. */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    this.context.requires(7, 'Worksheet.getRangeByIndexes');
    return new Range(this.context, () => ({
      sheet: this.sheetOrThrow(),
      area: { top: startRow, left: startColumn, bottom: startRow + rowCount - 1, right: startColumn + columnCount - 1 },
    }));
  }

  /** ExcelApi 1.4. The range of used cells, or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    this.context.requires(4, 'Worksheet.getUsedRangeOrNullObject');
    const range = new Range(this.context, () => {
      const s = this.sheetOrThrow();
      const area = usedArea(s, valuesOnly);
      return area ? { sheet: s, area } : undefined;
    }, true);
    this.context.enqueue(() => range.resolveNow());
    return range;
  }

  /**
   * ExcelApi 1.9. Several cells at once ("A1, C3:D4"). Excel refuses long address lists with InvalidArgument at
   * about 8,192 characters (office-js#5198: 8,207 characters failed, fewer worked; the reference gives no limit).
   */
  getRanges(address: string): RangeAreas {
    this.context.requires(9, 'Worksheet.getRanges');
    return new RangeAreas(this.context, () => {
      if (address.length > GET_RANGES_MAX_CHARS) throw new HostError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      const s = this.sheetOrThrow();
      const areas = splitAddresses(address).map((a) => parseAddress(a)?.area);
      if (areas.some((a) => !a)) throw new HostError('InvalidArgument', `Invalid address '${address}'.`);
      return { sheet: s, areas: areas as Area[] };
    });
  }

  /** A hidden sheet cannot be activated: Excel refuses, as it refuses selecting a cell on it. */
  activate(): void {
    this.context.enqueue(() => {
      const s = this.sheetOrThrow();
      if (s.visibility !== 'Visible') throw new HostError('InvalidOperation', 'A hidden worksheet cannot be activated.');
      this.context.host.data.activeSheet = s.id;
    });
  }

  /** Deleting the only visible sheet fails, as in Excel. */
  delete(): void {
    this.context.enqueue(() => {
      const data = this.context.host.data;
      const s = this.sheetOrThrow();
      if (data.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) {
        throw new HostError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      }
      data.sheets = data.sheets.filter((x) => x !== s);
      if (data.activeSheet === s.id) data.activeSheet = data.sheets.find((x) => x.visibility === 'Visible')?.id ?? '';
      if (parseAddress(data.selection)?.sheet === s.name) data.selection = '';
    });
  }

  /** ExcelApi 1.9. */
  get pageLayout(): PageLayout {
    return new PageLayout(this.context, () => this.sheetOrThrow());
  }

  /** ExcelApi 1.18; undefined where the loaded library has no notes API. */
  get notes(): NoteCollection {
    if (!this.context.host.hasApi('NoteCollection')) return undefined as unknown as NoteCollection;
    this.context.requires(18, 'Worksheet.notes');
    return new NoteCollection(this.context, () => this.sheetOrThrow());
  }

  /** ExcelApi 1.7. */
  get onChanged(): { add: (h: Handler) => { remove: () => void; context: RequestContext } } {
    this.context.requires(7, 'Worksheet.onChanged');
    return {
      add: (h: Handler) => {
        let off: () => void = () => undefined;
        this.context.enqueue(() => {
          off = this.context.host.on(this.sheetOrThrow().id, h);
        });
        const context = this.context;
        return {
          context,
          remove: () => context.enqueue(() => off()),
        };
      },
    };
  }
}

export class WorksheetProtection extends ClientObject<RequestContext> {
  protected typeName = 'WorksheetProtection';
  protected scalars = ['protected'];
  constructor(context: RequestContext, private readonly sheet: () => HostSheet) {
    super(context);
  }
  protected fetch(): unknown {
    return this.sheet().protected;
  }
  get protected(): boolean {
    return this.get('protected');
  }
}

function usedArea(s: HostSheet, valuesOnly: boolean): Area | undefined {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const [k, c] of Object.entries(s.cells)) {
    const has = c.value !== undefined || c.error !== undefined || (!valuesOnly && (c.fill !== undefined || c.numberFormat !== undefined));
    if (!has) continue;
    const [r, col] = k.split(',').map(Number);
    top = Math.min(top, r);
    left = Math.min(left, col);
    bottom = Math.max(bottom, r);
    right = Math.max(right, col);
  }
  return bottom < 0 ? undefined : { top, left, bottom, right };
}

/**
 * Built-in formats Excel shows in the system's own way: Range.text in zh-CN Excel shows the short date
 * (numFmtId 14, reported as m/d/yyyy) as 2024/1/2, not 1/2/2024. The host speaks zh-CN, as the users do.
 */
const ZH_CN_BUILTIN: Record<string, string> = {
  'm/d/yyyy': 'yyyy/m/d',
  'm/d/yy h:mm': 'yyyy/m/d h:mm',
  'd-mmm-yy': 'yyyy"年"m"月"d"日"',
  'mmm-yy': 'yyyy"年"m"月"',
  'd-mmm': 'm"月"d"日"',
};

/** What Excel shows in a cell: number formats applied, errors as their code. */
export function cellText(cell: HostCell | undefined): string {
  if (!cell) return '';
  if (cell.error) return cell.error;
  if (typeof cell.value === 'number') {
    try {
      const format = cell.numberFormat || 'General';
      return numfmt.format(ZH_CN_BUILTIN[format] ?? format, cell.value);
    } catch {
      return String(cell.value);
    }
  }
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return cell.value ?? '';
}

const FILL_NONE = { color: '#FFFFFF', pattern: 'None' };

export class Range extends ClientObject<RequestContext> {
  protected typeName = 'Range';
  protected scalars = ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'text', 'numberFormat', 'valueTypes', 'cellCount'];
  readonly format: RangeFormat;
  private target: Target | undefined;

  constructor(
    context: RequestContext,
    private readonly find: () => Target | undefined,
    private readonly orNull = false,
  ) {
    super(context);
    this.format = new RangeFormat(context, () => [this.resolve()]);
  }

  /** ExcelApi 1.8. */
  get dataValidation(): DataValidation {
    return new DataValidation(this.context, () => [this.resolve()]);
  }

  /** ExcelApi 1.6: the conditional formats that intersect the range. */
  get conditionalFormats(): ConditionalFormatCollection {
    this.context.requires(6, 'Range.conditionalFormats');
    return new ConditionalFormatCollection(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, areas: [area] };
    }, () => this.context.host.data);
  }

  /** ExcelApi 1.2. */
  merge(across = false): void {
    this.context.requires(2, 'Range.merge');
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      if (!across) return mergeArea(sheet, area);
      for (let r = area.top; r <= area.bottom; r++) mergeArea(sheet, { ...area, top: r, bottom: r });
    });
  }

  resolveNow(): void {
    this.target = this.find();
    if (this.orNull) this.setNull(!this.target);
  }

  resolve(): Target {
    const t = this.target ?? this.find();
    if (!t) throw new HostError('ItemNotFound', 'The requested range does not exist.');
    this.target = t;
    return t;
  }

  protected fetch(name: string): unknown {
    const { sheet, area } = this.resolve();
    const cell = (r: number, c: number) => sheet.cells[cellKey(r, c)];
    // Over 5 million cells Excel returns null for the cell-by-cell properties instead of an array.
    const cells = (area.bottom - area.top + 1) * (area.right - area.left + 1);
    if (cells > LARGE_RANGE_CELLS && ['values', 'text', 'numberFormat', 'valueTypes'].includes(name)) return null;
    switch (name) {
      case 'address':
        return qualified(sheet.name, area);
      case 'rowIndex':
        return area.top;
      case 'columnIndex':
        return area.left;
      case 'rowCount':
        return area.bottom - area.top + 1;
      case 'columnCount':
        return area.right - area.left + 1;
      case 'cellCount':
        return (area.bottom - area.top + 1) * (area.right - area.left + 1);
      case 'values':
        return forEachCell(area, (r, c) => {
          const x = cell(r, c);
          return x?.error ?? x?.value ?? '';
        });
      case 'text':
        return forEachCell(area, (r, c) => cellText(cell(r, c)));
      case 'numberFormat':
        return forEachCell(area, (r, c) => cell(r, c)?.numberFormat ?? 'General');
      default:
        return forEachCell(area, (r, c) => {
          const x = cell(r, c);
          if (!x || (x.value === undefined && !x.error)) return 'Empty';
          if (x.error) return 'Error';
          return typeof x.value === 'number' ? 'Double' : typeof x.value === 'boolean' ? 'Boolean' : 'String';
        });
    }
  }

  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(v: unknown[][]) {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      assertWritable(sheet);
      this.context.host.queueEvent({
        type: 'WorksheetChanged', worksheetId: sheet.id, address: areaA1(area), changeType: 'RangeEdited', source: 'Local', triggerSource: 'ThisLocalAddin',
      });
      forEachCell(area, (r, c) =>
        edit(sheet, r, c, (cell) => {
          const x = v[r - area.top]?.[c - area.left];
          if (x === null || x === undefined) return; // null leaves the cell as it is, as in Office.js
          delete cell.error;
          if (x === '') delete cell.value;
          else if (typeof x === 'string') typed(cell, x);
          else cell.value = x as number | boolean;
        }),
      );
    }, undefined, JSON.stringify(v).length);
  }
  get text(): string[][] {
    return this.get('text');
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: (string | null)[][]) {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      assertWritable(sheet);
      forEachCell(area, (r, c) => {
        const f = v[r - area.top]?.[c - area.left];
        if (f === null || f === undefined) return;
        edit(sheet, r, c, (cell) => (f === 'General' ? delete cell.numberFormat : (cell.numberFormat = f)));
      });
    });
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }

  getCell(row: number, column: number): Range {
    return new Range(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, area: { top: area.top + row, left: area.left + column, bottom: area.top + row, right: area.left + column } };
    });
  }

  /** ExcelApi 1.13. */
  getMergedAreasOrNullObject(): RangeAreas {
    this.context.requires(13, 'Range.getMergedAreasOrNullObject');
    const areas = new RangeAreas(this.context, () => {
      // On a null range (an empty sheet's used range) the result is a null object too.
      const t = this.target ?? this.find();
      if (!t) return undefined;
      const { sheet, area } = t;
      const inside = sheet.merges.filter((m) => areasMeet(m, area));
      if (inside.length > 512) throw new HostError('GeneralException', 'There are more than 512 merged areas in the range.');
      return inside.length ? { sheet, areas: inside } : undefined;
    }, true);
    this.context.enqueue(() => areas.resolveNow());
    return areas;
  }

  /** ExcelApi 1.9: {address, format: {fill: {color, pattern}}} per cell. */
  getCellProperties(options: { address?: boolean; format?: { fill?: { color?: boolean; pattern?: boolean } } }): ClientResult<Record<string, unknown>[][]> {
    this.context.requires(9, 'Range.getCellProperties');
    const result = new ClientResult<Record<string, unknown>[][]>();
    let size = 0;
    this.context.enqueue(
      () => {
        const { sheet, area } = this.resolve();
        const value = forEachCell(area, (r, c) => {
          const out: Record<string, unknown> = {};
          if (options.address) out.address = qualified(sheet.name, { top: r, left: c, bottom: r, right: c });
          if (options.format?.fill) {
            const fill = sheet.cells[cellKey(r, c)]?.fill;
            const f: Record<string, unknown> = {};
            if (options.format.fill.color) f.color = fill ?? FILL_NONE.color;
            if (options.format.fill.pattern) f.pattern = fill ? 'Solid' : FILL_NONE.pattern;
            out.format = { fill: f };
          }
          return out;
        });
        size = JSON.stringify(value).length;
        result.set(value);
      },
      () => size,
    );
    return result;
  }

  /** ExcelApi 1.9. */
  setCellProperties(data: { format?: { fill?: { color?: string; pattern?: string } } }[][]): void {
    this.context.requires(9, 'Range.setCellProperties');
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      assertWritable(sheet);
      forEachCell(area, (r, c) => {
        const fill = data[r - area.top]?.[c - area.left]?.format?.fill;
        if (!fill) return;
        edit(sheet, r, c, (cell) => {
          if (fill.pattern === 'None') delete cell.fill;
          else if (fill.color) cell.fill = fill.color.toUpperCase();
        });
      });
    });
  }

  select(): void {
    this.context.enqueue(() => {
      const { sheet, area } = this.resolve();
      this.context.host.data.activeSheet = sheet.id;
      this.context.host.data.selection = qualified(sheet.name, area);
    });
  }
}

export class RangeAreas extends ClientObject<RequestContext> {
  protected typeName = 'RangeAreas';
  protected scalars = ['address', 'areaCount'];
  readonly format: { fill: RangeFill };
  private target: { sheet: HostSheet; areas: Area[] } | undefined;

  constructor(
    context: RequestContext,
    private readonly find: () => { sheet: HostSheet; areas: Area[] } | undefined,
    private readonly orNull = false,
  ) {
    super(context);
    this.format = { fill: new RangeFill(context, () => this.resolve().areas.map((area) => ({ sheet: this.resolve().sheet, area }))) };
  }

  resolveNow(): void {
    this.target = this.find();
    if (this.orNull) this.setNull(!this.target);
  }

  /** ExcelApi 1.9: the conditional formats that intersect any of the areas; `add` applies to all of them. */
  get conditionalFormats(): ConditionalFormatCollection {
    this.context.requires(9, 'RangeAreas.conditionalFormats');
    return new ConditionalFormatCollection(this.context, () => this.resolve(), () => this.context.host.data);
  }

  private resolve(): { sheet: HostSheet; areas: Area[] } {
    const t = this.target ?? this.find();
    if (!t) throw new HostError('ItemNotFound', 'The requested range does not exist.');
    this.target = t;
    return t;
  }

  protected fetch(name: string): unknown {
    const { sheet, areas } = this.resolve();
    return name === 'areaCount' ? areas.length : areas.map((a) => qualified(sheet.name, a)).join(',');
  }

  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
}

export class SettingCollection {
  constructor(readonly context: RequestContext) {}

  /** ExcelApi 1.4. */
  add(key: string, value: unknown): void {
    this.context.requires(4, 'SettingCollection.add');
    this.context.enqueue(() => {
      this.context.host.data.settings[key] = JSON.parse(JSON.stringify(value));
    }, undefined, JSON.stringify(value).length);
  }

  /** ExcelApi 1.4. */
  getItemOrNullObject(key: string): Setting {
    this.context.requires(4, 'SettingCollection.getItemOrNullObject');
    const s = new Setting(this.context, key);
    this.context.enqueue(() => s.resolveNow());
    return s;
  }
}

export class Setting extends ClientObject<RequestContext> {
  protected typeName = 'Setting';
  protected scalars = ['key', 'value'];
  constructor(context: RequestContext, private readonly key_: string) {
    super(context);
  }
  resolveNow(): void {
    this.setNull(!(this.key_ in this.context.host.data.settings));
  }
  protected fetch(name: string): unknown {
    const settings = this.context.host.data.settings;
    if (!(this.key_ in settings)) throw new HostError('ItemNotFound', `Setting '${this.key_}' does not exist.`);
    return name === 'key' ? this.key_ : JSON.parse(JSON.stringify(settings[this.key_]));
  }
  get key(): string {
    return this.get('key');
  }
  get value(): unknown {
    return this.get('value');
  }
  delete(): void {
    this.context.enqueue(() => {
      delete this.context.host.data.settings[this.key_];
    });
  }
}

/**
 * A string written to Range.values is read as if typed into the cell. The reference for Range.values: "If the
 * returned value starts with a plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a
 * formula" (learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member); and as typed
 * input, "100%" becomes the number 1 shown as a percentage and "12" the number 12. A leading apostrophe keeps
 * the rest as text (Excel's quote prefix), and a cell formatted as Text ("@") keeps whatever is typed as text.
 * Formulas are not calculated here: a formula of text is #NAME?.
 */
export function typed(cell: HostCell, x: string): void {
  if (cell.numberFormat === '@') {
    cell.value = x;
    return;
  }
  if (x.startsWith("'")) {
    cell.value = x.slice(1);
    return;
  }
  const number = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.exec(x.trim());
  const percent = /^([+-]?(\d+(\.\d*)?|\.\d+))%$/.exec(x.trim());
  if (number) cell.value = Number(x.trim());
  else if (percent) {
    cell.value = Number(percent[1]) / 100;
    if (!cell.numberFormat || cell.numberFormat === 'General') cell.numberFormat = '0%';
  } else if (/^[=+-]/.test(x)) {
    delete cell.value;
    cell.error = '#NAME?';
  } else cell.value = x;
}
