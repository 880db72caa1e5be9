/**
 * An in-memory WPS 表格 (ET) host over the same workbook model as the Excel host: the object model WPS 加载项
 * call synchronously (docs/wps.md §2: Application.ActiveWorkbook.Worksheets.Item(i), 1-based; UsedRange;
 * Range.Value2 / Text / NumberFormat / MergeCells / MergeArea; Worksheet.Visible -1/0/2; colours BGR). What WPS
 * does not document (docs/wps.md §6) is a fixture here, never a silent guess: the JS shape of a multi-cell
 * Value2, what an empty cell gives, and whether Count/UsedRange are properties or zero-argument methods.
 */
import { areaA1, parseAddress } from '../core/address';
import type { Area } from '../core/grid';
import { cellText } from './excel';
import { cellKey, type HostSheet, type HostWorkbookData } from './model';

export interface EtFixtures {
  /** Multi-cell Value2: an array of row arrays (VBA's 2-D array as JS), or one flat row-major array. */
  value2: 'rows' | 'flat';
  /** What an empty cell gives in Value2 (VBA: Empty). */
  empty: null | undefined | '';
  /** Count and UsedRange as zero-argument methods, as some WPS builds have them (docs/wps.md §2, ③). */
  methods: boolean;
}

const VISIBLE = { Visible: -1, Hidden: 0, VeryHidden: 2 } as const;

/** "#RRGGBB" as WPS's Interior.Color: a BGR integer 0xBBGGRR (docs/wps.md §2.1). */
export function bgr(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

export class EtRange {
  constructor(
    private readonly sheet: HostSheet,
    readonly area: Area,
    private readonly fx: EtFixtures,
  ) {}
  private cell(r: number, c: number) {
    return this.sheet.cells[cellKey(r, c)];
  }
  private single() {
    return this.area.top === this.area.bottom && this.area.left === this.area.right;
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
  Address(): string {
    return areaA1(this.area).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  }
  /** VBA Range.Value2: a value for one cell, an array for more (the JS shape is the fixture). */
  get Value2(): unknown {
    const value = (r: number, c: number) => {
      const x = this.cell(r, c);
      return x?.error ?? x?.value ?? this.fx.empty;
    };
    if (this.single()) return value(this.area.top, this.area.left);
    const rows: unknown[][] = [];
    for (let r = this.area.top; r <= this.area.bottom; r++) {
      const row: unknown[] = [];
      for (let c = this.area.left; c <= this.area.right; c++) row.push(value(r, c));
      rows.push(row);
    }
    return this.fx.value2 === 'rows' ? rows : rows.flat();
  }
  /** VBA Range.Text: the displayed text of one cell (read per cell here). */
  get Text(): string {
    return cellText(this.cell(this.area.top, this.area.left));
  }
  get NumberFormat(): string {
    return this.cell(this.area.top, this.area.left)?.numberFormat ?? 'General';
  }
  private merge(): Area | undefined {
    const { top, left } = this.area;
    return this.sheet.merges.find((m) => top >= m.top && top <= m.bottom && left >= m.left && left <= m.right);
  }
  get MergeCells(): boolean {
    return !!this.merge();
  }
  get MergeArea(): EtRange {
    return new EtRange(this.sheet, this.merge() ?? this.area, this.fx);
  }
  get Interior(): { Color: number } {
    const fill = this.cell(this.area.top, this.area.left)?.fill;
    // No fill: the colour WPS reports is not documented (docs/wps.md §6, 11); white here.
    return { Color: fill ? bgr(fill) : 0xffffff };
  }
}

export class EtWorksheet {
  constructor(
    private readonly sheet: HostSheet,
    private readonly fx: EtFixtures,
  ) {}
  get Name(): string {
    return this.sheet.name;
  }
  get Visible(): number {
    return VISIBLE[this.sheet.visibility];
  }
  get ProtectContents(): boolean {
    return this.sheet.protected;
  }
  /** Excel's used range: every cell with a value or a format (an empty sheet: A1). */
  get UsedRange(): EtRange | (() => EtRange) {
    let area: Area = { top: 0, left: 0, bottom: 0, right: 0 };
    let any = false;
    for (const [k, c] of Object.entries(this.sheet.cells)) {
      if (c.value === undefined && c.error === undefined && c.fill === undefined && c.numberFormat === undefined) continue;
      const [r, col] = k.split(',').map(Number);
      area = any ? { top: Math.min(area.top, r), left: Math.min(area.left, col), bottom: Math.max(area.bottom, r), right: Math.max(area.right, col) } : { top: r, left: col, bottom: r, right: col };
      any = true;
    }
    const range = new EtRange(this.sheet, area, this.fx);
    return this.fx.methods ? () => range : range;
  }
  Range(address: string): EtRange {
    const p = parseAddress(address);
    if (!p) throw new Error(`Range("${address}"): not an address`);
    return new EtRange(this.sheet, p.area, this.fx);
  }
}

export interface EtApplication {
  ActiveWorkbook: { Name: string; Worksheets: { Count: number | (() => number); Item(index: number): EtWorksheet } };
}

/** The `Application` object a WPS 加载项 sees (window.Application / wps.EtApplication()), over `data`. */
export function etApplication(data: HostWorkbookData, fixtures: Partial<EtFixtures> = {}): EtApplication {
  const fx: EtFixtures = { value2: 'rows', empty: undefined, methods: false, ...fixtures };
  const count = () => data.sheets.length;
  return {
    ActiveWorkbook: {
      Name: 'workbook.xlsx',
      Worksheets: {
        get Count() {
          return fx.methods ? count : count();
        },
        Item(index: number) {
          const sheet = data.sheets[index - 1];
          if (!sheet) throw new Error(`Worksheets.Item(${index}): no such sheet (1-based, ${data.sheets.length} sheets)`);
          return new EtWorksheet(sheet, fx);
        },
      } as EtApplication['ActiveWorkbook']['Worksheets'],
    },
  };
}
