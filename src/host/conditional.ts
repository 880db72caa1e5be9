/**
 * Conditional formats in the in-memory Excel host (ExcelApi 1.6; on RangeAreas 1.9), as the reference describes
 * them (learn.microsoft.com/javascript/api/excel/excel.conditionalformatcollection): `add(type)` puts a new format
 * "at the first/top priority" over the range's cells; a collection lists the formats "that intersect the range";
 * `custom` holds a custom format's rule and format, `customOrNullObject` is a null object on other types;
 * `delete()` removes the format. Formats are kept on the sheet model, so they move with inserted rows
 * (edits.ts) and are saved with the workbook.
 */
import type { Area } from '../core/grid';
import { ClientObject, HostError, areasMeet, assertWritable, itemNames, notLoaded, type QueueContext } from './base';
import { nextFormatId } from './edits';
import type { HostConditionalFormat, HostSheet, HostWorkbookData } from './model';

interface Where {
  sheet: HostSheet;
  areas: Area[];
}

export class ConditionalFormatCollection {
  private loaded: ConditionalFormat[] | undefined;

  constructor(
    readonly context: QueueContext,
    private readonly where: () => Where,
    private readonly workbook: () => HostWorkbookData,
  ) {}

  get items(): ConditionalFormat[] {
    if (!this.loaded) throw notLoaded('items', 'ConditionalFormatCollection');
    return this.loaded;
  }

  add(type: string): ConditionalFormat {
    let made: HostConditionalFormat | undefined;
    const format = new ConditionalFormat(this.context, () => {
      if (!made) throw new HostError('ItemNotFound', 'The conditional format was not added.');
      return { sheet: this.where().sheet, format: made };
    });
    this.context.enqueue(() => {
      const { sheet, areas } = this.where();
      assertWritable(sheet);
      made = { id: nextFormatId(this.workbook()), type, formula: '', areas: areas.map((a) => ({ ...a })) };
      (sheet.conditionalFormats ??= []).unshift(made);
    });
    return format;
  }

  /** load("items/type,items/customOrNullObject/rule/formula"): the items, with their (nested) properties. */
  load(spec?: string | string[]): this {
    const paths = itemNames(spec, ['id', 'type', 'priority']);
    let size = 0;
    this.context.enqueue(
      () => {
        const { sheet, areas } = this.where();
        size = 0;
        this.loaded = (sheet.conditionalFormats ?? [])
          .filter((f) => f.areas.some((a) => areas.some((b) => areasMeet(a, b))))
          .map((f) => {
            const item = new ConditionalFormat(this.context, () => ({ sheet, format: f }));
            for (const p of paths) size += item.fillPath(p.split('/'));
            return item;
          });
      },
      () => size,
    );
    return this;
  }
}

interface Located {
  sheet: HostSheet;
  format: HostConditionalFormat;
}

export class ConditionalFormat extends ClientObject<QueueContext> {
  protected typeName = 'ConditionalFormat';
  protected scalars = ['id', 'type', 'priority', 'stopIfTrue'];
  private customFormat: CustomConditionalFormat | undefined;
  private customOrNull: CustomConditionalFormat | undefined;

  constructor(
    context: QueueContext,
    private readonly locate: () => Located,
  ) {
    super(context);
  }

  /** The format, or ItemNotFound once it was deleted. */
  private found(): Located {
    const at = this.locate();
    if (!at.sheet.conditionalFormats?.includes(at.format)) throw new HostError('ItemNotFound', 'The conditional format does not exist.');
    return at;
  }

  protected fetch(name: string): unknown {
    const { sheet, format } = this.found();
    if (name === 'priority') return sheet.conditionalFormats!.indexOf(format);
    if (name === 'stopIfTrue') return false;
    return format[name as 'id' | 'type'];
  }

  get id(): string {
    return this.get('id');
  }
  get type(): string {
    return this.get('type');
  }

  /**
   * Only on a custom format. Loading `items/custom/rule/formula` over a collection that also holds other types fails
   * the sync with "This operation is not permitted for the current object" (office-js#2180; InvalidOperation is
   * the code that message goes with); customOrNullObject is the way to read a mixed collection.
   */
  get custom(): CustomConditionalFormat {
    return (this.customFormat ??= new CustomConditionalFormat(this.context, () => {
      const at = this.found();
      if (at.format.type !== 'Custom') throw new HostError('InvalidOperation', 'This operation is not permitted for the current object.');
      return at;
    }));
  }

  get customOrNullObject(): CustomConditionalFormat {
    return (this.customOrNull ??= new CustomConditionalFormat(this.context, () => this.found(), true));
  }

  /** Set what `load` asked for, at sync time: a scalar, or a path through custom/customOrNullObject. */
  fillPath([head, ...rest]: string[]): number {
    if (!rest.length) return this.fillNow([head]);
    if (head !== 'custom' && head !== 'customOrNullObject') throw new HostError('InvalidArgument', `'${head}' cannot be loaded on ConditionalFormat.`);
    return this[head].fillPath(rest);
  }

  delete(): void {
    this.context.enqueue(() => {
      const { sheet, format } = this.found();
      assertWritable(sheet);
      sheet.conditionalFormats = sheet.conditionalFormats!.filter((f) => f !== format);
      // A sheet without conditional formats has none in the file: no empty list left behind.
      if (!sheet.conditionalFormats.length) delete sheet.conditionalFormats;
    });
  }
}

export class CustomConditionalFormat extends ClientObject<QueueContext> {
  protected typeName = 'CustomConditionalFormat';
  protected scalars: string[] = [];
  readonly rule: ConditionalFormatRule;
  readonly format: { fill: ConditionalRangeFill };

  constructor(
    context: QueueContext,
    private readonly locate: () => Located,
    private readonly orNull = false,
  ) {
    super(context);
    this.rule = new ConditionalFormatRule(context, () => this.target());
    this.format = { fill: new ConditionalRangeFill(context, () => this.target()) };
  }

  private target(): Located {
    const at = this.locate();
    if (at.format.type !== 'Custom') throw new HostError('InvalidOperation', 'The conditional format is not of the custom type.');
    return at;
  }

  protected fetch(): unknown {
    return undefined;
  }

  /** A null object when the format is not custom (customOrNullObject); then nothing under it is loaded. */
  fillPath([head, ...rest]: string[]): number {
    if (this.orNull) {
      this.setNull(this.locate().format.type !== 'Custom');
      if (this.isNullObject) return 0;
    }
    if (head === 'rule') return this.rule.fillNow(rest);
    if (head === 'format' && rest[0] === 'fill') return this.format.fill.fillNow(rest.slice(1));
    throw new HostError('InvalidArgument', `'${head}' cannot be loaded on CustomConditionalFormat.`);
  }
}

export class ConditionalFormatRule extends ClientObject<QueueContext> {
  protected typeName = 'ConditionalFormatRule';
  protected scalars = ['formula', 'formulaLocal'];
  constructor(
    context: QueueContext,
    private readonly locate: () => Located,
  ) {
    super(context);
  }
  protected fetch(): unknown {
    return this.locate().format.formula;
  }
  get formula(): string {
    return this.get('formula');
  }
  set formula(v: string) {
    this.context.enqueue(
      () => {
        const { sheet, format } = this.locate();
        assertWritable(sheet);
        format.formula = v;
      },
      undefined,
      v.length,
    );
  }
}

export class ConditionalRangeFill extends ClientObject<QueueContext> {
  protected typeName = 'ConditionalRangeFill';
  protected scalars = ['color'];
  constructor(
    context: QueueContext,
    private readonly locate: () => Located,
  ) {
    super(context);
  }
  protected fetch(): unknown {
    return this.locate().format.fill ?? null;
  }
  get color(): string {
    return this.get('color');
  }
  set color(v: string) {
    this.context.enqueue(() => {
      const { sheet, format } = this.locate();
      assertWritable(sheet);
      format.fill = v.toUpperCase();
    });
  }
  clear(): void {
    this.context.enqueue(() => {
      const { sheet, format } = this.locate();
      assertWritable(sheet);
      delete format.fill;
    });
  }
}
