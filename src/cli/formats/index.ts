/**
 * The report formats of `goalsheet check` beyond text and JSON (report.ts), and `--out FILE`: the
 * report written to a temporary file beside FILE, then renamed over it, so that FILE is either the
 * old file or the whole new report, never half of one.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import { UsageError } from '../args';
import { printable } from '../output';

export { toCsv } from './csv';
export { toSarif } from './sarif';

export const FORMATS = ['text', 'json', 'csv', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Write `text` to `file` atomically: a temporary file in the same folder, then rename. A failure is a usage error naming the file (exit 2). */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(tmp, text, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new UsageError(`无法写出报告 / cannot write the report ${printable(file)}: ${printable((e as Error).message)}`);
  }
}

/** The one line on stderr after --out. */
export function writtenNote(file: string, en: boolean): string {
  return printable(en ? `Report written to ${file}` : `报告已写入 ${file}`) + '\n';
}
