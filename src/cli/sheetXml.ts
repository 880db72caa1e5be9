/**
 * One worksheet part, measured and cut down before exceljs parses it.
 *
 * exceljs makes a cell object for every cell a merged area covers (one merge over A40:XFD1048576
 * exhausts any heap) and checks each new merge against all earlier ones (20,000 merges take a
 * minute), so the merges are read here and never given to it. Its sheet gets only the rows and cells
 * that hold something: styled empty cells, column widths, views and the rest are dropped, which also
 * makes the parse cheaper. On the way two boxes are measured: the used range of values (the box
 * around the cells holding a value), checked against the budget because the form reader's cost grows
 * with it, and the sheet's extent (Excel's used range: formatted empty cells too), to which merges
 * are clipped. Clipping to the values alone would cut real forms' merges that run over an empty,
 * bordered last column.
 */
import { parseArea, toA1, type Area } from '../core/grid';
import { Corrupt, Refused, count, type FileBudget } from './budget';
import { escapeRe } from './workbookParts';

export interface PreparedSheet {
  /** The sheet as exceljs gets it: its root element, and in sheetData the rows and cells that have content. */
  xml: string;
  /** Merged areas, 0-based, in the sheet's order, clipped to the sheet's extent (those outside it dropped). */
  merges: Area[];
  /** The box around the cells holding a value, 0-based; undefined on a sheet without values. */
  used?: Area;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const CELL_OR_ROW = /<(\/?)([\w.-]+:)?(row|c)(?=[\s/>])([^>]*)>/g;
const ROW_R = /(?:^|\s)r\s*=\s*["'](\d+)["']/;
const CELL_R = /(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']/;
const VALUE = /<(?:[\w.-]+:)?v(?:\s[^>]*)?>[^<]|<(?:[\w.-]+:)?is[\s>/]/;
const MERGE = /<(?:[\w.-]+:)?mergeCell\b([^>]*)>/g;
const MERGE_REF = /(?:^|\s)ref\s*=\s*["']([^"']*)["']/;

/** `sheet` names the sheet in reasons (its real name, quoted). */
export function prepareSheet(xml: string, sheet: string, budget: Pick<FileBudget, 'mergesPerSheet' | 'cellsPerSheet'>): PreparedSheet {
  const root = /<([\w.-]+:)?worksheet\b[^>]*>/.exec(xml);
  if (!root) throw new Corrupt(`sheet "${sheet}" is not a worksheet`);
  const prefix = root[1] ?? '';
  const rootEnd = root.index + root[0].length;

  const open = new RegExp(`<${escapeRe(prefix)}sheetData\\b[^>]*?(/?)>`, 'g');
  open.lastIndex = rootEnd;
  const sd = open.exec(xml);
  let bodyStart = -1;
  let bodyEnd = -1;
  if (sd && !sd[1]) {
    bodyStart = sd.index + sd[0].length;
    bodyEnd = xml.indexOf(`</${prefix}sheetData>`, bodyStart);
    if (bodyEnd < 0) throw new Corrupt(`sheet "${sheet}" is cut short`);
  }

  // Merges follow sheetData: counted (and refused) before anything else is done with the sheet.
  const refs: string[] = [];
  MERGE.lastIndex = bodyEnd >= 0 ? bodyEnd : rootEnd;
  for (let m = MERGE.exec(xml); m; m = MERGE.exec(xml)) {
    const ref = MERGE_REF.exec(m[1]);
    if (ref) refs.push(ref[1]);
  }
  if (refs.length > budget.mergesPerSheet) {
    throw new Refused(`工作表“${sheet}”合并单元格过多（${count(refs.length)} 个，上限 ${count(budget.mergesPerSheet)}） / sheet "${sheet}": too many merged cells (${count(refs.length)}, limit ${count(budget.mergesPerSheet)})`);
  }

  const rootTag = root[0].endsWith('/>') ? `${root[0].slice(0, -2)}>` : root[0];
  const out: string[] = [rootTag, `<${prefix}sheetData>`];
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  // Excel's used range: every cell element, formatted empty ones too (merged areas are drawn over them).
  let extentTop = Infinity;
  let extentLeft = Infinity;
  let extentBottom = -1;
  let extentRight = -1;
  if (bodyStart >= 0) {
    let row = 0; // 1-based, as in the file; rows and cells without r follow the one before
    let col = 0;
    let openRow = 0;
    const re = CELL_OR_ROW;
    re.lastIndex = bodyStart;
    for (let m = re.exec(xml); m && m.index < bodyEnd; m = re.exec(xml)) {
      const [, close, pfx = '', name, attrs] = m;
      if (close) continue;
      if (name === 'row') {
        const r = ROW_R.exec(attrs);
        row = r ? Number(r[1]) : row + 1;
        col = 0;
        if (row < 1 || row > MAX_ROW) throw new Corrupt(`sheet "${sheet}": row ${row} is outside the sheet`);
        continue;
      }
      let end = re.lastIndex;
      let inner = '';
      if (!attrs.endsWith('/')) {
        const closeAt = xml.indexOf(`</${pfx}c>`, end);
        if (closeAt < 0 || closeAt > bodyEnd) throw new Corrupt(`sheet "${sheet}" is cut short`);
        inner = xml.slice(end, closeAt);
        end = closeAt + pfx.length + 4;
        re.lastIndex = end;
      }
      const ref = CELL_R.exec(attrs);
      let cellRow = row;
      if (ref) {
        col = 0;
        for (const ch of ref[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
        cellRow = Number(ref[2]);
      } else col++;
      if (col > MAX_COL || cellRow < 1 || cellRow > MAX_ROW) throw new Corrupt(`sheet "${sheet}": cell ${ref ? ref[1] + ref[2] : col} is outside the sheet`);
      if (cellRow - 1 < extentTop) extentTop = cellRow - 1;
      if (cellRow - 1 > extentBottom) extentBottom = cellRow - 1;
      if (col - 1 < extentLeft) extentLeft = col - 1;
      if (col - 1 > extentRight) extentRight = col - 1;
      if (!/\S/.test(inner)) continue; // a styled empty cell: nothing for the grid
      if (VALUE.test(inner)) {
        const r0 = cellRow - 1;
        const c0 = col - 1;
        if (r0 < top) top = r0;
        if (r0 > bottom) bottom = r0;
        if (c0 < left) left = c0;
        if (c0 > right) right = c0;
      }
      if (cellRow !== openRow) {
        if (openRow) out.push(`</${prefix}row>`);
        out.push(`<${prefix}row r="${cellRow}">`);
        openRow = cellRow;
      }
      out.push(ref ? xml.slice(m.index, end) : `<${pfx}c r="${toA1(cellRow - 1, col - 1)}"${xml.slice(m.index + pfx.length + 2, end)}`);
    }
    if (openRow) out.push(`</${prefix}row>`);
  }
  out.push(`</${prefix}sheetData></${prefix}worksheet>`);

  const used = bottom >= 0 ? { top, left, bottom, right } : undefined;
  const size = used ? (used.bottom - used.top + 1) * (used.right - used.left + 1) : 0;
  if (used && size > budget.cellsPerSheet) {
    const range = `${toA1(used.top, used.left)}:${toA1(used.bottom, used.right)}`;
    throw new Refused(`工作表“${sheet}”过大：已用区域 ${range} 共 ${count(size)} 个单元格（上限 ${count(budget.cellsPerSheet)}） / sheet "${sheet}" too large: its used range ${range} has ${count(size)} cells (limit ${count(budget.cellsPerSheet)})`);
  }

  // Merges are clipped to the sheet's extent (a merge over A40:XFD1048576 on a form that ends in
  // column H becomes A40:H40); those wholly outside it, or on a sheet without values, are dropped.
  const merges: Area[] = [];
  let covered = 0;
  if (used) {
    const extent = { top: extentTop, left: extentLeft, bottom: extentBottom, right: extentRight };
    for (const ref of refs) {
      const a = parseArea(ref);
      if (!a) continue;
      const clipped = intersect(a, extent);
      if (!clipped) continue;
      merges.push(clipped.top === a.top && clipped.left === a.left && clipped.bottom === a.bottom && clipped.right === a.right ? a : clipped);
      const inUse = intersect(a, used);
      if (inUse) covered += (inUse.bottom - inUse.top + 1) * (inUse.right - inUse.left + 1);
    }
  }
  // Merged areas cannot overlap, so together they cover at most the used range: more means they do,
  // and the form reader, which resolves every merged cell inside the used range, would pay their sum.
  if (covered > size) {
    throw new Corrupt(`sheet "${sheet}": merged areas overlap (${count(covered)} merged cells in a used range of ${count(size)})`);
  }

  let text = out.join('');
  // exceljs knows unprefixed SpreadsheetML only ("<x:c>" from some generators reads as nothing).
  if (prefix) text = unprefix(text, prefix);
  return { xml: text, merges, used };
}

function intersect(a: Area, b: Area): Area | undefined {
  const top = Math.max(a.top, b.top);
  const left = Math.max(a.left, b.left);
  const bottom = Math.min(a.bottom, b.bottom);
  const right = Math.min(a.right, b.right);
  return top <= bottom && left <= right ? { top, left, bottom, right } : undefined;
}

/** "<x:sst>…</x:sst>" → "<sst>…</sst>", for the prefix of the part's root element. */
export function unprefix(xml: string, prefix: string): string {
  return xml.replace(new RegExp(`<(/?)${escapeRe(prefix)}`, 'g'), '<$1');
}

/** The namespace prefix of a part's root element ("x:"), or "" when it has none. */
export function rootPrefix(xml: string): string {
  const m = /^\uFEFF?(?:\s*<[?!][^>]*>)*\s*<([\w.-]+:)?[\w.-]+[\s/>]/.exec(xml);
  return m?.[1] ?? '';
}
