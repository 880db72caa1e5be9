/**
 * The marks of `goalsheet annotate`, written into a copy of the workbook's zip by patching its XML, so that
 * nothing the check does not understand is lost: every part left alone is copied byte for byte.
 *
 * Changed: each marked sheet's XML (one <conditionalFormatting> per severity, placed where CT_Worksheet wants
 * it, and a <legacyDrawing> when the sheet had no notes), styles.xml (a dxf per severity, appended; fonts and
 * cell formats for the results sheet, appended), the sheets' comments and VML drawings (our notes added where a
 * cell has none), the workbook (the results sheet added last), its relationships and [Content_Types].xml.
 */
import { FILE_BUDGET, Refused, mb, type FileBudget } from '../budget';
import { compareA1, fromA1 } from '../../core/grid';
import { isMarkFormula, markFormula, SEVERITY_FILL, SEVERITY_WORD, type CellMark } from '../../core/marks';
import type { Finding, Locale, Severity } from '../../core/rules/types';
import { CT_SML, MAIN, PKG_REL, REL, XML_DECL, attributes, escapeRe, relatedPart, relationships, relsPartOf, unescapeXml, workbookSheets } from '../workbookParts';
import { unprefix } from '../sheetXml';
import { inflatePart, zipDirectory, type ZipEntry } from '../zipParts';
import { writeZip, type OutEntry } from './zip';

export const RESULTS_SHEET = '校验结果';
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** What was written into one copy. */
export interface Annotated {
  zip: Buffer;
  /** The name the results sheet got (校验结果, or 校验结果 (2) … when taken). */
  resultsSheet: string;
  marks: number;
  notes: number;
  /** Marked cells that kept their own note or comment (the explanation is in the results sheet). */
  keptNotes: number;
}

/** Text for XML: markup escaped; characters XML 1.0 cannot carry written as Excel's _xHHHH_. */
export function xmlText(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 cannot carry
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

interface Child {
  name: string;
  start: number;
  end: number;
}

const TAG = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)(?:[\w.-]+:)?([\w.-]+)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g;

/**
 * The children of the root element from `from` on (a position between two of them), by local name, and where
 * the root closes.
 */
function children(xml: string, from: number): { list: Child[]; close: number } {
  const list: Child[] = [];
  let depth = 0;
  let current: Child | undefined;
  TAG.lastIndex = from;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    if (m[2] === undefined) continue; // comment, PI, CDATA
    const selfClosing = m[0].endsWith('/>');
    if (m[1]) {
      if (depth === 0) return { list, close: m.index };
      depth--;
      if (depth === 0 && current) {
        current.end = m.index + m[0].length;
        current = undefined;
      }
    } else if (depth === 0) {
      const c = { name: m[2], start: m.index, end: m.index + m[0].length };
      list.push(c);
      if (!selfClosing) {
        depth = 1;
        current = c;
      }
    } else if (!selfClosing) depth++;
  }
  throw new Error('the root element is not closed');
}

/** The root element's start tag: its prefix ("x:" or ""), and where its content begins. */
function root(xml: string, name: string): { prefix: string; tag: string; contentStart: number } {
  const m = new RegExp(`<([\\w.-]+:)?${name}(?=[\\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>`).exec(xml);
  if (!m) throw new Error(`no <${name}> element`);
  if (m[0].endsWith('/>')) throw new Error(`empty <${name}> element`);
  return { prefix: m[1] ?? '', tag: m[0], contentStart: m.index + m[0].length };
}

/** Insert `text` into `xml` before the first root child named in `before`, else before the root's end tag. */
function insertBefore(xml: string, from: number, before: string[], text: string): string {
  const { list, close } = children(xml, from);
  const at = list.find((c) => before.includes(c.name))?.start ?? close;
  return xml.slice(0, at) + text + xml.slice(at);
}

/** CT_Worksheet's elements after conditionalFormatting, in order. */
const AFTER_CONDITIONAL_FORMATTING = [
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF',
  'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
];
const AFTER_LEGACY_DRAWING = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
/** CT_Stylesheet's elements after dxfs. */
const AFTER_DXFS = ['tableStyles', 'colors', 'extLst'];

/** Where the root's children after sheetData begin (sheetData and what precedes it are never touched). */
function afterSheetData(xml: string, prefix: string, contentStart: number): number {
  const m = new RegExp(`<${escapeRe(prefix)}sheetData(?=[\\s/>])[^>]*?(/?)>`).exec(xml.slice(contentStart));
  if (!m) return contentStart;
  const at = contentStart + m.index;
  if (m[1]) return at + m[0].length;
  const close = xml.indexOf(`</${prefix}sheetData>`, at);
  if (close < 0) throw new Error('sheetData is not closed');
  return close + `</${prefix}sheetData>`.length;
}

/** Unprefixed markup of ours in the namespace prefix of the part it goes into ("x:" or ""). */
const prefixed = (markup: string, prefix: string) => (prefix ? markup.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`) : markup);

/** "$e$10" → "E10". */
const plainRef = (ref: string) => ref.replace(/\$/g, '').toUpperCase();

/** A part name not yet in `taken` (lower-case names): `make(1)`, `make(2)` … */
function freshName(taken: Set<string>, make: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const name = make(n);
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** A relationship id not used in `xml`. */
function freshRid(xml: string, base = 'rIdGoalsheet'): string {
  const used = new Set([...xml.matchAll(/\bId\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]));
  for (let n = 1; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

/** `part` as a relationship target relative to the folder `fromDir` ("xl/worksheets", "xl/comments1.xml" → "../comments1.xml"). */
export function relativeTarget(fromDir: string, part: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = part.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

function addRelationship(relsXml: string | undefined, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${REL}/${type}" Target="${xmlText(target)}"/>`;
  if (relsXml === undefined) return `${XML_DECL}<Relationships xmlns="${PKG_REL}">${rel}</Relationships>`;
  const r = root(relsXml, 'Relationships');
  const { close } = children(relsXml, r.contentStart);
  return relsXml.slice(0, close) + (r.prefix ? rel.replace(/<Relationship /, `<${r.prefix}Relationship `) : rel) + relsXml.slice(close);
}

function addContentType(xml: string, entry: string): string {
  const r = root(xml, 'Types');
  const { close } = children(xml, r.contentStart);
  return xml.slice(0, close) + (r.prefix ? entry.replace(/^</, `<${r.prefix}`) : entry) + xml.slice(close);
}

/** Count the direct children called `child` of the element called `list` (0 when absent). */
function section(xml: string, prefix: string, list: string): { start: number; end: number; inner: number; count: number; selfClosing: boolean } | undefined {
  const m = new RegExp(`<${escapeRe(prefix)}${list}(?=[\\s/>])[^>]*?(/?)>`).exec(xml);
  if (!m) return undefined;
  if (m[1]) return { start: m.index, end: m.index + m[0].length, inner: m.index + m[0].length, count: 0, selfClosing: true };
  const inner = m.index + m[0].length;
  const close = xml.indexOf(`</${prefix}${list}>`, inner);
  if (close < 0) throw new Error(`<${list}> is not closed`);
  const { list: items } = children(`<r>${xml.slice(inner, close)}</r>`, 3);
  return { start: m.index, end: close + `</${prefix}${list}>`.length, inner, count: items.length, selfClosing: false };
}

/** Append `items` (unprefixed markup) to the list element `list`, its count attribute updated; the index of the first. */
function appendToList(xml: string, prefix: string, list: string, items: string[], missing: (xml: string, element: string) => string, counted = true): { xml: string; first: number } {
  const s = section(xml, prefix, list);
  if (!s) {
    const element = prefixed(`<${list}${counted ? ` count="${items.length}"` : ''}>${items.join('')}</${list}>`, prefix);
    return { xml: missing(xml, element), first: 0 };
  }
  const total = s.count + items.length;
  const open = xml.slice(s.start, s.inner).replace(/\/>$/, '>');
  const start = !counted ? open : /\scount\s*=\s*["'][^"']*["']/.test(open) ? open.replace(/(\scount\s*=\s*)["'][^"']*["']/, `$1"${total}"`) : open.replace(/^(<[^\s>/]+)/, `$1 count="${total}"`);
  const body = s.selfClosing ? '' : xml.slice(s.inner, s.end - `</${prefix}${list}>`.length);
  return { xml: xml.slice(0, s.start) + start + body + prefixed(items.join(''), prefix) + `</${prefix}${list}>` + xml.slice(s.end), first: s.count };
}

const argb = (hex: string) => `FF${hex.replace(/^#/, '').toUpperCase()}`;

const MINIMAL_STYLES =
  `${XML_DECL}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

interface Styles {
  xml: string;
  dxf: Record<Severity, number>;
  header: number;
  link: number;
  wrap: number;
}

/** styles.xml with our dxfs, and the fonts and cell formats of the results sheet, appended. */
function patchStyles(xml: string): Styles {
  const r = root(xml, 'styleSheet');
  const p = r.prefix;
  const { xml: withDxfs, first: dxf0 } = appendToList(
    xml,
    p,
    'dxfs',
    SEVERITIES.map((s) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(SEVERITY_FILL[s])}"/></patternFill></fill></dxf>`),
    (x, element) => insertBefore(x, root(x, 'styleSheet').contentStart, AFTER_DXFS, element),
  );
  // Fonts: the default font, bold (header) and as a link (blue, underlined).
  const fonts = section(withDxfs, p, 'fonts');
  const firstFont = fonts && !fonts.selfClosing ? new RegExp(`<${escapeRe(p)}font(?=[\\s/>])(?:[^>]*?/>|[\\s\\S]*?</${escapeRe(p)}font>)`).exec(withDxfs.slice(fonts.inner)) : null;
  const base = firstFont ? firstFont[0].replace(/^<[^>]*?\/>$/, `<${p}font></${p}font>`) : `<${p}font><${p}sz val="11"/></${p}font>`;
  const inner = base.replace(/^<[^>]*>/, '').replace(new RegExp(`</${escapeRe(p)}font>$`), '');
  const unprefixed = p ? unprefix(inner, p) : inner;
  const plain = unprefixed.replace(/<(b|u|color)(?=[\s/>])(?:[^>]*?\/>|[\s\S]*?<\/\1>)/g, '');
  const { xml: withFonts, first: font0 } = appendToList(withDxfs, p, 'fonts', [`<font><b/>${plain}</font>`, `<font><u/><color rgb="FF0563C1"/>${plain}</font>`], (x) => x);
  const xf = (fontId: number, extra = '') =>
    `<xf numFmtId="0" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fontId ? ' applyFont="1"' : ''}${extra ? ' applyAlignment="1"' : ''}>${extra}</xf>`;
  const top = '<alignment vertical="top"/>';
  const { xml: out, first: xf0 } = appendToList(
    withFonts,
    p,
    'cellXfs',
    [xf(font0, top), xf(font0 + 1, top), xf(0, '<alignment vertical="top" wrapText="1"/>')],
    (x) => x,
  );
  if (!section(out, p, 'cellXfs')) throw new Error('styles.xml has no cellXfs');
  return { xml: out, dxf: { error: dxf0, warning: dxf0 + 1, info: dxf0 + 2 }, header: xf0, link: xf0 + 1, wrap: xf0 + 2 };
}

/** The sheet without the conditional formats whose every rule is one of ours (markFormula). */
function withoutOurFormats(xml: string): string {
  const r = root(xml, 'worksheet');
  const { list } = children(xml, afterSheetData(xml, r.prefix, r.contentStart));
  let out = xml;
  for (const c of list.filter((x) => x.name === 'conditionalFormatting').reverse()) {
    const element = xml.slice(c.start, c.end);
    const rules = [...element.matchAll(/<(?:[\w.-]+:)?cfRule\b[\s\S]*?(?:<\/(?:[\w.-]+:)?cfRule>|\/>)/g)].map((m) => m[0]);
    const ours = (rule: string) => {
      const f = /<(?:[\w.-]+:)?formula\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?formula>/.exec(rule);
      return !!f && isMarkFormula(`=${unescapeXml(f[1])}`);
    };
    if (rules.length && rules.every(ours)) out = out.slice(0, c.start) + out.slice(c.end);
  }
  return out;
}

/** One worksheet's conditional formats, one per severity over its marked cells. */
function conditionalFormats(sheetXml: string, marks: CellMark[], styles: Styles): string {
  let priority = Math.max(0, ...[...sheetXml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\spriority\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1])));
  return SEVERITIES.flatMap((s) => {
    const cells = marks.filter((m) => m.severity === s).map((m) => m.cell);
    if (!cells.length) return [];
    return [
      `<conditionalFormatting sqref="${cells.join(' ')}"><cfRule type="expression" dxfId="${styles.dxf[s]}" priority="${++priority}"><formula>${xmlText(markFormula(s).slice(1))}</formula></cfRule></conditionalFormatting>`,
    ];
  }).join('');
}

const VML_NS = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteShape(id: number, cell: string): string {
  const { row, col } = fromA1(cell)!;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:216pt;height:90pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 5}, 15, ${row + 6}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

const commentXml = (ref: string, author: number, text: string) =>
  `<comment ref="${ref}" authorId="${author}"><text><r><t xml:space="preserve">${xmlText(text)}</t></r></text></comment>`;

/** The workbook's sheet names in use (lower case), and a fresh one for the results. */
function resultsName(names: string[]): string {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  if (!taken.has(RESULTS_SHEET)) return RESULTS_SHEET;
  for (let n = 2; ; n++) if (!taken.has(`${RESULTS_SHEET} (${n})`)) return `${RESULTS_SHEET} (${n})`;
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;
const formulaString = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The results sheet: one row per finding, a link to its cell, frozen header, autofilter. */
function resultsSheet(findings: Finding[], order: string[], styles: Styles, locale: Locale): string {
  const rank = new Map(order.map((n, i) => [n, i]));
  const sorted = [...findings].sort((a, b) => (rank.get(a.sheet) ?? 1e9) - (rank.get(b.sheet) ?? 1e9) || compareA1(a.cell, b.cell));
  const str = (ref: string, text: string, style: number) => `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xmlText(text.slice(0, 32767))}</t></is></c>`;
  const header = ['工作表', '单元格', '严重程度', '规则', '说明'];
  const rows = [`<row r="1">${header.map((h, i) => str(`${'ABCDE'[i]}1`, h, styles.header)).join('')}</row>`];
  sorted.forEach((f, i) => {
    const r = i + 2;
    const link = `HYPERLINK(${formulaString(`#${quoteSheet(f.sheet)}!${f.cell}`)},${formulaString(f.cell)})`;
    rows.push(
      `<row r="${r}">${str(`A${r}`, f.sheet, styles.wrap)}<c r="B${r}" s="${styles.link}" t="str"><f>${xmlText(link)}</f><v>${xmlText(f.cell)}</v></c>` +
        `${str(`C${r}`, SEVERITY_WORD[locale][f.severity], styles.wrap)}${str(`D${r}`, f.ruleId, styles.wrap)}${str(`E${r}`, f.message, styles.wrap)}</row>`,
    );
  });
  const last = `E${sorted.length + 1}`;
  const widths = [16, 10, 10, 12, 80];
  return (
    `${XML_DECL}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData><autoFilter ref="A1:${last}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

/**
 * A copy of the workbook in `data` with `marks` (planMarks of `findings`) and a results sheet. Throws Refused
 * for a file over the budget, Error for one whose structure cannot be patched.
 */
export function annotateWorkbook(data: Buffer, marks: CellMark[], findings: Finding[], locale: Locale, budget: FileBudget = FILE_BUDGET): Annotated {
  const zip = zipDirectory(data, budget);
  const taken = new Set(zip.keys());
  const changed = new Map<string, Buffer>(); // lower-case name → new bytes
  const added: { name: string; data: Buffer }[] = [];
  const entry = (part: string) => zip.get(part.toLowerCase());
  const read = (part: string): string | undefined => {
    const e = entry(part);
    if (!e) return undefined;
    const buf = inflatePart(data, e, budget.partBytes, () => new Refused(`部件过大（${e.name}） / a part is over ${mb(budget.partBytes)} MB (${e.name})`));
    return buf.toString('utf8').replace(/^\uFEFF/, '');
  };
  const write = (part: string, text: string) => {
    const e = entry(part);
    if (e) changed.set(e.name.toLowerCase(), Buffer.from(text, 'utf8'));
    else added.push({ name: part, data: Buffer.from(text, 'utf8') });
  };

  let types = read('[Content_Types].xml');
  if (types === undefined) throw new Error('no [Content_Types].xml');
  const rootRels = read('_rels/.rels') ?? '';
  const workbookPart = relatedPart(relationships(rootRels, ''), 'officeDocument', entry) ?? 'xl/workbook.xml';
  let workbookXml = read(workbookPart);
  if (workbookXml === undefined) throw new Error('no workbook part');
  const { dir, rels: wbRelsPart } = relsPartOf(workbookPart);
  let wbRels = read(wbRelsPart) ?? `${XML_DECL}<Relationships xmlns="${PKG_REL}"></Relationships>`;
  const wbRelList = relationships(wbRels, dir);
  const { sheets } = workbookSheets(workbookXml);

  // Styles: our dxfs and the results sheet's formats.
  let stylesPart = relatedPart(wbRelList, 'styles', entry);
  let stylesXml: string;
  if (stylesPart) stylesXml = read(stylesPart)!;
  else {
    stylesPart = freshName(taken, (n) => `${dir ? dir + '/' : ''}styles${n === 1 ? '' : n}.xml`);
    stylesXml = MINIMAL_STYLES;
    wbRels = addRelationship(wbRels, freshRid(wbRels), 'styles', relativeTarget(dir, stylesPart));
    types = addContentType(types, `<Override PartName="/${stylesPart}" ContentType="${CT_SML}.styles+xml"/>`);
  }
  const styles = patchStyles(stylesXml);
  write(stylesPart, styles.xml);

  const partOfSheet = new Map<string, string>();
  for (const s of sheets) {
    const rel = wbRelList.find((r) => r.id === s.rid);
    if (rel?.type === 'worksheet' && rel.part && entry(rel.part)) partOfSheet.set(s.name, rel.part);
  }

  let notes = 0;
  let keptNotes = 0;
  let idmap = 1000;
  const bySheet = new Map<string, CellMark[]>();
  for (const m of marks) if (partOfSheet.has(m.sheet)) bySheet.set(m.sheet, [...(bySheet.get(m.sheet) ?? []), m]);
  for (const [name, part] of partOfSheet) {
    const list = bySheet.get(name);
    const found = read(part)!;
    // Marks of an earlier check (the add-in's, or a copy annotated before) give way to this one's.
    let xml = found.includes('goalsheet:') ? withoutOurFormats(found) : found;
    if (!list) {
      if (xml !== found) write(part, xml);
      continue;
    }
    const r = root(xml, 'worksheet');
    const p = r.prefix;
    const { dir: sheetDir, rels: sheetRelsPart } = relsPartOf(part);
    let sheetRels = read(sheetRelsPart);
    const rels = relationships(sheetRels ?? '', sheetDir);

    // Notes: into the sheet's comments part (made when it has none), never over a cell's own note or comment.
    let commentsPart = relatedPart(rels, 'comments', entry);
    let comments = commentsPart ? read(commentsPart)! : undefined;
    const own = new Set(comments ? [...comments.matchAll(/<(?:[\w.-]+:)?comment\b([^>]*)>/g)].map((m) => plainRef(attributes(m[1]).get('ref') ?? '')) : []);
    const noted = list.filter((m) => !own.has(m.cell));
    keptNotes += list.length - noted.length;
    if (noted.length) {
      if (!comments || !commentsPart) {
        commentsPart = freshName(taken, (n) => `xl/comments${n}.xml`);
        comments = `${XML_DECL}<comments xmlns="${MAIN}"><authors></authors><commentList></commentList></comments>`;
        const rid = freshRid(sheetRels ?? '');
        sheetRels = addRelationship(sheetRels, rid, 'comments', relativeTarget(sheetDir, commentsPart));
        types = addContentType(types, `<Override PartName="/${commentsPart}" ContentType="${CT_SML}.comments+xml"/>`);
      }
      const cp = root(comments, 'comments').prefix;
      const { xml: withAuthor, first: author } = appendToList(
        comments,
        cp,
        'authors',
        ['<author>goalsheet</author>'],
        (x, element) => x.replace(/(<(?:[\w.-]+:)?comments\b[^>]*>)/, `$1${element}`),
        false,
      );
      comments = appendToList(
        withAuthor,
        cp,
        'commentList',
        noted.map((m) => commentXml(m.cell, author, m.text)),
        (x, element) => insertBefore(x, root(x, 'comments').contentStart, ['extLst'], element),
        false,
      ).xml;
      write(commentsPart, comments);

      // The VML drawing that shows them: the sheet's own (its <legacyDrawing>), or a new one.
      const legacy = new RegExp(`<${escapeRe(p)}legacyDrawing\\b([^>]*)>`).exec(xml.slice(afterSheetData(xml, p, r.contentStart)));
      const legacyRid = legacy ? [...attributes(legacy[1])].find(([k]) => /(^|:)id$/.test(k))?.[1] : undefined;
      const vmlPart = legacyRid ? rels.find((x) => x.id === legacyRid && x.part && entry(x.part))?.part : undefined;
      if (vmlPart) {
        let vml = read(vmlPart)!;
        let next = Math.max(1024, ...[...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]))) + 1;
        if (!/id\s*=\s*["']_x0000_t202["']/.test(vml)) vml = vml.replace(/(<\/o:shapelayout>|<xml\b[^>]*>)/, `$1${SHAPETYPE}`);
        const shapes = noted.map((m) => noteShape(next++, m.cell)).join('');
        const close = vml.lastIndexOf('</xml>');
        if (close < 0) throw new Error(`${vmlPart} is not a VML drawing`);
        write(vmlPart, vml.slice(0, close) + shapes + vml.slice(close));
      } else {
        if (legacy) throw new Error(`sheet "${name}": its legacy drawing part is missing`);
        idmap++;
        const newVml = freshName(taken, (n) => `xl/drawings/vmlDrawing${n}.vml`);
        const vml =
          `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${SHAPETYPE}` +
          `${noted.map((m, i) => noteShape(idmap * 1024 + 1 + i, m.cell)).join('')}</xml>`;
        write(newVml, vml);
        const rid = freshRid(sheetRels ?? '');
        sheetRels = addRelationship(sheetRels, rid, 'vmlDrawing', relativeTarget(sheetDir, newVml));
        if (!/<(?:[\w.-]+:)?Default\b[^>]*Extension\s*=\s*["']vml["']/i.test(types)) {
          types = addContentType(types, '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>');
        }
        xml = insertBefore(xml, afterSheetData(xml, p, r.contentStart), AFTER_LEGACY_DRAWING, prefixed(`<legacyDrawing r:id="${rid}"/>`, p).replace(/ r:id=/, ` xmlns:r="${REL}" r:id=`));
      }
      notes += noted.length;
      write(sheetRelsPart, sheetRels!);
    }

    xml = insertBefore(xml, afterSheetData(xml, p, r.contentStart), AFTER_CONDITIONAL_FORMATTING, prefixed(conditionalFormats(xml, list, styles), p));
    write(part, xml);
  }

  // The results sheet, last.
  const resultsSheetName = resultsName(sheets.map((s) => s.name));
  const resultsPart = freshName(taken, (n) => `xl/worksheets/sheet${n}.xml`);
  write(resultsPart, resultsSheet(findings, sheets.map((s) => s.name), styles, locale));
  const rid = freshRid(wbRels);
  wbRels = addRelationship(wbRels, rid, 'worksheet', relativeTarget(dir, resultsPart));
  types = addContentType(types, `<Override PartName="/${resultsPart}" ContentType="${CT_SML}.worksheet+xml"/>`);
  const wr = root(workbookXml, 'workbook');
  const sheetIds = [...workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*?\ssheetId\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]));
  const rPrefix = /\sxmlns:([\w.-]+)\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships["']/.exec(wr.tag)?.[1];
  const sheetEl = `<${wr.prefix}sheet name="${xmlText(resultsSheetName)}" sheetId="${Math.max(0, ...sheetIds) + 1}" ${rPrefix ? `${rPrefix}:id` : `xmlns:r="${REL}" r:id`}="${rid}"/>`;
  const sheetsList = new RegExp(`</${escapeRe(wr.prefix)}sheets>`).exec(workbookXml);
  if (!sheetsList) throw new Error('the workbook lists no sheets');
  workbookXml = workbookXml.slice(0, sheetsList.index) + sheetEl + workbookXml.slice(sheetsList.index);
  write(workbookPart, workbookXml);
  write(wbRelsPart, wbRels);
  write('[Content_Types].xml', types);

  const out: OutEntry[] = [...zip.values()].map((e: ZipEntry) => {
    const data = changed.get(e.name.toLowerCase());
    return data ? { name: e.name, data } : { name: e.name, raw: e };
  });
  out.push(...added);
  return { zip: writeZip(data, out), resultsSheet: resultsSheetName, marks: marks.filter((m) => partOfSheet.has(m.sheet)).length, notes, keptNotes };
}
