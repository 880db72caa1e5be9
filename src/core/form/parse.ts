/**
 * Grid → forms, in every layout family. Forms are found by their labels,
 * wherever they start and however many are stacked on a sheet; merged areas are
 * resolved before anything is judged empty. A form is assembled from the fields
 * around its anchor labels and its indicator table; its family (families.ts)
 * then says what it requires. Parsing never throws on content: what it cannot
 * read is left for the rules to report.
 */
import { toA1, type Grid } from '../grid';
import { cellText } from '../values';
import { SheetView } from './sheetView';
import { labelKind, type Label } from './fields';
import { LEVELLED_HEADER } from './families';
import { isHeaderKind, isTableMarker, type LabelKind } from './labels';
import type { Form, SheetResult, Unrecognised } from './model';
import { readHeader } from './table';
import type { Draft, ReadOptions } from './draft';
import { buildForm } from './assemble';
import { buildList, tableRows } from './rows';

export type { ReadOptions } from './draft';

/** Labels that open a new form after a table. */
const STRONG = new Set<LabelKind>(['title', 'unit', 'code', 'name', 'parentName']);
/** Labels a form has once: a second one opens the next form. */
const UNIQUE = new Set<LabelKind>(['title', 'code', 'name', 'parentName']);
const IDENTIFYING = new Set<LabelKind>(['code', 'name', 'parentName', 'goal', 'goalGroup']);
const PARTS = new Set<LabelKind>(['unit', 'code', 'name', 'parentName', 'budget', 'total', 'use', 'plan', 'goal', 'goalGroup', 'goalLong', 'h1']);
export function readSheet(grid: Grid, workbook = '', options: ReadOptions = {}): SheetResult {
  const view = new SheetView(grid);
  const labels = collectLabels(view);
  const drafts = segment(view, labels, tableAnchors(labels));
  const forms: Form[] = [];
  const unrecognised: Unrecognised[] = [];
  drafts.forEach((d, i) => {
    // 部门(单位)整体支出绩效目标表 is another form, with its own layout and rules.
    if (d.labels.some((l) => l.kind === 'title' && l.norm.includes('整体'))) return;
    const limit = i + 1 < drafts.length ? drafts[i + 1].labels[0].row - 1 : view.bottom;
    const list = d.tables.find((t) => t.listCols.name !== undefined);
    if (list) {
      for (const f of buildList(view, d, list, limit, grid.sheet, workbook, options)) forms.push({ ...f, index: forms.length });
      return;
    }
    const parts = [...d.kinds].filter((k) => PARTS.has(k));
    if (parts.length >= 2 && parts.some((k) => IDENTIFYING.has(k))) {
      forms.push(buildForm(view, d, limit, grid.sheet, workbook, forms.length, options));
      return;
    }
    const problem = unassembled(view, d, limit);
    if (problem) unrecognised.push({ sheet: grid.sheet, workbook, ...problem });
  });
  const status = forms.length ? 'checked' : unrecognised.length ? 'unrecognised' : 'skipped';
  return { name: grid.sheet, workbook, origin: toA1(grid.top, grid.left), status, forms, unrecognised };
}
/** A block with an indicator header, or with a project name and a goal, that still is no form: say what it lacks. */
function unassembled(view: SheetView, d: Draft, limit: number): { cell: string; missing: string[] } | undefined {
  const table = d.tables[0];
  // An indicator library or a blank template has a header but no targets: not a form to read.
  const hasTable = !!table && Object.keys(table.cols).length >= 3 && table.cols.hvalue !== undefined &&
    tableRows(view, table, limit).some((r) => view.label(r, table.cols.hvalue!) !== '');
  const named = d.kinds.has('name') || d.kinds.has('code');
  const goal = d.kinds.has('goal') || d.kinds.has('goalGroup');
  if (!hasTable && !(named && (goal || d.kinds.has('total')))) return undefined;
  const missing: string[] = [];
  if (!named) missing.push('项目名称');
  if (!hasTable) missing.push(LEVELLED_HEADER);
  if (!goal) missing.push('绩效目标');
  const first = d.labels[0];
  return { cell: toA1(first.row, first.col), missing };
}
function collectLabels(view: SheetView): Label[] {
  const out: Label[] = [];
  const rows = view.grid.cells;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || typeof cell.value !== 'string') continue;
      const ar = view.top + r;
      const ac = view.left + c;
      if (!view.isOwner(ar, ac)) continue;
      const kind = labelKind(view, ar, ac);
      if (kind) out.push({ kind, row: ar, col: ac, area: view.area(ar, ac), text: cellText(cell), norm: view.label(ar, ac) });
    }
  }
  return out;
}
/**
 * Where indicator tables start: each 一级指标 header, and the first header of a row that has no 一级
 * column but names the indicator and its value among three or more columns ("指标 | 指标权重 | 计量单位
 * | 指标性质 | 指标值").
 */
function tableAnchors(labels: Label[]): Set<Label> {
  const anchors = new Set<Label>();
  const byRow = new Map<number, Label[]>();
  for (const l of labels) if (isHeaderKind(l.kind)) (byRow.get(l.row) ?? byRow.set(l.row, []).get(l.row)!).push(l);
  for (const row of byRow.values()) {
    const kinds = new Set(row.map((l) => l.kind));
    if (kinds.has('h1')) row.filter((l) => l.kind === 'h1').forEach((l) => anchors.add(l));
    else if (kinds.has('hvalue') && (kinds.has('h3') || kinds.has('hcontent')) && kinds.size >= 3) anchors.add(row[0]);
  }
  return anchors;
}
/** Split labels into forms. Inside a table only a project's own labels open the next form. */
function segment(view: SheetView, labels: Label[], anchors: Set<Label>): Draft[] {
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  for (const lab of labels) {
    const table = cur?.tables[cur.tables.length - 1];
    let fresh = !cur;
    if (cur && table) {
      if (lab.row <= table.bottom) {
        if (isHeaderKind(lab.kind)) add(cur, lab);
        continue;
      }
      if (anchors.has(lab) || isTableMarker(lab.kind)) {
        addTable(view, cur, lab, anchors);
        continue;
      }
      if (!STRONG.has(lab.kind)) continue; // table data, not labels
      fresh = true;
    } else if (cur) {
      fresh = UNIQUE.has(lab.kind) && cur.kinds.has(lab.kind);
    }
    if (fresh) {
      cur = { labels: [], kinds: new Set(), tables: [] };
      drafts.push(cur);
    }
    if (anchors.has(lab)) addTable(view, cur!, lab, anchors);
    else if (!isHeaderKind(lab.kind)) add(cur!, lab);
  }
  return drafts;
}
function add(d: Draft, lab: Label): void {
  d.labels.push(lab);
  d.kinds.add(lab.kind);
}
function addTable(view: SheetView, d: Draft, lab: Label, anchors: Set<Label>): void {
  add(d, { ...lab, kind: anchors.has(lab) ? 'h1' : lab.kind });
  if (!anchors.has(lab)) return;
  const last = d.tables[d.tables.length - 1];
  if (last && lab.row <= last.bottom) return; // a second group of the same header row
  d.tables.push(readHeader(view, lab.row, lab.col));
}
