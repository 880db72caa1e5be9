/**
 * Grid → forms. Forms are found by their labels, wherever they start and however
 * many are stacked on a sheet; merged areas are resolved before anything is
 * judged empty. Parsing never throws on content: what it cannot read is left for
 * the rules to report.
 */
import { toA1, type Area, type Grid } from '../grid';
import { normLabel } from '../text';
import { parseAmount, parseCell, parseValueText, cellText } from '../values';
import { SheetView } from './sheetView';
import {
  FOOTER, HEADER_KINDS, SECTION, classifyLabel, inlineValue, isNotApplicable, level1Of, level2Of, parentOf,
  type HeaderKind, type LabelKind,
} from './labels';
import type { AmountField, Field, Form, FormPart, IndicatorRow, PlanMonth, SheetResult } from './model';

interface Label {
  kind: LabelKind;
  row: number;
  col: number;
  area: Area;
  text: string;
}

interface Draft {
  labels: Label[];
  kinds: Set<LabelKind>;
  maxSection: number;
  headerRow?: number;
}

/** Labels that open a new form even inside an indicator table. */
const STRONG = new Set<LabelKind>(['title', 'unit', 'code', 'name', 'h1']);
/** A block is a form only if it has one of these and at least two parts in all. */
const IDENTIFYING = new Set<LabelKind>(['code', 'name', 'goal']);
const PARTS = new Set<LabelKind>(['unit', 'code', 'name', 'budget', 'total', 'use', 'plan', 'goal', 'h1']);

export function readSheet(grid: Grid, workbook = ''): SheetResult {
  const view = new SheetView(grid);
  const drafts = segment(collectLabels(view));
  const forms: Form[] = [];
  drafts.forEach((d, i) => {
    const parts = [...d.kinds].filter((k) => PARTS.has(k));
    if (parts.length < 2 || !parts.some((k) => IDENTIFYING.has(k))) return;
    // 部门(单位)整体支出绩效目标表 is another form, with its own layout and rules.
    if (d.labels.some((l) => l.kind === 'title' && normLabel(l.text).includes('整体'))) return;
    // Labels arrive in reading order, so a draft's first label is its top row; the next draft bounds this one.
    const top = d.labels[0].row;
    const bottom = i + 1 < drafts.length ? drafts[i + 1].labels[0].row - 1 : view.bottom;
    forms.push(buildForm(view, d, top, bottom, grid.sheet, workbook, forms.length));
  });
  return { name: grid.sheet, status: forms.length ? 'checked' : 'skipped', forms };
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
      const kind = classifyLabel(view.label(ar, ac));
      if (kind) out.push({ kind, row: ar, col: ac, area: view.area(ar, ac), text: cellText(cell) });
    }
  }
  return out;
}

/** Split labels into forms: a label out of the form's top-to-bottom order starts the next one. */
function segment(labels: Label[]): Draft[] {
  const drafts: Draft[] = [];
  let cur: Draft | undefined;
  for (const lab of labels) {
    const sec = SECTION[lab.kind];
    const isHeader = sec === SECTION.h1;
    let fresh = !cur;
    if (cur && cur.headerRow !== undefined) {
      if (lab.row <= cur.headerRow && isHeader) {
        add(cur, lab);
        continue;
      }
      if (!STRONG.has(lab.kind)) continue; // inside an indicator table: data, not labels
      fresh = true;
    } else if (cur) {
      fresh = sec < cur.maxSection || (cur.kinds.has(lab.kind) && !isHeader);
    }
    if (fresh) {
      cur = { labels: [], kinds: new Set(), maxSection: 0 };
      drafts.push(cur);
    }
    add(cur!, lab);
  }
  return drafts;
}

function add(d: Draft, lab: Label): void {
  d.labels.push(lab);
  d.kinds.add(lab.kind);
  d.maxSection = Math.max(d.maxSection, SECTION[lab.kind]);
  if (lab.kind === 'h1') d.headerRow = lab.area.bottom;
}

function field(view: SheetView, row: number, col: number, fromRow = row): Field {
  const a = view.area(row, col);
  const raw = view.rawCell(a.top, a.left);
  return { text: cellText(raw), cell: toA1(a.top, a.left), raw, inherited: a.top < fromRow };
}

/** The value of a label: written after it in the same cell, or in the next cell to its right. */
function valueOf(view: SheetView, lab: Label): Field {
  const inline = inlineValue(lab.kind, lab.text);
  const own = { text: inline, cell: toA1(lab.row, lab.col), raw: view.rawCell(lab.row, lab.col) };
  // A label merged wide ("资金用途：" across B:F) is its own value cell, even when empty.
  if (inline || lab.area.right - lab.area.left >= 2) return own;
  // "调增(减)资金：" with nothing after it: the next cell is another label, not this one's value.
  if (classifyLabel(view.label(lab.row, lab.area.right + 1))) return own;
  return field(view, lab.row, lab.area.right + 1);
}

function amountField(view: SheetView, lab: Label): AmountField {
  const f = valueOf(view, lab);
  const sameCell = f.cell === toA1(lab.row, lab.col);
  return { ...f, amount: parseAmount(f.raw, sameCell ? f.text : undefined) };
}

function buildForm(view: SheetView, d: Draft, top: number, bottom: number, sheet: string, workbook: string, index: number): Form {
  const first = (k: LabelKind) => d.labels.find((l) => l.kind === k);
  const h1 = first('h1');
  const code = first('code');
  const anchorCol = h1?.col ?? code?.col ?? Math.min(...d.labels.map((l) => l.col));
  const firstLabel = d.labels[0];
  const form: Form = {
    sheet,
    workbook,
    index,
    firstCell: toA1(firstLabel.row, firstLabel.col),
    top,
    bottom,
    framework: 'classic',
    indicators: [],
    missing: [],
  };
  const lab = (k: LabelKind) => first(k);
  if (lab('unit')) form.unit = valueOf(view, lab('unit')!);
  if (code) form.code = valueOf(view, code);
  if (lab('name')) form.name = valueOf(view, lab('name')!);
  if (lab('total')) form.total = amountField(view, lab('total')!);
  if (lab('adjust')) form.adjust = amountField(view, lab('adjust')!);
  if (lab('fiscal')) form.fiscal = amountField(view, lab('fiscal')!);
  if (lab('other')) form.other = amountField(view, lab('other')!);
  form.labelUnitWan = unitFromLabels(view, d, top);
  form.use = readUse(view, d);
  if (lab('plan')) form.plan = readPlan(view, lab('plan')!, anchorCol);
  if (lab('goal')) form.goal = valueOf(view, lab('goal')!);
  if (h1) readTable(view, d, h1, anchorCol, bottom, form);

  const missing: [FormPart, boolean][] = [
    ['code', !!code], ['name', !!form.name], ['total', !!form.total], ['use', !!form.use],
    ['plan', !!form.plan], ['goal', !!form.goal], ['header', !!h1],
  ];
  form.missing = missing.filter(([, ok]) => !ok).map(([p]) => p);
  return form;
}

/** 资金用途: its own label, or the second row of a two-row 预算规模及资金用途 label. */
function readUse(view: SheetView, d: Draft): Field | undefined {
  const use = d.labels.find((l) => l.kind === 'use');
  if (use) return valueOf(view, use);
  const budget = d.labels.find((l) => l.kind === 'budget');
  if (budget && budget.area.bottom > budget.row && normLabel(budget.text).includes('用途')) {
    return field(view, budget.area.bottom, budget.area.right + 1);
  }
  return undefined;
}

/** "预算数(万元)", or a "单位:万元" note above the form, settles amounts typed without a unit. */
function unitFromLabels(view: SheetView, d: Draft, top: number): number | undefined {
  for (const l of d.labels) {
    const m = /\((万元|元)\)/.exec(normLabel(l.text));
    if (m && (l.kind === 'total' || l.kind === 'fiscal' || l.kind === 'other' || l.kind === 'budget')) return m[1] === '万元' ? 1 : 1e-4;
  }
  for (let r = top; r <= Math.min(top + 2, view.bottom); r++) {
    for (let c = view.left; c <= view.right; c++) {
      const m = /单位:?(万元|元)$/.exec(view.label(r, c));
      if (m && view.isOwner(r, c)) return m[1] === '万元' ? 1 : 1e-4;
    }
  }
  return undefined;
}

const MONTH = /^(\d{1,2})月(?:底|末)?(?::?(\d+(?:\.\d+)?%?))?$/;

function readPlan(view: SheetView, lab: Label, anchorCol: number): Form['plan'] {
  const months: PlanMonth[] = [];
  const last = Math.max(view.right, anchorCol + 5);
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

function readTable(view: SheetView, d: Draft, h1: Label, anchorCol: number, bottom: number, form: Form): void {
  const found: Partial<Record<HeaderKind, string>> = {};
  const cols: Partial<Record<HeaderKind, number>> = {};
  for (const l of d.labels) {
    if ((HEADER_KINDS as readonly string[]).includes(l.kind) && l.row <= h1.area.bottom && l.area.bottom >= h1.row) {
      const k = l.kind as HeaderKind;
      if (cols[k] === undefined) {
        cols[k] = l.col;
        found[k] = toA1(l.row, l.col);
      }
    }
  }
  const present = HEADER_KINDS.filter((k) => cols[k] !== undefined).map((k) => cols[k]!);
  const inOrder = present.length === HEADER_KINDS.length && present.every((c, i) => i === 0 || c > present[i - 1]);
  form.header = { cell: toA1(h1.row, h1.col), row: h1.row, found, inOrder };
  // Columns missing from the header fall back to the official positions.
  const col = (k: HeaderKind, i: number) => cols[k] ?? anchorCol + i;
  const c = HEADER_KINDS.map((k, i) => col(k, i));

  let sawBlank = false;
  for (let r = h1.area.bottom + 1; r <= bottom; r++) {
    const own = c.filter((cc) => view.isOwner(r, cc) && view.label(r, cc) !== '');
    if (own.length === 0) {
      sawBlank = true;
      continue;
    }
    const l1Label = view.label(r, c[0]);
    const l2Label = view.label(r, c[1]);
    const firstOwn = own[0];
    const firstText = view.label(r, firstOwn);
    const wide = view.area(r, firstOwn).right - view.area(r, firstOwn).left >= 2;
    if (FOOTER.test(firstText) || (own.length === 1 && wide && !level1Of(firstText))) break;
    if (sawBlank && !level1Of(l1Label) && !level2Of(l2Label)) break;
    sawBlank = false;
    form.indicators.push(readRow(view, r, c));
  }
  if (form.indicators.some((row) => row.level1 === 'cost')) form.framework = '2021';
}

function readRow(view: SheetView, r: number, c: number[]): IndicatorRow {
  const [l1, l2, l3, desc, value, basis] = c.map((cc) => field(view, r, cc));
  const l3Label = normLabel(l3.text);
  const written = level1Of(normLabel(l1.text));
  const level2 = level2Of(normLabel(l2.text));
  return {
    row: r,
    l1, l2, l3, desc, value, basis,
    level1: written ?? (level2 && parentOf(level2)),
    level1Written: written !== undefined,
    level2,
    notApplicable: isNotApplicable(l3Label),
    parsed: parseCell(value.raw),
  };
}

