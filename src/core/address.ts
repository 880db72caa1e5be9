/** A1 addresses as Office.js writes and reads them ("'My sheet'!A1:F20"). */
import { fromA1, toA1, type Area } from './grid';

export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function areaA1(a: Area): string {
  const tl = toA1(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${toA1(a.bottom, a.right)}`;
}

export function qualified(sheet: string, a: Area): string {
  return `${quoteSheet(sheet)}!${areaA1(a)}`;
}

/** "Sheet!A1:B2" or "A1:B2" → sheet (if named) and area; whole columns/rows are not needed here. */
export function parseAddress(address: string): { sheet?: string; area: Area } | undefined {
  let sheet: string | undefined;
  let ref = address.trim();
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    sheet = ref.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = ref.slice(bang + 1);
  }
  const [a, b = a] = ref.split(':');
  const p = fromA1(a);
  const q = fromA1(b);
  if (!p || !q) return undefined;
  return {
    sheet,
    area: { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) },
  };
}

/**
 * "'a,b'!A1:B2,'a,b'!C3:D4" → its addresses. A sheet name may hold commas (and quotes, doubled), so the
 * list is split only at commas outside quotes.
 */
export function splitAddresses(list: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of list) {
    if (ch === "'") quoted = !quoted; // a doubled quote toggles twice: still inside
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
