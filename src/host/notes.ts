/**
 * Notes (ExcelApi 1.18, learn.microsoft.com/javascript/api/excel/excel.notecollection) and threaded comments
 * (ExcelApi 1.10, excel.commentcollection) in the in-memory Excel host. A collection on the workbook holds every
 * sheet's; `getLocation()` gives the cell one is on now. A cell holds a note or a threaded comment, never both.
 */
import { areaA1, parseAddress } from '../core/address';
import { ClientObject, HostError, assertWritable, itemNames, notLoaded } from './base';
import type { RequestContext } from './excel';
import { Range } from './excel';
import type { HostSheet } from './model';

interface Spot {
  sheet: HostSheet;
  cell: string;
}

/** The cell of a single-cell address, on the named sheet or the collection's own. */
function locate(context: RequestContext, sheet: (() => HostSheet) | undefined, address: string): Spot {
  const p = parseAddress(address);
  const s = p?.sheet !== undefined ? context.host.sheet(p.sheet) : sheet?.();
  if (!p || !s || p.area.top !== p.area.bottom || p.area.left !== p.area.right) {
    throw new HostError('InvalidCellAddress', `'${address}' is not a single cell address.`);
  }
  return { sheet: s, cell: areaA1(p.area) };
}

/** Every (sheet, cell) of a note or comment map, the collection's sheet or the whole workbook's. */
function spots(context: RequestContext, sheet: (() => HostSheet) | undefined, of: (s: HostSheet) => Record<string, string> | undefined): Spot[] {
  const sheets = sheet ? [sheet()] : context.host.data.sheets;
  return sheets.flatMap((s) => Object.keys(of(s) ?? {}).map((cell) => ({ sheet: s, cell })));
}

/** A note or a comment: its content, and the cell it is on. */
abstract class OnCell extends ClientObject<RequestContext> {
  protected scalars = ['content'];
  constructor(
    context: RequestContext,
    protected readonly where: () => Spot,
  ) {
    super(context);
  }
  get content(): string {
    return this.get('content');
  }
  getLocation(): Range {
    return new Range(this.context, () => {
      const { sheet, cell } = this.where();
      return { sheet, area: parseAddress(cell)!.area };
    });
  }
}

export class NoteCollection {
  private loaded: Note[] | undefined;
  constructor(
    readonly context: RequestContext,
    private readonly sheet: (() => HostSheet) | undefined,
  ) {}

  get items(): Note[] {
    if (!this.loaded) throw notLoaded('items', 'NoteCollection');
    return this.loaded;
  }

  /** load("items/content"): every note now, each bound to the cell it is on. */
  load(spec?: string | string[]): this {
    const names = itemNames(spec, ['content']);
    let size = 0;
    this.context.enqueue(
      () => {
        size = 0;
        this.loaded = spots(this.context, this.sheet, (s) => s.notes).map((spot) => {
          const note = new Note(this.context, () => spot);
          size += note.fillNow(names);
          return note;
        });
      },
      () => size,
    );
    return this;
  }

  add(cellAddress: string, content: string): Note {
    const note = new Note(this.context, () => locate(this.context, this.sheet, cellAddress));
    this.context.enqueue(() => {
      const { sheet, cell } = locate(this.context, this.sheet, cellAddress);
      assertWritable(sheet);
      if (cell in sheet.notes) throw new HostError('InvalidArgument', `The cell ${cell} already has a note.`);
      // A threaded comment occupies the cell's note slot (Excel's UI offers one or the other). The reference is
      // silent on the error adding a note there raises: InvalidOperation is this host's choice.
      if (sheet.comments && cell in sheet.comments) throw new HostError('InvalidOperation', `The cell ${cell} has a threaded comment.`);
      sheet.notes[cell] = String(content);
    }, undefined, utf8Length(String(content)) + cellAddress.length);
    return note;
  }

  getItemOrNullObject(key: string): Note {
    const note = new Note(this.context, () => locate(this.context, this.sheet, key), true);
    this.context.enqueue(() => note.resolveNow());
    return note;
  }
}

export class Note extends OnCell {
  protected typeName = 'Note';
  constructor(
    context: RequestContext,
    where: () => Spot,
    private readonly orNull = false,
  ) {
    super(context, where);
  }
  resolveNow(): void {
    const { sheet, cell } = this.where();
    if (this.orNull) this.setNull(!(cell in sheet.notes));
  }
  protected fetch(): unknown {
    const { sheet, cell } = this.where();
    if (!(cell in sheet.notes)) throw new HostError('ItemNotFound', `No note at ${cell}.`);
    return sheet.notes[cell];
  }
  override get content(): string {
    return super.content;
  }
  override set content(v: string) {
    this.context.enqueue(() => {
      const { sheet, cell } = this.where();
      assertWritable(sheet);
      if (!(cell in sheet.notes)) throw new HostError('ItemNotFound', `No note at ${cell}.`);
      sheet.notes[cell] = v;
    });
  }
  delete(): void {
    this.context.enqueue(() => {
      const { sheet, cell } = this.where();
      assertWritable(sheet);
      delete sheet.notes[cell];
    });
  }
}

/** Workbook.comments (ExcelApi 1.10): read only here; the add-in never writes threaded comments. */
export class CommentCollection {
  private loaded: Comment[] | undefined;
  constructor(readonly context: RequestContext) {}

  get items(): Comment[] {
    if (!this.loaded) throw notLoaded('items', 'CommentCollection');
    return this.loaded;
  }

  load(spec?: string | string[]): this {
    const names = itemNames(spec, ['content']);
    this.context.enqueue(() => {
      this.loaded = spots(this.context, undefined, (s) => s.comments).map((spot) => {
        const comment = new Comment(this.context, () => spot);
        comment.fillNow(names);
        return comment;
      });
    });
    return this;
  }
}

export class Comment extends OnCell {
  protected typeName = 'Comment';
  protected fetch(): unknown {
    const { sheet, cell } = this.where();
    return sheet.comments?.[cell] ?? '';
  }
}

/** Bytes of a string in UTF-8 (requests are UTF-8 JSON); no TextEncoder, which some test environments lack. */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
