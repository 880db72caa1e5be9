/**
 * A template is plain data: pre-filled indicator rows for a kind of project.
 * The official layout comes from core/layout; the blanks, dropdowns and print
 * setup from templates/sheet. Both writers (exceljs, Office.js) render the result.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export interface TemplateRow {
  l1: string;
  l2: string;
  /** Blank ('') when the user names the indicator. */
  l3: string;
  desc: string;
  /** null: the user fills it in; `example` shows how. */
  value: string | null;
  basis: string;
  /** The money cost row: its value is "≤ the budget" (万元). */
  cost?: boolean;
  /** A realistic value for a blank, shown in the cell's input prompt. */
  example?: string;
}

export interface Template {
  /** Stable id used by the CLI (`--template it-ops`) and the pane. */
  id: string;
  title: Bilingual;
  summary: Bilingual;
  /** What a 资金用途 / 绩效目标 for this kind of project says, shown as the input prompt. */
  useExample: string;
  goalExample: string;
  rows: TemplateRow[];
  /** Saved from a form in the workbook (另存为模板), not shipped. */
  custom?: boolean;
}

/** What the user enters before inserting; anything left out stays a blank to fill. */
export interface TemplateInputs {
  unit?: string;
  name?: string;
  code?: string;
  /** 预算数 in 万元. */
  budget?: number;
}

/** The plan months of the official form (form-layout.md); 12月底 is written as 100 in advance. */
export const PLAN_MONTHS = ['3月底', '6月底', '10月底', '12月底'] as const;

export const NOT_APPLICABLE = '不涉及';

/** A 二级 that does not apply to a kind of project: kept, as the official form expects, and marked 不涉及. */
export function notApplicable(l1: string, l2: string): TemplateRow {
  return { l1, l2, l3: NOT_APPLICABLE, desc: NOT_APPLICABLE, value: NOT_APPLICABLE, basis: NOT_APPLICABLE };
}

/** The cost value for a budget in 万元: "≤81万元", "≤12.5万元". */
export function costValue(budget: number): string {
  return `≤${formatWan(budget)}万元`;
}

export function formatWan(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

/** Dropdown lists (data validation) of the indicator table. Each joined list stays under Excel's 255 characters. */
export const LEVEL1_LIST = ['产出指标', '效益指标', '满意度指标', '成本指标'];
export const LEVEL2_LIST = [
  '数量指标', '质量指标', '时效指标', '成本指标',
  '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标',
  '经济成本指标', '社会成本指标', '生态环境成本指标',
];
export const BASIS_LIST = [
  '部门预算', '年度工作计划', '合同协议', '政策文件', '行业标准', '历史数据', '满意度调查', '验收报告', NOT_APPLICABLE,
];
