/**
 * Layout families as data (layout-variants.md). The reader is one: it finds
 * labels, assembles forms and maps table columns from their headers. A family
 * says how to recognise its forms (weighted evidence), which parts its template
 * has and so requires, which table columns it prints and in which words. Adding
 * a family is adding an entry here plus tests.
 */
import { memo } from '../text';
import type { HeaderKind, LabelKind } from './labels';

export type FamilyId = 'hebei' | 'national' | 'integrated-print' | 'integrated-export' | 'approval' | 'dual-table';
export const FAMILY_IDS: readonly FamilyId[] = ['hebei', 'national', 'integrated-print', 'integrated-export', 'approval', 'dual-table'];

/** Parts of a form that a family may require (FORM-001). */
export type FormPart = 'code' | 'name' | 'total' | 'use' | 'plan' | 'goal' | 'header';

/** What the reader saw of one form, for recognising its family. */
export interface Evidence {
  kinds: Set<LabelKind>;
  /** Normalised text of every label of the form (titles included). */
  texts: string[];
  /** Header kinds of the table read. */
  columns: Set<HeaderKind>;
  /** Normalised header texts of the table read. */
  headerTexts: string[];
  /** Tables found: 2 when long-term and annual tables are stacked or side by side. */
  tables: number;
  /** One row per indicator with the project repeated in every row. */
  list: boolean;
  /** The text signals the texts meet (filled by detectFamily). */
  met?: Set<RegExp>;
}

type Signal =
  | { label: LabelKind; weight: number }
  | { column: HeaderKind; weight: number }
  | { text: RegExp; weight: number }
  | { header: RegExp; weight: number }
  | { tables: number; weight: number }
  | { list: true; weight: number };

export interface LayoutFamily {
  id: FamilyId;
  name: [zh: string, en: string];
  /** One line on what the family looks like and where it is printed. */
  summary: [zh: string, en: string];
  signals: Signal[];
  /** Labels of which the form must have one to be read in this family at all (Hebei's: 项目编码 or 资金支出计划). */
  gate?: LabelKind[];
  requires: FormPart[];
  /** The family's own words for its parts, for messages. */
  words: Record<FormPart, string>;
  /** Columns its indicator header must have; `ordered` when their order is part of the template. */
  columns: HeaderKind[];
  ordered: boolean;
  /** The template prints every 二级 and a unit leaves the ones it does not use blank (not so in Hebei's, which writes 不涉及). */
  blankRowsOptional: boolean;
  /** The unit the template prints its amount block in, when the form itself does not say (万元 = 1). */
  amountUnitWan?: number;
  /**
   * The template splits 预算数 into 财政资金 + 其他资金, a missing 其他资金 meaning none (Hebei's). Elsewhere
   * "其中：当年财政资金" may be only part of the amount, and the sum is checked only where 其他资金 is printed.
   */
  fullBreakdown?: boolean;
}

const COMMON_WORDS: Record<FormPart, string> = {
  code: '项目编码', name: '项目名称', total: '预算数', use: '资金用途', plan: '资金支出计划(%)', goal: '绩效目标', header: '指标表头',
};

/** The header of a table with 一级/二级/三级指标 and 指标值, as FORM-001 and FORM-000 name it. */
export const LEVELLED_HEADER = '指标表头(一级指标、二级指标、三级指标、指标值)';

/** A table of 一级/二级/三级指标 and a value, columns in any order, blank template rows optional. */
const LEVELLED_TABLE: Pick<LayoutFamily, 'columns' | 'ordered' | 'blankRowsOptional'> = {
  columns: ['h1', 'h2', 'h3', 'hvalue'],
  ordered: false,
  blankRowsOptional: true,
};

const FAMILIES: readonly LayoutFamily[] = [
  {
    id: 'hebei',
    name: ['河北目标表', 'Hebei target form'],
    summary: [
      '项目编码、预算规模及资金用途、资金支出计划(%)、绩效目标，六列指标表（含绩效指标描述、指标确定依据）。',
      'Project code, budget and use of funds, monthly spending plan, goal, six-column table with description and basis.',
    ],
    signals: [
      { label: 'code', weight: 3 }, { label: 'plan', weight: 3 }, { label: 'use', weight: 1 },
      { column: 'hdesc', weight: 1 }, { column: 'hbasis', weight: 1 }, { text: /^预算规模/, weight: 2 },
    ],
    gate: ['code', 'plan'],
    fullBreakdown: true,
    requires: ['code', 'name', 'total', 'use', 'plan', 'goal', 'header'],
    words: { ...COMMON_WORDS, header: '指标表头(一级指标…指标确定依据)' },
    columns: ['h1', 'h2', 'h3', 'hdesc', 'hvalue', 'hbasis'],
    ordered: true,
    blankRowsOptional: false,
  },
  {
    id: 'national',
    name: ['全国通用申报表', 'National application form'],
    summary: [
      '财预〔2015〕88号式：项目名称、主管部门、实施单位，资金情况(年度资金总额/财政拨款/其他资金)，总体目标(中长期/年度)，一级—三级指标与指标值。',
      'The 2015 national style: name, departments, funding block, overall goal (long-term / annual), indicators with values.',
    ],
    signals: [
      { text: /^(年度|当年)?资金总额/, weight: 2 }, { label: 'goalLong', weight: 2 }, { label: 'goalGroup', weight: 1 },
      { text: /^(项目)?主管部门|^(项目)?实施单位/, weight: 1 }, { text: /^(项目)?资金(情况|申请)|^项目资金/, weight: 1 },
    ],
    requires: ['name', 'total', 'goal', 'header'],
    words: { ...COMMON_WORDS, total: '年度资金总额', goal: '年度目标', header: LEVELLED_HEADER },
    ...LEVELLED_TABLE,
    amountUnitWan: 1,
  },
  {
    id: 'integrated-print',
    name: ['一体化系统打印表', 'Budget-system print'],
    summary: [
      '省级预算管理一体化系统打印（如甘肃）：一级/二级项目名称、项目类型、项目总投资、预算申报数，成本指标为一级，指标目标值。',
      'Provincial budget-system print (e.g. Gansu): parent and project names, total investment, budget requested, 2021 framework, target values.',
    ],
    signals: [
      { label: 'parentName', weight: 4 }, { label: 'investment', weight: 2 }, { text: /^预算申报数/, weight: 2 },
      { header: /^指标目标值/, weight: 2 },
    ],
    requires: ['name', 'total', 'goal', 'header'],
    words: { ...COMMON_WORDS, name: '二级项目名称', total: '预算申报数', goal: '年度绩效目标', header: '指标表头(一级指标、二级指标、三级指标、指标目标值)' },
    ...LEVELLED_TABLE,
  },
  {
    id: 'integrated-export',
    name: ['一体化系统导出表（分列）', 'Budget-system export (split columns)'],
    summary: [
      '一体化系统导出（如四川）：每行一个指标，指标性质、指标值、度量单位、权重分列；清单式导出每行重复单位、项目、预算数、年度目标。',
      'Budget-system export (e.g. Sichuan): one row per indicator, comparator, value, unit and weight in their own columns; list exports repeat the project in every row.',
    ],
    signals: [{ column: 'hcmp', weight: 4 }, { column: 'hunit', weight: 3 }, { column: 'hweight', weight: 1 }, { list: true, weight: 5 }],
    requires: ['name', 'header'],
    words: { ...COMMON_WORDS, goal: '年度目标', header: '指标表头(指标、指标值)' },
    // Some exports (重庆 一般性项目) print no 一级/二级 columns at all.
    columns: ['h3', 'hvalue'],
    ordered: false,
    blankRowsOptional: true,
  },
  {
    id: 'approval',
    name: ['绩效目标批复表', 'Approval form'],
    summary: [
      '批复表：项目金额、其中当年财政资金，指标值分“实际实现值/预期实现值”子列，表下有审批科室盖章栏。',
      'Approval form: project amount and its fiscal part, value split into actual and expected sub-columns, approval footer.',
    ],
    signals: [
      { text: /批复|审批表/, weight: 10 }, { text: /^项目金额|^(其中:?)?当年财政资金/, weight: 2 },
      // Target tables attached to an allocation (下达) notice: 下达地方或单位, 下达中央预算内投资.
      { text: /^下达/, weight: 4 },
      // 专项转移支付绩效目标表: issued by the finance department with the allocation.
      { text: /转移支付.{0,8}绩效目标表/, weight: 5 }, { header: /实际(实现|完成)值/, weight: 3 },
    ],
    requires: ['name', 'total', 'goal', 'header'],
    words: { ...COMMON_WORDS, total: '项目金额', goal: '年度绩效目标', header: LEVELLED_HEADER },
    ...LEVELLED_TABLE,
  },
  {
    id: 'dual-table',
    name: ['长期/年度双指标表', 'Long-term and annual tables'],
    summary: [
      '长期绩效指标与年度绩效指标两张表（并排或上下），只校验年度表。',
      'Long-term and annual indicator tables, side by side or one under the other; the annual one is checked.',
    ],
    signals: [{ tables: 2, weight: 8 }, { label: 'tableLong', weight: 3 }],
    requires: ['name', 'total', 'goal', 'header'],
    words: { ...COMMON_WORDS, total: '资金总额', goal: '年度目标', header: '年度绩效指标表头' },
    ...LEVELLED_TABLE,
    amountUnitWan: 1,
  },
];

export const FAMILY_BY_ID = new Map(FAMILIES.map((f) => [f.id, f]));

/** Which text signals a label's text meets, kept per text: forms repeat their labels. */
const hits = memo((text: string): Set<RegExp> => {
  const h = new Set<RegExp>();
  for (const f of FAMILIES) for (const s of f.signals) if ('text' in s && s.text.test(text)) h.add(s.text);
  return h;
});

function matches(s: Signal, e: Evidence): boolean {
  if ('label' in s) return e.kinds.has(s.label);
  if ('column' in s) return e.columns.has(s.column);
  if ('text' in s) return e.met!.has(s.text);
  if ('header' in s) return e.headerTexts.some((t) => s.header.test(t));
  if ('tables' in s) return e.tables >= s.tables;
  return e.list;
}

/** The family whose evidence weighs most; the national form when nothing speaks for any. */
export function detectFamily(e: Evidence): LayoutFamily {
  const met = new Set<RegExp>();
  for (const t of e.texts) for (const h of hits(t)) met.add(h);
  e = { ...e, met };
  let best: LayoutFamily | undefined;
  let bestScore = 0;
  for (const f of FAMILIES) {
    if (f.gate && !f.gate.some((k) => e.kinds.has(k))) continue;
    const score = f.signals.reduce((n, s) => n + (matches(s, e) ? s.weight : 0), 0);
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best ?? FAMILY_BY_ID.get('national')!;
}
