/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\, no leading or trailing apostrophe, unique ignoring case. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 2)}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}
