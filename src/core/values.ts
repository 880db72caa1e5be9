/**
 * The 指标值 grammar: one parser for every rule and every amount.
 *   value    := placeholder | deadline | comparator? number unit suffix? | range | qualitative
 *   number   := digits with optional thousands separators and decimals
 *   unit     := see units.ts (万/千/亿 multipliers included)
 */
import type { Cell } from './grid';
import { memo, normLabel, normText, ownEntry } from './text';
import { classifyUnit, type UnitClass } from './units';

export type Comparator = '≥' | '≤' | '>' | '<' | '=';

/** A comparator written in a spelling the 一体化系统 does not take, and its standard form. */
export interface Respelling {
  written: string;
  standard: Comparator;
}

export type ParsedValue =
  | { kind: 'empty' }
  | { kind: 'placeholder'; word: '文字描述' | '不涉及' }
  | {
      kind: 'quantity';
      cmp: Comparator;
      /** true when no comparator was written (a bare number means =). */
      implicitCmp: boolean;
      num: number;
      unit: string;
      unitClass: UnitClass;
      /** num in the class's base unit (万元 for money). */
      base: number;
      /** A rate per something (1200元/亩, ≤50万元/月): money that is not a sum. */
      perUnit?: boolean;
      respelled?: Respelling;
    }
  | { kind: 'range'; lo: number; hi: number; unit: string; unitClass: UnitClass }
  | { kind: 'deadline'; cmp: Comparator; respelled?: Respelling; period?: boolean }
  | { kind: 'qualitative'; grade: string; needsScale: boolean }
  | { kind: 'vague' }
  | { kind: 'unreadable' };

export type Quantity = Extract<ParsedValue, { kind: 'quantity' }>;

/** Spellings, longest first so 大于等于 wins over 大于. `standard` marks the forms the 一体化系统 accepts. */
const COMPARATORS: { written: string; cmp: Comparator; standard: boolean }[] = [
  ...['大于或等于', '大于等于', '不低于', '不少于', '不小于', '>=', '=>', '≧', '⩾', '›='].map((w) => ({ written: w, cmp: '≥' as const, standard: false })),
  ...['小于或等于', '小于等于', '不高于', '不超过', '不大于', '不多于', '<=', '=<', '≦', '⩽', '‹='].map((w) => ({ written: w, cmp: '≤' as const, standard: false })),
  { written: '≥', cmp: '≥', standard: true },
  { written: '≤', cmp: '≤', standard: true },
  { written: '>', cmp: '>', standard: true },
  { written: '<', cmp: '<', standard: true },
  { written: '=', cmp: '=', standard: true },
  // "±3%以内": a tolerance, read as a ceiling on the deviation; no respelling would keep its meaning.
  { written: '±', cmp: '≤', standard: true },
  ...['大于', '高于', '超过', '多于'].map((w) => ({ written: w, cmp: '>' as const, standard: false })),
  ...['小于', '低于', '少于'].map((w) => ({ written: w, cmp: '<' as const, standard: false })),
  { written: '等于', cmp: '=', standard: false },
  // 达到 reads as a floor; common and understood, so not flagged as a spelling.
  { written: '达到', cmp: '≥', standard: true },
];

const SUFFIXES: { written: string; cmp: Comparator }[] = [
  { written: '及以上', cmp: '≥' },
  { written: '以上', cmp: '≥' },
  { written: '及以下', cmp: '≤' },
  { written: '以下', cmp: '≤' },
  { written: '以内', cmp: '≤' },
  { written: '之内', cmp: '≤' },
];

const PLACEHOLDERS: Record<string, '文字描述' | '不涉及'> = {
  文字描述: '文字描述',
  定性描述: '文字描述',
  不涉及: '不涉及',
  不适用: '不涉及',
  无: '不涉及',
  '/': '不涉及',
  '—': '不涉及',
  '——': '不涉及',
  '-': '不涉及',
};

/** Graded values with a fixed meaning; those of the 好/较好/一般 scale need the scale stated. */
const GRADES: Record<string, boolean> = {
  优: false, 优秀: false, 良: false, 中: false, 差: false, 及格: false, 不及格: false,
  好: true, 较好: true, 一般: true, 较差: true, 良好: true,
  达到预期: false, 达到预期目标: false, 基本达到: false, 基本达到预期: false, 部分达到: false, 未达到: false, 未达到预期: false,
  是: false, 否: false, 合格: false, 不合格: false, 达标: false, 全部达标: false, 符合要求: false, 符合标准: false,
  符合规定: false, 满足要求: false, 完成: false, 全部完成: false, 按时完成: false, 按期完成: false, 正常: false,
  正常运行: false, 正常运转: false, 有效: true,
  按计划实施: false, 按计划完成: false, 按进度完成: false, 按进度实施: false,
  优良: false, 达到优良: false,
  // The 一体化系统's grades for 定性 indicators.
  高: false, 较高: false, 中等: false, 低: false, 较低: false,
};
export const GOOD_SCALE = ['好', '较好', '一般', '较差', '差'];

const VAGUE = /提高|提升|改善|完善|加强|增强|促进|推动|推进|显著|明显|逐步|进一步|不断|持续|较大|大幅|有所|优化|规范|稳步|良性|^及时$|长远|减轻|增加|^长期(有效)?$/;

// A trailing dot is what Excel shows for formats like 0.## on whole numbers.
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|^[+-]?\.\d+/;
/** After a range's first number: its unit (optional), a separator, the second number, the unit. */
// The tail is [^]*, not .*: at a line break (none survives normLabel) .*$ would fail and rescan the tail for
// every digit given back.
const RANGE = /^([^\d\-~～—–－至到]{0,8})(?:-|~|～|—|–|－|至|到)(\d+(?:\.\d+)?)([^]*)$/;
const DATE_PATTERNS = [
  /^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬|份)?(?:前|之前|以前|内|以内|完成)?$/,
  /^\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?:前|之前|以前)?$/,
  /^\d{4}年(?:底|末|内|上半年|下半年)?(?:前|之前|以前|内)?$/,
  /^(?:年底|年末|年内|年中|上半年|下半年|当年|本年度|年度内|季度末|每季度末|每月底|每月末|月底|月末)(?:前|之前|以前|内|完成)?$/,
  /^\d{4}年(?:年底|年末|底|末)(?:前|之前|以前)?$/,
  // "12月底前全部到位", "年底前完成验收": a deadline and what is due by it.
  /^(?:\d{4}年)?(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?|年底|年末)(?:前|之前|以前|内|以内)[^<>=≤≥]{1,15}$/,
  // "12月底到位", "2021年12月底完成项目规划相关工作": a date and what happens by it.
  /^(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?(?:前)?(?:完成|到位|结束|实施|支付|拨付|发放|验收|投入使用)[^<>=≤≥]{0,15}$/,
  /^每年(?:\d{1,2}月(?:\d{1,2}日|底|末)?|年底|年末)(?:前|之前|以前)?$/,
];

/** "2024.03-2024.12", "2024年1月-12月": a period, which the 一体化系统 rejects for its "-". */
const PERIOD = /^\d{4}(?:[年./-]\d{1,2}月?(?:[./-]\d{1,2}日?)?)?(?:-|~|～|—|–|－|至|到)(?:\d{4}[年./-])?\d{1,2}月?(?:[./-]\d{1,2}日?)?(?:底|末)?$/;

function matchPrefix(s: string): { written: string; cmp: Comparator; standard: boolean } | undefined {
  for (const c of COMPARATORS) if (s.startsWith(c.written)) return c;
  return undefined;
}

/** Parse 指标值 text as displayed. Never throws. Values repeat more than labels: a larger cache. */
export const parseValueText: (raw: string) => ParsedValue = memo((raw) => parseUncached(raw), 50_000);

/** Punctuation a value may end with ("≥95%。"). */
const TRAILING = '。.;；,，';

/**
 * The text without its trailing punctuation, found by a loop from the end. /[。.;；,，]+$/ took quadratic time: a
 * value of "1" + 50,000 dots + "x" retried the run at every dot (4.5 s; issue 11).
 */
function trimTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING.indexOf(s[end - 1]) >= 0) end--;
  return end === s.length ? s : s.slice(0, end);
}

function parseUncached(raw: string): ParsedValue {
  const s = trimTrailing(normLabel(raw));
  if (s === '') return { kind: 'empty' };
  const placeholder = ownEntry(PLACEHOLDERS, s);
  if (placeholder) return { kind: 'placeholder', word: placeholder };
  const needsScale = ownEntry(GRADES, s);
  if (needsScale !== undefined) return { kind: 'qualitative', grade: s, needsScale };

  let rest = s;
  let cmp: Comparator | undefined;
  let respelled: Respelling | undefined;
  const prefix = matchPrefix(rest);
  if (prefix) {
    cmp = prefix.cmp;
    if (!prefix.standard) respelled = { written: prefix.written, standard: prefix.cmp };
    rest = rest.slice(prefix.written.length);
  }
  for (const suf of SUFFIXES) {
    if (rest.endsWith(suf.written) && rest.length > suf.written.length) {
      rest = rest.slice(0, -suf.written.length);
      cmp ??= suf.cmp;
      break;
    }
  }

  if (cmp === undefined && PERIOD.test(rest) && /[年.月/]/.test(rest)) return { kind: 'deadline', cmp: '=', period: true };
  if (DATE_PATTERNS.some((re) => re.test(rest))) {
    // "12月底前", "12月底前全部到位": due by the date.
    const before = /前|以内/.test(rest) || /内$/.test(rest);
    return { kind: 'deadline', cmp: cmp ?? (before ? '≤' : '='), respelled };
  }

  const m = NUMBER.exec(rest);
  if (m) {
    const num = Number(m[0].replace(/,/g, ''));
    let unit = rest.slice(m[0].length);
    const range = cmp === undefined ? RANGE.exec(unit) : null;
    if (range && (range[1] === '' || range[1] === range[3])) {
      const info = classifyUnit(range[3]);
      if (info) return { kind: 'range', lo: num, hi: Number(range[2].replace(/,/g, '')), unit: range[3], unitClass: info.unitClass };
    }
    unit = unit.replace(/^[(（]([^)）]*)[)）]$/, '$1');
    if (unit === '百分比') unit = '%';
    const info = classifyUnit(unit);
    if (info && Number.isFinite(num)) {
      return {
        kind: 'quantity',
        cmp: cmp ?? '=',
        implicitCmp: cmp === undefined,
        num,
        unit,
        unitClass: info.unitClass,
        base: num * info.factor,
        ...(info.perUnit ? { perUnit: true } : {}),
        respelled,
      };
    }
    return { kind: 'unreadable' };
  }

  if (!/\d/.test(s) && VAGUE.test(s)) return { kind: 'vague' };
  return { kind: 'unreadable' };
}

/** Literal text and percent sign of a number format's positive section. */
export function formatParts(format: string | undefined): { percent: boolean; literal: string; date: boolean } {
  if (!format || /^general$/i.test(format)) return { percent: false, literal: '', date: false };
  const section = splitSections(format)[0];
  let literal = '';
  let bare = '';
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      literal += section.slice(i + 1, stop);
      i = stop;
    } else if (ch === '\\' && i + 1 < section.length) {
      literal += section[++i];
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const inner = section.slice(i + 1, end < 0 ? section.length : end);
      if (inner.startsWith('$') && inner.length > 1) literal += inner.slice(1).split('-')[0];
      i = end < 0 ? section.length : end;
    } else if (ch === '_' || ch === '*') {
      i++;
    } else {
      bare += ch;
    }
  }
  return { percent: bare.includes('%'), literal: literal.trim(), date: /[ymdhs]/i.test(bare.replace(/General/gi, '')) };
}

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of format) {
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Parse a cell: a number typed as a number is read through its format (0.95 with
 * 0% is 95%; 45 with 0"万元" is 45万元), everything else through its text.
 */
export function parseCell(cell: Cell | undefined): ParsedValue {
  if (!cell) return { kind: 'empty' };
  if (cell.error) return { kind: 'unreadable' };
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) {
    const fmt = formatParts(cell.format);
    if (fmt.date) return { kind: 'deadline', cmp: '=' };
    const num = fmt.percent ? round(cell.value * 100) : cell.value;
    const unit = fmt.percent ? '%' : normLabel(fmt.literal);
    const info = classifyUnit(unit) ?? { unitClass: 'other' as const, factor: 1 };
    return { kind: 'quantity', cmp: '=', implicitCmp: true, num, unit, unitClass: info.unitClass, base: num * info.factor };
  }
  return parseValueText(cellText(cell));
}

export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.text !== '' || cell.value === null) return normText(cell.text);
  return normText(String(cell.value));
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** Rewrite a value's comparator to its standard spelling (the VAL-007 fix). */
export function respell(text: string, r: Respelling): string {
  const t = normText(text);
  const i = t.indexOf(r.written);
  if (i >= 0) return t.slice(0, i) + r.standard + t.slice(i + r.written.length);
  // The spelling was split by spaces: rebuild from the compact form.
  const compact = normLabel(t);
  return compact.replace(r.written, r.standard);
}

/** An amount of money (预算数, 财政资金 …): number plus money unit, unit null when none was written. */
export interface Amount {
  num: number;
  /** Size of the written unit in 万元, or null when no unit was written. */
  unitWan: number | null;
}

export function parseAmount(cell: Cell | undefined, textOverride?: string): Amount | 'empty' | 'invalid' {
  let v: ParsedValue;
  // "854万(高标准农田建设400万元,…)": the amount, then its breakdown in brackets.
  const clean = (t: string) => t.replace(/^(人民币|¥|￥)/, '').replace(/^([\d.,]+\s*(?:万元|万|元|亿元))\s*[(（].*[)）]$/, '$1');
  if (textOverride !== undefined) v = parseValueText(clean(textOverride));
  else if (cell && typeof cell.value === 'number') v = parseCell(cell);
  else v = parseValueText(clean(cellText(cell)));
  if (v.kind === 'empty') return 'empty';
  if (v.kind !== 'quantity' || !v.implicitCmp) return 'invalid';
  if (v.unitClass === 'money') return { num: v.num, unitWan: moneyFactor(v.unit) };
  if (v.unit === '万') return { num: v.num, unitWan: 1 };
  if (v.unitClass === 'none') return { num: v.num, unitWan: null };
  return 'invalid';
}

/**
 * A value split over 指标性质 (the comparator, or 定性), 指标值 and 度量单位, as
 * 一体化 exports print it, read as the one text a reviewer reads.
 */
export function parseSplit(cmpText: string, value: Cell | undefined, unitText: string): { parsed: ParsedValue; text: string } {
  const cmp = normLabel(cmpText);
  const unitLabel = normLabel(unitText);
  // "-" or "/" in 度量单位 means the indicator has none (a 定性 row, or a unit written in the value).
  const unit = unitLabel === '百分比' ? '%' : /^[-—–/无]$/.test(unitLabel) ? '' : unitLabel;
  const shown = cellText(value);
  if (cmp === '定性') {
    const parsed = parseValueText(shown);
    // A qualitative target is a grade or a statement; only an empty or vague one is a problem.
    if (parsed.kind === 'unreadable') {
      return { parsed: { kind: 'qualitative', grade: normLabel(shown), needsScale: false }, text: shown };
    }
    return { parsed, text: shown };
  }
  if (normLabel(shown) === '') return { parsed: { kind: 'empty' }, text: '' };
  // A number in 度量单位 (a date exported as its serial, 44561) is no unit: the value cannot be read.
  if (/^\d[\d,.]*$/.test(unit)) return { parsed: { kind: 'unreadable' }, text: `${shown}（单位：${unitText.trim()}）` };
  const written = /^(定量|其他|定量\(其他\)|数值|(正向|反向)(指标)?)?$/.test(cmp) ? '' : cmp;
  const text = written + shown + (unit && !normLabel(shown).endsWith(unit) ? unit : '');
  return { parsed: parseValueText(text), text };
}

function moneyFactor(unit: string): number {
  return classifyUnit(unit)?.factor ?? 1;
}
