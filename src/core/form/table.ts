/**
 * The indicator table: its header band (one or two rows), the column each field
 * is read from (mapped from the header texts, never taken by position outside
 * the Hebei template), and which of several column groups or tables is the
 * annual one.
 */
import { toA1 } from '../grid';
import { SheetView } from './sheetView';
import {
  classifyLabel, isHeaderKind, isTableMarker, level1Of, qualifierOf,
  type HeaderKind, type LabelKind, type Qualifier,
} from './labels';

/** Project fields a list export carries as columns of its indicator header. */
const LIST_KINDS = ['name', 'unit', 'code', 'total', 'fiscal', 'goal', 'parentName'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
const isListKind = (k: LabelKind | undefined): k is ListKind => !!k && (LIST_KINDS as readonly string[]).includes(k);

interface Column {
  col: number;
  kind: HeaderKind | ListKind;
  /** A1 of the header cell that named the column (the deepest one). */
  cell: string;
  text: string;
  q: Qualifier;
}

export interface TableLayout {
  /** The 一级指标 header cell of the group read. */
  cell: string;
  top: number;
  /** Last row of the header band; indicator rows start below it. */
  bottom: number;
  left: number;
  right: number;
  cols: Partial<Record<HeaderKind, number>>;
  found: Partial<Record<HeaderKind, string>>;
  /** Header kinds in the order of their columns, for the Hebei template's order check. */
  order: HeaderKind[];
  /** Project columns of a list export. */
  listCols: Partial<Record<ListKind, number>>;
  /** Further value columns under the value header (one target per region): checked like the first. */
  moreValues: number[];
  headerTexts: string[];
  /** Column groups (side-by-side long-term and annual tables) seen in the band. */
  groups: number;
  q: Qualifier;
}

const NO_Q: Qualifier = { long: false, annual: false, actual: false, expected: false };
const orQ = (a: Qualifier, b: Qualifier): Qualifier =>
  a === NO_Q ? b : b === NO_Q ? a : { long: a.long || b.long, annual: a.annual || b.annual, actual: a.actual || b.actual, expected: a.expected || b.expected };

/** A header-band cell: a header label, a list export's project column, or a bare period qualifier under a merged header. */
function bandKind(view: SheetView, r: number, c: number): HeaderKind | ListKind | 'qualifier' | undefined {
  const label = view.label(r, c);
  if (!label) return undefined;
  const k = classifyLabel(label);
  if (k === 'goalLong' || k === 'goalGroup') return 'goal'; // a list export's 实施期绩效目标 column
  if (k && (isHeaderKind(k) || isListKind(k))) return k;
  if (label.length <= 12 && /长期|年度|实际|预期|\d{4}年/.test(label)) return 'qualifier';
  return undefined;
}

/** The header band and column map of the table whose 一级指标 header is at (row, col). */
export function readHeader(view: SheetView, row: number, col: number): TableLayout {
  const h1Area = view.area(row, col);
  let bottom = h1Area.bottom;
  // Extent along the header row: contiguous header cells, a gap of one column tolerated.
  // To the left: the list export's project columns, past the odd header it has that names nothing we read
  // ("项目类别"), up to an empty cell or a label that is no header.
  let left = col;
  for (let c = col - 1; c >= view.left; c--) {
    const k = bandKind(view, row, c);
    const text = view.label(row, c);
    if (k === 'qualifier' || text === '' || (!k && (text.length > 12 || /\d/.test(text) || classifyLabel(text)))) break;
    c = view.area(row, c).left;
    if (k) left = c;
  }
  let right = h1Area.right;
  let gap = 0;
  for (let c = h1Area.right + 1; c <= view.right && gap < 2; c++) {
    if (bandKind(view, row, c)) {
      right = view.area(row, c).right;
      bottom = Math.max(bottom, view.area(row, c).bottom);
      gap = 0;
    } else gap++;
  }
  for (let c = left; c <= right; c++) bottom = Math.max(bottom, view.area(row, c).bottom);
  // A second header row (指标值 → 实际 / 预期; 长期 / 年度) when the 一级 column holds no 一级 there.
  for (let extra = 0; extra < 2 && bottom + 1 <= view.bottom; extra++) {
    const r = bottom + 1;
    if (level1Of(view.label(r, col)) || view.area(r, col).top > row && view.label(r, col) !== '') break;
    let sub = 0;
    for (let c = left; c <= right; c++) if (view.area(r, c).top === r && bandKind(view, r, c)) sub++;
    if (!sub) break;
    bottom = r;
  }

  const columns: Column[] = [];
  for (let c = left; c <= right; c++) {
    // A column inside a header merged across it ("三级指标内容" over D:G) is the same column as its left edge.
    let edge = false;
    for (let r = row; r <= bottom && !edge; r++) edge = view.area(r, c).left === c;
    if (!edge) continue;
    let kind: Column['kind'] | undefined;
    let cell = '';
    let text = '';
    let q = NO_Q;
    let lastTop = -1;
    for (let r = row; r <= bottom; r++) {
      const a = view.area(r, c);
      if (a.top === lastTop) continue;
      lastTop = a.top;
      const k = bandKind(view, a.top, a.left);
      if (!k) continue;
      const label = view.label(a.top, a.left);
      q = orQ(q, qualifierOf(label));
      if (k !== 'qualifier') kind = k;
      cell = toA1(a.top, a.left);
      text = label;
    }
    if (kind) columns.push({ col: c, kind, cell, text, q });
  }

  // Side-by-side tables (长期 | 年度) and value sub-columns (实际 | 预期): a column kind seen again starts a new group.
  const groups: Column[][] = [[]];
  const listColumns = columns.filter((c) => isListKind(c.kind));
  for (const c of columns) {
    if (isListKind(c.kind)) continue;
    const cur = groups[groups.length - 1];
    // Columns under one merged header ("区域目标值" over 新罗区 | 永定区 | …) are parallel targets, not a new table.
    if (cur.some((x) => x.kind === c.kind && x.cell !== c.cell) || (c.kind === 'h1' && cur.length > 0)) groups.push([]);
    groups[groups.length - 1].push(c);
  }
  const score = (q: Qualifier) => (q.expected ? 2 : 0) + (q.annual ? 1 : 0) - (q.long ? 2 : 0) - (q.actual ? 3 : 0);
  const groupQ = groups.map((g) => g.reduce((q, c) => orQ(q, c.q), markerAbove(view, row, g)));
  const groupScore = groupQ.map((q) => score({ ...q, actual: q.actual && !q.expected }));
  // The annual / expected group; between equals the last (long-term tables are printed first).
  let chosen = 0;
  groupScore.forEach((s, i) => {
    if (s >= groupScore[chosen]) chosen = i;
  });

  const cols: Partial<Record<HeaderKind, number>> = {};
  const found: Partial<Record<HeaderKind, string>> = {};
  const listCols: Partial<Record<ListKind, number>> = {};
  for (const c of listColumns) if (listCols[c.kind as ListKind] === undefined) listCols[c.kind as ListKind] = c.col;
  // The chosen group's columns; a column it lacks (the shared 一级指标 of side-by-side tables) from the others.
  for (const g of [groups[chosen], ...groups.filter((_, i) => i !== chosen)]) {
    for (const c of g) {
      const k = c.kind as HeaderKind;
      if (cols[k] !== undefined) continue;
      cols[k] = c.col;
      found[k] = c.cell;
    }
  }
  const group = [...listColumns, ...groups[chosen]];
  const valueHeader = groups[chosen].find((c) => c.col === cols.hvalue)?.cell;
  const moreValues = groups[chosen].filter((c) => c.kind === 'hvalue' && c.cell === valueHeader && c.col !== cols.hvalue).map((c) => c.col);
  // 指标内容 / 具体指标 is the 三级指标 where the table has none, else the description.
  if (cols.hcontent !== undefined) {
    const target = cols.h3 === undefined ? 'h3' : cols.hdesc === undefined ? 'hdesc' : undefined;
    if (target) {
      cols[target] = cols.hcontent;
      found[target] = found.hcontent;
    }
  }
  const order = columns.filter((c) => isHeaderKind(c.kind as LabelKind)).map((c) => c.kind as HeaderKind);
  const h1 = group.find((c) => c.kind === 'h1');
  const h1Col = h1?.col ?? col;
  return {
    cell: toA1(view.area(row, h1Col).top, view.area(row, h1Col).left),
    top: row,
    bottom,
    left: Math.min(...columns.map((c) => c.col)),
    right: Math.max(...columns.map((c) => view.area(row, c.col).right)),
    cols,
    found,
    order,
    listCols,
    moreValues,
    headerTexts: columns.map((c) => c.text),
    // Only groups with indicator columns of their own are tables (value sub-columns are not).
    groups: groups.filter((g) => g.some((c) => c.kind === 'h2' || c.kind === 'h3')).length,
    q: groupQ[chosen],
  };
}

/** "长期绩效指标" / "年度绩效指标" over a column group, in the row above its header. */
function markerAbove(view: SheetView, row: number, group: Column[]): Qualifier {
  if (row - 1 < view.top || group.length === 0) return NO_Q;
  let q = NO_Q;
  for (const c of group) {
    const label = view.label(row - 1, c.col);
    const k = classifyLabel(label);
    if (isTableMarker(k)) q = orQ(q, qualifierOf(label));
  }
  return q;
}
