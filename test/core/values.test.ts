/** The 指标值 grammar: one parser, every spelling the forms use. */
import { formatParts, parseAmount, parseCell, parseSplit, parseValueText, respell } from '../../src/core/values';
import { checkCharacter, isValidCode } from '../../src/core/projectCode';

const q = (cmp: string, num: number, unit: string, unitClass: string) => ({ kind: 'quantity', cmp, num, unit, unitClass });

test.each([
  ['≥2300人(次)', q('≥', 2300, '人(次)', 'count')],
  ['100.00%', q('=', 100, '%', 'percent')],
  ['≤15万元', q('≤', 15, '万元', 'money')],
  ['≥4次/年', q('≥', 4, '次/年', 'frequency')],
  ['> 2 万份', q('>', 2, '万份', 'count')],
  ['4套', q('=', 4, '套', 'count')],
  ['≥1', q('≥', 1, '', 'none')],
  ['2', q('=', 2, '', 'none')],
  ['≤10秒', q('≤', 10, '秒', 'time')],
  ['≥30分钟', q('≥', 30, '分钟', 'time')],
  ['≤2小时', q('≤', 2, '小时', 'time')],
  ['＞９０％', q('>', 90, '%', 'percent')],
  ['≥95%以上', q('≥', 95, '%', 'percent')],
  ['95%以上', q('≥', 95, '%', 'percent')],
  ['3天以内', q('≤', 3, '天', 'time')],
  ['1,200,000元', q('=', 1200000, '元', 'money')],
  ['≥3800个(件)', q('≥', 3800, '个(件)', 'count')],
  ['≤35微克/立方米', q('≤', 35, '微克/立方米', 'other')],
  ['≥90分', q('≥', 90, '分', 'score')],
])('%s', (text, expected) => {
  expect(parseValueText(text)).toMatchObject(expected);
});

test('万/千/亿 multipliers scale counts and money to their base', () => {
  expect(parseValueText('≥2.5万人次')).toMatchObject({ unit: '万人次', base: 25000 });
  expect(parseValueText('810000元')).toMatchObject({ unitClass: 'money', base: 81 });
  expect(parseValueText('1.2亿元')).toMatchObject({ unitClass: 'money', base: 12000 });
});

test.each([
  ['>=90%', '>='], ['＞＝90%', '>='], ['大于等于90%', '大于等于'], ['不低于90%', '不低于'], ['不少于5次', '不少于'],
  ['<=2小时', '<='], ['不高于5%', '不高于'], ['不超过15万元', '不超过'],
])('spelled comparator %s is read and marked for respelling', (text, written) => {
  const v = parseValueText(text);
  expect(v).toMatchObject({ kind: 'quantity', respelled: { written } });
  if (v.kind === 'quantity' && v.respelled) expect(respell(text, v.respelled)).toMatch(/^[≥≤]\d/);
});

test('standard comparators are not marked', () => {
  for (const t of ['≥90%', '≤2小时', '>5个', '<3天', '=100%', '＞90%', '＜3天', '＝100%']) {
    expect(parseValueText(t)).not.toHaveProperty('respelled', expect.anything());
  }
});

test.each([
  ['2500-3000本', { kind: 'range', lo: 2500, hi: 3000, unit: '本' }],
  ['90%~95%', { kind: 'range', lo: 90, hi: 95, unit: '%' }],
  ['≤12月底', { kind: 'deadline', cmp: '≤' }],
  ['2023年6月30日前', { kind: 'deadline', cmp: '≤' }],
  ['6月底前', { kind: 'deadline', cmp: '≤' }],
  ['年底前', { kind: 'deadline', cmp: '≤' }],
  ['2023-06-30', { kind: 'deadline' }],
  ['文字描述', { kind: 'placeholder', word: '文字描述' }],
  ['不涉及', { kind: 'placeholder', word: '不涉及' }],
  ['优', { kind: 'qualitative', needsScale: false }],
  ['达到预期', { kind: 'qualitative', needsScale: false }],
  ['是', { kind: 'qualitative', needsScale: false }],
  ['较好', { kind: 'qualitative', needsScale: true }],
  ['有所提高', { kind: 'vague' }],
  ['明显改善', { kind: 'vague' }],
  ['逐步完善', { kind: 'vague' }],
  ['尽快', { kind: 'unreadable' }],
  ['≥95%的用户', { kind: 'unreadable' }],
  ['', { kind: 'empty' }],
  ['  ', { kind: 'empty' }],
])('%s', (text, expected) => {
  expect(parseValueText(text)).toMatchObject(expected);
});

test('numbers typed as numbers are read through their format', () => {
  expect(parseCell({ text: '95%', value: 0.95, format: '0%' })).toMatchObject({ num: 95, unit: '%' });
  expect(parseCell({ text: '96%', value: 0.955, format: '0%' })).toMatchObject({ num: 95.5, unit: '%' });
  expect(parseCell({ text: '45万元', value: 45, format: '0"万元"' })).toMatchObject({ num: 45, unit: '万元', unitClass: 'money' });
  expect(parseCell({ text: '45万元', value: 45, format: '0\\万\\元' })).toMatchObject({ unit: '万元' });
  expect(parseCell({ text: '2023/6/30', value: 45107, format: 'yyyy/m/d' })).toMatchObject({ kind: 'deadline' });
  expect(parseCell({ text: '#N/A', value: null, error: '#N/A' })).toEqual({ kind: 'unreadable' });
});

test('format codes: percent, literals, dates', () => {
  expect(formatParts('0.00%')).toEqual({ percent: true, literal: '', date: false });
  expect(formatParts('#,##0.00"元";[Red]-#,##0.00"元"')).toEqual({ percent: false, literal: '元', date: false });
  expect(formatParts('yyyy"年"m"月"d"日"').date).toBe(true);
  expect(formatParts('"达成率"0%')).toMatchObject({ percent: true });
});

test('amounts: 万元, 元, bare, 人民币 prefix, invalid', () => {
  expect(parseAmount(undefined, '81万元')).toEqual({ num: 81, unitWan: 1 });
  expect(parseAmount(undefined, '810000元')).toEqual({ num: 810000, unitWan: 1e-4 });
  expect(parseAmount(undefined, '81万')).toEqual({ num: 81, unitWan: 1 });
  expect(parseAmount(undefined, '人民币81万元')).toEqual({ num: 81, unitWan: 1 });
  expect(parseAmount({ text: '81', value: 81 })).toEqual({ num: 81, unitWan: null });
  expect(parseAmount(undefined, '')).toBe('empty');
  expect(parseAmount(undefined, '待定')).toBe('invalid');
  expect(parseAmount(undefined, '≤81万元')).toBe('invalid');
});

describe('项目编码 check character (docs/project-code.md)', () => {
  const vectors = [
    '13050022P00945010015K', '13050022P009450100167', '13050022P00945010017T', '13050022P00945010018E',
    '13050022P009450100192', '13050022P00945010020D', '13050022P009450100211', '13050022P00945010022L',
    '13050022P009450100238', '13050022P00945010024U', '13050022P00945010025F', '52000022P00846010008H',
  ];
  test.each(vectors)('%s is valid', (code) => {
    expect(checkCharacter(code.slice(0, 20))).toBe(code[20]);
    expect(isValidCode(code)).toBe(true);
  });
  test('any single changed body character changes the check character', () => {
    const code = vectors[0];
    for (let i = 0; i < 20; i++) {
      if (code[i] === 'P') continue;
      const body = code.slice(0, i) + (code[i] === '1' ? '2' : '1') + code.slice(i + 1, 20);
      expect(checkCharacter(body)).not.toBe(code[20]);
    }
  });
});

describe('normal practice in the provinces\' templates is read, not flagged', () => {
  test.each([
    ['1200元/亩', { kind: 'quantity', num: 1200, unit: '元/亩', unitClass: 'money', perUnit: true }],
    ['≤50万元/月', { kind: 'quantity', cmp: '≤', unitClass: 'money', perUnit: true }],
    ['300元/人·天', { kind: 'quantity', unitClass: 'money', perUnit: true }],
    ['780元/生/年', { kind: 'quantity', unitClass: 'money', perUnit: true }],
    ['12月底前全部到位', { kind: 'deadline', cmp: '≤' }],
    ['2024年年底前', { kind: 'deadline' }],
    ['每年12月底前', { kind: 'deadline' }],
    ['12月底到位', { kind: 'deadline' }],
    ['2021年12月底完成项目规划相关工作。', { kind: 'deadline' }],
    ['2024.03-2024.12', { kind: 'deadline', period: true }],
    ['2021年1月-12月', { kind: 'deadline', period: true }],
    ['≧90%', { kind: 'quantity', cmp: '≥', num: 90, respelled: { written: '≧', standard: '≥' } }],
    ['‹=5%', { kind: 'quantity', cmp: '≤', respelled: { written: '‹=', standard: '≤' } }],
    ['±3%以内', { kind: 'quantity', cmp: '≤', num: 3, unit: '%' }],
    ['=100百分比', { kind: 'quantity', unit: '%', num: 100 }],
    ['高', { kind: 'qualitative', needsScale: false }],
  ])('%s', (text, expected) => {
    expect(parseValueText(text)).toMatchObject(expected);
  });

  test('a percentage typed as a number in a percent cell', () => {
    expect(parseCell({ text: '100%', value: 1, format: '0%' })).toMatchObject({ kind: 'quantity', num: 100, unit: '%' });
  });

  test('split 指标性质 / 指标值 / 度量单位 read as one value', () => {
    const cell = (v: string | number) => ({ text: String(v), value: v });
    expect(parseSplit('≥', cell(95), '%')).toMatchObject({ text: '≥95%', parsed: { kind: 'quantity', cmp: '≥', num: 95, unit: '%' } });
    expect(parseSplit('定性', cell('高'), '')).toMatchObject({ parsed: { kind: 'qualitative' } });
    expect(parseSplit('定性', cell('群众获得感明显增强'), '')).toMatchObject({ parsed: { kind: 'vague' } });
    expect(parseSplit('正向指标', cell('95%'), '-')).toMatchObject({ text: '95%', parsed: { kind: 'quantity', num: 95 } });
    expect(parseSplit('=', cell(8), '')).toMatchObject({ text: '=8', parsed: { kind: 'quantity', unitClass: 'none' } });
    // A date serial exported into both the value and the unit cell cannot be read.
    expect(parseSplit('=', cell(44561), '44561').parsed.kind).toBe('unreadable');
  });

  test('amounts with their breakdown in brackets', () => {
    expect(parseAmount({ text: '854万(高标准农田建设400万元,示范建设295万元)', value: '854万(高标准农田建设400万元,示范建设295万元)' })).toEqual({ num: 854, unitWan: 1 });
  });
});
