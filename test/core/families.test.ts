/**
 * One clean, realistic form of our own per layout family (Hebei's is test/helpers/forms cleanForm):
 * each is read in its family with its fields at their cells and gives no error or warning.
 */
import { checkForms } from '../../src/core/engine';
import { readSheet } from '../../src/core/form/parse';
import fc from 'fast-check';
import { fromA1, parseArea, type Cell, type Grid } from '../../src/core/grid';

type Row = (string | number | null)[];

function grid(rows: Row[], merges: string[] = [], formats: Record<string, string> = {}): Grid {
  const cells = rows.map((r, ri) =>
    r.map((v, ci): Cell | undefined => {
      if (v === null || v === '') return undefined;
      const addr = String.fromCharCode(65 + ci) + (ri + 1);
      return typeof v === 'number' ? { text: String(v), value: v, ...(formats[addr] ? { format: formats[addr] } : {}) } : { text: v, value: v };
    }),
  );
  return { sheet: '表', top: 0, left: 0, cells, merges: merges.map((m) => parseArea(m)!) };
}

function check(g: Grid) {
  const sheet = readSheet(g, 'b.xlsx');
  const findings = checkForms(sheet.forms, {}, [sheet]);
  return { sheet, forms: sheet.forms, problems: findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId} ${f.cell} ${f.message}`) };
}

const NATIONAL: Row[] = [
  ['项目支出绩效目标申报表', null, null, null, null],
  ['（2025年度）', null, null, null, null],
  ['项目名称', '乡村道路养护项目', null, null, null],
  ['主管部门及代码', '县交通运输局[305]', null, '实施单位', '县公路养护中心'],
  ['项目资金（万元）', '年度资金总额：', 120, null, null],
  [null, '其中：财政拨款', 100, null, null],
  [null, '其他资金', 20, null, null],
  ['总体目标', '中长期目标', null, '年度目标', null],
  [null, '三年内全县农村公路列养率保持100%，路况优良率稳步达到80%以上。', null, '2025年完成农村公路日常养护320公里，优良路率不低于75%，群众出行更安全便捷。', null],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '指标值'],
  [null, '产出指标', '数量指标', '日常养护里程', '≥320公里'],
  [null, null, '质量指标', '优良路率', '≥75%'],
  [null, null, '时效指标', '养护任务完成时间', '12月底前全部完成'],
  [null, null, '成本指标', '每公里养护成本', '≤3000元/公里'],
  [null, '效益指标', '社会效益指标', '群众出行时间缩短', '≥10分钟'],
  [null, null, '经济效益指标', null, null],
  [null, null, '可持续影响指标', '养护长效机制运行年限', '≥3年'],
  [null, '满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%'],
  ['填报人：王明', null, '联系电话：0311-1234567', null, '填报日期：2024年10月8日'],
];
const NATIONAL_MERGES = ['A1:E1', 'A2:E2', 'B3:E3', 'B4:C4', 'A5:A7', 'C5:E5', 'C6:E6', 'C7:E7', 'A8:A9', 'B8:C8', 'D8:E8', 'B9:C9', 'D9:E9', 'A10:A18', 'B11:B14', 'B15:B17'];

test('national 申报表: nested goal, amount block, blank optional row, unit cost, deadline, footer — clean', () => {
  const { forms, problems } = check(grid(NATIONAL, NATIONAL_MERGES));
  expect(forms).toHaveLength(1);
  const [f] = forms;
  expect(f.family).toBe('national');
  expect({ name: f.name?.cell, unit: f.unit?.cell, total: f.total?.cell, fiscal: f.fiscal?.cell, other: f.other?.cell, goal: f.goal?.cell, long: f.longGoal?.cell, header: f.header?.cell })
    .toEqual({ name: 'B3', unit: 'E4', total: 'C5', fiscal: 'C6', other: 'C7', goal: 'D9', long: 'B9', header: 'B10' });
  expect(f.indicators.map((r) => r.row + 1)).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
  expect(problems).toEqual([]);
});

test('integrated-export list: two projects on one sheet, split comparator / value / unit, 金额单位：元 — clean', () => {
  const head: Row = ['单位名称', '项目名称', '预算数', '年度目标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重'];
  const project = (name: string, total: number, goal: string, cost: number): Row[] => [
    ['某县农业农村局', name, total, goal, '产出指标', '数量指标', '培训人次', '≥', 300, '人次', 20],
    [null, null, null, null, null, '质量指标', '培训合格率', '≥', 95, '%', 20],
    [null, null, null, null, null, '时效指标', '培训完成时间', '≤', '2025年10月', null, 10],
    [null, null, null, null, '成本指标', '经济成本指标', '培训总成本', '≤', cost, '元', 20],
    [null, null, null, null, '效益指标', '社会效益指标', '参训农民技能提升', '定性', '高', null, 20],
    [null, null, null, null, '满意度指标', '服务对象满意度指标', '参训农民满意度', '≥', 90, '%', 10],
  ];
  const rows: Row[] = [['金额单位：元'], head, ...project('高素质农民培训', 150000, '全年培训高素质农民300人次，合格率达到95%以上，带动农民增收。', 150000),
    ...project('农机安全宣传', 50000, '开展农机安全宣传进村入户，全年培训300人次，减少农机事故的发生。', 50000)];
  const merges = ['A3:A8', 'B3:B8', 'C3:C8', 'D3:D8', 'E6:E6', 'A9:A14', 'B9:B14', 'C9:C14', 'D9:D14', 'E3:E5', 'E9:E11'];
  const { forms, problems } = check(grid(rows, merges));
  expect(forms.map((f) => [f.family, f.name?.text, f.top + 1, f.bottom + 1])).toEqual([
    ['integrated-export', '高素质农民培训', 3, 8],
    ['integrated-export', '农机安全宣传', 9, 14],
  ]);
  expect(forms[0].indicators[0]).toMatchObject({ valueText: '≥300人次', cmp: { cell: 'H3' }, unit: { cell: 'J3' } });
  expect(forms[0].labelUnitWan).toBe(1e-4);
  expect(problems).toEqual([]);
});

test('approval 批复表: 项目金额, value split into 实际 / 预期 sub-columns (the expected one is read), approval footer — clean', () => {
  const rows: Row[] = [
    ['2025年项目支出绩效目标批复表', null, null, null, null, null],
    ['项目名称', '城区绿化管护', null, null, null, null],
    ['预算单位', '市园林绿化中心', null, null, null, null],
    ['项目金额（万元）', 80, null, '其中：当年财政资金', 80, null],
    ['年度绩效目标', '完成城区绿地日常管护200万平方米，苗木成活率保持95%以上，市民满意度不低于90%。', null, null, null, null],
    ['一级指标', '二级指标', '三级指标', '指标值', null, '指标值确定依据'],
    [null, null, null, '2024年实际实现值', '预期2025年实现值', null],
    ['产出指标', '数量指标', '绿地管护面积', '190万平方米', '≥200万平方米', '年度管护计划'],
    [null, '质量指标', '苗木成活率', '94%', '≥95%', '行业标准'],
    [null, '时效指标', '管护任务完成时间', '12月底', '≤12月底', '年度管护计划'],
    [null, '成本指标', '管护成本', '78万元', '≤80万元', '部门预算'],
    ['效益指标', '社会效益指标', '城区绿化覆盖率', '41%', '≥42%', '城市绿化规划'],
    ['满意度指标', '服务对象满意度指标', '市民满意度', '88%', '≥90%', '满意度调查'],
    ['财政局预算科（盖章）', null, null, '年  月  日', null, null],
  ];
  const merges = ['A1:F1', 'B2:F2', 'B3:F3', 'B4:C4', 'E4:F4', 'B5:F5', 'A6:A7', 'B6:B7', 'C6:C7', 'D6:E6', 'F6:F7', 'A8:A11'];
  const { forms, problems } = check(grid(rows, merges));
  expect(forms).toHaveLength(1);
  expect(forms[0].family).toBe('approval');
  expect(forms[0].total?.cell).toBe('B4');
  expect(forms[0].indicators.map((r) => r.value.cell)).toEqual(['E8', 'E9', 'E10', 'E11', 'E12', 'E13']);
  expect(problems).toEqual([]);
});

test('dual-table: long-term and annual tables side by side, the annual one checked — clean', () => {
  const rows: Row[] = [
    ['项目支出绩效目标表', null, null, null, null, null, null],
    ['项目名称', '校园安全设施改造', null, null, null, null, null],
    ['资金总额（万元）', 60, null, null, null, null, null],
    ['年度目标', '完成全区12所学校监控与消防设施改造，设施完好率达到98%以上，师生满意度不低于90%。', null, null, null, null, null],
    ['一级指标', '二级指标(长期)', '三级指标(长期)', '指标值(长期)', '二级指标(年度)', '三级指标(年度)', '指标值(年度)'],
    ['产出指标', '数量指标', '改造学校数', '36所', '数量指标', '改造学校数', '12所'],
    [null, '质量指标', '设施完好率', '≥98%', '质量指标', '设施完好率', '≥98%'],
    [null, '时效指标', '改造完成时间', '2027年底前', '时效指标', '改造完成时间', '≤2025年11月'],
    [null, '成本指标', '改造成本', '≤180万元', '成本指标', '改造成本', '≤60万元'],
    ['效益指标', '社会效益指标', '校园安全事故发生率', '≤1%', '社会效益指标', '校园安全事故发生率', '≤1%'],
    ['满意度指标', '服务对象满意度指标', '师生满意度', '≥90%', '服务对象满意度指标', '师生满意度', '≥90%'],
  ];
  const merges = ['A1:G1', 'B2:G2', 'B3:G3', 'B4:G4', 'A6:A9'];
  const { forms, problems } = check(grid(rows, merges));
  expect(forms).toHaveLength(1);
  expect(forms[0].family).toBe('dual-table');
  expect(forms[0].indicators.map((r) => r.value.cell)).toEqual(['G6', 'G7', 'G8', 'G9', 'G10', 'G11']);
  expect(problems).toEqual([]);
});

test('integrated-print: 一级/二级项目名称, 项目总投资, 预算申报数, 2021 framework, 指标目标值 — clean', () => {
  const rows: Row[] = [
    ['项目支出绩效目标表', null, null, null],
    ['一级项目名称', '文化事业发展', '二级项目名称', '博物馆免费开放'],
    ['项目类型', '延续性项目', '资金用途', '项目支出-其他'],
    ['项目总投资（万元）', 90, '预算申报数（万元）', 30],
    ['年度绩效目标', '保障博物馆全年免费开放不少于300天，接待观众8万人次，观众满意度达到90%以上。', null, null],
    ['一级指标', '二级指标', '三级指标', '指标目标值'],
    ['成本指标', '经济成本指标', '免费开放运行成本', '≤30万元'],
    [null, '社会成本指标', '无', '无'],
    ['产出指标', '数量指标', '全年开放天数', '≥300天'],
    [null, '质量指标', '展品完好率', '≥99%'],
    [null, '时效指标', '资金支付完成时间', '≤2025年12月'],
    ['效益指标', '社会效益指标', '接待观众人次', '≥8万人次'],
    ['满意度指标', '服务对象满意度指标', '观众满意度', '≥90%'],
  ];
  const merges = ['A1:D1', 'B5:D5', 'A7:A8', 'A9:A11'];
  const { forms, problems } = check(grid(rows, merges));
  expect(forms).toHaveLength(1);
  expect(forms[0]).toMatchObject({ family: 'integrated-print', framework: '2021', name: { cell: 'D2' }, total: { cell: 'D4' } });
  expect(problems).toEqual([]);
});

test('forcing a family: the same national form read as Hebei asks for Hebei\'s parts', () => {
  const sheet = readSheet(grid(NATIONAL, NATIONAL_MERGES), 'b.xlsx', { layout: 'hebei' });
  expect(sheet.forms[0]).toMatchObject({ family: 'hebei', familyForced: true });
  expect(sheet.forms[0].missing).toEqual(['code', 'use', 'plan']);
});

test('FORM-000: an indicator table with targets but no project is reported once, and counted', () => {
  const rows = NATIONAL.slice(9, 18).map((r) => r.slice(1));
  const sheet = readSheet(grid(rows), 'b.xlsx');
  expect(sheet.status).toBe('unrecognised');
  const findings = checkForms(sheet.forms, {}, [sheet]);
  expect(findings.map((f) => [f.ruleId, f.cell, f.severity, f.form])).toEqual([['FORM-000', 'A1', 'warning', -1]]);
  expect(findings[0].message).toContain('项目名称');
});

describe('property: national forms anywhere on a sheet, stacked, values broken at random', () => {
  /** `rows` after `pad` empty rows and `left` empty columns; merges moved to the absolute row `top`. */
  const shift = (rows: Row[], merges: string[], pad: number, top: number, left: number) => ({
    rows: [...Array.from({ length: pad }, () => [] as Row), ...rows.map((r) => [...Array(left).fill(null), ...r])],
    merges: merges.map((m) => {
      const a = parseArea(m)!;
      const at = (r: number, c: number) => String.fromCharCode(65 + c + left) + (r + top + 1);
      return `${at(a.top, a.left)}:${at(a.bottom, a.right)}`;
    }),
  });
  const VALUES = ['≥320公里', '', '文字描述', '320', '≥105%', '明显改善', '≤3000元/公里', '>=90%', '#N/A', '2025.03-2025.12', '不涉及'];

  test('each form read at its own cells; no finding outside its form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }),
        fc.array(fc.tuple(fc.integer({ min: 10, max: 17 }), fc.constantFrom(...VALUES)), { maxLength: 4 }),
        (top, left, copies, gap, breaks) => {
          const rows: Row[] = [];
          const merges: string[] = [];
          for (let i = 0; i < copies; i++) {
            const body = NATIONAL.map((r) => [...r]);
            for (const [r, v] of breaks) body[r][4] = v === '' ? null : v;
            const at = top + i * (NATIONAL.length + gap);
            const s = shift(body, NATIONAL_MERGES, at - rows.length, at, left);
            rows.push(...s.rows);
            merges.push(...s.merges);
            for (let g = 0; g < gap; g++) rows.push([]);
          }
          const sheet = readSheet(grid(rows, merges), 'b.xlsx');
          expect(sheet.forms.map((f) => f.name?.cell)).toEqual(
            Array.from({ length: copies }, (_, i) => String.fromCharCode(66 + left) + (top + i * (NATIONAL.length + gap) + 3)),
          );
          for (const f of checkForms(sheet.forms, {}, [sheet])) {
            const form = sheet.forms[f.form];
            const { row, col } = fromA1(f.cell)!;
            expect(row >= form.top && row <= form.bottom && col >= form.left && col <= form.right).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
