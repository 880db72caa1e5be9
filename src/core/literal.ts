/**
 * What to write into a cell's value (Office.js Range.values, ET Range.Value2) so the program stores a text as that text. Excel reads a written string as typed
 * input: a leading "=", "+" or "-" makes a formula (the Range.values reference), and a number, a percentage or
 * a date ("100%", "12", "12月31日") becomes a number. Such a text gets Excel's quote prefix ('), which keeps
 * it text and is not part of the value. Numbers are written as numbers.
 */
const PARSED_AS_INPUT = [
  /^[=+\-@']/,
  /^\s*[+-]?(\d[\d,]*(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*%?\s*$/i,
  /^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?\s*$/,
  /^\s*(\d{2,4}年)?\d{1,2}月(\d{1,2}日)?\s*$/,
  /^\s*\d{2,4}年\d{1,2}月?\s*$/,
];

export function literal(v: string | number): string | number {
  return typeof v === 'string' && PARSED_AS_INPUT.some((re) => re.test(v)) ? `'${v}` : v;
}
