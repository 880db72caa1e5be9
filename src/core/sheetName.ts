/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, no leading or trailing apostrophe, unique ignoring case. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = trimApostrophes(wanted.replace(/[[\]:*?/\\]/g, '')).trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Without leading and trailing apostrophes, found by loops from both ends: /^'+|'+$/g took quadratic time on a
 * long run of apostrophes inside a name, retrying '+$ from each of them (issue 11).
 */
function trimApostrophes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === "'") start++;
  while (end > start && s[end - 1] === "'") end--;
  return s.slice(start, end);
}

/**
 * Why Excel would refuse a sheet name, or undefined when it would take it: empty, over 31
 * characters, one of []:*?/\, an apostrophe first or last, the reserved "History", or the name of
 * an earlier sheet (ignoring case; pass the lower-cased names seen so far).
 */
export function sheetNameProblem(name: string, earlier: ReadonlySet<string> = new Set()): string | undefined {
  if (name === '') return '工作表名称为空 / the sheet name is empty';
  if (name.length > 31) return `工作表名称超过 31 个字符（${name.length} 个） / the sheet name is longer than 31 characters (${name.length})`;
  if (/[[\]:*?/\\]/.test(name)) return '工作表名称含有 Excel 不允许的字符 []:*?/\\ / the sheet name contains one of []:*?/\\';
  if (name.startsWith("'") || name.endsWith("'")) return '工作表名称以单引号开头或结尾 / the sheet name begins or ends with an apostrophe';
  if (name.toLowerCase() === 'history') return '“History”是 Excel 保留的工作表名称 / "History" is a name Excel reserves';
  if (earlier.has(name.toLowerCase())) return '工作表名称与前面的工作表重复 / the sheet name repeats an earlier sheet\'s';
  return undefined;
}
