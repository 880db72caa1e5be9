/**
 * A template with the user's entries turned into a sheet spec: the official
 * layout (core/layout; Hebei's 目标表 or the national 申报表), input prompts on
 * every blank, dropdowns on the indicator columns, number checks on amounts and
 * the plan, print setup.
 */
import { toA1, type Area } from '../grid';
import { BLANK_TEXT, layoutForm, type FormData, type FormLayout, type SheetSpec, type SpecCell, type ValidationSpec } from '../layout';
import type { Locale } from '../rules/types';
import { BASIS_LIST, LEVEL1_LIST, LEVEL2_LIST, PLAN_MONTHS, costValue, type Bilingual, type Template, type TemplateInputs } from './model';

/** A cell the user still has to fill, in reading order. */
export interface Blank {
  field: string;
  /** A1 address on the new sheet. */
  cell: string;
  label: Bilingual;
}

export interface TemplateSheet {
  layout: FormLayout;
  spec: SheetSpec;
  blanks: Blank[];
  /** The form as written, for callers that want to check or show it. */
  form: FormData;
}

const LOOKS_NUMERIC = /^\s*[-+]?(\d[\d,]*(\.\d+)?|\.\d+)\s*%?\s*$|^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/;

type Kind =
  | 'unit' | 'code' | 'name' | 'total' | 'fiscal' | 'use' | 'goal' | 'plan' | 'l3' | 'desc' | 'value' | 'basis'
  | 'year' | 'dept' | 'goalLong' | 'preparer' | 'phone' | 'date';

const LABELS: Record<Kind, Bilingual> = {
  year: { zh: '预算年度', en: 'Budget year' },
  dept: { zh: '主管部门', en: 'Supervising department' },
  unit: { zh: '填报单位', en: 'Reporting unit' },
  code: { zh: '项目编码', en: 'Project code' },
  name: { zh: '项目名称', en: 'Project name' },
  total: { zh: '预算数', en: 'Budget' },
  fiscal: { zh: '财政资金', en: 'Fiscal funds' },
  use: { zh: '资金用途', en: 'Use of funds' },
  goal: { zh: '绩效目标', en: 'Performance goal' },
  plan: { zh: '资金支出计划', en: 'Spending plan' },
  l3: { zh: '三级指标', en: 'Indicator' },
  desc: { zh: '绩效指标描述', en: 'Description' },
  value: { zh: '指标值', en: 'Target value' },
  basis: { zh: '指标确定依据', en: 'Basis' },
  goalLong: { zh: '中长期目标', en: 'Long-term goal' },
  preparer: { zh: '填报人', en: 'Prepared by' },
  phone: { zh: '联系电话', en: 'Phone' },
  date: { zh: '填报日期', en: 'Date' },
};

/** The national 申报表's own words for the fields both layouts have. */
const NATIONAL_LABELS: Partial<Record<Kind, Bilingual>> = {
  unit: { zh: '实施单位', en: 'Implementing unit' },
  total: { zh: '年度资金总额', en: 'Annual funds' },
  fiscal: { zh: '财政拨款', en: 'Fiscal appropriation' },
  goal: { zh: '年度目标', en: 'Annual goal' },
};

const labelOf = (kind: Kind, layout: FormLayout): Bilingual => (layout === 'national' && NATIONAL_LABELS[kind]) || LABELS[kind];

function promptText(kind: Kind, t: Template, example: string | undefined, layout: FormLayout): Bilingual {
  const national = layout === 'national';
  switch (kind) {
    case 'year':
      return { zh: '在括号中填写预算年度，如：（2026年度）。', en: 'The budget year inside the brackets, e.g. （2026年度）.' };
    case 'dept':
      return { zh: '主管部门（一级预算单位）全称；本单位就是主管部门时填本单位。', en: 'The supervising department (first-level budget unit); your own unit if it is the department.' };
    case 'unit':
      return { zh: '填写单位全称，如：××市人民政府办公室。', en: 'The full name of the unit.' };
    case 'code':
      return { zh: '预算管理一体化系统中的项目编码：20位加1位校验位，共21位。', en: 'The 21-character project code of the budget system (20 characters and a check character).' };
    case 'name':
      return { zh: '与预算申报一致的项目名称。', en: 'The project name as in the budget request.' };
    case 'total':
      return national
        ? { zh: '以万元为单位填写数字，如 81。财政拨款与其他资金之和应等于年度资金总额。', en: 'A number in 万元 (10,000 yuan), e.g. 81. Fiscal appropriation plus other funds must equal it.' }
        : { zh: '以万元为单位填写数字，如 81。财政资金与其他资金之和应等于预算数。', en: 'A number in 万元 (10,000 yuan), e.g. 81. Fiscal plus other funds must equal it.' };
    case 'fiscal':
      return { zh: '以万元为单位填写数字。', en: 'A number in 万元.' };
    case 'use':
      return { zh: `在“资金用途：”后写明资金的具体用途，如：${t.useExample}`, en: 'After 资金用途： say what the money pays for.' };
    case 'goal':
      return national
        ? { zh: `写明本年度要完成的产出和达到的效果（至少20字），如：${t.goalExample}`, en: 'State the outputs and effects of this year (at least 20 characters).' }
        : { zh: `写明项目完成后的产出和效果（至少20字），如：${t.goalExample}`, en: 'State the outputs and effects the project will achieve (at least 20 characters).' };
    case 'goalLong':
      return { zh: '写明项目整个实施期（一般三至五年）要达到的产出和效果。', en: 'The outputs and effects over the whole project period (usually three to five years).' };
    case 'plan':
      return { zh: '截至该月底累计支出占预算的百分比，填0到100的数字；12月底为100。', en: 'Cumulative share of the budget spent by the end of that month, 0 to 100; 100 at year end.' };
    case 'l3':
      return national
        ? { zh: '填写可衡量的指标名称。不适用的二级指标，三级指标和指标值都填“不涉及”。', en: 'A measurable indicator name. Where the row does not apply, write 不涉及 in both cells.' }
        : { zh: '填写可衡量的指标名称。不适用的二级指标，三级指标、描述、指标值、依据都填“不涉及”。', en: 'A measurable indicator name. Where the row does not apply, write 不涉及 in all four cells.' };
    case 'desc':
      return { zh: '说明指标的含义和计算口径。', en: 'What the indicator measures and how.' };
    case 'value':
      return { zh: `比较符＋数字＋单位，如：${example ?? '≥95%'}`, en: `Comparator, number and unit, e.g. ${example ?? '≥95%'}` };
    case 'basis':
      return { zh: '从下拉列表选择，或直接填写文件、合同、计划名称。', en: 'Pick from the list or name the document, contract or plan.' };
    case 'preparer':
      return { zh: '在“填报人：”后写填报人姓名。', en: 'The name of the person filling in the form, after 填报人：.' };
    case 'phone':
      return { zh: '在“联系电话：”后写填报人的联系电话。', en: 'A phone number, after 联系电话：.' };
    case 'date':
      return { zh: '在“填报日期：”后写填报日期，如：2025年10月8日。', en: 'The date, after 填报日期：, e.g. 2025年10月8日.' };
  }
}

export interface TemplateSheetOptions {
  /** Hebei's 目标表 (default) or the national 申报表. */
  layout?: FormLayout;
  top?: number;
  left?: number;
  /** Language of the prompts written into the sheet. */
  locale?: Locale;
}

/** The form a template and the user's entries make; blanks are empty strings. */
export function templateForm(t: Template, inputs: TemplateInputs): FormData {
  const budget = inputs.budget;
  const plan: Record<string, number | null> = {};
  for (const m of PLAN_MONTHS) plan[m] = m === '12月底' ? 100 : null;
  return {
    unit: inputs.unit ?? '',
    code: inputs.code ?? '',
    name: inputs.name ?? '',
    budget: { total: budget ?? null, adjust: null, fiscal: budget ?? null, other: null, unit: '万元' },
    use: '',
    plan,
    goal: '',
    // The national 申报表's own blanks: 主管部门 and 中长期目标 (the year line is left blank too).
    dept: '',
    goalLong: '',
    indicators: t.rows.map((r) => ({
      l1: r.l1,
      l2: r.l2,
      l3: r.l3,
      desc: r.desc,
      value: r.cost ? (budget !== undefined ? costValue(budget) : '') : r.value ?? '',
      basis: r.basis,
    })),
  };
}

export function buildTemplateSheet(t: Template, inputs: TemplateInputs, options: TemplateSheetOptions = {}): TemplateSheet {
  const locale = options.locale ?? 'zh-CN';
  const layout = options.layout ?? 'hebei';
  const pick = (b: Bilingual) => (locale === 'en' ? b.en : b.zh);
  const form = templateForm(t, inputs);
  const spec = layoutForm(form, { layout, top: options.top, left: options.left, amountsAsNumbers: true, minLines: { use: 3, goal: 3, goalLong: 3 } });
  const validations: ValidationSpec[] = [];
  const blanks: Blank[] = [];
  const areaOf = (c: SpecCell): Area => spec.merges.find((m) => m.top === c.row && m.left === c.col) ?? { top: c.row, left: c.col, bottom: c.row, right: c.col };

  for (const c of spec.cells) {
    if (!c.field) continue;
    const [name, index] = c.field.split(':');
    const kind = (name === 'plan' ? 'plan' : name) as Kind | 'l1' | 'l2' | 'adjust' | 'other';
    const row = index !== undefined && /^\d+$/.test(index) ? t.rows[Number(index)] : undefined;
    const empty = c.value === null || c.value === '' || c.value === BLANK_TEXT[name];
    const v: ValidationSpec = { area: areaOf(c) };
    if (kind === 'l1') {
      v.list = { items: LEVEL1_LIST, strict: true };
      v.error = listError(locale, '一级指标');
    } else if (kind === 'l2') {
      v.list = { items: LEVEL2_LIST, strict: true };
      v.error = listError(locale, '二级指标');
    } else if (kind === 'basis') {
      v.list = { items: BASIS_LIST, strict: false };
    } else if ((kind === 'total' || kind === 'fiscal' || kind === 'other') && empty) {
      v.decimal = { min: 0 };
      const title = kind === 'other' ? { zh: '其他资金', en: 'Other funds' } : labelOf(kind, layout);
      v.error = { title: pick(title), message: locale === 'en' ? 'Enter a number of 万元, e.g. 81.' : '请输入以万元为单位的数字，如 81。' };
    } else if (kind === 'plan' && empty) {
      v.decimal = { min: 0, max: 100 };
      v.error = { title: pick(LABELS.plan), message: locale === 'en' ? 'Enter a number from 0 to 100.' : '请输入0到100之间的数字。' };
    }
    if (empty && kind in LABELS) {
      const k = kind as Kind;
      v.prompt = { title: pick(labelOf(k, layout)), message: clip(pick(promptText(k, t, row?.example, layout)), 255) };
      blanks.push({ field: c.field, cell: toA1(c.row, c.col), label: blankLabel(labelOf(k, layout), k, row?.l2, index) });
    }
    if (v.list || v.decimal || v.prompt) validations.push(v);
  }
  for (const c of spec.cells) {
    // Excel turns typed "100%" into the number 1 (and "2023-6-30" into a date): keep such texts as written.
    if (typeof c.value === 'string' && LOOKS_NUMERIC.test(c.value)) c.format = '@';
  }

  spec.validations = validations;
  const left = spec.left;
  spec.print = {
    paper: 'A4',
    orientation: 'portrait',
    fitToWidth: true,
    // The title on every page; the national form's （年度） line with it.
    titleRows: { top: spec.top, bottom: spec.top + (layout === 'national' ? 1 : 0) },
    area: { top: spec.top, left, bottom: spec.bottom, right: left + spec.widths.length - 1 },
  };
  return { layout, spec, blanks, form };
}

/** "资金支出计划（3月底）", "数量指标 · 指标值": enough to tell blanks apart in the pane's checklist. */
function blankLabel(base: Bilingual, kind: Kind, l2: string | undefined, index: string | undefined): Bilingual {
  if (kind === 'plan') return { zh: `${base.zh}（${index}）`, en: `${base.en} (${index})` };
  if (l2) return { zh: `${l2} · ${base.zh}`, en: `${l2} · ${base.en}` };
  return base;
}

function listError(locale: Locale, what: string): { title: string; message: string } {
  return locale === 'en'
    ? { title: 'Not a standard name', message: `This is not a standard ${what} of the official form. Keep it anyway?` }
    : { title: '不是标准名称', message: `这不是官方表样中的${what}名称。确定要保留吗？` };
}

/** Excel rejects prompt messages over 255 characters. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
