/**
 * A block form (every family but list exports) assembled from its draft: the
 * fields around its labels, its amount block and goal block, its plan, and its
 * annual indicator table.
 */
import { fromA1, toA1 } from '../grid';
import { normLabel } from '../text';
import { cellText, parseCell, parseValueText } from '../values';
import { SheetView } from './sheetView';
import type { FormPart } from './families';
import { amountField, field, labelKind, valueOf, type Label } from './fields';
import { unitRank, type LabelKind } from './labels';
import type { Field, Form, PlanMonth } from './model';
import { annualTable, familyOf, unitFromLabels, type Draft, type ReadOptions } from './draft';
import { readTable } from './rows';

export function buildForm(view: SheetView, d: Draft, limit: number, sheet: string, workbook: string, index: number, options: ReadOptions): Form {
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
  const units = d.labels.filter((l) => l.kind === 'unit').sort((a, b) => unitRank(a.norm) - unitRank(b.norm));
  // "填报单位(盖章)：单位负责人：…" names no unit: take the next unit label that does.
  const unitValues = units.map((l) => valueOf(view, l, right)).filter((f) => !/^[^:]{2,8}:/.test(normLabel(f.text)));
  if (units.length) form.unit = unitValues.find((f) => normLabel(f.text) !== '') ?? unitValues[0] ?? valueOf(view, units[0], right);
  const code = first('code');
  if (code) form.code = valueOf(view, code, right);
  const name = first('name');
  if (name) form.name = valueOf(view, name, right);
  // Of several labels of a kind: the year's ("当年资金总额" beside the project's "资金总额"), in the total's
  // column, whose value reads as an amount ("一般公共预算" may be a category, not a label).
  let totalCol: number | undefined;
  const amount = (k: LabelKind) => {
    const read = d.labels.filter((l) => l.kind === k).map((l) => ({ l, f: amountField(view, l, right) }))
      // "财政资金(万元)" over the sub-columns 中央 | 省级 | …: the word below is a sub-header, not its amount.
      .filter(({ l, f }) => !(f.amount === 'invalid' && !/\d/.test(f.text) && fromA1(f.cell)!.row > l.area.bottom))
      .map(({ l, f }) => {
      const score = (typeof f.amount === 'object' ? 4 : 0) + (/当年|年度|本年/.test(l.norm) ? 2 : 0) + (l.col === totalCol ? 1 : 0);
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
  if (!form.fiscal && sources.length && /^其中/.test(sources[0].norm)) form.fiscal = amountField(view, sources.shift()!, right);
  form.sources = sources.map((l) => amountField(view, l, right));
  form.use = readUse(view, d, right);
  const plan = first('plan');
  if (plan) form.plan = readPlan(view, plan, table?.left ?? form.left, right);
  readGoals(view, d, right, form);

  const tableBottom = Math.min(limit, (next ?? limit + 1) - 1);
  if (table) readTable(view, table, family, tableBottom, form);
  form.labelUnitWan = unitFromLabels(view, d, form.top, table ? table.top - 1 : form.bottom) ?? family.amountUnitWan;
  const lastRow = form.indicators[form.indicators.length - 1]?.row;
  form.bottom = Math.max(form.bottom, ...d.labels.filter((l) => l.row <= (lastRow ?? table?.bottom ?? Infinity)).map((l) => l.area.bottom));
  if (table) form.bottom = Math.max(form.bottom, table.bottom, lastRow ?? 0);

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
  if (budget && budget.area.bottom > budget.row && budget.norm.includes('用途')) {
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
