/**
 * The package structure of an .xlsx, read the way Excel reads it: the workbook part named by
 * _rels/.rels, its sheets in order, and each sheet's part found through the workbook's relationships
 * (r:id → Target), whatever the part is called.
 */

export interface Relationship {
  id: string;
  /** The last segment of the type URI: "worksheet", "sharedStrings", "styles", "officeDocument" … */
  type: string;
  /** Resolved to a part name ("xl/worksheets/data.xml"); undefined for external targets. */
  part?: string;
}

export interface SheetEntry {
  name: string;
  rid: string;
}

const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a start tag's text, by name (prefixed names kept as written). */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(tag); m; m = ATTR.exec(tag)) out.set(m[1], unescapeXml(m[2] ?? m[3]));
  return out;
}

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (all, hex: string, dec: string, named: string) => {
    if (named) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named] ?? all;
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** The relationships of a .rels part, their targets resolved against the folder of the part they belong to. */
export function relationships(xml: string, baseDir: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (!id || target === undefined) continue;
    const type = (a.get('Type') ?? '').replace(/.*\//, '');
    out.push({ id, type, part: a.get('TargetMode') === 'External' ? undefined : resolvePart(baseDir, target) });
  }
  return out;
}

/** "worksheets/../worksheets/a.xml" against "xl" → "xl/worksheets/a.xml"; "/xl/a.xml" is absolute. */
export function resolvePart(baseDir: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // a stray % is part of the name
  }
  const parts = t.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The folder of a part and the name of its .rels part. */
export function relsPartOf(part: string): { dir: string; rels: string } {
  const i = part.lastIndexOf('/');
  const dir = i < 0 ? '' : part.slice(0, i);
  return { dir, rels: `${dir ? dir + '/' : ''}_rels/${part.slice(i + 1)}.rels` };
}

/** The workbook's sheets in tab order, and whether its dates count from 1904. */
export function workbookSheets(xml: string): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  const list = /<(?:[\w.-]+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?sheets>/.exec(xml);
  if (list) {
    for (const m of list[1].matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
      const a = attributes(m[1]);
      let rid: string | undefined;
      for (const [k, v] of a) if (/:id$/.test(k)) rid = v;
      if (rid !== undefined) sheets.push({ name: a.get('name') ?? '', rid });
    }
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(xml);
  const d = pr ? attributes(pr[1]).get('date1904') : undefined;
  return { sheets, date1904: d === '1' || d === 'true' };
}

