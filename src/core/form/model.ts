import type { Cell } from '../grid';
import type { Amount, ParsedValue } from '../values';
import type { FamilyId, FormPart } from './families';
import type { HeaderKind, Level1, Level2 } from './labels';

export type { FormPart } from './families';

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
  /** 绩效指标描述, where the family's table has the column. */
  desc?: Field;
  /** The value cell (指标值 / 指标目标值 / 预期…实现值). */
  value: Field;
  /** 指标性质 (the comparator) and 度量单位, where the export splits them from the value. */
  cmp?: Field;
  unit?: Field;
  /** 指标确定依据 (or 绩效标准 …), where the table has the column. */
  basis?: Field;
  /** The value as a reviewer reads it: comparator + value + unit joined. */
  valueText: string;
  /** The 一级 written in the row, or, when that is missing or unknown, the one its 二级 belongs to. */
  level1?: Level1;
  /** The row's own 一级指标 cell names a known 一级. */
  level1Written: boolean;
  level2?: Level2;
  /** 三级指标 is 不涉及 (or the row was left blank): a row kept only to say a 二级 does not apply. */
  notApplicable: boolean;
  parsed: ParsedValue;
  /** Further targets of the same indicator (one per region, under one merged value header). */
  also?: { value: Field; valueText: string; parsed: ParsedValue }[];
}

export interface TableHeader {
  cell: string;
  row: number;
  /** A1 address of each header label used, by kind. */
  found: Partial<Record<HeaderKind, string>>;
  /** Required columns of the family missing, and whether the order is the template's. */
  missing: HeaderKind[];
  inOrder: boolean;
  /** The table prints 一级/二级 columns; without them the rules about levels stay silent. */
  levels: boolean;
  /** The table has a 二级 level of its own (not so where its 二级 column holds the 一级: 实施效果指标 → 产出指标). */
  secondLevel: boolean;
}

export interface Form {
  sheet: string;
  /** Which workbook (file) the form came from; cross-form rules group by it. */
  workbook: string;
  /** Position of the form on its sheet, 0-based. */
  index: number;
  /** The layout family the form was read in, and whether it was forced by the options. */
  family: FamilyId;
  familyForced?: boolean;
  /** A1 address of the form's first label cell. */
  firstCell: string;
  /** The form's extent: first and last absolute rows and columns. Findings stay inside it. */
  top: number;
  bottom: number;
  left: number;
  right: number;
  framework: 'classic' | '2021';
  unit?: Field;
  code?: Field;
  name?: Field;
  total?: AmountField;
  adjust?: AmountField;
  fiscal?: AmountField;
  other?: AmountField;
  /** Further sources of funds (上级资金, 自有资金 …) listed in the amount block. */
  sources: AmountField[];
  /** A unit named by a label or a note ("项目资金(万元)", "金额单位：元"), in 万元. */
  labelUnitWan?: number;
  use?: Field;
  plan?: { cell: string; months: PlanMonth[] };
  /** The annual goal (年度目标 where the goal block is split, else the one goal). */
  goal?: Field;
  /** The long-term goal of a split goal block. */
  longGoal?: Field;
  header?: TableHeader;
  indicators: IndicatorRow[];
  missing: FormPart[];
}

/** A block that looks like a form (its vocabulary, an indicator header) but could not be assembled. */
export interface Unrecognised {
  sheet: string;
  workbook: string;
  cell: string;
  /** What was missing, in words ("项目名称", "指标表头"). */
  missing: string[];
}

export interface SheetResult {
  name: string;
  /** The workbook the sheet is in. */
  workbook: string;
  /** The sheet's first cell that holds anything (A1 of an empty sheet): where a finding about the sheet goes. */
  origin: string;
  status: 'checked' | 'skipped' | 'unrecognised';
  forms: Form[];
  unrecognised: Unrecognised[];
}
