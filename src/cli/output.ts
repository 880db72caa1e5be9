/**
 * What the CLI writes, made safe: text from a workbook can never act on the terminal, and a reader that
 * goes away (`goalsheet check … | head`) ends the run quietly instead of with a stack trace.
 */
import { Writable } from 'stream';

/**
 * Characters that must never reach a terminal or a report line as they are: C0 controls (tab and newline
 * too — one finding is one line), DEL, C1 controls (U+0080–U+009F, which include CSI), line and paragraph
 * separators, bidi marks, embeddings, overrides and isolates, and unpaired surrogates.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return NAMED[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * Untrusted text (cell text, sheet, file and form names, reasons quoting them) made safe to print on one
 * line: every control, bidi or line-breaking character is shown as a visible escape (`\x1b`, `\n`,
 * `\u202e`), an unpaired surrogate as U+FFFD. The only place such text is made printable; colour codes
 * of our own are added after it.
 */
export function printable(s: string): string {
  return String(s).replace(UNSAFE, escape);
}

/** printable() for a message of several lines of our own: each line made safe, the line breaks kept. */
export function printableLines(s: string): string {
  return String(s).split('\n').map(printable).join('\n');
}

// JSON.stringify already escapes C0 controls and unpaired surrogates; these it leaves as they are.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A JSON document with the characters JSON.stringify leaves raw written as \u escapes: the same value, nothing that acts on a terminal. */
export function jsonPrintable(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export interface Sink {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** The reader has gone: not a failure of the run, nothing more to write. */
export function readerGone(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
}

/** The first error of each stream, caught by one listener per stream so that it is never an uncaught 'error' event. */
const failures = new WeakMap<object, { error?: NodeJS.ErrnoException }>();

function watch(stream: Sink): { error?: NodeJS.ErrnoException } {
  let state = failures.get(stream);
  if (!state) {
    const s: { error?: NodeJS.ErrnoException } = {};
    failures.set(stream, s);
    const on = (stream as { on?: unknown }).on;
    if (typeof on === 'function') on.call(stream, 'error', (e: NodeJS.ErrnoException) => void (s.error ??= e));
    state = s;
  }
  return state;
}

/**
 * A stream to write the CLI's output to: a write that fails (thrown, emitted or through the write's
 * callback) is recorded instead of thrown, and everything after it is dropped.
 */
export class Output implements Sink {
  private readonly state: { error?: NodeJS.ErrnoException };
  private pending: Promise<void>[] = [];

  constructor(private readonly stream: Sink) {
    this.state = watch(stream);
  }

  get isTTY(): boolean | undefined {
    return this.stream.isTTY;
  }

  /** The first error writing failed with, if any. */
  get error(): NodeJS.ErrnoException | undefined {
    return this.state.error;
  }

  write(s: string): boolean {
    if (this.state.error) return false;
    try {
      const stream = this.stream;
      if (stream instanceof Writable) {
        this.pending.push(
          new Promise<void>((resolve) => {
            stream.write(s, (e) => {
              if (e) this.state.error ??= e;
              resolve();
            });
          }),
        );
      } else stream.write(s);
    } catch (e) {
      this.state.error ??= e as NodeJS.ErrnoException;
    }
    return !this.state.error;
  }

  /** Waits until everything written has been taken by the stream, or has failed; the first error, if any. */
  async settle(): Promise<NodeJS.ErrnoException | undefined> {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
    return this.state.error;
  }
}
