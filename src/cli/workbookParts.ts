/**
 * The package structure of an .xlsx, read the way Excel reads it: the workbook part named by
 * _rels/.rels, its sheets in order, and each sheet's part found through the workbook's relationships
 * (r:id → Target), whatever the part is called; and the namespaces and XML helpers the reader
 * (loadWorkbook.ts, sheetXml.ts) and the annotated copies (annotate/patch.ts) share.
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

/** Namespaces and content types of the parts the command line writes. */
export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CT_SML = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

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

/** The part of the first relationship of `type` ("officeDocument", "styles" …) whose part the package holds (`has`). */
export function relatedPart(rels: readonly Relationship[], type: string, has: (part: string) => unknown): string | undefined {
  return rels.find((r) => r.type === type && r.part && has(r.part))?.part;
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

/** `s` matched literally inside a RegExp (a namespace prefix such as "x:"). */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
