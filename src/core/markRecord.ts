/**
 * Which notes (cell comments) on a workbook are the add-in's marks, decided alike for every spreadsheet program.
 * The workbook keeps one record: a fingerprint of every note the add-in wrote and has not removed, so a note of
 * ours a person edited since is theirs and is kept. Without any record (an annotated copy from the command line)
 * a note is ours by its text alone. Each adapter finds the notes its own way and gives them here.
 */
import { isMarkText, type CellMark } from './marks';
import type { SettingRead } from './settingValue';

export const RECORD_KEY = 'goalsheet.marks';

export interface MarkRecord {
  version: 2;
  /** Fingerprints of the notes the add-in wrote and has not removed. */
  notes: string[];
}

/** FNV-1a, 32 bits: enough to tell our note from one a person changed. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The record as read: undefined when the workbook has none, null when it has one that is not ours (corrupt, another version). */
export function decodeRecord(s: SettingRead): MarkRecord | null | undefined {
  if (!s.present) return undefined;
  const record = 'value' in s ? (s.value as Partial<MarkRecord> | null) : null;
  return record && record.version === 2 && Array.isArray(record.notes) ? { version: 2, notes: record.notes.filter((n): n is string => typeof n === 'string') } : null;
}

const noteSlot = (sheet: string, cell: string) => `${sheet}\u0000${cell}`;

/** A note found on the workbook; `ref` is the program's own handle to delete it by. */
export interface FoundNote<T> {
  sheet: string;
  cell: string;
  text: string;
  ref: T;
}

export interface NoteSurvey<T> {
  /** Our notes (written by us and unchanged since), by sheet name. */
  notes: Map<string, { ref: T; cell: string; print: string }[]>;
  /** Notes that look like ours but were changed since, by sheet name: a person's now. */
  edited: Map<string, number>;
  /** Cells whose note slot holds something not ours (a note, a threaded comment): noteSlot(sheet, cell). */
  taken: Set<string>;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Sort every note of the workbook into ours, a person's edited from ours, and others'; `comments` only take their cell. */
export function surveyNotes<T>(notes: FoundNote<T>[], comments: { sheet: string; cell: string }[], record: MarkRecord | null | undefined): NoteSurvey<T> {
  const recorded = new Set(record?.notes ?? []);
  // A workbook the add-in never marked (no record at all) can hold our notes only from `goalsheet annotate`:
  // there the text alone says they are ours. Once a record exists, only the notes it vouches for are.
  const byText = record === undefined;
  const survey: NoteSurvey<T> = { notes: new Map(), edited: new Map(), taken: new Set() };
  for (const { sheet, cell, text, ref } of notes) {
    const print = fingerprint(text);
    if (isMarkText(text) && (byText || recorded.has(print))) push(survey.notes, sheet, { ref, cell, print });
    else {
      survey.taken.add(noteSlot(sheet, cell));
      if (isMarkText(text)) survey.edited.set(sheet, (survey.edited.get(sheet) ?? 0) + 1);
    }
  }
  for (const { sheet, cell } of comments) survey.taken.add(noteSlot(sheet, cell));
  return survey;
}

/** What rewriting the marks on the `targets` sheets does to the notes and the record. */
export interface NotePlan {
  /** Marks whose explanation goes into a new note: the cell's note slot is free. */
  noted: CellMark[];
  /** The record to save before writing: every note that may be ours once the writes are done, should they stop halfway. */
  provisional: string[];
  /** The record after the writes. */
  record: MarkRecord;
  /** Keep the record even when empty: notes that look like ours but were changed stay behind. */
  keepEmpty: boolean;
}

export function planNotes<T>(marks: CellMark[], survey: NoteSurvey<T>, previous: MarkRecord | null | undefined, targets: ReadonlySet<string>, notesOn: boolean): NotePlan {
  const noted = notesOn ? marks.filter((m) => targets.has(m.sheet) && !survey.taken.has(noteSlot(m.sheet, m.cell))) : [];
  const fresh = noted.map((m) => fingerprint(m.text));
  const kept = [...survey.notes].filter(([sheet]) => !targets.has(sheet)).flatMap(([, list]) => list.map((n) => n.print));
  const sorted = (x: string[]) => [...new Set(x)].sort();
  return { noted, provisional: sorted([...(previous?.notes ?? []), ...fresh]), record: { version: 2, notes: sorted([...kept, ...fresh]) }, keepEmpty: survey.edited.size > 0 };
}

/** What a Clear did. */
export interface ClearResult {
  /** Sheets whose marks were removed. */
  sheets: number;
  /** What was left: marks on a protected sheet (for a later clear), notes a person changed (theirs now). */
  skipped: { sheet: string; reason: 'protected' | 'edited'; count?: number }[];
}

/** A Clear's plan: every sheet with marks of ours is cleared but the protected ones, whose notes stay recorded. */
export function planClear<T>(survey: NoteSurvey<T>, formatted: Iterable<string>, locked: ReadonlySet<string>): { cleared: string[]; kept: string[]; keepEmpty: boolean; result: ClearResult } {
  const marked = new Set([...formatted, ...survey.notes.keys()]);
  const cleared = [...marked].filter((name) => !locked.has(name));
  const kept = [...survey.notes].filter(([sheet]) => locked.has(sheet)).flatMap(([, list]) => list.map((n) => n.print));
  return {
    cleared,
    kept: [...new Set(kept)].sort(),
    keepEmpty: survey.edited.size > 0,
    result: {
      sheets: cleared.length,
      skipped: [
        ...[...marked].filter((name) => locked.has(name)).map((sheet) => ({ sheet, reason: 'protected' as const })),
        ...[...survey.edited].map(([sheet, count]) => ({ sheet, reason: 'edited' as const, count })),
      ],
    },
  };
}
