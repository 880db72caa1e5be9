/** Every rule of docs/rules.md triggers on a case built for it, at the cell a person must change. */
import type { FormData, IndicatorData } from '../../src/core/layout';
import type { Options } from '../../src/core/options';
import { RULE_IDS } from '../../src/core/rules/registry';
import { cleanForm, cleanForm2021, clone, findingsFor, ids } from '../helpers/forms';

type Mutate = (f: FormData) => void;
const ind = (f: FormData, l3: string): IndicatorData => f.indicators.find((i) => i.l3 === l3)!;
const set = (l3: string, patch: Partial<IndicatorData>): Mutate => (f) => Object.assign(ind(f, l3), patch);
const drop = (pred: (i: IndicatorData) => boolean): Mutate => (f) => {
  f.indicators = f.indicators.filter((i) => !pred(i));
};

// [rule, what, mutation, expected cell, expected fix value]
// Cells on the clean form: title row 1, code B3, budget C4/F4, use B5, plan B7:E7, goal B8, header row 9, rows 10–21.
const CASES: [string, string, Mutate, string, (string | number)?][] = [
  ['FORM-003', 'header without rows', (f) => (f.indicators = []), 'A9'],
  ['CODE-001', 'empty code', (f) => (f.code = ''), 'B3'],
  ['CODE-002', 'no P, wrong length', (f) => (f.code = '3702002300412030007T'), 'B3'],
  ['CODE-002', 'lower case and spaces: fixable', (f) => (f.code = '37020023p0041 2030007t'), 'B3', '37020023P00412030007T'],
  ['CODE-003', 'wrong check character', (f) => (f.code = '37020023P00412030007K'), 'B3', '37020023P00412030007T'],
  ['NAME-001', 'empty name', (f) => (f.name = ''), 'D3'],
  ['UNIT-001', 'empty unit', (f) => (f.unit = ''), 'B2'],
  ['BUDGET-001', 'empty budget', (f) => (f.budget.total = null), 'C4'],
  ['BUDGET-001', 'budget not a number', (f) => (f.budget.total = '待定'), 'C4'],
  ['BUDGET-001', 'budget zero', (f) => (f.budget.total = 0), 'C4'],
  ['BUDGET-002', 'fiscal ≠ total', (f) => (f.budget.fiscal = 100), 'C4'],
  ['BUDGET-002', 'total ≠ fiscal + other', (f) => (f.budget.other = 30), 'C4'],
  ['BUDGET-003', 'no unit anywhere', (f) => Object.assign(f.budget, { total: '120', fiscal: '120' }), 'C4'],
  ['BUDGET-004', 'empty use', (f) => (f.use = ''), 'B5'],
  ['BUDGET-005', 'adjustment not a number', (f) => (f.budget.adjust = '待定'), 'D4'],
  ['PLAN-001', 'above 100', (f) => (f.plan['6月底'] = 150), 'C7'],
  ['PLAN-002', 'not cumulative', (f) => Object.assign(f.plan, { '3月底': 50, '6月底': 30 }), 'C7'],
  ['PLAN-003', 'year end 90', (f) => (f.plan['12月底'] = 90), 'E7', 100],
  ['PLAN-004', 'only year end', (f) => Object.assign(f.plan, { '3月底': null, '6月底': null, '9月底': null }), 'B7'],
  ['GOAL-001', 'empty goal', (f) => (f.goal = ''), 'B8'],
  ['GOAL-002', 'too short', (f) => (f.goal = '完成年度运维工作。'), 'B8'],
  ['GOAL-002', 'same as 资金用途', (f) => (f.goal = f.use), 'B8'],
  ['IND-001', 'unknown 一级', (f) => f.indicators.filter((i) => i.l1 === '满意度指标').forEach((i) => (i.l1 = '满意指标')), 'A21'],
  ['IND-002', '效益 二级 under 产出', set('故障响应时间', { l2: '社会效益指标' }), 'B14'],
  ['IND-002', 'empty 二级', set('故障响应时间', { l2: '' }), 'B14'],
  ['IND-003', 'no 效益 rows', drop((i) => i.l1 === '效益指标'), 'A9'],
  ['IND-004', 'no 时效 rows', drop((i) => i.l2 === '时效指标'), 'A10'],
  ['IND-005', 'empty 三级', set('故障响应时间', { l3: '' }), 'C14'],
  ['IND-006', 'same 三级 twice', set('质控比对合格率', { l3: '数据有效传输率' }), 'C13'],
  ['IND-007', 'empty description', set('故障响应时间', { desc: '' }), 'D14'],
  ['IND-008', 'empty basis', set('故障响应时间', { basis: '' }), 'F14'],
  ['IND-009', '不涉及 row with a value', set('不涉及', { value: '≥90%' }), 'E19'],
  ['IND-009', '不涉及 row with a basis', set('不涉及', { basis: '年度工作计划' }), 'F19'],
  ['IND-009', 'real row with 不涉及 basis', set('故障响应时间', { basis: '不涉及' }), 'F14'],
  ['IND-010', 'every 效益 row 不涉及', (f) => f.indicators.filter((i) => i.l1 === '效益指标').forEach((i) => Object.assign(i, { l3: '不涉及', desc: '不涉及', value: '文字描述', basis: '不涉及' })), 'C17'],
  ['IND-011', 'two indicators', (f) => (f.indicators = f.indicators.filter((i) => ['运维服务费', '空气质量预警信息发布及时率'].includes(i.l3))), 'A9'],
  ['IND-012', 'no 满意度 rows', drop((i) => i.l1 === '满意度指标'), 'A9'],
  ['VAL-001', 'empty value', set('故障响应时间', { value: '' }), 'E14'],
  ['VAL-002', '文字描述 left', set('故障响应时间', { value: '文字描述' }), 'E14'],
  ['VAL-002', '不涉及 as a real value', set('故障响应时间', { value: '不涉及' }), 'E14'],
  ['VAL-003', 'unreadable', set('故障响应时间', { value: '尽快处理' }), 'E14'],
  ['VAL-003', 'Excel error text', set('故障响应时间', { value: '#N/A' }), 'E14'],
  ['VAL-004', 'no unit', set('运维监测微站数量', { value: '≥120' }), 'E10'],
  ['VAL-005', 'above 100%', set('数据有效传输率', { value: '≥105%' }), 'E12'],
  ['VAL-005', '>100% cannot be met', set('数据有效传输率', { value: '>100%' }), 'E12'],
  ['VAL-005', '≥100%', set('数据有效传输率', { value: '≥100%' }), 'E12'],
  ['VAL-006', '数量 as a percentage', set('运维监测微站数量', { value: '≥90%' }), 'E10'],
  ['VAL-006', '质量 as money', set('数据有效传输率', { value: '≤5万元' }), 'E12'],
  ['VAL-006', '时效 as a count', set('故障响应时间', { value: '≥3个' }), 'E14'],
  ['VAL-007', '>= spelling', set('数据有效传输率', { value: '>=90%' }), 'E12', '≥90%'],
  ['VAL-007', '不低于 spelling', set('数据有效传输率', { value: '不低于90%' }), 'E12', '≥90%'],
  ['VAL-007', '不超过 spelling', set('故障响应时间', { value: '不超过24小时' }), 'E14', '≤24小时'],
  ['VAL-008', 'a range', set('运维监测微站数量', { value: '100-120个' }), 'E10'],
  ['VAL-009', 'spaces in a value', set('数据有效传输率', { value: '≥ 90 %' }), 'E12', '≥90%'],
  ['VAL-009', 'spaces in 三级指标', set('故障响应时间', { l3: '故障 响应时间' }), 'C14', '故障响应时间'],
  ['VAL-009', 'spaces in 绩效目标', (f) => (f.goal = f.goal.replace('，', ' ，')), 'B8'],
  ['VAL-011', 'a period with a dash', set('故障响应时间', { value: '2024.03-2024.12' }), 'E14'],
  ['IND-013', '满意度 as a 二级 under 效益', (f) => f.indicators.filter((i) => i.l1 === '满意度指标').forEach((i) => (i.l1 = '效益指标')), 'B21'],
  ['VAL-010', 'vague', set('空气质量预警信息发布及时率', { value: '明显改善' }), 'E17'],
  ['VAL-010', '较好 without a scale', set('空气质量预警信息发布及时率', { value: '较好' }), 'E17'],
  ['COST-001', 'cost as a rate', set('运维服务费', { value: '≥95%' }), 'E16'],
  ['COST-002', 'costs above the budget', set('运维服务费', { value: '≤150万元' }), 'E16'],
  ['COST-002', 'a bound only met by overspending', set('运维服务费', { value: '>120万元' }), 'E16'],
  ['COST-002', 'a unit cost times its count', (f) => { ind(f, '运维服务费').value = '=1万元/个'; ind(f, '运维监测微站数量').value = '=200个'; }, 'E16'],
  ['COST-003', 'costs cover under 90%', set('运维服务费', { value: '≤50万元' }), 'E16'],
  ['COST-004', 'cost as a floor', set('运维服务费', { value: '≥100万元' }), 'E16'],
  ['COST-005', 'no cost row', drop((i) => i.l2 === '成本指标'), 'A9'],
  ['SAT-001', 'bare number', set('公众对空气质量监测服务满意度', { value: '90' }), 'E21'],
  ['SAT-001', 'a score', set('公众对空气质量监测服务满意度', { value: '≥90分' }), 'E21'],
  ['SAT-002', 'below 80%', set('公众对空气质量监测服务满意度', { value: '≥70%' }), 'E21'],
  ['SAT-003', 'exactly 100%', set('公众对空气质量监测服务满意度', { value: '100%' }), 'E21'],
  ['SAT-003', '≥100%', set('公众对空气质量监测服务满意度', { value: '≥100%' }), 'E21'],
  ['SAT-004', 'a ceiling', set('公众对空气质量监测服务满意度', { value: '≤90%' }), 'E21'],
];

describe.each(CASES)('%s: %s', (ruleId, _what, mutate, cell, fixValue) => {
  const form = clone(cleanForm());
  mutate(form);
  const found = findingsFor(form).filter((f) => f.ruleId === ruleId);
  test(`reported at ${cell}`, () => {
    expect(found.map((f) => f.cell)).toContain(cell);
    const hit = found.find((f) => f.cell === cell)!;
    expect(hit.message).toMatch(/[\u4e00-\u9fff]/);
    if (fixValue !== undefined) expect(hit.fix).toEqual({ cell, newValue: fixValue });
  });
});

describe('cross-form rules', () => {
  const second = () => {
    const f = clone(cleanForm());
    f.code = '37020023P00412030008E';
    f.name = '重点行业挥发性有机物走航监测经费';
    return f;
  };
  test('CODE-004 on every copy after the first', () => {
    const dup = second();
    dup.code = cleanForm().code;
    const found = findingsFor([cleanForm(), dup, clone(dup)]).filter((f) => f.ruleId === 'CODE-004');
    expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['项目2!B3', '项目3!B3']);
    expect(found[0].message).toContain('项目1!B3');
  });
  test('NAME-002 on the later form', () => {
    const dup = second();
    dup.name = cleanForm().name;
    expect(findingsFor([cleanForm(), dup]).filter((f) => f.ruleId === 'NAME-002').map((f) => f.sheet)).toEqual(['项目2']);
  });
  test('UNIT-002 when a form names another unit', () => {
    const other = second();
    other.unit = '滨海市生态环境局高新区分局';
    expect(findingsFor([cleanForm(), other]).filter((f) => f.ruleId === 'UNIT-002').map((f) => `${f.sheet}!${f.cell}`)).toEqual(['项目2!B2']);
  });
  test('two different forms: no cross-form finding', () => {
    expect(findingsFor([cleanForm(), second()])).toEqual([]);
  });
});

describe('quiet where the catalogue says nothing is wrong', () => {
  const quiet: [string, Mutate][] = [
    ['元 and 万元 converted (BUDGET-002)', (f) => Object.assign(f.budget, { total: '1200000元', fiscal: '120万元' })],
    ['其他资金 completing the total', (f) => Object.assign(f.budget, { fiscal: 100, other: 20 })],
    ['较好 with its scale stated', set('空气质量预警信息发布及时率', { value: '较好', desc: '按好、较好、一般、较差、差五档评价预警信息发布情况' })],
    ['graded value 优', set('空气质量预警信息发布及时率', { value: '优' })],
    ['a deadline with a date', set('年度运维完成时限', { value: '2023年6月30日前' })],
    ['满意度 at exactly the threshold', set('公众对空气质量监测服务满意度', { value: '80%' })],
    ['a growth rate above 100%', set('空气质量预警信息发布及时率', { l3: '预警信息覆盖人数增长率', value: '≥120%' })],
    ['≥ full-width comparators ＞ ＝', set('数据有效传输率', { value: '＞90%' })],
    ['不涉及 row with placeholder values', set('不涉及', { value: '不涉及' })],
  ];
  test.each(quiet)('%s', (_what, mutate) => {
    const form = clone(cleanForm());
    mutate(form);
    expect(findingsFor(form).filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('the 2021 framework', () => {
  test('成本 under 产出 is misplaced there', () => {
    const f = cleanForm2021();
    f.indicators.push({ l1: '产出指标', l2: '成本指标', l3: '其他成本', desc: '其他费用', value: '≤1万元', basis: '部门预算' });
    expect(ids(findingsFor(f))).toContain('IND-002');
  });
  test('社会成本 rows take their own units; only 经济成本 must be money', () => {
    const f = cleanForm2021();
    Object.assign(f.indicators[1], { l3: '施工扰民投诉', desc: '运维施工引起的投诉', value: '≤5户次', basis: '信访记录' });
    expect(findingsFor(f).filter((x) => x.severity !== 'info')).toEqual([]);
  });
  test('a 2021 form without 成本 rows lacks them (IND-003 needs them only in 2021 forms)', () => {
    const f = cleanForm2021();
    f.indicators = f.indicators.filter((i) => i.l1 !== '成本指标');
    const found = ids(findingsFor(f));
    expect(found).toContain('COST-005');
    expect(found).not.toContain('IND-003');
  });
});

describe('options', () => {
  const bad = () => {
    const f = clone(cleanForm());
    ind(f, '公众对空气质量监测服务满意度').value = '≥70%';
    return f;
  };
  const run = (options: Options) => findingsFor(bad(), options).filter((f) => f.ruleId === 'SAT-002');
  test('a rule can be switched off', () => {
    expect(run({ rules: { 'SAT-002': 'off' } })).toEqual([]);
    expect(run({ rules: { 'SAT-002': { enabled: false } } })).toEqual([]);
  });
  test('a rule can change severity', () => {
    expect(run({ rules: { 'SAT-002': 'error' } })[0].severity).toBe('error');
  });
  test('the satisfaction threshold is configurable', () => {
    expect(run({ satisfactionMin: 60 })).toEqual([]);
    expect(run({ satisfactionMin: 75 })[0].message).toContain('75%');
  });
  test('the COST-003 ratio is configurable', () => {
    const f = clone(cleanForm());
    ind(f, '运维服务费').value = '≤100万元';
    expect(ids(findingsFor(f))).toContain('COST-003');
    expect(ids(findingsFor(f, { costCoverageMin: 0.8 }))).not.toContain('COST-003');
  });
  test('a cost range in 千元 is counted in 万元 (1100-1200千元 against a 120万元 budget)', () => {
    const f = clone(cleanForm());
    ind(f, '运维服务费').value = '1100-1200千元';
    expect(ids(findingsFor(f)).filter((id) => id.startsWith('COST'))).toEqual([]);
  });
  test('messages in English on request', () => {
    expect(run({ locale: 'en' })[0].message).toBe('Satisfaction target “≥70%” is below 80%.');
  });
});

test('every rule in the registry has a trigger case here', () => {
  // Cross-form rules, FORM-001/002 and the sheet rules FORM-000/004 have tests of their own (parser, families, hostile sheets).
  const covered = new Set([...CASES.map((c) => c[0]), 'CODE-004', 'NAME-002', 'UNIT-002', 'FORM-000', 'FORM-001', 'FORM-002', 'FORM-004']);
  expect(RULE_IDS.filter((id) => !covered.has(id))).toEqual([]);
});
