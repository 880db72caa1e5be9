import type { Cell } from '../grid';
import type { Amount, ParsedValue } from '../values';
import type { Level1, Level2 } from './labels';

/** One value of the form and the cell a person edits to change it. */
export interface Field {
  /** Display text, NFKC-folded and trimmed. */
  text: string;
  /** A1 address of the cell holding the value (the top-left of its merged area). */
  cell: string;
  /** The cell itself, for number formats and raw values. */
  raw?: Cell;
  /** True when the value came from a merged area that starts on an earlier row. */
  inherited?: boolean;
}

export interface AmountField extends Field {
  amount: Amount | 'empty' | 'invalid';
}

export interface PlanMonth {
  /** "3月底", as labelled. */
  label: string;
  month: number;
  value: Field;
  /** The percentage read, 'empty', or 'invalid'. */
  percent: number | 'empty' | 'invalid';
}

export interface IndicatorRow {
  /** 0-based absolute row. */
  row: number;
  l1: Field;
  l2: Field;
  l3: Field;
  desc: Field;
  value: Field;
  basis: Field;
  /** The 一级 written in the row, or, when that is missing or unknown, the one its 二级 belongs to. */
  level1?: Level1;
  /** The row's own 一级指标 cell names a known 一级. */
  level1Written: boolean;
  level2?: Level2;
  /** 三级指标 is 不涉及: a row kept only to say a 二级 does not apply. */
  notApplicable: boolean;
  parsed: ParsedValue;
}

export type FormPart = 'code' | 'name' | 'total' | 'use' | 'plan' | 'goal' | 'header';

export interface Form {
  sheet: string;
  /** Which workbook (file) the form came from; cross-form rules group by it. */
  workbook: string;
  /** Position of the form on its sheet, 0-based. */
  index: number;
  /** A1 address of the form's first label cell. */
  firstCell: string;
  /** First and last absolute rows of the form. */
  top: number;
  bottom: number;
  framework: 'classic' | '2021';
  unit?: Field;
  code?: Field;
  name?: Field;
  total?: AmountField;
  adjust?: AmountField;
  fiscal?: AmountField;
  other?: AmountField;
  /** A unit named by a label or a note ("预算数(万元)", "单位:万元"), in 万元. */
  labelUnitWan?: number;
  use?: Field;
  plan?: { cell: string; months: PlanMonth[] };
  goal?: Field;
  header?: {
    cell: string;
    row: number;
    /** A1 address of each header label found, by kind. */
    found: Partial<Record<'h1' | 'h2' | 'h3' | 'hdesc' | 'hvalue' | 'hbasis', string>>;
    inOrder: boolean;
  };
  indicators: IndicatorRow[];
  missing: FormPart[];
}

export interface SheetResult {
  name: string;
  status: 'checked' | 'skipped';
  forms: Form[];
}
