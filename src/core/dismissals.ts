/**
 * Dismissals (忽略): a person's decision that one finding on one cell is acceptable, with a reason. Like Excel's own
 * "ignore error", a dismissal is scoped to the rule and the cell, and to the cell's value when it was made: it
 * lapses as soon as the cell holds something else. The add-in keeps them in the workbook setting
 * `goalsheet.dismissals` (so they travel with the file, and the command line honours them); the setting comes from
 * whoever sent the file, so it is read here without trusting it: valid entries are kept, the rest counted.
 *
 * Setting value (JSON text): {"version": 1, "items": [{"ruleId", "sheet", "cell", "value", "reason", "at", "by"?}]}
 *   value  the cell's value fingerprint (cellFingerprint), "" for an empty cell
 *   reason required, trimmed, at most MAX_REASON characters
 *   at     ISO time of the dismissal
 */
import { fromA1, type Cell, type Grid } from './grid';
import { decodeSetting } from './settingValue';
import type { Finding } from './rules/types';

export const DISMISSALS_KEY = 'goalsheet.dismissals';
/** More are not read (and not written): a setting of that size is no person's work. */
export const MAX_DISMISSALS = 5000;
export const MAX_REASON = 200;
const MAX_FIELD = 300;
/** The time field's name, read through a constant: the lint bans `.at` (Array.prototype.at, missing in Safari 13). */
const AT = 'at';

export interface Dismissal {
  ruleId: string;
  sheet: string;
  /** Plain A1 address. */
  cell: string;
  /** The cell's value fingerprint when dismissed. */
  value: string;
  reason: string;
  /** ISO time. */
  at: string;
  by?: string;
}

/** What a dismissed finding carries: why, and when and by whom where known. */
export interface DismissedInfo {
  reason: string;
  by?: string;
  at?: string;
}

/** A finding as the front ends list it: possibly dismissed; `fingerprint` is its cell's value fingerprint. */
export type ReviewedFinding = Finding & { dismissed?: DismissedInfo; fingerprint?: string };

/** A reason as typed: trimmed, one line, capped; undefined when nothing is left (a reason is required). */
export function cleanReason(text: string): string | undefined {
  const s = [...text.replace(/\s+/g, ' ').trim()].slice(0, MAX_REASON).join('').trim();
  return s || undefined;
}

/** A short, stable digest of a text (cyrb53), so a fingerprint neither grows with the cell nor repeats its text. */
function digest(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cell's value as both front ends read it (the raw value, not the displayed text, which depends on the
 * number-format renderer): "" for an empty cell, else the type, length and a digest of the value.
 */
export function fingerprintOf(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.error) return `e${cell.error.length}:${digest(cell.error)}`;
  const v = cell.value;
  if (v === null || v === undefined || v === '') return '';
  const s = String(v);
  const kind = typeof v === 'number' ? 'n' : typeof v === 'boolean' ? 'b' : 's';
  return `${kind}${s.length}:${digest(s)}`;
}

/**
 * The value fingerprint of `sheet`!`cell` among `grids` (the grids a validation read): undefined when that
 * sheet was not read (the dismissal can be neither applied nor judged), "" for an empty cell.
 */
export function cellFingerprint(grids: readonly Grid[], sheet: string, cell: string): string | undefined {
  const g = grids.find((x) => x.sheet === sheet);
  if (!g) return undefined;
  const at = fromA1(cell);
  if (!at) return '';
  return fingerprintOf(g.cells[at.row - g.top]?.[at.col - g.left]);
}

const str = (v: unknown, max = MAX_FIELD): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function readOne(x: unknown): Dismissal | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const o = x as Record<string, unknown>;
  if (!str(o.ruleId, 40) || !str(o.sheet, 100) || !str(o.cell, 12) || !fromA1(o.cell)) return undefined;
  if (typeof o.value !== 'string' || o.value.length > 40) return undefined;
  const reason = typeof o.reason === 'string' ? cleanReason(o.reason) : undefined;
  if (!reason) return undefined;
  const when = o[AT];
  const out: Dismissal = { ruleId: o.ruleId, sheet: o.sheet, cell: o.cell.toUpperCase().replace(/\$/g, ''), value: o.value, reason, at: str(when, 40) ? when : '' };
  if (str(o.by, 100)) out.by = o.by;
  return out;
}

/** The dismissals of a setting's decoded value (or of the value itself): valid entries only, at most MAX_DISMISSALS. */
export function readDismissals(value: unknown): { dismissals: Dismissal[]; invalid: number } {
  const items = Array.isArray(value) ? value : value && typeof value === 'object' ? (value as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) return { dismissals: [], invalid: value === undefined ? 0 : 1 };
  const dismissals: Dismissal[] = [];
  const seen = new Set<string>();
  let invalid = 0;
  for (const x of items.slice(0, MAX_DISMISSALS)) {
    const d = readOne(x);
    if (!d) invalid++;
    else if (!seen.has(dismissalKey(d))) {
      seen.add(dismissalKey(d));
      dismissals.push(d);
    }
  }
  return { dismissals, invalid: invalid + Math.max(0, items.length - MAX_DISMISSALS) };
}

/** The setting as stored (JSON text, or the value Office.js may hand back parsed); broken or absent is none. */
export function decodeDismissals(raw: unknown): Dismissal[] {
  const read = decodeSetting(raw);
  return 'value' in read ? readDismissals(read.value).dismissals : [];
}

/** The JSON text the setting holds. */
export function encodeDismissals(dismissals: readonly Dismissal[]): string {
  return JSON.stringify({ version: 1, items: dismissals.slice(-MAX_DISMISSALS) });
}

/** Rule and cell: one dismissal per rule per cell. */
export function dismissalKey(d: Pick<Dismissal, 'ruleId' | 'sheet' | 'cell'>): string {
  return `${d.ruleId}\u0000${d.sheet}\u0000${d.cell}`;
}

/** A new dismissal of `f`, or undefined when the reason is empty or the cell's fingerprint unknown. */
export function dismissalOf(f: ReviewedFinding, reason: string, at = new Date().toISOString(), by?: string): Dismissal | undefined {
  const r = cleanReason(reason);
  if (!r || f.fingerprint === undefined) return undefined;
  return { ruleId: f.ruleId, sheet: f.sheet, cell: f.cell, value: f.fingerprint, reason: r, at, ...(by ? { by } : {}) };
}

/**
 * Findings with their cell's fingerprint, dismissed where a dismissal of their rule and cell was made on the
 * value the cell holds now; and the dismissals still alive: those whose cell still holds that value, and those on
 * sheets not read now (`fingerprint` undefined: not judged).
 */
export function applyDismissals(
  findings: readonly Finding[],
  dismissals: readonly Dismissal[],
  fingerprint: (sheet: string, cell: string) => string | undefined,
): { findings: ReviewedFinding[]; alive: Dismissal[] } {
  const alive: Dismissal[] = [];
  const byKey = new Map<string, Dismissal>();
  for (const d of dismissals) {
    const now = fingerprint(d.sheet, d.cell);
    if (now !== undefined && now !== d.value) continue;
    alive.push(d);
    if (now !== undefined) byKey.set(dismissalKey(d), d);
  }
  const out = findings.map((f): ReviewedFinding => {
    const fp = fingerprint(f.sheet, f.cell);
    const d = byKey.get(dismissalKey(f));
    const reviewed: ReviewedFinding = fp === undefined ? { ...f } : { ...f, fingerprint: fp };
    if (d) reviewed.dismissed = { reason: d.reason, ...(d.by ? { by: d.by } : {}), ...(d[AT] ? { at: d[AT] } : {}) };
    return reviewed;
  });
  return { findings: out, alive };
}

/** `current` with `added` (replacing any of the same rule and cell) and without `removed`; the newest kept past MAX_DISMISSALS. */
export function mergeDismissals(current: readonly Dismissal[], added: readonly Dismissal[], removed: readonly Pick<Dismissal, 'ruleId' | 'sheet' | 'cell'>[]): Dismissal[] {
  const drop = new Set([...added, ...removed].map(dismissalKey));
  return [...current.filter((d) => !drop.has(dismissalKey(d))), ...added].slice(-MAX_DISMISSALS);
}
