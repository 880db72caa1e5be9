/**
 * The label vocabulary of every layout family (layout-variants.md). Every
 * comparison is on normLabel() text: NFKC-folded (full-width brackets and colons
 * become ASCII), spaces and line breaks removed. A label names what the cell
 * beside or below it holds; which labels a form has decides its family.
 */
import { memo, normText, ownEntry } from '../text';

/** A 长期/年度 table heading: it starts a table of its own. */
export const isTableMarker = (k: LabelKind | undefined) => k === 'tableLong' || k === 'tableAnnual';

export type LabelKind =
  | 'title' | 'unit' | 'code' | 'name' | 'parentName' | 'investment'
  | 'budget' | 'total' | 'adjust' | 'fiscal' | 'other' | 'source' | 'use' | 'unitLine'
  | 'plan' | 'goal' | 'goalGroup' | 'goalLong'
  | 'tableAnnual' | 'tableLong'
  | HeaderKind;

/** Column headers of the indicator table. */
const HEADER_KINDS = ['h1', 'h2', 'h3', 'hcontent', 'hdesc', 'hcmp', 'hvalue', 'hunit', 'hbasis', 'hweight', 'hnote'] as const;
export type HeaderKind = (typeof HEADER_KINDS)[number];
export const isHeaderKind = (k: LabelKind): k is HeaderKind => (HEADER_KINDS as readonly string[]).includes(k);

/** Amount labels: their values are money. */
export const AMOUNT_KINDS: readonly LabelKind[] = ['total', 'adjust', 'fiscal', 'other', 'source'];

interface LabelRule {
  kind: LabelKind;
  re: RegExp;
  /** The label may carry its value after it in the same cell ("调增(减)资金:81万元"). */
  inline?: boolean;
}

const UNIT_PAREN = '(\\((万元|元)\\))?';
/** "(一)", "一、", "1、", "2." before an amount row's label. */
const NUMBERED = '(\\(?[一二三四五六七八九十\\d]{1,2}\\)?[、.]?)?';
const END = '(:|$)';
const AMOUNT_END = `${UNIT_PAREN}(:|$|\\d)`;

const RULES: LabelRule[] = [
  { kind: 'title', re: /^.{0,24}绩效目标(申报|批复|审核)?表.{0,16}$/ },
  { kind: 'code', re: new RegExp(`^项目(编码|代码|编号)${END}`), inline: true },
  { kind: 'parentName', re: new RegExp(`^一级项目(名称)?${END}`), inline: true },
  { kind: 'name', re: new RegExp(`^((二级)?项目(支出)?|专项(资金)?(\\(项目\\))?|单位\\(专项\\))名称${END}`), inline: true },
  {
    kind: 'unit',
    re: new RegExp(`^(填报单位|预算单位|申报单位|编制单位|单位名称|项目单位|部门(\\(单位\\))?名称|预算部门|主管预算部门|(项目|业务|省级|市级|区级|县级)?主管部门(及代码)?|(项目)?(实施|执行)单位|下达(地方或单位|地方|单位))(\\(盖章\\))?${END}`),
    inline: true,
  },
  // The whole project's money, not the year's: 项目总投资, 项目总预算, 中期财政预算.
  { kind: 'investment', re: /^项目总(投资|预算)|^中期.{0,6}预算/ },
  { kind: 'use', re: new RegExp(`^资金用途${END}`), inline: true },
  {
    kind: 'total',
    re: new RegExp(`^(项目|年度|当年|本年度?)?(资金(申请)?总额|预算申报数|项目(预算)?金额|预算(数|金额)|本级预算金额|预算总额|总额)${AMOUNT_END}`),
    inline: true,
  },
  { kind: 'total', re: new RegExp(`^(下达.{0,10}(投资|资金)|年度本级预算金额|(当年)?年度预算(数|金额)?|(当年|本年度?)预算|本年度预计投入|(本年度|年度)?申请.{0,6}预算资金)${AMOUNT_END}`), inline: true },
  {
    kind: 'fiscal',
    re: new RegExp(`^(其中:?)?${NUMBERED}(当年)?(((省|市|县|区)级?|本级|上级)?财政(资金|拨款|投款)(小计|数)?|一般公共预算(资金|拨款)?|预算资金)${AMOUNT_END}`),
    inline: true,
  },
  { kind: 'other', re: new RegExp(`^(其中:?)?${NUMBERED}(当年)?(其他|其它)(资金|收入)?${AMOUNT_END}`), inline: true },
  { kind: 'source', re: new RegExp(`^(其中:?)?${NUMBERED}(上级(资金|补助)|自有资金(小计)?|单位自筹|自筹资金|上年结转(资金)?|事业收入|经营(性)?收入|政府性基金(预算)?|国有资本经营预算|专户资金)${AMOUNT_END}`), inline: true },
  { kind: 'adjust', re: /^调(增|减|整)/, inline: true },
  { kind: 'budget', re: /^(项目)?预算(规模|情况)|^(项目)?资金(情况|申请|来源)|^项目资金|^(年度)?资金(总额)?及(其)?构成|^资金构成/ },
  { kind: 'unitLine', re: /^(金额|计量|资金)?单位:(万元|元)$|^金额\((万元|元)\)$/ },
  { kind: 'plan', re: /^(资金)?支出(计划|进度)/ },
  { kind: 'goalLong', re: new RegExp(`^(项目总|中长期|长期|中期|总|实施期)(滚动)?(绩效)?目标(\\(.{0,24}\\))?${END}`), inline: true },
  { kind: 'goalGroup', re: new RegExp(`^(总体|项目|实施期|项目绩效)(绩效)?目标(描述)?${END}|^项目总体情况${END}`), inline: true },
  { kind: 'goal', re: new RegExp(`^(年度|本年度?|当年)?(总体)?(绩效)?目标(\\((文字|描述)\\))?${END}|^整体(绩效)?目标${END}|^(本?年度|当年)主要(绩效)?目标(和|及)?(成果)?${END}`), inline: true },
  { kind: 'tableLong', re: /^(中长期|长期|实施期)(绩效)?指标(表)?$/ },
  { kind: 'tableAnnual', re: /^(本?年度|当年)(绩效)?指标(表)?$/ },
  { kind: 'h1', re: /^一级(指标)?(名称)?(\(.{1,6}\))?$/ },
  { kind: 'h2', re: /^二级(指标)?(名称)?(\(.{1,6}\))?$/ },
  { kind: 'h3', re: /^三级(指标)?(名称|内容)?(\(.{1,6}\))?$/ },
  { kind: 'hbasis', re: /^(指标值?|绩效指标)?(确定|设定)依据$|^(指标|取值)依据$|^绩效标准$|^指标标准(或依据)?$|^评\(?扣\)?分标准\)?$|^评分标准$/ },
  { kind: 'hcmp', re: /^指标性质$|^(运算|比较)?符号$|^指标方向性?$|^指标值类型$/ },
  { kind: 'hdesc', re: /^指标值?内容说明$|^指标值内容$/ },
  { kind: 'hunit', re: /^(度量|计量|计算)单位$|^单位$/ },
  { kind: 'hweight', re: /^(指标)?(权重|分值)(\(%\))?$/ },
  { kind: 'hvalue', re: /(指标值|目标值|实现值|完成值)(\(.*\))?$|^年度数值$|^指标值及单位$/ },
  { kind: 'hdesc', re: /^(绩效)?指标(描述|解释|说明)/ },
  { kind: 'hcontent', re: /^(指标内容|具体指标|指标名称|指标)$/ },
  { kind: 'hnote', re: /^备注$/ },
];

/** Every label holds one of these; most cells hold none and are rejected at once. */
const ANY_LABEL = /表|单位|金额|名称|下达|部门|项目|预算|调[增减整]|财政|资金|收入|自筹|总额|用途|支出|目标|指标|依据|标准|性质|符号|权重|分值|备注|值$|^[一二三]级$|^其[他它]|投入/;
/**
 * How many characters of a cell label matching reads. Labels are short, and a long cell is matched on its first 24
 * characters (classify): a cell of a million characters is not searched end to end for a label's word (issue 11).
 */
const LABEL_SCAN = 200;
// Forms repeat their texts endlessly: the cache answers most cells before any pattern runs.
const cachedClassify = memo((label: string) =>
  (ANY_LABEL.test(label.length > LABEL_SCAN ? label.slice(0, LABEL_SCAN) : label) ? classify(label) : undefined));

export function classifyLabel(label: string): LabelKind | undefined {
  return label.length === 0 ? undefined : cachedClassify(label);
}

function classify(label: string): LabelKind | undefined {
  // A long cell can only be a label that carries its value ("资金用途：用于…").
  const long = label.length > 40;
  const head = long ? label.slice(0, 24) : label;
  for (const r of RULES) {
    if ((long && !r.inline) || !r.re.test(head)) continue;
    // A column header is a short phrase; a longer cell that mentions 目标值 is a value.
    if (isHeaderKind(r.kind) && label.length > 24) continue;
    return r.kind;
  }
  return undefined;
}

/** The value written inside a label cell after the label, or '' ("调增(减)资金:81万元" → "81万元"). */
const INLINE = new Set(RULES.filter((r) => r.inline).map((r) => r.kind));

export function inlineValue(kind: LabelKind, text: string): string {
  if (!INLINE.has(kind)) return '';
  // "其中：财政拨款" is a label, not "财政拨款" after a colon.
  const t = normText(text).replace(/^(其中|含)\s*:?\s*/, '');
  const colon = t.indexOf(':');
  // One line only: "资金总额：250\n一、预算资金：250\n二、自有资金：" holds three labels in one cell.
  if (colon >= 0) return t.slice(colon + 1).split('\n')[0].trim();
  if (AMOUNT_KINDS.includes(kind)) {
    const m = /[-+\d]/.exec(t);
    return m ? t.slice(m.index).trim() : '';
  }
  return '';
}

/** How strongly a unit label names the form's own unit (填报单位 first, 主管部门 last). */
export function unitRank(label: string): number {
  if (label.startsWith('填报单位')) return 0;
  if (/^(预算单位|申报单位|单位名称|编制单位)/.test(label)) return 1;
  if (/^(项目)?(实施|执行)单位/.test(label)) return 2;
  // Of several 主管部门 (省级 … 区级), the one nearest the project.
  if (/^(县级|区级)/.test(label)) return 3;
  if (/^市级/.test(label)) return 4;
  if (/^省级/.test(label)) return 5;
  return 3;
}

/** Qualifiers in a column header or table marker: which period and which kind of value it holds. */
export interface Qualifier {
  long: boolean;
  annual: boolean;
  actual: boolean;
  expected: boolean;
}

/** Kept per text (header texts repeat); the result is shared, never changed. */
export const qualifierOf = memo(readQualifier);

function readQualifier(label: string): Qualifier {
  return {
    long: /中长期|长期|实施期|中期/.test(label),
    annual: /年度|本年|当年|\d{4}年/.test(label) && !/中长期|长期|实施期/.test(label),
    actual: /实际|已完成|上年/.test(label),
    expected: /预期|预计|计划|目标值/.test(label),
  };
}

/** 一级指标 kinds. */
export type Level1 = 'output' | 'cost' | 'benefit' | 'satisfaction';

const LEVEL1: Record<string, Level1> = {
  产出: 'output', 项目完成: 'output', 项目产出: 'output', 完成: 'output', 预期产出: 'output',
  成本: 'cost', 效益: 'benefit', 项目效益: 'benefit', 效果: 'benefit', 项目效果: 'benefit',
  满意度: 'satisfaction', 服务对象满意度: 'satisfaction', 社会公众或服务对象满意度: 'satisfaction',
};

/** A level label without numbering, bracketed notes, score annotations ("(0-20)分") or its 指标/值 suffix. */
const bareLevel = memo((label: string) =>
  withoutScore(withoutBrackets(label.replace(/^[\d一二三四]+[.、]/, ''))).replace(/(指标|值)$/, ''));

/**
 * Every "(…)" removed, as /\([^)]*\)/g did, by scanning for each bracket once. The pattern took quadratic time on
 * many "(" with no ")" after them: each retried to the end of the text (issue 11).
 */
function withoutBrackets(s: string): string {
  let open = s.indexOf('(');
  if (open < 0) return s;
  let out = '';
  let from = 0;
  while (open >= 0) {
    const close = s.indexOf(')', open + 1);
    if (close < 0) break; // no later "(" has a ")" after it either
    out += s.slice(from, open);
    from = close + 1;
    open = s.indexOf('(', from);
  }
  return out + s.slice(from);
}

/** Characters of a score annotation before its 分 ("0-20分", "20.5分"). */
const SCORE_CHARS = '0123456789-–~.';

/**
 * The text without a trailing score annotation, as /[\d\-–~.]*分$/ removed it, found by a loop from the end. The
 * pattern took quadratic time on a long run of digits: it retried the run from every digit (issue 11).
 */
function withoutScore(s: string): string {
  if (s.length === 0 || s[s.length - 1] !== '分') return s;
  let start = s.length - 1;
  while (start > 0 && SCORE_CHARS.indexOf(s[start - 1]) >= 0) start--;
  return s.slice(0, start);
}

/** "产出指标", "产出指标（数量、质量…）", "1.产出指标", "成本指标(0-20)分" → output. */
export function level1Of(label: string): Level1 | undefined {
  return ownEntry(LEVEL1, bareLevel(label));
}

/** 二级指标 kinds, with the 一级 each belongs to. */
export type Level2 =
  | 'quantity' | 'quality' | 'timeliness' | 'cost'
  | 'economicCost' | 'socialCost' | 'ecoCost'
  | 'economic' | 'social' | 'ecological' | 'sustainable'
  | 'satisfaction'
  /** 预算(或投资规模)控制指标: Guangdong's 产出 二级 that caps spending, in place of 成本. */
  | 'budgetControl';

const LEVEL2: Record<string, Level2> = {
  数量: 'quantity', 质量: 'quality', 时效: 'timeliness', 成本: 'cost',
  经济成本: 'economicCost', 社会成本: 'socialCost', 生态环境成本: 'ecoCost', 生态成本: 'ecoCost', 环境成本: 'ecoCost',
  经济效益: 'economic', 社会效益: 'social', 生态效益: 'ecological', 环境效益: 'ecological', 生态环境效益: 'ecological',
  可持续影响: 'sustainable', 可持续发展: 'sustainable', 可持续: 'sustainable',
  预算控制: 'budgetControl', 投资控制: 'budgetControl', 投资规模控制: 'budgetControl',
};

export function level2Of(label: string): Level2 | undefined {
  const bare = bareLevel(label);
  // 服务对象满意度, 满意程度, 社会公众或服务对象满意度 …: every satisfaction 二级 says 满意;
  // "社会、经济、生态效益" names several benefits at once.
  return ownEntry(LEVEL2, bare) ?? (/满意/.test(bare) ? 'satisfaction' : /效益$/.test(bare) ? 'social' : undefined);
}

/** The 一级 a 二级 belongs to (成本指标 as a 二级 is the classic framework's, under 产出). */
export function parentOf(l2: Level2): Level1 {
  switch (l2) {
    case 'quantity': case 'quality': case 'timeliness': case 'cost': case 'budgetControl':
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
      return l2 === 'quantity' || l2 === 'quality' || l2 === 'timeliness' || l2 === 'budgetControl' || (l2 === 'cost' && framework === 'classic');
    case 'cost':
      return l2 === 'economicCost' || l2 === 'socialCost' || l2 === 'ecoCost';
    case 'benefit':
      return l2 === 'economic' || l2 === 'social' || l2 === 'ecological' || l2 === 'sustainable';
    case 'satisfaction':
      return l2 === 'satisfaction';
  }
}

/** 满意度 as a 二级 under 效益: the older central template's practice, accepted (IND-013 notes it). */
export function isOlderSatisfaction(l1: Level1 | undefined, l2: Level2 | undefined): boolean {
  return l1 === 'benefit' && l2 === 'satisfaction';
}

/** 不涉及 and its synonyms, as a 三级指标, 指标值 or 依据. */
export function isNotApplicable(label: string): boolean {
  return /^(无|\/|—|——|-|不涉及|不适用|本项目不(涉及|适用)(此|该|本)?(指标|项)?|(此|该|本)?(指标|项)?不(涉及|适用))$/.test(label);
}

/** Lines below a table that are not indicator rows: notes, signatures, approval blocks, dates. */
export const FOOTER = /^(备注|注[:：\d]|说明|填报说明|填报人|联系人|联系电话|审核人|审核意见|单位负责人|负责人|制表|财务负责人|经办人|日期|填报日期|分管领导)|盖章|签字|签章|审核意见|^(\d{4})?年月日$|^\d{4}年\d{1,2}月\d{1,2}日$/;
