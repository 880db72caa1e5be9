/**
 * An in-memory WPS 表格 (ET) host over the same workbook model as the Excel host: the object model a WPS 加载项
 * calls synchronously (docs/wps.md §2: Application.ActiveWorkbook.Worksheets.Item(i), 1-based; UsedRange;
 * Range.Value2 / Text / NumberFormat / MergeCells / MergeArea; Worksheet.Visible -1/0/2; colours BGR;
 * Application.ApiEvent SheetChange). What WPS does not document (docs/wps.md §6) is a fixture here, never a
 * silent guess: the JS shape of a multi-cell Value2, what an empty cell gives, Count/UsedRange as properties or
 * zero-argument methods, whether conditional formats exist, and whether the add-in's own writes raise SheetChange.
 */
import { parseAddress } from '../core/address';
import type { Area } from '../core/grid';
import { sheetNameProblem } from '../core/sheetName';
import { copySheet, shiftRows } from './edits';
import { edit } from './base';
import { EtRange, etComments, parseAreas } from './etRange';
import { etPageSetup, type EtPageSetup } from './etPageSetup';
import { addSheet, reopen, type HostSheet, type HostWorkbookData } from './model';

export { bgr, hexOf, EtRange } from './etRange';

export interface EtFixtures {
  /** Multi-cell Value2: an array of row arrays (VBA's 2-D array as JS), or one flat row-major array (§6, 1–2). */
  value2: 'rows' | 'flat';
  /** What an empty cell gives in Value2 (VBA: Empty; §6, 3). */
  empty: null | undefined | '';
  /** Count and UsedRange as zero-argument methods, as some WPS builds have them (§6, 12). */
  methods: boolean;
  /** Range.FormatConditions exists in JS (§6, 9). */
  formatConditions: boolean;
  /** SheetChange for the add-in's own Value2 writes: never, at once (inside the write), or after it (§6, 6). */
  ownWrites: 'none' | 'sync' | 'later';
}

const DEFAULT_FIXTURES: EtFixtures = { value2: 'rows', empty: undefined, methods: false, formatConditions: true, ownWrites: 'none' };

const VISIBLE = { Visible: -1, Hidden: 0, VeryHidden: 2 } as const;
const VISIBILITY = { [-1]: 'Visible', 0: 'Hidden', 2: 'VeryHidden' } as Record<number, HostSheet['visibility']>;

type SheetChange = (sh: EtWorksheet, target: EtRange) => void;

/** The state every ET object of one workbook shares. */
export class EtBook {
  readonly listeners = new Map<string, Set<SheetChange>>();
  /** SheetChange events raised by the add-in's writes and not yet delivered (fixture ownWrites: 'later'). */
  readonly pending: (() => void)[] = [];
  displayAlerts = true;
  constructor(
    readonly data: HostWorkbookData,
    readonly fixtures: EtFixtures,
  ) {}
  worksheet(sheet: HostSheet): EtWorksheet {
    return new EtWorksheet(this, sheet);
  }
  fire(sheet: HostSheet, area: Area): void {
    for (const fn of [...(this.listeners.get('SheetChange') ?? [])]) fn(this.worksheet(sheet), new EtRange(this, sheet, [area]));
  }
  /** The add-in wrote values: SheetChange as the fixture says. */
  changed(sheet: HostSheet, area: Area): void {
    if (this.fixtures.ownWrites === 'sync') this.fire(sheet, area);
    else if (this.fixtures.ownWrites === 'later') this.pending.push(() => this.fire(sheet, area));
  }
}

const member = <T>(book: EtBook, v: T): T | (() => T) => (book.fixtures.methods ? () => v : v);

export class EtWorksheet {
  constructor(
    private readonly book: EtBook,
    readonly sheet: HostSheet,
  ) {}
  get Name(): string {
    return this.sheet.name;
  }
  /** Renaming: VBA refuses a name Excel rejects or one another sheet has (run-time error 1004). */
  set Name(v: string) {
    const others = new Set(this.book.data.sheets.filter((s) => s !== this.sheet).map((s) => s.name.toLowerCase()));
    const problem = sheetNameProblem(v, others);
    if (problem) throw new Error(`Name: ${problem} (1004)`);
    this.sheet.name = v;
  }
  get Index(): number {
    return this.book.data.sheets.indexOf(this.sheet) + 1;
  }
  get Visible(): number {
    return VISIBLE[this.sheet.visibility];
  }
  set Visible(v: number) {
    const visibility = VISIBILITY[v];
    if (!visibility) throw new Error(`Visible: ${v} is not an XlSheetVisibility`);
    const shown = this.book.data.sheets.filter((s) => s !== this.sheet && s.visibility === 'Visible');
    // Excel keeps at least one sheet visible (run-time error 1004).
    if (visibility !== 'Visible' && !shown.length) throw new Error('Visible: the last visible sheet cannot be hidden (1004)');
    this.sheet.visibility = visibility;
    if (visibility !== 'Visible' && this.book.data.activeSheet === this.sheet.id) this.book.data.activeSheet = shown[0].id;
  }
  get ProtectContents(): boolean {
    return this.sheet.protected;
  }
  /** Excel's used range: every cell with a value or a format (an empty sheet: A1). */
  get UsedRange(): EtRange | (() => EtRange) {
    let area: Area | undefined;
    for (const [k, c] of Object.entries(this.sheet.cells)) {
      if (!Object.keys(c).length) continue;
      const [r, col] = k.split(',').map(Number);
      area = area ? { top: Math.min(area.top, r), left: Math.min(area.left, col), bottom: Math.max(area.bottom, r), right: Math.max(area.right, col) } : { top: r, left: col, bottom: r, right: col };
    }
    return member(this.book, new EtRange(this.book, this.sheet, [area ?? { top: 0, left: 0, bottom: 0, right: 0 }]));
  }
  /** Every cell of the sheet. */
  get Cells(): EtRange {
    return new EtRange(this.book, this.sheet, [{ top: 0, left: 0, bottom: 1_048_575, right: 16_383 }]);
  }
  Range(address: string): EtRange {
    return new EtRange(this.book, this.sheet, parseAreas(address));
  }
  get Comments() {
    return etComments(this.book, this.sheet);
  }
  get PageSetup(): EtPageSetup {
    return etPageSetup(this.sheet);
  }
  /** VBA Worksheet.Activate: a hidden sheet cannot be activated (run-time error 1004). */
  Activate(): void {
    if (this.sheet.visibility !== 'Visible') throw new Error(`Activate: “${this.sheet.name}” is hidden (1004)`);
    this.book.data.activeSheet = this.sheet.id;
  }
  /**
   * VBA Worksheet.Delete: "displays a dialog box that prompts the user to confirm the deletion … by default"; the
   * host stands for a person who says no (false, nothing deleted) unless Application.DisplayAlerts is false.
   * An empty sheet is deleted without asking, as Excel does. The last visible sheet cannot go (1004).
   */
  Delete(): boolean {
    const data = this.book.data;
    if (this.book.displayAlerts && Object.keys(this.sheet.cells).length) return false;
    if (this.sheet.visibility === 'Visible' && !data.sheets.some((s) => s !== this.sheet && s.visibility === 'Visible')) throw new Error('Delete: the last visible sheet (1004)');
    data.sheets.splice(data.sheets.indexOf(this.sheet), 1);
    if (data.activeSheet === this.sheet.id) data.activeSheet = data.sheets.find((s) => s.visibility === 'Visible')?.id ?? '';
    return true;
  }
}

export interface EtWorksheets {
  Count: number | (() => number);
  /** 1-based index, or a sheet's name (VBA Sheets.Item). */
  Item(index: number | string): EtWorksheet;
  /** VBA Sheets.Add(Before, After): a new sheet before the active one unless told, made the active sheet. */
  Add(before?: EtWorksheet, after?: EtWorksheet): EtWorksheet;
}

export interface EtWorkbook {
  Name: string;
  FullName: string;
  Worksheets: EtWorksheets;
  Sheets: EtWorksheets;
  ActiveSheet: EtWorksheet;
  /** VBA Workbook.ProtectStructure: sheets cannot be added, deleted, renamed or moved. */
  ProtectStructure: boolean;
}

export interface EtApplication {
  ActiveWorkbook: EtWorkbook;
  ActiveSheet: EtWorksheet;
  /** VBA Application.DisplayAlerts: false answers prompts (a sheet's deletion) with their default. */
  DisplayAlerts: boolean;
  /** The ET events (docs/wps.md §2.3): AddApiEventListener("SheetChange", fn(Sh, Target)). */
  ApiEvent: { AddApiEventListener(name: string, fn: SheetChange): void; RemoveApiEventListener(name: string, fn: SheetChange): void };
}

function worksheets(book: EtBook): EtWorksheets {
  const data = book.data;
  return {
    get Count() {
      return member(book, data.sheets.length);
    },
    Item(index: number | string) {
      const sheet = typeof index === 'number' ? data.sheets[index - 1] : data.sheets.find((s) => s.name.toLowerCase() === index.toLowerCase());
      if (!sheet) throw new Error(`Worksheets.Item(${JSON.stringify(index)}): no such sheet (1-based, ${data.sheets.length} sheets)`);
      return book.worksheet(sheet);
    },
    Add(before?: EtWorksheet, after?: EtWorksheet) {
      if (data.structureProtected) throw new Error('Add: the workbook structure is protected (1004)');
      const taken = new Set(data.sheets.map((s) => s.name.toLowerCase()));
      let n = data.sheets.length + 1;
      while (taken.has(`sheet${n}`)) n++;
      const sheet = addSheet(data, `Sheet${n}`);
      data.sheets.pop();
      const anchor = after?.sheet ?? before?.sheet ?? data.sheets.find((s) => s.id === data.activeSheet) ?? data.sheets[0];
      const at = anchor ? data.sheets.indexOf(anchor) + (after ? 1 : 0) : 0;
      data.sheets.splice(at, 0, sheet);
      data.activeSheet = sheet.id;
      return book.worksheet(sheet);
    },
  };
}

/** The `Application` object a WPS 加载项 sees (window.Application / wps.EtApplication()), over `data`. */
export function etApplication(data: HostWorkbookData, fixtures: Partial<EtFixtures> = {}): EtApplication {
  return new EtHost(data, fixtures).app;
}

/**
 * The host: the Application, and what a person does outside the add-in (type into a cell, insert rows, copy a
 * sheet, save and reopen), each raising SheetChange as WPS documents it for a person's edits (docs/wps.md §2.3).
 */
export class EtHost {
  readonly book: EtBook;
  readonly app: EtApplication;
  constructor(
    readonly data: HostWorkbookData,
    fixtures: Partial<EtFixtures> = {},
  ) {
    const book = (this.book = new EtBook(data, { ...DEFAULT_FIXTURES, ...fixtures }));
    const sheets = worksheets(book);
    const active = () => {
      const sheet = data.sheets.find((s) => s.id === data.activeSheet) ?? data.sheets[0];
      return book.worksheet(sheet);
    };
    const workbook: EtWorkbook = {
      Name: 'workbook.xlsx',
      FullName: '/home/user/workbook.xlsx',
      Worksheets: sheets,
      Sheets: sheets,
      get ActiveSheet() {
        return active();
      },
      get ProtectStructure() {
        return !!data.structureProtected;
      },
    };
    this.app = {
      ActiveWorkbook: workbook,
      get ActiveSheet() {
        return active();
      },
      get DisplayAlerts() {
        return book.displayAlerts;
      },
      set DisplayAlerts(v: boolean) {
        book.displayAlerts = v;
      },
      ApiEvent: {
        AddApiEventListener(name, fn) {
          if (!book.listeners.has(name)) book.listeners.set(name, new Set());
          book.listeners.get(name)!.add(fn);
        },
        RemoveApiEventListener(name, fn) {
          book.listeners.get(name)?.delete(fn);
        },
      },
    };
  }
  private sheet(name: string): HostSheet {
    const s = this.data.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  /** A person types `value` into `cell` (raw: a number stays a number). */
  type(sheetName: string, cell: string, value: string | number | undefined): void {
    const sheet = this.sheet(sheetName);
    const area = parseAddress(cell)!.area;
    edit(sheet, area.top, area.left, (c) => {
      delete c.error;
      if (value === undefined || value === '') delete c.value;
      else c.value = value;
    });
    this.book.fire(sheet, area);
  }
  /** A person inserts (or deletes) whole rows. */
  shiftRows(sheetName: string, at: number, count: number, deleted: boolean): void {
    const sheet = this.sheet(sheetName);
    shiftRows(sheet, at, count, deleted);
    this.book.fire(sheet, { top: at, left: 0, bottom: at + count - 1, right: 16_383 });
  }
  copySheet(name: string, copyName: string): void {
    copySheet(this.data, name, copyName);
  }
  /** Deliver the SheetChange events the add-in's writes raised (fixture ownWrites: 'later'). */
  flush(): void {
    for (const fire of this.book.pending.splice(0)) fire();
  }
  /** Save, close and open again: the workbook as saved, no listeners, no session state. */
  reopen(): EtHost {
    return new EtHost(reopen(this.data), this.book.fixtures);
  }
  /** Where the selection is, "Sheet!A1". */
  get selection(): string {
    return this.data.selection;
  }
  get activeSheetName(): string | undefined {
    return this.data.sheets.find((s) => s.id === this.data.activeSheet)?.name;
  }
}

