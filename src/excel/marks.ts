/**
 * Marks on the workbook: a fill by severity and the explanation in the cell's
 * note. What each marked cell looked like before is kept inside the workbook
 * (a workbook setting), so Clear restores it exactly, also after the file was
 * saved, closed and reopened. Reading what is there costs one sync, writing
 * every mark (and undoing the previous ones) one more, for up to MARKS_PER_SYNC
 * cells; more go in batches under Excel on the web's request limit.
 */
import { isMarkFill, isMarkText, SEVERITY_FILL, type CellMark } from '../core/marks';
import type { SheetRef } from './read';

export const RECORD_KEY = 'goalsheet.marks';

/** One marked cell and what it was before. */
export interface MarkedCell {
  sheetId: string;
  sheet: string;
  cell: string;
  /** The fill before marking: a colour, or null for no fill. */
  fill: string | null;
  /** The note the cell had before, or null for none. */
  note: string | null;
}

export interface MarkRecord {
  version: 1;
  cells: MarkedCell[];
}

/** A marked cell's key: sheet id and address. */
export const markKey = (sheetId: string, cell: string) => `${sheetId}!${cell}`;

/**
 * The recorded cells as they apply to the open workbook. Sheet ids are constant within a session but may change
 * between sessions, so a recorded sheet is found by its id, else by its name; the cells of sheets found neither
 * way (deleted, or renamed and reopened) are given apart, by recorded sheet name.
 */
function resolveRecord(record: MarkRecord, sheets: SheetRef[]): { cells: MarkedCell[]; lost: Map<string, MarkedCell[]> } {
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const cells: MarkedCell[] = [];
  const lost = new Map<string, MarkedCell[]>();
  for (const c of record.cells) {
    const s = byId.get(c.sheetId) ?? byName.get(c.sheet);
    if (s) cells.push({ ...c, sheetId: s.id, sheet: s.name });
    else if (lost.has(c.sheet)) lost.get(c.sheet)!.push(c);
    else lost.set(c.sheet, [c]);
  }
  return { cells, lost };
}

/**
 * The record as it applies to the open workbook (`resolveRecord`); then sheets found neither by id nor by name
 * are looked for among the sheets no recorded cell claims: a sheet renamed and then reopened keeps our marks
 * where they were, so a sheet where every recorded cell still shows our fill or note is it (and Clear puts back
 * only what still is ours). One more sync, only when there are such sheets. `lost` names the sheets not found.
 */
export async function locateRecord(
  context: Excel.RequestContext,
  record: MarkRecord | undefined,
  sheets: SheetRef[],
  notes: boolean,
): Promise<{ record?: MarkRecord; lost: string[] }> {
  if (!record) return { lost: [] };
  const { cells, lost } = resolveRecord(record, sheets);
  const claimed = new Set(cells.map((c) => c.sheetId));
  const unclaimed = sheets.filter((s) => !claimed.has(s.id));
  if (lost.size && unclaimed.length) {
    // The sheet with the most recorded cells first: a deleted sheet's few marks may also fit a renamed one.
    const candidates = [...lost]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([name, gone]) => ({ name, gone, on: unclaimed.map((s) => ({ s, looks: gone.map((c) => queueLook(s.sheet, c.cell, notes)) })) }));
    await context.sync();
    const ours = (look: Look) => isMarkFill(look.fill) || isMarkText(look.note);
    for (const { name, gone, on } of candidates) {
      const match = on.find(({ s, looks }) => !claimed.has(s.id) && looks.every((l) => ours(l())));
      if (!match) continue;
      claimed.add(match.s.id);
      lost.delete(name);
      cells.push(...gone.map((c) => ({ ...c, sheetId: match.s.id, sheet: match.s.name })));
    }
  }
  return { record: { version: 1, cells }, lost: [...lost.keys()] };
}

/** Queue reading the previous marks; the function gives them after the next sync. */
export function queueRecord(context: Excel.RequestContext): () => MarkRecord | undefined {
  const setting = context.workbook.settings.getItemOrNullObject(RECORD_KEY);
  setting.load('value');
  return () => {
    if (setting.isNullObject) return undefined;
    const v = setting.value as MarkRecord | string;
    const record = typeof v === 'string' ? (JSON.parse(v) as MarkRecord) : v;
    return record && record.version === 1 ? record : undefined;
  };
}

export interface Target {
  sheetId: string;
  sheet: Excel.Worksheet;
  name: string;
}

const separator = '\n———\n';

function noteText(mark: CellMark, original: string | null): string {
  return original ? `${mark.text}${separator}${original}` : mark.text;
}

/** A cell's fill and note as they are now. */
export interface Look {
  fill: string | null;
  note: string | null;
}

/** Queue reading a cell's fill and note; the function gives them after the next sync. */
export function queueLook(sheet: Excel.Worksheet, cell: string, notes: boolean): () => Look {
  const props = sheet.getRange(cell).getCellProperties({ format: { fill: { color: true, pattern: true } } });
  const note = notes ? sheet.notes.getItemOrNullObject(cell) : undefined;
  note?.load('content');
  return () => {
    const fill = props.value[0][0].format?.fill;
    return { fill: !fill || fill.pattern === 'None' ? null : (fill.color ?? null), note: note && !note.isNullObject ? note.content : null };
  };
}

/**
 * Queue putting one cell back as it was. Given how it looks now, only what still is ours goes back: a fill or
 * note a person set on a marked cell since is theirs and stays.
 */
function queueRestore(target: Excel.Worksheet, c: MarkedCell, notes: boolean, now?: Look): void {
  if (!now || isMarkFill(now.fill)) {
    const range = target.getRange(c.cell);
    if (c.fill === null) range.format.fill.clear();
    else range.format.fill.color = c.fill;
  }
  if (notes && (!now || isMarkText(now.note))) replaceNote(target, c.cell, c.note);
}

/** What to remember of a cell about to be marked: how it looks now, except what is still our previous mark. */
function original(now: Look, previous: MarkedCell | undefined): Pick<MarkedCell, 'fill' | 'note'> {
  return {
    fill: previous && isMarkFill(now.fill) ? previous.fill : now.fill,
    note: previous && isMarkText(now.note) ? previous.note : now.note,
  };
}

/** Delete whatever note is there (a no-op on a null object) and add `text`; never sets a property on a note that may be gone. */
function replaceNote(target: Excel.Worksheet, cell: string, text: string | null): void {
  target.notes.getItemOrNullObject(cell).delete();
  if (text !== null) target.notes.add(cell, text);
}

/**
 * Replace the previous marks with `marks`. Sheets in `sheets` by name; marks on sheets not
 * listed (protected ones) are not written. Two syncs (batched beyond MARKS_PER_SYNC); on failure the cells touched are put back.
 */
export async function writeMarks(
  context: Excel.RequestContext,
  marks: CellMark[],
  previous: MarkRecord | undefined,
  sheets: Map<string, Target>,
  notes: boolean,
  /** Previous marks on sheets that are gone or protected cannot be undone now: they stay in the record. */
  canRestore: (sheetId: string) => boolean,
  /** Looks at previously marked cells queued before an earlier sync, by `sheetId!cell`: not read again. */
  looked: Map<string, () => Look> = new Map(),
): Promise<MarkRecord> {
  // Every sheet written or undone here is one of `sheets`.
  const ws = new Map([...sheets.values()].map((t) => [t.sheetId, t.sheet]));
  const old = new Map((previous?.cells ?? []).map((c) => [markKey(c.sheetId, c.cell), c]));

  // Sync 1: how the cells to mark and the previously marked ones look now, in batches under the request limit
  // like the writes below.
  const toMark = marks.flatMap((m) => {
    const t = sheets.get(m.sheet);
    return t ? [{ m, t, look: looked.get(markKey(t.sheetId, m.cell)) }] : [];
  });
  const marked = new Set(toMark.map(({ m, t }) => markKey(t.sheetId, m.cell)));
  const undo = (previous?.cells ?? [])
    .filter((c) => !marked.has(markKey(c.sheetId, c.cell)) && canRestore(c.sheetId))
    .map((c) => ({ c, look: looked.get(markKey(c.sheetId, c.cell)) }));
  await sendInBatches(
    context,
    [
      ...toMark.filter((x) => !x.look).map((x) => () => void (x.look = queueLook(x.t.sheet, x.m.cell, notes))),
      ...undo.filter((x) => !x.look).map((x) => () => void (x.look = queueLook(ws.get(x.c.sheetId)!, x.c.cell, notes))),
    ],
    MARKS_PER_SYNC,
  );

  const record: MarkRecord = {
    version: 1,
    cells: toMark.map(({ m, t, look }) => ({ sheetId: t.sheetId, sheet: t.name, cell: m.cell, ...original(look!(), old.get(markKey(t.sheetId, m.cell))) })),
  };
  const kept = (previous?.cells ?? []).filter((c) => !marked.has(markKey(c.sheetId, c.cell)) && !canRestore(c.sheetId));
  record.cells.push(...kept);

  // Sync 2: remember first (a Clear can then undo even a half-applied batch), undo old marks, write new ones.
  // Excel on the web refuses a request over 5 MB whole, so thousands of marks go in several syncs: a refused
  // batch is split in two and sent again (nothing of it was applied).
  const units: Unit[] = [
    {
      queue: () => context.workbook.settings.add(RECORD_KEY, JSON.stringify(record)),
    },
    ...undo.map(({ c, look }): Unit => ({ queue: () => queueRestore(ws.get(c.sheetId)!, c, notes, look!()) })),
    // record.cells begins with one entry per cell to mark, in the same order.
    ...toMark.map(({ m, t }, i): Unit => {
      const original = record.cells[i].note;
      const fill = () => {
        t.sheet.getRange(m.cell).format.fill.color = SEVERITY_FILL[m.severity];
      };
      // A cell with a threaded comment takes no note: its explanation stays in the pane.
      return notes ? { queue: () => (fill(), replaceNote(t.sheet, m.cell, noteText(m, original))), instead: fill } : { queue: fill };
    }),
  ];
  try {
    await sendInBatches(context, units, MARKS_PER_SYNC);
  } catch (e) {
    const fresh = record.cells.filter((c) => !old.has(markKey(c.sheetId, c.cell)) && canRestore(c.sheetId));
    await rollback(context, fresh, previous, ws, notes).catch(() => undefined);
    throw e;
  }
  return record;
}

/** Marks per sync: well under Excel on the web's 5 MB request with a note each. */
export const MARKS_PER_SYNC = 1000;

/** Work for one sync; `instead` is what to do when the host refuses this unit alone (a note on a threaded comment). */
interface Unit {
  queue: () => void;
  instead?: () => void;
}

/**
 * Queue and sync `units` in order, `size` at a time. A batch the host refuses for its size is split and sent
 * again (nothing of a refused request was applied); so is a batch that fails on one unit that has a fallback,
 * down to that unit, which is then sent its fallback.
 */
async function sendInBatches(context: Excel.RequestContext, units: (Unit | (() => void))[], size: number): Promise<void> {
  const all = units.map((u) => (typeof u === 'function' ? { queue: u } : u));
  for (let i = 0; i < all.length; i += size) await sendBatch(context, all.slice(i, i + size));
}

async function sendBatch(context: Excel.RequestContext, batch: Unit[]): Promise<void> {
  batch.forEach((u) => u.queue());
  try {
    await context.sync();
  } catch (e) {
    const code = (e as { code?: string }).code;
    const retriable = code === 'RequestPayloadSizeLimitExceeded' || (code === 'InvalidOperation' && batch.some((u) => u.instead));
    if (!retriable) throw e;
    if (batch.length === 1) {
      if (!batch[0].instead) throw e;
      batch[0].instead();
      await context.sync();
      return;
    }
    const half = Math.ceil(batch.length / 2);
    await sendBatch(context, batch.slice(0, half));
    await sendBatch(context, batch.slice(half));
  }
}

/** After a failed write: put the newly marked cells back and the previous record in place (best effort). */
async function rollback(context: Excel.RequestContext, fresh: MarkedCell[], previous: MarkRecord | undefined, ws: Map<string, Excel.Worksheet>, notes: boolean): Promise<void> {
  const record = () => {
    if (previous) context.workbook.settings.add(RECORD_KEY, JSON.stringify(previous));
    else context.workbook.settings.getItemOrNullObject(RECORD_KEY).delete();
  };
  await sendInBatches(context, [...fresh.map((c) => () => queueRestore(ws.get(c.sheetId)!, c, notes)), record], MARKS_PER_SYNC);
}

/** What a Clear did. */
export interface ClearResult {
  /** Cells put back as they were. */
  restored: number;
  /** Sheets whose marks could not be cleared now: protected (kept for a later clear), or gone. */
  skipped: { sheet: string; reason: 'protected' | 'gone' }[];
}

/**
 * Put every marked cell back as it was, as far as it is still ours. Never fails for good: marks on a sheet that
 * is gone are forgotten, marks on a protected sheet stay in the record for a later clear, and both are named.
 * Three syncs (more for thousands of marks: each under Excel on the web's request limit).
 */
export async function clearMarks(context: Excel.RequestContext, notes: boolean): Promise<ClearResult> {
  const record = queueRecord(context);
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  await context.sync();
  const { record: previous, lost } = await locateRecord(context, record(), sheets.items.map((s) => ({ id: s.id, name: s.name, sheet: s })), notes);
  const byId = new Map(sheets.items.map((s) => [s.id, s]));
  const skipped: ClearResult['skipped'] = lost.map((sheet) => ({ sheet, reason: 'gone' }));
  if (!previous) return { restored: 0, skipped };
  const involved = [...new Set(previous.cells.map((c) => c.sheetId))].map((id) => {
    const protection = byId.get(id)!.protection;
    protection.load('protected');
    return { id, protection };
  });
  // How each marked cell looks now, so that only what is still ours is put back.
  const looks: (() => Look)[] = [];
  await sendInBatches(context, previous.cells.map((c, i) => () => void (looks[i] = queueLook(byId.get(c.sheetId)!, c.cell, notes))), MARKS_PER_SYNC);
  const locked = new Set(involved.filter((x) => x.protection.protected).map((x) => x.id));
  const restore = previous.cells.flatMap((c, i) => (locked.has(c.sheetId) ? [] : [{ c, look: looks[i]() }]));
  const kept = previous.cells.filter((c) => locked.has(c.sheetId));
  const forget = () => {
    if (kept.length) context.workbook.settings.add(RECORD_KEY, JSON.stringify({ version: 1, cells: kept } satisfies MarkRecord));
    else context.workbook.settings.getItemOrNullObject(RECORD_KEY).delete();
  };
  // The record goes last: a Clear cut short by an error can simply be run again.
  await sendInBatches(context, [...restore.map(({ c, look }) => () => queueRestore(byId.get(c.sheetId)!, c, notes, look)), forget], MARKS_PER_SYNC);
  for (const name of new Set(kept.map((c) => c.sheet))) skipped.push({ sheet: name, reason: 'protected' });
  return { restored: restore.length, skipped };
}
