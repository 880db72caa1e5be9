/**
 * The report formats of `goalsheet check` beyond text and JSON (report.ts), and `--out FILE`: the
 * report written to a temporary file beside FILE, then renamed over it, so that FILE is either the
 * old file or the whole new report, never half of one.
 */
import { promises as fs } from 'fs';
import { replaceFile } from '../replaceFile';
import { UsageError } from '../args';
import { printable } from '../output';

export { toCsv } from './csv';
export { toSarif } from './sarif';

export const FORMATS = ['text', 'json', 'csv', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** Write `text` to `file` atomically: a temporary file in the same folder, then rename. A failure is a usage error naming the file (exit 2). */
export async function writeAtomically(file: string, text: string): Promise<void> {
  try {
    await replaceFile(file, (tmp) => fs.writeFile(tmp, text, { flag: 'wx' }));
  } catch (e) {
    throw new UsageError(`无法写出报告 / cannot write the report ${printable(file)}: ${printable((e as Error).message)}`);
  }
}

/** The one line on stderr after --out. */
export function writtenNote(file: string, en: boolean): string {
  return printable(en ? `Report written to ${file}` : `报告已写入 ${file}`) + '\n';
}
