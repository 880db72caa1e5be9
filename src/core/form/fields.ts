/**
 * Where a label's value is: after it in the same cell, in the cell to its
 * right, or below it when the label stands in a row of labels (年度资金总额 |
 * 财政拨款 | 其他资金 over their amounts; 中长期目标 | 年度目标 over their texts).
 */
import { toA1, type Area } from '../grid';
import { cellText, parseAmount } from '../values';
import { SheetView } from './sheetView';
import { AMOUNT_KINDS, classifyLabel, inlineValue, isHeaderKind, type LabelKind } from './labels';
import type { AmountField, Field } from './model';

export interface Label {
  kind: LabelKind;
  row: number;
  col: number;
  area: Area;
  text: string;
  /** The text as labels are compared (normLabel), kept from classification. */
  norm: string;
}

export function field(view: SheetView, row: number, col: number, fromRow = row): Field {
  const a = view.area(row, col);
  const raw = view.rawCell(a.top, a.left);
  return { text: cellText(raw), cell: toA1(a.top, a.left), raw, inherited: a.top < fromRow };
}

/**
 * The kind of label at a cell. An amount label merged down over several rows
 * ("项目金额(万元)" beside 年度资金总额 / 财政拨款 / 其他资金) heads the amount block.
 */
export function labelKind(view: SheetView, row: number, col: number): LabelKind | undefined {
  const k = classifyLabel(view.label(row, col));
  if (k === 'total') {
    // It heads the block when amount labels stand beside it on two or more of its rows.
    const a = view.area(row, col);
    let rows = 0;
    for (let r = a.top; r <= a.bottom && a.bottom > a.top; r++) {
      const beside = classifyLabel(view.label(r, a.right + 1));
      if (beside && AMOUNT_KINDS.includes(beside)) rows++;
    }
    if (rows >= 2) return 'budget';
  }
  return k;
}

/** A label other than a table column header (a value that mentions 指标值 is not a label). */
function labelAt(view: SheetView, row: number, col: number): LabelKind | undefined {
  const k = labelKind(view, row, col);
  return k && (!isHeaderKind(k) || k === 'h1') ? k : undefined;
}

const GOAL_KINDS: readonly LabelKind[] = ['goal', 'goalLong'];
const mates = (k: LabelKind): readonly LabelKind[] => (AMOUNT_KINDS.includes(k) ? AMOUNT_KINDS : GOAL_KINDS.includes(k) ? GOAL_KINDS : []);

/** The value of a label. `right` bounds the form: a cell beyond it is not this form's. */
export function valueOf(view: SheetView, lab: Label, right = view.right): Field {
  const inline = inlineValue(lab.kind, lab.text);
  const own = { text: inline, cell: toA1(lab.row, lab.col), raw: view.rawCell(lab.row, lab.col) };
  // A label merged wide ("资金用途：" across B:F) is its own value cell, even when empty.
  const wide = lab.area.right - lab.area.left >= 2;
  if (inline || (wide && (lab.kind === 'use' || lab.text.trim().endsWith(':') || lab.text.trim().endsWith('：')))) return own;
  const group = mates(lab.kind);
  // A label merged across columns with a value merged the same way under it is a column header ("年度目标"
  // over its text, beside a "完成情况" column).
  const under = lab.area.bottom + 1;
  if (lab.kind !== 'adjust' && lab.area.right > lab.area.left && under <= view.bottom) {
    const a = view.area(under, lab.area.left);
    if (a.left === lab.area.left && a.right === lab.area.right && view.text(under, a.left) !== '' && !labelAt(view, under, a.left)) {
      return field(view, under, a.left);
    }
  }
  const rc = lab.area.right + 1;
  const rightKind = rc <= right ? labelAt(view, lab.row, rc) : undefined;
  const leftKind = lab.col - 1 >= view.left ? labelAt(view, lab.row, view.area(lab.row, lab.col - 1).left) : undefined;
  const rightFree = rc <= right && !rightKind;
  const inRow = (rightKind && group.includes(rightKind)) || (leftKind && group.includes(leftKind));
  if (rightFree && (view.text(lab.row, rc) !== '' || !inRow)) return field(view, lab.row, rc);
  // "调增(减)资金：" with nothing after it is the Hebei form's inline label: its cell is its value.
  if (lab.kind === 'adjust') return own;
  const below = lab.area.bottom + 1;
  if ((inRow || rc > right) && below <= view.bottom && !labelAt(view, below, lab.col)) return field(view, below, lab.col);
  return own;
}

export function amountField(view: SheetView, lab: Label, right?: number): AmountField {
  const f = valueOf(view, lab, right);
  const sameCell = f.cell === toA1(lab.row, lab.col);
  return { ...f, amount: parseAmount(f.raw, sameCell ? f.text : undefined) };
}
