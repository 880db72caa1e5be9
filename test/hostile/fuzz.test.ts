/**
 * 恶意构造的工作簿 / hostile workbooks (issue 11): random grids, fuzzed. Grids mix the forms' own
 * vocabulary (the labels core/form/labels.ts recognises, level names, values of every kind) with
 * hostile text — C0 and C1 controls, ESC, U+FFFF, lone surrogates, very long runs — numbers under
 * odd formats, booleans, error values, merges that overlap or reach past the sheet, and sheets far
 * from A1; some start from a real laid-out form and are damaged. The property: the engine never
 * throws, no rule fails (the engine would log it and carry on), and every finding points at a cell
 * of the grid it came from — inside its used range or inside one of its merged areas.
 */
import fc from 'fast-check';
import { checkWorkbooks } from '../../src/core/engine';
import { fromA1, type Area, type Cell, type Grid } from '../../src/core/grid';
import { layoutForm, specToGrid } from '../../src/core/layout';
import { parseValueText } from '../../src/core/values';
import { cleanForm, failOnRuleErrors } from '../helpers/forms';

/** Labels of every kind core/form/labels.ts knows, as forms print them. */
const LABELS = [
  // title, code, names, units
  '项目支出绩效目标表', '项目支出绩效目标申报表', '2025年项目支出绩效目标批复表', '部门整体支出绩效目标表', '项目编码', '项目代码：',
  '一级项目名称', '项目名称', '二级项目名称', '专项资金名称', '项目名称：城区绿化管护', '填报单位：', '预算单位', '主管部门及代码',
  '实施单位', '填报单位(盖章)：单位负责人：', '下达地方或单位',
  // money
  '项目总投资', '中期财政预算', '资金用途：', '资金用途：用于全市监测微站运维', '预算数', '年度资金总额：', '资金总额', '预算申报数',
  '项目金额(万元)', '年度资金总额:250', '财政资金', '其中：财政拨款', '一般公共预算', '其中：当年财政资金', '其他资金', '(二)其他资金',
  '上级资金', '自筹资金', '上年结转', '其中：上级补助', '调增(减)资金：', '调整资金:81万元', '预算规模及资金用途', '项目资金（万元）',
  '资金情况', '金额单位：万元', '单位：元', '金额(万元)', '资金支出计划（%）', '支出进度', '3月底', '6月底', '12月底', '年底', '12月:100%',
  // goals and tables
  '中长期目标', '实施期绩效目标', '总体目标', '项目绩效目标', '年度目标', '绩效目标', '年度绩效目标', '整体绩效目标', '长期绩效指标',
  '中长期绩效指标表', '年度绩效指标', '本年度绩效指标表',
  // header
  '一级指标', '二级指标', '三级指标', '指标确定依据', '评(扣)分标准', '指标性质', '运算符号', '绩效指标描述', '指标值内容说明',
  '度量单位', '计量单位', '权重', '分值(%)', '指标值', '指标目标值', '年度数值', '预期2025年实现值', '2024年实际实现值', '指标内容', '备注',
  // levels
  '产出指标', '成本指标', '效益指标', '满意度指标', '1.产出指标', '成本指标(0-20)分', '数量指标', '质量指标', '时效指标', '经济成本指标',
  '社会成本指标', '生态环境成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标', '预算控制指标',
  // footer
  '填报人：', '联系电话：', '填报日期：', '审核意见', '单位负责人签字', '年月日',
];

/** Values of every kind the value grammar reads, and some it must not. */
const VALUES = [
  '≥95%', '≤12月底', '> 7 万元', '2500-3000本', '文字描述', '不涉及', '/', '—', '-', '好', '较好', '提高', '=100%', '≥1200元/亩',
  '2024.03-2024.12', '12月底前完成', '大于等于90%', '±3%以内', '≤50万元/月', '4次/年', '2万份', '十万人次', '1,234.5万元', '¥120万元',
  '854万(高标准农田建设400万元,其他454万元)', '定性', '定量', '≥', '%', '万元', '百分比', '13050022P00945010015K', '37020023P00412030007T',
  // Object.prototype members: a lookup table must not take them for its own entries.
  'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '5constructor', '≥1toString',
];

const char = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCharCode(c));

/** One hostile UTF-16 unit: controls, ESC, non-characters, lone surrogates, line separators, full-width forms, CJK. */
const hostileChar = fc.oneof(
  char(0x00, 0x1f), // C0, ESC included
  char(0x7f, 0x9f), // DEL, C1
  fc.constantFrom('\u001b', '\uffff', '\ufffe', '\u2028', '\u2029', '\u3000', '\ufeff', '\u200b', '\u00a0', '\r\n', '\t', '（', '）', '：'),
  char(0xd800, 0xdfff), // a lone surrogate (half a pair)
  char(0xff01, 0xff5e), // full-width ASCII, folded by NFKC
  char(0x4e00, 0x9fff),
  char(0x20, 0x7e),
);

const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
/** Very long cells, each of a shape that once took super-linear time (linear.test.ts times them). */
const LONG = [
  '1' + rep('.', 20_000) + 'x', '-' + rep('1', 20_000) + 'x', rep(' ', 20_000), 'a' + rep(' \u3000\n', 20_000) + 'b', rep('，', 20_000),
  rep('(', 20_000), '产出指标(' + rep('a', 20_000), rep('1', 20_000) + '分', '1' + rep('十万', 10_000) + 'x', '1' + rep('十', 20_000) + '份',
  '项目名称' + rep('项目', 20_000), '资金总额:' + rep('1', 20_000), '年度目标' + rep('目标', 20_000), rep('\u0000\u001b\uffff', 20_000),
  rep('\ud800', 20_000), '≥' + rep('9', 20_000) + '%',
];

const textArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 3, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...LABELS, ...VALUES), hostileChar, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.array(hostileChar, { maxLength: 12 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '0', '-0', 'NaN', 'Infinity', 'TRUE', '#N/A') },
);

const FORMATS = [
  undefined, 'General', '0%', '0.00%', '0.00"万元"', '#,##0.00', 'yyyy-mm-dd', 'yyyy"年"m"月"d"日"', '[$¥-804]#,##0', '"abc', '[', '\\',
  '_', '*', '0;-0;;@', '[Red]0', '[h]:mm', '0.00"元/亩"', '"≥"0%', '@',
];

const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 8, arbitrary: textArb.map((t): Cell => ({ text: t, value: t })) },
  // What Excel shows differs from what the cell holds.
  { weight: 1, arbitrary: fc.tuple(textArb, textArb).map(([text, value]): Cell => ({ text, value })) },
  { weight: 1, arbitrary: textArb.map((text): Cell => ({ text, value: null })) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, 1, 100, 0.95, 1e21, 44561)), fc.constantFrom(...FORMATS), fc.option(textArb))
      .map(([v, format, text]): Cell => ({ text: text ?? String(v), value: v, ...(format ? { format } : {}) })),
  },
  { weight: 1, arbitrary: fc.boolean().map((b): Cell => ({ text: String(b).toUpperCase(), value: b })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#SPILL!', '', '\u0000').map((e): Cell => ({ text: e, value: null, error: e })),
  },
);

const merge = (top: number, left: number, h: number, w: number): Area => ({ top, left, bottom: top + h, right: left + w });

/** Merges near a grid: inside, overlapping each other, reaching past its edges, or wholly outside it. */
function mergesNear(top: number, left: number, rows: number, cols: number): fc.Arbitrary<Area[]> {
  const near = fc
    .record({
      r: fc.integer({ min: Math.max(0, top - 3), max: top + rows + 3 }),
      c: fc.integer({ min: Math.max(0, left - 3), max: left + cols + 3 }),
      h: fc.nat(5),
      w: fc.nat(5),
    })
    .map(({ r, c, h, w }) => merge(r, c, h, w));
  // Whole columns or rows merged (the engine clamps them to the used range).
  const huge = fc.constantFrom(merge(top, left, 1_048_575 - top, 0), merge(top, left, 0, 16_383 - left), merge(0, 0, 1_048_575, 16_383));
  return fc.array(fc.oneof({ weight: 9, arbitrary: near }, { weight: 1, arbitrary: huge }), { maxLength: 10 });
}

/** Far from A1 as well as near it, within Excel's 1,048,576 rows and 16,384 columns. */
const originArb = fc.record({
  top: fc.oneof(fc.nat(30), fc.integer({ min: 0, max: 1_048_000 })),
  left: fc.oneof(fc.nat(10), fc.integer({ min: 0, max: 16_300 })),
});

const randomGrid: fc.Arbitrary<Omit<Grid, 'sheet'>> = originArb.chain(({ top, left }) =>
  fc
    .array(fc.array(cellArb, { maxLength: 10 }), { maxLength: 24 })
    .chain((cells) => mergesNear(top, left, cells.length, 10).map((merges) => ({ top, left, cells, merges }))),
);

/** Real forms, laid out as the templates print them, to damage. */
const BASES = [layoutForm(cleanForm()), layoutForm(cleanForm(), { layout: 'national' })].map((spec) => specToGrid(spec, 'base'));

/** A real form moved away from A1, some cells replaced, merges added. */
const damagedForm: fc.Arbitrary<Omit<Grid, 'sheet'>> = fc
  .tuple(fc.constantFrom(...BASES), originArb)
  .chain(([base, { top, left }]) => {
    const rows = base.cells.length;
    const edits = fc.array(fc.record({ r: fc.nat(rows + 1), c: fc.nat(7), cell: cellArb }), { maxLength: 12 });
    return fc.tuple(edits, mergesNear(top, left, rows, 7)).map(([changes, extra]) => {
      const cells = base.cells.map((row) => row.slice());
      for (const { r, c, cell } of changes) (cells[r] ??= [])[c] = cell;
      for (let r = 0; r < cells.length; r++) cells[r] ??= [];
      const moved = base.merges.map((m) => ({ top: m.top + top, left: m.left + left, bottom: m.bottom + top, right: m.right + left }));
      return { top, left, cells, merges: [...moved, ...extra] };
    });
  });

const nameArb = fc.oneof(fc.constantFrom('项目1', 'Sheet1', '', 'History', "'x'", 'a[b]', 'x'.repeat(40)), textArb.map((t) => t.slice(0, 40)));

const workbookArb: fc.Arbitrary<Grid[]> = fc
  .array(fc.tuple(nameArb, fc.oneof(randomGrid, damagedForm)), { minLength: 1, maxLength: 3 })
  // Sheet names are unique in a workbook; the index keeps them so, whatever the random part holds.
  .map((sheets) => sheets.map(([name, g], i) => ({ sheet: `${name}${i}`, ...g })));

/** The grid's used range (its first cell at least: where a finding about the sheet goes) or one of its merged areas holds the cell. */
function covers(grid: Grid, row: number, col: number): boolean {
  const width = grid.cells.reduce((w, r) => Math.max(w, r?.length ?? 0), 1);
  const height = Math.max(1, grid.cells.length);
  const inside = (a: Area) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
  return inside({ top: grid.top, left: grid.left, bottom: grid.top + height - 1, right: grid.left + width - 1 }) || grid.merges.some(inside);
}

/**
 * A cell of the grid, or the blank cell just right of or below one: a label's value is read from there, and a
 * finding that it is empty points there (PLAN-003's fix writes 100 there), even past the used range — which, as
 * the command line reads a file, ends at the last cell that holds something.
 */
function holds(grid: Grid, row: number, col: number): boolean {
  return covers(grid, row, col) || covers(grid, row, col - 1) || covers(grid, row - 1, col);
}

/** Why a run breaks the property, or undefined. */
function problem(grids: Grid[]): string | undefined {
  const run = checkWorkbooks([{ name: 'fuzz.xlsx', grids }]);
  for (const f of run.results[0].findings) {
    const grid = grids.find((g) => g.sheet === f.sheet);
    const at = fromA1(f.cell);
    if (!grid) return `${f.ruleId} on unknown sheet ${JSON.stringify(f.sheet)}`;
    if (!at) return `${f.ruleId} at unreadable cell ${JSON.stringify(f.cell)}`;
    if (!holds(grid, at.row, at.col)) return `${f.ruleId} at ${f.cell}, outside sheet ${JSON.stringify(f.sheet)} (top ${grid.top}, left ${grid.left})`;
  }
  return undefined;
}

// A rule that throws is caught and logged by the engine: a logged rule error fails these tests.
const ruleErrors = failOnRuleErrors();

/** A form whose first 指标值 is 1, twenty thousand 十 and 份: reading it overflowed the stack (issue 11). */
function stackedMultipliers(): Grid {
  const data = cleanForm();
  data.indicators[0].value = '1' + '十'.repeat(20_000) + '份';
  return specToGrid(layoutForm(data), '项目1');
}

test('random and damaged grids: the engine never throws, and every finding is at a cell of its grid', () => {
  fc.assert(
    fc.property(workbookArb, (grids) => {
      expect(problem(grids)).toBeUndefined();
      expect(ruleErrors.spy).not.toHaveBeenCalled();
    }),
    // FUZZ_RUNS=5000 for a longer search; the example is the crash the search found.
    { numRuns: Number(process.env.FUZZ_RUNS ?? 200), examples: [[[stackedMultipliers()]]] },
  );
});

describe('regressions found for issue 11', () => {
  test('a 指标值 of 1, 20,000 × 十 and 份 is read as a count: peeling the multipliers off by recursion overflowed the stack', () => {
    const value = '1' + '十'.repeat(20_000) + '份';
    expect(parseValueText(value)).toMatchObject({ kind: 'quantity', num: 1, unitClass: 'count' });
    expect(() => checkWorkbooks([{ name: 'b.xlsx', grids: [stackedMultipliers()] }])).not.toThrow();
  });

  test('text naming an Object.prototype member is no placeholder, grade, money unit or level', () => {
    // "constructor" was the placeholder Object, "toString" a placeholder too, "5constructor" money worth NaN 万元.
    for (const text of ['constructor', 'toString', '__proto__', 'hasOwnProperty', '5constructor', '≥5hasOwnProperty', '3toString/亩']) {
      expect(parseValueText(text)).toEqual({ kind: 'unreadable' });
    }
    expect(parseValueText('1valueOf')).toMatchObject({ kind: 'quantity', unitClass: 'other' });
    const data = cleanForm();
    data.indicators[0].l2 = 'constructor';
    data.indicators[1].value = 'constructor';
    const findings = checkWorkbooks([{ name: 'b.xlsx', grids: [specToGrid(layoutForm(data), '项目1')] }]).results[0].findings;
    expect(findings.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(expect.arrayContaining(['IND-002 B10', 'VAL-003 E11']));
  });
});
