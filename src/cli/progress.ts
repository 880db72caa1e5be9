/**
 * The progress bar of `goalsheet check` over many files: `[#####.....] 123/500 某单位.xlsx` on stderr,
 * redrawn in place with \r (at most every `interval` ms, and at the end), cleared when the run ends so
 * the report starts on a clean line. Shown only on a terminal: never when stderr is not a TTY, with
 * --no-progress, or when a machine-readable report (json, csv, sarif) goes to a pipe; never for one file.
 * The file name is untrusted text: made printable and cut to fit the line.
 */
import path from 'path';
import { printable } from './output';

export interface ProgressSink {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressWhen {
  total: number;
  stderrTTY: boolean;
  stdoutTTY: boolean;
  noProgress: boolean;
  format: string;
  /** The report goes to a file (--out), not to stdout. */
  toFile: boolean;
}

/** Whether a run shows the bar. */
export function showProgress(w: ProgressWhen): boolean {
  if (w.noProgress || !w.stderrTTY || w.total < 2) return false;
  // A machine-readable report piped on: whoever reads it does not watch the terminal.
  if (w.format !== 'text' && !w.stdoutTTY && !w.toFile) return false;
  return true;
}

/** Display width, CJK and full-width characters counted as two columns. */
function width(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return n;
}

/** The end of `s` that fits in `room` columns, with … in front when cut. */
function fit(s: string, room: number): string {
  if (width(s) <= room) return s;
  const chars = [...s];
  let out = '';
  let used = 1;
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = width(chars[i]);
    if (used + w > room) break;
    out = chars[i] + out;
    used += w;
  }
  return '…' + out;
}

export class Progress {
  private done = 0;
  private last = 0;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink | undefined,
    private readonly total: number,
    private readonly interval = 80,
    private readonly now: () => number = Date.now,
  ) {}

  /** The bar's line for `done` of `total`, naming `file`: no wider than `columns - 1`. */
  static line(done: number, total: number, file: string, columns = 80): string {
    const cells = 20;
    const full = total ? Math.floor((done / total) * cells) : cells;
    const head = `[${'#'.repeat(full)}${'.'.repeat(cells - full)}] ${done}/${total} `;
    return head + fit(printable(path.basename(file)), Math.max(0, columns - 1 - width(head)));
  }

  /** One more file finished (`file` is the one shown). */
  tick(file: string): void {
    this.done++;
    if (!this.sink) return;
    const t = this.now();
    if (this.drawn && this.done < this.total && t - this.last < this.interval) return;
    this.last = t;
    this.drawn = true;
    // The CLI's stderr is wrapped (output.ts): the terminal's width is read from the process's own stderr.
    const columns = this.sink.columns || (process.stderr.isTTY ? process.stderr.columns : 0) || 80;
    const line = Progress.line(this.done, this.total, file, columns);
    this.sink.write(`\r${line}\x1b[K`);
  }

  /** Clears the bar: the line is empty again for the report. */
  end(): void {
    if (this.sink && this.drawn) this.sink.write('\r\x1b[K');
    this.drawn = false;
  }
}
