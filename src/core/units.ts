/**
 * Units of 指标值 and amounts, and the class each belongs to. Classes drive the
 * "does the unit fit the 二级指标" checks; unknown short units are accepted as
 * "other" so an unusual but honest unit never reads as an error.
 */
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

/** Count units may carry a 万/千/亿 multiplier ("2万份" = 20000 份). */
const MULTIPLIER: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

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
  if (unit in MONEY) return { unitClass: 'money', factor: MONEY[unit] };
  const known = CLASS_OF.get(unit);
  if (known) return { unitClass: known, factor: 1 };
  if (unit === '百分比') return { unitClass: 'percent', factor: 1 };
  const slash = unit.split('/');
  // "1200元/亩", "≤50万元/月", "300元/人·天": a unit cost.
  if (slash.length >= 2 && slash[0] in MONEY && slash.slice(1).every((d) => d && !/\d/.test(d))) {
    return { unitClass: 'money', factor: MONEY[slash[0]], perUnit: true };
  }
  // "次/年", "人次/月": a count per period.
  if (slash.length === 2 && slash[0] && CLASS_OF.get(slash[1]) === 'time') {
    return { unitClass: 'frequency', factor: 1 };
  }
  for (const [prefix, factor] of Object.entries(MULTIPLIER)) {
    if (unit.length > prefix.length && unit.startsWith(prefix)) {
      const rest = classifyUnit(unit.slice(prefix.length));
      if (rest && rest.unitClass === 'count') return { unitClass: 'count', factor: factor * rest.factor };
    }
  }
  // Unknown but unit-like: short, no digits, no sentence particles, % only on its own.
  if (UNIT_TEXT.test(unit) && !/[%‰的了和及或与]/.test(unit)) return { unitClass: 'other', factor: 1 };
  return undefined;
}
