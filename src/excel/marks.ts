/**
 * Marks on the workbook: a fill by severity and the explanation in the cell's
 * note. What each marked cell looked like before is kept inside the workbook
 * (a workbook setting), so Clear restores it exactly, also after the file was
 * saved, closed and reopened. Reading what is there costs one sync, writing
 * every mark (and undoing the previous ones) one more, whatever the count.
 */
import { SEVERITY_FILL, type CellMark } from '../core/marks';

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

const key = (sheetId: string, cell: string) => `${sheetId}!${cell}`;

/**
 * The record as it applies to the open workbook. Sheet ids are constant within a session but may change
 * between sessions, so a recorded sheet is found by its id, else by its name; cells on sheets found neither
 * way (deleted, or renamed and reopened) cannot be put back and are named in `lost`.
 */
export function resolveRecord(record: MarkRecord | undefined, sheets: { id: string; name: string }[]): { record?: MarkRecord; lost: string[] } {
  if (!record) return { lost: [] };
  const byId = new Map(sheets.map((s) => [s.id, s]));
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const lost = new Set<string>();
  const cells = record.cells.flatMap((c) => {
    const s = byId.get(c.sheetId) ?? byName.get(c.sheet);
    if (!s) {
      lost.add(c.sheet);
      return [];
    }
    return [{ ...c, sheetId: s.id, sheet: s.name }];
  });
  return { record: { version: 1, cells }, lost: [...lost] };
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

/** Queue putting one cell back as it was. */
function queueRestore(target: Excel.Worksheet, c: MarkedCell, notes: boolean): void {
  const range = target.getRange(c.cell);
  if (c.fill === null) range.format.fill.clear();
  else range.format.fill.color = c.fill;
  if (notes) replaceNote(target, c.cell, c.note);
}

/** Delete whatever note is there (a no-op on a null object) and add `text`; never sets a property on a note that may be gone. */
function replaceNote(target: Excel.Worksheet, cell: string, text: string | null): void {
  target.notes.getItemOrNullObject(cell).delete();
  if (text !== null) target.notes.add(cell, text);
}

/**
 * Replace the previous marks with `marks`. Sheets in `sheets` by name; marks on sheets not
 * listed (protected ones) are not written. Two syncs; on failure the cells touched are put back.
 */
export async function writeMarks(
  context: Excel.RequestContext,
  marks: CellMark[],
  previous: MarkRecord | undefined,
  sheets: Map<string, Target>,
  notes: boolean,
  /** Previous marks on sheets that are gone or protected cannot be undone now: they stay in the record. */
  canRestore: (sheetId: string) => boolean,
): Promise<MarkRecord> {
  const sheetOf = (name: string) => sheets.get(name);
  const old = new Map((previous?.cells ?? []).map((c) => [key(c.sheetId, c.cell), c]));

  // Sync 1: what the cells to mark look like now (unless a previous mark already remembers it), in batches
  // under the request limit like the writes below.
  const reads = marks.flatMap((m) => {
    const t = sheetOf(m.sheet);
    if (!t || old.has(key(t.sheetId, m.cell))) return [];
    return [{ m, t } as { m: CellMark; t: Target; props?: OfficeExtension.ClientResult<Excel.CellProperties[][]>; note?: Excel.Note }];
  });
  await sendInBatches(context, reads.map((r) => () => {
    r.props = r.t.sheet.getRange(r.m.cell).getCellProperties({ format: { fill: { color: true, pattern: true } } });
    r.note = notes ? r.t.sheet.notes.getItemOrNullObject(r.m.cell) : undefined;
    r.note?.load('content');
  }), MARKS_PER_SYNC);
  const before = new Map<string, MarkedCell>();
  for (const { m, t, props, note } of reads) {
    const fill = props!.value[0][0].format?.fill;
    before.set(key(t.sheetId, m.cell), {
      sheetId: t.sheetId,
      sheet: t.name,
      cell: m.cell,
      fill: !fill || fill.pattern === 'None' ? null : (fill.color ?? null),
      note: note && !note.isNullObject ? note.content : null,
    });
  }

  const record: MarkRecord = {
    version: 1,
    cells: marks.flatMap((m) => {
      const t = sheetOf(m.sheet);
      if (!t) return [];
      const k = key(t.sheetId, m.cell);
      return [{ ...(old.get(k) ?? before.get(k)!), sheet: t.name }];
    }),
  };
  const marked = new Set(record.cells.map((c) => key(c.sheetId, c.cell)));
  const kept = (previous?.cells ?? []).filter((c) => !marked.has(key(c.sheetId, c.cell)) && !canRestore(c.sheetId));
  record.cells.push(...kept);
  const undo = (previous?.cells ?? []).filter((c) => !marked.has(key(c.sheetId, c.cell)) && canRestore(c.sheetId));

  // Sync 2: remember first (a Clear can then undo even a half-applied batch), undo old marks, write new ones.
  // Excel on the web refuses a request over 5 MB whole, so thousands of marks go in several syncs: a refused
  // batch is split in two and sent again (nothing of it was applied).
  const worksheets = context.workbook.worksheets;
  const originals = new Map(record.cells.map((c) => [key(c.sheetId, c.cell), c]));
  const units: Unit[] = [
    {
      queue: () => {
        context.workbook.settings.add(RECORD_KEY, JSON.stringify(record));
        for (const c of undo) queueRestore(worksheets.getItem(c.sheetId), c, notes);
      },
    },
    ...marks.flatMap((m): Unit[] => {
      const t = sheetOf(m.sheet);
      if (!t) return [];
      const original = originals.get(key(t.sheetId, m.cell))!;
      const fill = () => {
        t.sheet.getRange(m.cell).format.fill.color = SEVERITY_FILL[m.severity];
      };
      // A cell with a threaded comment takes no note: its explanation stays in the pane.
      return [notes ? { queue: () => (fill(), replaceNote(t.sheet, m.cell, noteText(m, original.note))), instead: fill } : { queue: fill }];
    }),
  ];
  try {
    await sendInBatches(context, units, MARKS_PER_SYNC);
  } catch (e) {
    const fresh = record.cells.filter((c) => !old.has(key(c.sheetId, c.cell)) && canRestore(c.sheetId));
    await rollback(context, fresh, previous, notes).catch(() => undefined);
    throw e;
  }
  return record;
}

/** After a failed write: put the newly marked cells back and the previous record in place (best effort). */
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

async function rollback(context: Excel.RequestContext, fresh: MarkedCell[], previous: MarkRecord | undefined, notes: boolean): Promise<void> {
  for (const c of fresh) queueRestore(context.workbook.worksheets.getItem(c.sheetId), c, notes);
  if (previous) context.workbook.settings.add(RECORD_KEY, JSON.stringify(previous));
  else context.workbook.settings.getItemOrNullObject(RECORD_KEY).delete();
  await context.sync();
}

/** Clear: restore every marked cell as it was and forget the record. Two syncs. */
export interface ClearResult {
  /** Cells put back as they were. */
  restored: number;
  /** Sheets whose marks could not be cleared now: protected (kept for a later clear), or gone. */
  skipped: { sheet: string; reason: 'protected' | 'gone' }[];
}

/**
 * Put every marked cell back as it was. Never fails for good: marks on a sheet that is gone are forgotten,
 * marks on a protected sheet stay in the record for a later clear, and both are named. Three syncs.
 */
export async function clearMarks(context: Excel.RequestContext, notes: boolean): Promise<ClearResult> {
  const record = queueRecord(context);
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  await context.sync();
  const { record: previous, lost } = resolveRecord(record(), sheets.items.map((s) => ({ id: s.id, name: s.name })));
  const skipped: ClearResult['skipped'] = lost.map((sheet) => ({ sheet, reason: 'gone' }));
  if (!previous) return { restored: 0, skipped };
  const involved = [...new Set(previous.cells.map((c) => c.sheetId))].map((id) => {
    const protection = sheets.getItem(id).protection;
    protection.load('protected');
    return { id, protection };
  });
  await context.sync();
  const locked = new Set(involved.filter((x) => x.protection.protected).map((x) => x.id));
  const restore = previous.cells.filter((c) => !locked.has(c.sheetId));
  const kept = previous.cells.filter((c) => locked.has(c.sheetId));
  for (const c of restore) queueRestore(sheets.getItem(c.sheetId), c, notes);
  if (kept.length) context.workbook.settings.add(RECORD_KEY, JSON.stringify({ version: 1, cells: kept } satisfies MarkRecord));
  else context.workbook.settings.getItemOrNullObject(RECORD_KEY).delete();
  await context.sync();
  for (const name of new Set(kept.map((c) => c.sheet))) skipped.push({ sheet: name, reason: 'protected' });
  return { restored: restore.length, skipped };
}
