/**
 * Grid → forms, in every layout family. Forms are found by their labels,
 * wherever they start and however many are stacked on a sheet; merged areas are
 * resolved before anything is judged empty. A form is assembled from the fields
 * around its anchor labels and its indicator table; its family (families.ts)
 * then says what it requires. Parsing never throws on content: what it cannot
 * read is left for the rules to report.
 */
import { fromA1, toA1, type Grid } from '../grid';
import { normLabel } from '../text';
import { cellText, parseAmount, parseCell, parseSplit, parseValueText } from '../values';
import { SheetView } from './sheetView';
import { detectFamily, FAMILY_BY_ID, type Evidence, type FamilyId, type FormPart, type LayoutFamily } from './families';
import { amountField, field, labelKind, valueOf, type Label } from './fields';
import {
  FOOTER, classifyLabel, isHeaderKind, isNotApplicable, level1Of, level2Of, parentOf, qualifierOf, unitRank,
  type HeaderKind, type LabelKind,
} from './labels';
import type { AmountField, Field, Form, IndicatorRow, PlanMonth, SheetResult, Unrecognised } from './model';
import { readHeader, type TableLayout } from './table';

export interface ReadOptions {
  /** Read every form in this family instead of recognising it (--config "layout"). */
  layout?: FamilyId;
}

interface Draft {
  labels: Label[];
  kinds: Set<LabelKind>;
  /** Header bands of the tables seen so far, top to bottom. */
  tables: TableLayout[];
}

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
    if (d.labels.some((l) => l.kind === 'title' && normLabel(l.text).includes('整体'))) return;
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
  return { name: grid.sheet, status, forms, unrecognised };
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
  if (!hasTable) missing.push('指标表头(一级指标、二级指标、三级指标、指标值)');
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
      if (kind) out.push({ kind, row: ar, col: ac, area: view.area(ar, ac), text: cellText(cell) });
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
      if (anchors.has(lab) || lab.kind === 'tableLong' || lab.kind === 'tableAnnual') {
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

/** The table to check: the one marked annual, else the one not marked long-term, else the last. */
function annualTable(d: Draft): { table?: TableLayout; next?: number } {
  const marked = d.tables.map((t) => {
    let q = t.q;
    for (const l of d.labels) {
      if (l.kind !== 'tableLong' && l.kind !== 'tableAnnual') continue;
      const beside = l.area.top <= t.top && l.area.bottom >= t.top && l.col < t.left;
      const above = l.row < t.top && l.row >= t.top - 2;
      if (beside || above) {
        const lq = qualifierOf(normLabel(l.text));
        q = { ...q, long: q.long || lq.long, annual: q.annual || lq.annual };
      }
    }
    return q;
  });
  let i = marked.findIndex((q) => q.annual && !q.long);
  if (i < 0) i = marked.findIndex((q) => !q.long);
  if (i < 0) i = d.tables.length - 1;
  const next = d.tables[i + 1];
  // The next table's marker row (if any) ends this one too.
  const nextTop = next ? Math.min(next.top, ...d.labels.filter((l) => (l.kind === 'tableLong' || l.kind === 'tableAnnual') && l.row > d.tables[i].bottom).map((l) => l.row)) : undefined;
  return { table: d.tables[i], next: nextTop };
}

interface Common {
  family: LayoutFamily;
  forced: boolean;
}

function familyOf(d: Draft, table: TableLayout | undefined, list: boolean, options: ReadOptions): Common {
  if (options.layout && FAMILY_BY_ID.has(options.layout)) return { family: FAMILY_BY_ID.get(options.layout)!, forced: true };
  const evidence: Evidence = {
    kinds: d.kinds,
    texts: d.labels.map((l) => normLabel(l.text)),
    columns: new Set(Object.keys(table?.cols ?? {}) as HeaderKind[]),
    headerTexts: table?.headerTexts ?? [],
    tables: Math.max(d.tables.length, table?.groups ?? 0),
    list,
  };
  return { family: detectFamily(evidence), forced: false };
}

function buildForm(view: SheetView, d: Draft, limit: number, sheet: string, workbook: string, index: number, options: ReadOptions): Form {
  const { table, next } = annualTable(d);
  const { family, forced } = familyOf(d, table, false, options);
  const first = (k: LabelKind) => d.labels.find((l) => l.kind === k);
  const right = Math.max(table?.right ?? 0, ...d.labels.map((l) => l.area.right));
  const firstLabel = d.labels[0];
  const form: Form = {
    sheet, workbook, index, family: family.id,
    ...(forced ? { familyForced: true } : {}),
    firstCell: toA1(firstLabel.row, firstLabel.col),
    top: firstLabel.row,
    bottom: firstLabel.row,
    left: Math.min(...d.labels.map((l) => l.col)),
    right,
    framework: 'classic',
    sources: [],
    indicators: [],
    missing: [],
  };
  const units = d.labels.filter((l) => l.kind === 'unit').sort((a, b) => unitRank(normLabel(a.text)) - unitRank(normLabel(b.text)));
  // "填报单位(盖章)：单位负责人：…" names no unit: take the next unit label that does.
  const unitValues = units.map((l) => valueOf(view, l, right)).filter((f) => !/^[^:]{2,8}:/.test(normLabel(f.text)));
  if (units.length) form.unit = unitValues.find((f) => normLabel(f.text) !== '') ?? unitValues[0] ?? valueOf(view, units[0], right);
  const lab = first;
  if (lab('code')) form.code = valueOf(view, lab('code')!, right);
  if (lab('name')) form.name = valueOf(view, lab('name')!, right);
  // Of several labels of a kind: the year's ("当年资金总额" beside the project's "资金总额"), in the total's
  // column, whose value reads as an amount ("一般公共预算" may be a category, not a label).
  let totalCol: number | undefined;
  const amount = (k: LabelKind) => {
    const read = d.labels.filter((l) => l.kind === k).map((l) => ({ l, f: amountField(view, l, right) }))
      // "财政资金(万元)" over the sub-columns 中央 | 省级 | …: the word below is a sub-header, not its amount.
      .filter(({ l, f }) => !(f.amount === 'invalid' && !/\d/.test(f.text) && fromA1(f.cell)!.row > l.area.bottom))
      .map(({ l, f }) => {
      const score = (typeof f.amount === 'object' ? 4 : 0) + (/当年|年度|本年/.test(normLabel(l.text)) ? 2 : 0) + (l.col === totalCol ? 1 : 0);
      return { l, f, score };
    });
    const best = read.reduce<(typeof read)[number] | undefined>((b, x) => (!b || x.score > b.score ? x : b), undefined);
    if (k === 'total' && best) totalCol = best.l.col;
    return best?.f;
  };
  form.total = amount('total') ?? totalFromHeading(view, d, right);
  // "年度资金总额 | 金额(万元)": a heading over a column of sources; the form prints no total of its own.
  const totalLabel = d.labels.find((l) => l.kind === 'total' && toA1(l.row, l.col) === form.total?.cell);
  if (form.total?.amount === 'empty' && totalLabel && labelKind(view, totalLabel.row, totalLabel.area.right + 1) === 'unitLine') form.total = undefined;
  form.adjust = amount('adjust');
  form.fiscal = amount('fiscal');
  form.other = amount('other');
  const sources = d.labels.filter((l) => l.kind === 'source');
  // "其中：上级资金" standing where 财政拨款 stands is the fiscal part.
  if (!form.fiscal && sources.length && /^其中/.test(normLabel(sources[0].text))) form.fiscal = amountField(view, sources.shift()!, right);
  form.sources = sources.map((l) => amountField(view, l, right));
  form.use = readUse(view, d, right);
  if (lab('plan')) form.plan = readPlan(view, lab('plan')!, table?.left ?? form.left, right);
  readGoals(view, d, right, form);

  const tableBottom = Math.min(limit, (next ?? limit + 1) - 1);
  if (table) readTable(view, table, family, tableBottom, form);
  form.labelUnitWan = unitFromLabels(view, d, form.top, table ? table.top - 1 : form.bottom) ?? family.amountUnitWan;
  form.bottom = Math.max(form.bottom, ...d.labels.filter((l) => l.row <= (form.indicators.at(-1)?.row ?? table?.bottom ?? Infinity)).map((l) => l.area.bottom));
  if (table) form.bottom = Math.max(form.bottom, table.bottom, form.indicators.at(-1)?.row ?? 0);

  const has: Record<FormPart, boolean> = {
    code: !!form.code, name: !!form.name, total: !!form.total || d.kinds.has('total'), use: !!form.use, plan: !!form.plan, goal: !!form.goal, header: !!table,
  };
  form.missing = family.requires.filter((p) => !has[p]);
  return form;
}

/** "项目资金申请(万元) | 120": a heading with its amount beside it is the total. */
function totalFromHeading(view: SheetView, d: Draft, right: number): Form['total'] {
  const heading = d.labels.find((l) => l.kind === 'budget');
  if (!heading) return undefined;
  const f = amountField(view, heading, right);
  return typeof f.amount === 'object' && f.cell !== toA1(heading.row, heading.col) ? f : undefined;
}

/** 资金用途: its own label, or the second row of a two-row 预算规模及资金用途 label. */
function readUse(view: SheetView, d: Draft, right: number): Field | undefined {
  const use = d.labels.find((l) => l.kind === 'use');
  if (use) return valueOf(view, use, right);
  const budget = d.labels.find((l) => l.kind === 'budget');
  if (budget && budget.area.bottom > budget.row && normLabel(budget.text).includes('用途')) {
    return field(view, budget.area.bottom, budget.area.right + 1);
  }
  return undefined;
}

/** The annual goal and, where the goal block is split, the long-term one. */
function readGoals(view: SheetView, d: Draft, right: number, form: Form): void {
  const annual = d.labels.find((l) => l.kind === 'goal');
  const long = d.labels.find((l) => l.kind === 'goalLong');
  const group = d.labels.find((l) => l.kind === 'goalGroup');
  if (long) form.longGoal = spanned(view, long, valueOf(view, long, right));
  if (annual) form.goal = spanned(view, annual, valueOf(view, annual, right));
  else if (group && !long) form.goal = spanned(view, group, valueOf(view, group, right));
}

/** A goal label merged down over several rows, its points one per row beside it ("1.…", "2.…"): one text. */
function spanned(view: SheetView, lab: Label, f: Field): Field {
  const at = fromA1(f.cell)!;
  if (lab.area.bottom === lab.area.top || at.row !== lab.row) return f;
  const parts = [f.text];
  for (let r = view.area(at.row, at.col).bottom + 1; r <= lab.area.bottom; r++) {
    if (view.isOwner(r, at.col) && view.text(r, at.col) !== '') parts.push(view.text(r, at.col));
  }
  return parts.length > 1 ? { ...f, text: parts.join('\n') } : f;
}

/** "项目资金(万元)", "预算数(万元)", or a "金额单位：元" line within the form settles amounts typed without a unit. */
function unitFromLabels(view: SheetView, d: Draft, top: number, bottom: number): number | undefined {
  for (const l of d.labels) {
    const text = normLabel(l.text);
    const m = /\((万元|元)\)/.exec(text) ?? (l.kind === 'unitLine' ? /(万元|元)$/.exec(text) : null);
    if (m && (l.kind === 'total' || l.kind === 'fiscal' || l.kind === 'other' || l.kind === 'budget' || l.kind === 'unitLine')) {
      return m[1] === '万元' ? 1 : 1e-4;
    }
  }
  // A note above the form ("单位：万元"), or any heading of the block above the table ("投入目标(万元)",
  // "年初安排金额(万元)"): the header block holds no money but the amounts.
  for (let r = Math.max(view.top, top - 2); r <= Math.min(bottom, view.bottom); r++) {
    for (let c = view.left; c <= view.right; c++) {
      if (!view.isOwner(r, c)) continue;
      const label = view.label(r, c);
      if (label.length > 24) continue;
      const m = /单位:?(万元|元)$/.exec(label) ?? /\((万元|元)\)$/.exec(label);
      if (m) return m[1] === '万元' ? 1 : 1e-4;
    }
  }
  return undefined;
}

const MONTH = /^(\d{1,2})月(?:底|末)?(?::?(\d+(?:\.\d+)?%?))?$/;

function readPlan(view: SheetView, lab: Label, anchorCol: number, right: number): Form['plan'] {
  const months: PlanMonth[] = [];
  const last = Math.max(right, anchorCol + 5);
  for (let c = lab.area.right + 1; c <= last; c++) {
    if (!view.isOwner(lab.row, c)) continue;
    const l = view.label(lab.row, c);
    const m = MONTH.exec(l) ?? (/^(年底|年末|全年)$/.test(l) ? ['', '12'] : null);
    if (!m) continue;
    const a = view.area(lab.row, c);
    let value: Field;
    if (m[2] !== undefined) {
      value = { text: m[2], cell: toA1(a.top, a.left), raw: view.rawCell(a.top, a.left) };
    } else {
      value = field(view, a.bottom + 1, a.left);
    }
    const inline = m[2] !== undefined;
    months.push({ label: cellText(view.rawCell(a.top, a.left)), month: Number(m[1]), value, percent: readPercent(value, inline) });
  }
  return { cell: toA1(lab.row, lab.col), months };
}

/** A plan cell: 30, 30%, or 0.3 formatted as a percentage. The row is labelled (%) so bare numbers are percents. */
function readPercent(f: Field, inline: boolean): number | 'empty' | 'invalid' {
  const v = inline ? parseValueText(f.text) : parseCell(f.raw);
  if (v.kind === 'empty') return 'empty';
  if (v.kind === 'quantity' && v.implicitCmp && (v.unitClass === 'percent' || v.unitClass === 'none') && v.unit !== '‰') return v.num;
  return 'invalid';
}

/** Columns a row needs to be read at all (a table may print no 一级/二级 columns). */
const NEEDED: HeaderKind[] = ['h3', 'hvalue'];

function header(table: TableLayout, family: LayoutFamily, anchor?: string): Form['header'] {
  const missing = family.columns.filter((k) => table.cols[k] === undefined);
  const present = family.columns.filter((k) => table.cols[k] !== undefined).map((k) => table.cols[k]!);
  const inOrder = !family.ordered || present.every((c, i) => i === 0 || c > present[i - 1]);
  return {
    cell: anchor ?? table.cell, row: table.top, found: table.found, missing, inOrder,
    levels: table.cols.h1 !== undefined, secondLevel: table.cols.h2 !== undefined,
  };
}

function readTable(view: SheetView, table: TableLayout, family: LayoutFamily, bottom: number, form: Form): void {
  form.header = header(table, family);
  // Without the columns that carry an indicator, rows cannot be read; FORM-002 says which are missing.
  if (NEEDED.some((k) => table.cols[k] === undefined)) return;
  for (const r of tableRows(view, table, bottom)) form.indicators.push(readRow(view, r, table, family));
  shiftLevels(form);
  if (form.indicators.some((row) => row.level1 === 'cost')) form.framework = '2021';
}

/**
 * A table whose 一级 column holds a heading (实施效果指标) and whose 二级 column holds the 一级
 * (产出指标, 效益指标): the levels are read one column to the right and the table has no 二级.
 */
function shiftLevels(form: Form): void {
  const rows = form.indicators;
  const shifted = rows.filter((r) => !r.level1Written && level1Of(normLabel(r.l2.text)));
  if (rows.length === 0 || shifted.length * 2 <= rows.length) return;
  for (const r of rows) {
    const l1 = level1Of(normLabel(r.l2.text));
    Object.assign(r, { l1: r.l2, level1: l1, level1Written: l1 !== undefined, level2: undefined });
  }
  form.header!.secondLevel = false;
}

/** The rows of a table, from below its header to a footer, a note, the next table or the form's end. */
function tableRows(view: SheetView, table: TableLayout, bottom: number): number[] {
  const cols = [...new Set([...Object.values(table.cols), ...Object.values(table.listCols)])].sort((a, b) => a - b);
  const out: number[] = [];
  let sawBlank = false;
  for (let r = table.bottom + 1; r <= bottom; r++) {
    const own = cols.filter((c) => view.isOwner(r, c) && view.label(r, c) !== '');
    if (own.length === 0) {
      sawBlank = true;
      continue;
    }
    const texts = own.map((c) => view.label(r, c));
    if (FOOTER.test(texts[0]) || texts.some((t) => /盖章|签章|签字|^(\d{4})?年月日$/.test(t))) break;
    if (own.some((c) => {
      const k = classifyLabel(view.label(r, c));
      return k === 'h1' || k === 'tableLong' || k === 'tableAnnual';
    })) break;
    const a = view.area(r, own[0]);
    const wide = a.right - a.left >= 2;
    const l1 = table.cols.h1 === undefined ? '' : view.label(r, table.cols.h1);
    const l2 = table.cols.h2 === undefined ? '' : view.label(r, table.cols.h2);
    if (own.length === 1 && wide && !level1Of(texts[0])) break;
    if (sawBlank && !level1Of(l1) && !level2Of(l2) && table.cols.h1 !== undefined) break;
    sawBlank = false;
    out.push(r);
  }
  return out;
}

function readRow(view: SheetView, r: number, t: TableLayout, family: LayoutFamily): IndicatorRow {
  const at = (k: HeaderKind) => (t.cols[k] !== undefined ? field(view, r, t.cols[k]!) : undefined);
  const [l3, value] = (['h3', 'hvalue'] as const).map((k) => at(k)!);
  // Without 一级/二级 columns the levels are empty here and the rules about them stay silent (header.levels).
  const l1 = at('h1') ?? { text: '', cell: l3.cell };
  const l2 = at('h2') ?? { text: '', cell: l3.cell };
  const desc = at('hdesc');
  const basis = at('hbasis');
  const cmp = at('hcmp');
  const unit = at('hunit');
  let parsed;
  let valueText = value.text;
  if (cmp || unit) ({ parsed, text: valueText } = parseSplit(cmp?.text ?? '', value.raw, unit?.text ?? ''));
  else parsed = parseCell(value.raw);
  const also = t.moreValues.map((c) => {
    const f = field(view, r, c);
    return { value: f, valueText: f.text, parsed: parseCell(f.raw) };
  });
  const written = level1Of(normLabel(l1.text));
  const level2 = level2Of(normLabel(l2.text));
  // A template row the unit left empty (no indicator, no value, no description) does not apply.
  const unused = [l3, value, desc].every((f) => !f || normLabel(f.text) === '');
  return {
    row: r,
    l1, l2, l3, value, valueText, parsed,
    ...(desc ? { desc } : {}),
    ...(basis ? { basis } : {}),
    ...(cmp ? { cmp } : {}),
    ...(unit ? { unit } : {}),
    ...(also.length ? { also } : {}),
    level1: written ?? (level2 && parentOf(level2)),
    level1Written: written !== undefined,
    level2,
    notApplicable: (unused && family.blankRowsOptional) || isNotApplicable(normLabel(l3.text)),
  };
}

/** A list export: one row per indicator, the project in every row; consecutive rows of one project are one form. */
function buildList(view: SheetView, d: Draft, table: TableLayout, limit: number, sheet: string, workbook: string, options: ReadOptions): Form[] {
  const { family, forced } = familyOf(d, table, true, options);
  const indicatorCols = NEEDED.map((k) => table.cols[k]);
  // Rows that carry no indicator (a unit's subtotal line) are not indicator rows.
  const all = indicatorCols.every((c) => c !== undefined) ? tableRows(view, table, limit) : [];
  const hasIndicator = (r: number) => [table.cols.h1, table.cols.h2, ...indicatorCols].some((c) => c !== undefined && view.text(r, c) !== '');
  const rows = all.filter(hasIndicator);
  // Without a unit column, the unit is the subtotal line printed above its projects ("505006 | 州民族特殊教育学校 | 30").
  const unitLine = (first: number) => {
    for (let r = first - 1; r > table.bottom; r--) if (!hasIndicator(r) && view.text(r, table.listCols.name!) !== '') return r;
    return undefined;
  };
  const nameCol = table.listCols.name!;
  const groups: number[][] = [];
  let key: string | undefined;
  for (const r of rows) {
    const k = cellText(view.cell(r, nameCol));
    if (k !== key || groups.length === 0) groups.push([]);
    key = k;
    groups[groups.length - 1].push(r);
  }
  const unitWan = unitFromLabels(view, d, d.labels[0].row, table.bottom);
  return groups.map((g) => {
    const at = (col: number | undefined) => (col === undefined ? undefined : field(view, g[0], col));
    const unitRow = table.listCols.unit === undefined ? unitLine(g[0]) : undefined;
    const totalCell = at(table.listCols.total);
    const fiscalCell = at(table.listCols.fiscal);
    const form: Form = {
      sheet, workbook, index: 0, family: family.id,
      ...(forced ? { familyForced: true } : {}),
      firstCell: at(nameCol)!.cell,
      top: g[0],
      bottom: g[g.length - 1],
      left: table.left,
      right: table.right,
      framework: 'classic',
      name: at(nameCol),
      ...(table.listCols.unit !== undefined ? { unit: at(table.listCols.unit) } : unitRow !== undefined ? { unit: field(view, unitRow, table.listCols.name!) } : {}),
      ...(table.listCols.code !== undefined ? { code: at(table.listCols.code) } : {}),
      ...(table.listCols.goal !== undefined ? { goal: at(table.listCols.goal) } : {}),
      ...(totalCell ? { total: { ...totalCell, amount: parseAmountCell(totalCell) } } : {}),
      ...(fiscalCell ? { fiscal: { ...fiscalCell, amount: parseAmountCell(fiscalCell) } } : {}),
      sources: [],
      labelUnitWan: unitWan,
      indicators: g.map((r) => readRow(view, r, table, family)),
      missing: [],
    };
    form.header = header(table, family, at(table.cols.h1 ?? nameCol)!.cell);
    if (form.indicators.some((row) => row.level1 === 'cost')) form.framework = '2021';
    const has: Record<FormPart, boolean> = {
      code: !!form.code, name: true, total: !!form.total, use: false, plan: false, goal: !!form.goal, header: true,
    };
    form.missing = family.requires.filter((p) => !has[p]);
    return form;
  });
}

function parseAmountCell(f: Field): AmountField['amount'] {
  return parseAmount(f.raw);
}
