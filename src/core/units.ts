/**
 * Units of 指标值 and amounts, and the class each belongs to. Classes drive the
 * "does the unit fit the 二级指标" checks; unknown short units are accepted as
 * "other" so an unusual but honest unit never reads as an error.
 */
import { ownEntry } from './text';

export type UnitClass = 'percent' | 'money' | 'time' | 'frequency' | 'score' | 'count' | 'other' | 'none';

/** Money units and their size in 万元. */
export const MONEY: Record<string, number> = {
  元: 1e-4,
  千元: 0.1,
  万元: 1,
  十万元: 10,
  百万元: 100,
  千万元: 1000,
  亿元: 10000,
};

const PERCENT = ['%', '‰', '个百分点', '百分点'];
const TIME = [
  '秒', '秒钟', 's', '分钟', 'min', '小时', '个小时', 'h', '天', '日', '个工作日', '工作日', '周', '个周',
  '个月', '月', '年', '个季度', '季度', '学时', '课时',
];
const SCORE = ['分', '星', '级'];
const COUNT = [
  '人', '人次', '人(次)', '名', '位', '户', '户次', '家', '家次', '个', '个(件)', '件', '件(个)', '件(套)', '项', '次', '次(场)', '场',
  '场次', '期', '批', '批次', '批(次)', '套', '套(次)', '台', '台(套)', '台次', '部', '本', '册', '份', '篇', '条', '张', '幅', '块',
  '种', '类', '所', '座', '栋', '间', '处', '辆', '艘', '架', '只', '头', '株', '棵', '亩', '公顷', '平方米', 'm2', '平米',
  '立方米', 'm3', '米', 'm', '公里', 'km', '千米', '吨', '公斤', 'kg', '千克', '个单位', '个部门', '个乡镇', '个村', '所学校', 'GB', 'TB', 'M', '兆', '路', '门', '点', '节', '课',
  '班', '期次', '组', '队', '支', '枚', '盒', '箱', '包', '瓶', '吨标准煤', '千瓦时', 'kW', 'kWh', '度', '条次', '宗', '例',
  '卷', '版', '集', '分册', '站', '个点位', '点位', '床', '张床', '人日', '人天', '课时数', '家(次)', '个(次)', '份(次)',
];

const CLASS_OF = new Map<string, UnitClass>();
for (const u of PERCENT) CLASS_OF.set(u, 'percent');
for (const u of Object.keys(MONEY)) CLASS_OF.set(u, 'money');
for (const u of TIME) CLASS_OF.set(u, 'time');
for (const u of SCORE) CLASS_OF.set(u, 'score');
for (const u of COUNT) CLASS_OF.set(u, 'count');

/**
 * Count units may carry a 万/千/亿 multiplier ("2万份" = 20000 份), stacked as written ("十万份" = 十 × 万份). The
 * two-character multipliers (十万, 百万, 千万) are these characters in a row, so one character at a time reads them.
 */
const MULTIPLIER = new Map<string, number>([['十', 10], ['百', 100], ['千', 1e3], ['万', 1e4], ['亿', 1e8]]);

/** The longest unit a table names: a longer text is none of them, whatever it starts with. */
const LONGEST = Math.max('百分比'.length, ...Object.keys(MONEY).map((u) => u.length), ...[...CLASS_OF.keys()].map((u) => u.length));

export interface UnitInfo {
  unitClass: UnitClass;
  /** Factor to the class's base (万元 for money, 1 otherwise, 1e4 for 万份 …). */
  factor: number;
  /** Money per something (元/亩, 万元/月, 元/人·天): a unit cost, not a sum. */
  perUnit?: boolean;
}

const UNIT_TEXT = /^[\p{L}%‰()/·]{1,8}$/u;

/** Classify a unit as written; undefined when it does not look like a unit at all. */
export function classifyUnit(unit: string): UnitInfo | undefined {
  if (unit === '') return { unitClass: 'none', factor: 1 };
  const money = ownEntry(MONEY, unit);
  if (money !== undefined) return { unitClass: 'money', factor: money };
  const known = CLASS_OF.get(unit);
  if (known) return { unitClass: known, factor: 1 };
  if (unit === '百分比') return { unitClass: 'percent', factor: 1 };
  const slash = unit.split('/');
  // "1200元/亩", "≤50万元/月", "300元/人·天": a unit cost.
  const perMoney = slash.length >= 2 ? ownEntry(MONEY, slash[0]) : undefined;
  if (perMoney !== undefined && slash.slice(1).every((d) => d && !/\d/.test(d))) {
    return { unitClass: 'money', factor: perMoney, perUnit: true };
  }
  // "次/年", "人次/月": a count per period.
  if (slash.length === 2 && slash[0] && CLASS_OF.get(slash[1]) === 'time') {
    return { unitClass: 'frequency', factor: 1 };
  }
  // "2万份", "十万人次": multipliers before a count unit (no unit with a "/" is a count).
  const multiplied = slash.length === 1 ? multipliedCount(unit) : undefined;
  if (multiplied !== undefined) return { unitClass: 'count', factor: multiplied };
  // Unknown but unit-like: short, no digits, no sentence particles, % only on its own.
  if (UNIT_TEXT.test(unit) && !/[%‰的了和及或与]/.test(unit)) return { unitClass: 'other', factor: 1 };
  return undefined;
}

/**
 * The factor of multipliers before a count unit ("十万份" → 1e5), or undefined. One pass over the text, each rest
 * looked up only when it is short enough to be a unit: peeling the multipliers off by recursion, trying 十 and 十万
 * both at each step, took time exponential in the number of multipliers ("十万十万…x", issue 11).
 */
function multipliedCount(unit: string): number | undefined {
  for (let i = 0; i < unit.length - 1; i++) {
    if (!MULTIPLIER.has(unit[i])) return undefined;
    if (unit.length - i - 1 > LONGEST) continue;
    const rest = unit.slice(i + 1);
    // A rest that is some other kind of unit ends the reading ("十千元" is no count).
    if (ownEntry(MONEY, rest) !== undefined || rest === '百分比') return undefined;
    const known = CLASS_OF.get(rest);
    if (known === undefined) continue;
    if (known !== 'count') return undefined;
    // Multiplied right to left, as the units nest: 十 × (万 × 份).
    let factor = 1;
    for (let j = i; j >= 0; j--) factor = MULTIPLIER.get(unit[j])! * factor;
    return factor;
  }
  return undefined;
}
