/**
 * Open an .xlsx file for checking, turning every way it can fail into a one-line reason.
 *
 * The zip is read here, not by exceljs: its central directory is checked against FILE_BUDGET, then
 * only the parts the check needs are inflated (each under a hard limit) — the workbook, its
 * relationships, the worksheets it names (whatever their parts are called), shared strings and
 * styles; never media, drawings or embeddings. Each sheet is measured and cut down (sheetXml.ts),
 * and exceljs gets a rebuilt, uncompressed zip of those parts under the names it expects
 * (xl/worksheets/sheetN.xml) and placeholder sheet names it cannot reject. The grids carry the real
 * names and the merges read here.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import type { Area, Grid } from '../core/grid';
import { addinSettings } from './addinSettings';
import { SETTINGS_SHEET, SIGNATURE, settingsOfRows } from '../core/settingsSheet';
import { FILE_BUDGET, Refused, count, mb, type FileBudget } from './budget';
import { worksheetToGrid } from './readXlsx';
import { prepareSheet, rootPrefix, unprefix } from './sheetXml';
import { sheetNameProblem } from '../core/sheetName';
import { CT_SML, MAIN, PKG_REL, REL, XML_DECL, relatedPart, relationships, relsPartOf, workbookSheets } from './workbookParts';
import { inflatePart, storedZip, zipDirectory, type ZipEntry } from './zipParts';

/** A sheet read under a name Excel would refuse: the caller reports it; it is no reason to skip the file. */
export interface BadSheetName {
  sheet: string;
  /** One line, Chinese first. */
  reason: string;
}

export type Loaded = {
  grids: Grid[];
  badSheetNames: BadSheetName[];
  /** The add-in's settings the file carries (goalsheet.*), raw as stored (addinSettings.ts). */
  settings: Record<string, string>;
} | { error: string };

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The add-in's settings sheet: its name, and the signature in A1. */
function isSettingsSheet(g: Grid): boolean {
  return g.sheet === SETTINGS_SHEET && g.top === 0 && g.left === 0 && g.cells[0]?.[0]?.text === SIGNATURE;
}

export async function loadWorkbook(file: string, budget: FileBudget = FILE_BUDGET): Promise<Loaded> {
  let data: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { error: ioReason({ code: 'EISDIR' } as NodeJS.ErrnoException) };
    // A FIFO or a device would block the read or never end.
    if (!stat.isFile()) return { error: '不是普通文件 / not a regular file' };
    if (stat.size > budget.compressedBytes) return { error: tooLarge(stat.size, budget) };
    data = await fs.readFile(file);
  } catch (e) {
    return { error: ioReason(e as NodeJS.ErrnoException) };
  }
  if (data.length > budget.compressedBytes) return { error: tooLarge(data.length, budget) };
  if (data.length === 0) return { error: '文件为空（0 字节） / the file is empty' };
  if (data.subarray(0, 4).equals(OLE)) return { error: oleReason(data) };
  if (!data.subarray(0, 4).equals(ZIP)) return { error: '不是 .xlsx 文件（文件内容不是 Excel 工作簿） / not an .xlsx workbook' };
  try {
    return await quietly(() => read(data, budget));
  } catch (e) {
    if (e instanceof Refused) return { error: e.message };
    return { error: `文件已损坏，无法打开 / the file is corrupt: ${oneLine((e as Error).message)}` };
  }
}

async function read(data: Buffer, budget: FileBudget): Promise<Loaded> {
  const zip = zipDirectory(data, budget);
  const entry = (part: string) => zip.get(part.toLowerCase());
  let inflated = 0;
  const bytes = (part: string): Buffer | undefined => {
    const e = entry(part);
    if (!e) return undefined;
    const room = budget.uncompressedBytes - inflated;
    const limit = Math.min(budget.partBytes, room);
    const buf = inflatePart(data, e, limit, () => overBudget(e, limit === room ? budget.uncompressedBytes : budget.partBytes));
    inflated += buf.length;
    return buf;
  };
  const text = (part: string) => {
    const buf = bytes(part);
    return buf && buf.toString('utf8').replace(/^\uFEFF/, '');
  };

  // The workbook part is the one _rels/.rels names (xl/workbook.xml almost always).
  const rootRels = text('_rels/.rels');
  const named = rootRels ? relatedPart(relationships(rootRels, ''), 'officeDocument', entry) : undefined;
  const workbookPart = named ?? (entry('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
  const workbookXml = workbookPart && text(workbookPart);
  if (!workbookPart || workbookXml === undefined) throw new Refused('不是 .xlsx 文件（其中没有工作簿） / not an .xlsx workbook: it holds no workbook part');
  const { sheets, date1904 } = workbookSheets(workbookXml);
  if (sheets.length > budget.sheets) {
    throw new Refused(`工作表过多（${count(sheets.length)} 张，上限 ${count(budget.sheets)}） / too many sheets (${count(sheets.length)}, limit ${count(budget.sheets)})`);
  }
  const { dir, rels } = relsPartOf(workbookPart);
  const wbRels = relationships(text(rels) ?? '', dir);
  const byId = new Map(wbRels.map((r) => [r.id, r]));
  const partOf = (type: string, fallback: string) => relatedPart(wbRels, type, entry) ?? (entry(fallback) ? fallback : undefined);
  const sharedStrings = partOf('sharedStrings', 'xl/sharedStrings.xml');
  const styles = partOf('styles', 'xl/styles.xml');

  // Every worksheet the workbook lists, by its relationship; chart and dialog sheets hold no cells.
  const seen = new Set<string>();
  const listed: { name: string; part: string; problem?: string }[] = [];
  for (const s of sheets) {
    const problem = sheetNameProblem(s.name, seen);
    seen.add(s.name.toLowerCase());
    const rel = byId.get(s.rid);
    if (rel?.type === 'worksheet' && rel.part && entry(rel.part)) listed.push({ name: s.name, part: rel.part, problem });
  }

  // Declared sizes first: a file that says it is too big is refused before anything large is inflated.
  const parts = [...new Set([...listed.map((s) => s.part.toLowerCase()), sharedStrings?.toLowerCase(), styles?.toLowerCase()])];
  let declared = inflated;
  for (const p of parts) {
    const e = p === undefined ? undefined : entry(p);
    if (!e) continue;
    if (e.size > budget.partBytes) throw overBudget(e, budget.partBytes);
    declared += e.size;
    if (declared > budget.uncompressedBytes) throw overBudget(e, budget.uncompressedBytes);
  }

  // One sheet at a time: its text is dropped once it is cut down.
  const prepared = new Map<string, { data: Buffer; merges: Area[] }>();
  for (const s of listed) {
    const key = s.part.toLowerCase();
    if (prepared.has(key)) continue;
    const sheet = prepareSheet(text(s.part)!, s.name, budget);
    prepared.set(key, { data: Buffer.from(sheet.xml, 'utf8'), merges: sheet.merges });
  }
  const files: { name: string; data: Buffer }[] = [];
  const overrides: string[] = [];
  const wbSheets: string[] = [];
  const wbRelsOut: string[] = [];
  listed.forEach((s, i) => {
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    files.push({ name, data: prepared.get(s.part.toLowerCase())!.data });
    overrides.push(`<Override PartName="/${name}" ContentType="${CT_SML}.worksheet+xml"/>`);
    wbSheets.push(`<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
    wbRelsOut.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  });
  for (const [part, as, type] of [[sharedStrings, 'xl/sharedStrings.xml', 'sharedStrings'], [styles, 'xl/styles.xml', 'styles']] as const) {
    const buf = part && bytes(part);
    if (!buf) continue;
    const prefix = rootPrefix(buf.toString('utf8', 0, Math.min(buf.length, 4096)));
    files.push({ name: as, data: prefix ? Buffer.from(unprefix(buf.toString('utf8'), prefix), 'utf8') : buf });
    overrides.push(`<Override PartName="/${as}" ContentType="${CT_SML}.${type}+xml"/>`);
    wbRelsOut.push(`<Relationship Id="rId${type}" Type="${REL}/${type}" Target="${as.slice(3)}"/>`);
  }
  const xml = (s: string) => Buffer.from(`${XML_DECL}${s}`, 'utf8');
  files.push(
    { name: '[Content_Types].xml', data: xml(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT_SML}.sheet.main+xml"/>${overrides.join('')}</Types>`) },
    { name: '_rels/.rels', data: xml(`<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<workbook xmlns="${MAIN}" xmlns:r="${REL}">${date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${wbSheets.join('')}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<Relationships xmlns="${PKG_REL}">${wbRelsOut.join('')}</Relationships>`) },
  );

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(storedZip(files) as unknown as ExcelJS.Buffer);
  const grids = wb.worksheets.map((ws) => {
    const s = listed[ws.id - 1];
    return worksheetToGrid(ws, date1904, { name: s.name, merges: prepared.get(s.part.toLowerCase())!.merges });
  });
  const badSheetNames = listed.filter((s) => s.problem).map((s) => ({ sheet: s.name, reason: s.problem! }));
  const settings = addinSettings(zip.keys(), text);
  // A file saved in WPS keeps the add-in's settings on its own sheet (core/settingsSheet.ts): read, not checked.
  const own = grids.findIndex(isSettingsSheet);
  if (own >= 0) {
    for (const [key, value] of settingsOfRows(grids[own].cells.slice(1).map((row) => row.map((c) => c?.value ?? c?.text))))
      if (key.startsWith('goalsheet.') && !(key in settings)) settings[key] = JSON.stringify(value); // encoded as the web-extension part keeps it
    grids.splice(own, 1);
  }
  return { grids, badSheetNames, settings };
}

/** A stream name as an OLE compound file's directory stores it (UTF-16LE). */
const stream = (name: string) => Buffer.from(name, 'utf16le');

/**
 * What an OLE compound file named like a workbook really is, by the streams its directory lists: an
 * encrypted .xlsx (EncryptedPackage), an old binary workbook (Workbook/Book: .xls, or WPS's .et), or something else.
 */
function oleReason(data: Buffer): string {
  if (data.includes(stream('EncryptedPackage')) || data.includes(stream('EncryptionInfo'))) {
    return '文件已加密（设置了打开密码），请去除密码后再检查 / the file is password-protected: remove the password and check again';
  }
  if (data.includes(stream('Workbook')) || data.includes(stream('Book'))) {
    return '这是旧版 .xls 格式的工作簿（只是扩展名为 .xlsx），请在 Excel 或 WPS 中另存为 .xlsx / an old-format .xls workbook with an .xlsx name: save it as .xlsx in Excel or WPS';
  }
  return '这是 OLE 复合文档，不是 .xlsx 工作簿（可能是 Word 文档或其他文件改了扩展名） / an OLE compound document, not an .xlsx workbook (another file renamed?)';
}

function tooLarge(size: number, budget: FileBudget): string {
  return `文件过大（${mb(size)} MB，上限 ${mb(budget.compressedBytes)} MB） / the file is too large (${mb(size)} MB, limit ${mb(budget.compressedBytes)} MB)`;
}

function overBudget(e: ZipEntry, limit: number): Refused {
  return new Refused(`解压后超过 ${mb(limit)} MB（${e.name}） / over ${mb(limit)} MB uncompressed (${e.name})`);
}

function oneLine(s: string): string {
  return s.split('\n')[0];
}

const QUIET = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let quietDepth = 0;
let saved: Pick<Console, (typeof QUIET)[number]> | undefined;

/**
 * Run a load with the console muted: exceljs and its dependencies print warnings (a long sheet
 * name, a deprecated option) that would land in the middle of the report. Overlapping loads share
 * one mute; the console comes back when the last one ends, even when it throws.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  if (quietDepth++ === 0) {
    saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace };
    for (const m of QUIET) console[m] = () => undefined;
  }
  try {
    return await fn();
  } finally {
    if (--quietDepth === 0 && saved) {
      Object.assign(console, saved);
      saved = undefined;
    }
  }
}

function ioReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return '文件不存在 / no such file';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限 / permission denied';
    case 'EBUSY':
      return '文件被其他程序占用 / the file is locked by another program';
    case 'EISDIR':
      return '这是文件夹 / it is a folder';
    default:
      return `无法读取 / cannot read: ${e.message}`;
  }
}

