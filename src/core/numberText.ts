/** A number as a spreadsheet shows it under a number format (numfmt); a format numfmt cannot read shows as General. */
import * as numfmt from 'numfmt';

const formatCache = new Map<string, (v: number) => string>();

export function renderNumber(format: string | undefined, value: number): string {
  const fmt = format && format.trim() ? format : 'General';
  let f = formatCache.get(fmt);
  if (!f) {
    try {
      const fn = numfmt.format;
      f = (v: number) => fn(fmt, v);
      f(1); // a malformed code throws here, once
    } catch {
      f = (v: number) => numfmt.format('General', v);
    }
    formatCache.set(fmt, f);
  }
  return f(value);
}
