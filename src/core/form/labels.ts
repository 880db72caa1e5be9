/**
 * The labels of the official form and their variants. Every comparison is on
 * normLabel() text: NFKC-folded (full-width brackets and colons become ASCII),
 * spaces and line breaks removed.
 */
export type LabelKind =
  | 'title' | 'unit' | 'code' | 'name'
  | 'budget' | 'total' | 'adjust' | 'fiscal' | 'other' | 'use'
  | 'plan' | 'goal'
  | 'h1' | 'h2' | 'h3' | 'hdesc' | 'hvalue' | 'hbasis';

/** Where each label sits in the form, top to bottom; a label out of this order starts a new form. */
export const SECTION: Record<LabelKind, number> = {
  title: 0, unit: 1, code: 2, name: 2,
  budget: 3, total: 3, adjust: 3, fiscal: 3, other: 3, use: 3,
  plan: 4, goal: 5,
  h1: 6, h2: 6, h3: 6, hdesc: 6, hvalue: 6, hbasis: 6,
};

export const HEADER_KINDS = ['h1', 'h2', 'h3', 'hdesc', 'hvalue', 'hbasis'] as const;
export type HeaderKind = (typeof HEADER_KINDS)[number];

interface LabelRule {
  kind: LabelKind;
  re: RegExp;
  /** The label may carry its value after it in the same cell ("调增(减)资金:81万元"). */
  inline?: boolean;
}

const RULES: LabelRule[] = [
  { kind: 'title', re: /^.{0,24}绩效目标(申报)?表.{0,16}$/ },
  { kind: 'unit', re: /^填报单位(\(盖章\))?(:|$)/, inline: true },
  { kind: 'code', re: /^项目(编码|代码|编号)(:|$)/, inline: true },
  { kind: 'name', re: /^项目名称(:|$)/, inline: true },
  { kind: 'budget', re: /^(项目)?预算(规模|情况)/ },
  { kind: 'total', re: /^(年度)?预算(数|金额|资金)(\((万元|元)\))?(:|$|\d)/, inline: true },
  { kind: 'adjust', re: /^调(增|减|整)/, inline: true },
  { kind: 'fiscal', re: /^(其中:?)?财政(资金|拨款)(\((万元|元)\))?(:|$|\d)/, inline: true },
  { kind: 'other', re: /^(其中:?)?其他资金(\((万元|元)\))?(:|$|\d)/, inline: true },
  { kind: 'use', re: /^资金用途(:|$)/, inline: true },
  { kind: 'plan', re: /^(资金)?支出(计划|进度)/ },
  { kind: 'goal', re: /^(年度|总体|项目)?(绩效)?目标(:|$)/, inline: true },
  { kind: 'h1', re: /^一级指标$/ },
  { kind: 'h2', re: /^二级指标$/ },
  { kind: 'h3', re: /^三级指标$/ },
  { kind: 'hbasis', re: /^(指标值?|绩效指标)?确定依据$|^(指标|取值)依据$/ },
  { kind: 'hvalue', re: /^(年度)?指标值/ },
  { kind: 'hdesc', re: /^(绩效)?指标(描述|解释|内容)/ },
];

/** Every label holds one of these; most cells hold none and are rejected at once. */
const ANY_LABEL = /表|填报|项目|预算|调[增减整]|财政|其他资金|用途|支出|目标|指标|依据/;
const labelCache = new Map<string, LabelKind | null>();

export function classifyLabel(label: string): LabelKind | undefined {
  if (label.length === 0 || !ANY_LABEL.test(label)) return undefined;
  let kind = labelCache.get(label);
  if (kind === undefined) {
    kind = classify(label) ?? null;
    if (labelCache.size > 20_000) labelCache.clear();
    labelCache.set(label, kind);
  }
  return kind ?? undefined;
}

function classify(label: string): LabelKind | undefined {
  // A long cell can only be a label that carries its value ("资金用途：用于…").
  const long = label.length > 40;
  for (const r of RULES) if ((!long || r.inline) && r.re.test(long ? label.slice(0, 24) : label)) return r.kind;
  return undefined;
}

/** The value written inside a label cell after the label, or '' ("调增(减)资金:81万元" → "81万元"). */
export function inlineValue(kind: LabelKind, text: string): string {
  const rule = RULES.find((r) => r.kind === kind);
  if (!rule?.inline) return '';
  const t = text.normalize('NFKC').trim();
  const colon = t.indexOf(':');
  if (colon >= 0) return t.slice(colon + 1).trim();
  if (kind === 'adjust' || kind === 'total' || kind === 'fiscal' || kind === 'other') {
    const m = /[-+\d].*$/.exec(t);
    return m ? m[0].trim() : '';
  }
  return '';
}

/** 一级指标 kinds. */
export type Level1 = 'output' | 'cost' | 'benefit' | 'satisfaction';

const LEVEL1: Record<string, Level1> = { 产出: 'output', 成本: 'cost', 效益: 'benefit', 满意度: 'satisfaction' };

export function level1Of(label: string): Level1 | undefined {
  return LEVEL1[label.replace(/指标$/, '')];
}

/** 二级指标 kinds, with the 一级 each belongs to. */
export type Level2 =
  | 'quantity' | 'quality' | 'timeliness' | 'cost'
  | 'economicCost' | 'socialCost' | 'ecoCost'
  | 'economic' | 'social' | 'ecological' | 'sustainable'
  | 'satisfaction';

const LEVEL2: Record<string, Level2> = {
  数量: 'quantity', 质量: 'quality', 时效: 'timeliness', 成本: 'cost',
  经济成本: 'economicCost', 社会成本: 'socialCost', 生态环境成本: 'ecoCost', 生态成本: 'ecoCost', 环境成本: 'ecoCost',
  经济效益: 'economic', 社会效益: 'social', 生态效益: 'ecological', 环境效益: 'ecological', 生态环境效益: 'ecological',
  可持续影响: 'sustainable', 可持续发展: 'sustainable',
  服务对象满意度: 'satisfaction', 服务对象满意程度: 'satisfaction', 满意度: 'satisfaction', 满意程度: 'satisfaction',
};

export function level2Of(label: string): Level2 | undefined {
  return LEVEL2[label.replace(/指标$/, '')];
}

/** The 一级 a 二级 belongs to (成本指标 as a 二级 is the classic framework's, under 产出). */
export function parentOf(l2: Level2): Level1 {
  switch (l2) {
    case 'quantity': case 'quality': case 'timeliness': case 'cost':
      return 'output';
    case 'economicCost': case 'socialCost': case 'ecoCost':
      return 'cost';
    case 'satisfaction':
      return 'satisfaction';
    default:
      return 'benefit';
  }
}

/** Which 二级 may stand under which 一级, per framework. */
export function belongs(l1: Level1, l2: Level2, framework: 'classic' | '2021'): boolean {
  switch (l1) {
    case 'output':
      return l2 === 'quantity' || l2 === 'quality' || l2 === 'timeliness' || (l2 === 'cost' && framework === 'classic');
    case 'cost':
      return l2 === 'economicCost' || l2 === 'socialCost' || l2 === 'ecoCost';
    case 'benefit':
      return l2 === 'economic' || l2 === 'social' || l2 === 'ecological' || l2 === 'sustainable';
    case 'satisfaction':
      return l2 === 'satisfaction';
  }
}

/** 不涉及 and its synonyms, as a 三级指标 or 依据. */
export function isNotApplicable(label: string): boolean {
  return label === '不涉及' || label === '不适用' || label === '无' || label === '/' || label === '—';
}

/** Lines below a table that are not indicator rows. */
export const FOOTER = /^(备注|注[:：\d]|说明|填报说明|填报人|联系人|联系电话|审核人|单位负责人|负责人|制表|财务负责人)/;
