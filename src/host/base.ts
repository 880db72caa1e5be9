/** The Office.js machinery every host object shares: errors, load/sync state, cell edits. */
import type { Area } from '../core/grid';
import { cellKey, type HostCell, type HostSheet } from './model';

/** The part of a request context host objects need (RequestContext in excel.ts). */
export interface QueueContext {
  /** `bytes`: what the action adds to the response; `request`: what its data adds to the request. */
  enqueue(run: () => void, bytes?: () => number, request?: number): void;
  requires(minor: number, api: string): void;
}

export class HostError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    location?: string,
  ) {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

export class ClientResult<T> {
  private loaded = false;
  private val: T | undefined;
  get value(): T {
    if (!this.loaded) throw notLoaded('value', 'ClientResult');
    return this.val as T;
  }
  set(v: T): void {
    this.val = v;
    this.loaded = true;
  }
}

export function notLoaded(prop: string, type: string): HostError {
  return new HostError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${prop}`,
  );
}

/** Property names from a load() argument: "a,b", ["a","b"], or {select: "a,b"}. */
export function loadNames(spec: string | string[] | { select?: string | string[] } | undefined, defaults: string[]): string[] {
  if (spec === undefined) return defaults;
  const raw = typeof spec === 'string' ? spec : Array.isArray(spec) ? spec.join(',') : loadNames(spec.select, defaults).join(',');
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

/** Item property names from a collection's load(): "items/name,items/id" → name, id ("items" alone asks for none). */
export function itemNames(spec: string | string[] | undefined, defaults: string[]): string[] {
  return loadNames(spec, defaults).map((n) => n.replace(/^items\//, '')).filter((n) => n && n !== 'items');
}

export abstract class ClientObject<C extends QueueContext = QueueContext> {
  protected props = new Map<string, unknown>();
  private nullState: boolean | undefined;
  constructor(readonly context: C) {}

  protected abstract typeName: string;
  protected abstract scalars: string[];
  /** The value of a scalar property, read from the model at sync time. */
  protected abstract fetch(name: string): unknown;

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject', this.typeName);
    return this.nullState;
  }

  protected setNull(v: boolean): void {
    this.nullState = v;
  }

  protected get<T>(name: string): T {
    if (!this.props.has(name)) throw notLoaded(name, this.typeName);
    return this.props.get(name) as T;
  }

  /** Set scalar properties at sync time, as a collection's load("items/…") does for its items. */
  fillNow(names: string[]): number {
    let size = 0;
    for (const n of names) {
      if (!this.scalars.includes(n)) throw new HostError('InvalidArgument', `'${n}' is not a property of ${this.typeName}.`);
      const v = this.fetch(n);
      this.props.set(n, v);
      size += JSON.stringify(v ?? null).length;
    }
    return size;
  }

  load(spec?: string | string[] | { select?: string | string[] }): this {
    const names = loadNames(spec, this.scalars);
    let size = 0;
    this.context.enqueue(
      () => {
        if (this.nullState === true) return;
        size = this.fillNow(names);
      },
      () => size,
    );
    return this;
  }
}

/** The two areas share a cell. */
export const areasMeet = (a: Area, b: Area) => a.top <= b.bottom && a.bottom >= b.top && a.left <= b.right && a.right >= b.left;

export interface Target {
  sheet: HostSheet;
  area: Area;
}

export function forEachCell<T>(area: Area, fn: (r: number, c: number) => T): T[][] {
  const out: T[][] = [];
  for (let r = area.top; r <= area.bottom; r++) {
    const row: T[] = [];
    for (let c = area.left; c <= area.right; c++) row.push(fn(r, c));
    out.push(row);
  }
  return out;
}

/** Change one cell of the model; a cell left with nothing in it is no cell at all. */
export function edit(sheet: HostSheet, r: number, c: number, fn: (cell: HostCell) => void): void {
  const k = cellKey(r, c);
  const cell = sheet.cells[k] ?? {};
  fn(cell);
  if (Object.keys(cell).length) sheet.cells[k] = cell;
  else delete sheet.cells[k];
}

export function assertWritable(sheet: HostSheet): void {
  if (sheet.protected) throw new HostError('AccessDenied', 'The cell or chart you are trying to change is on a protected sheet.');
}

