/** No grid makes the reader or any rule throw (fast-check). */
import fc from 'fast-check';
import { checkWorkbooks } from '../../src/core/engine';
import type { Cell, Grid } from '../../src/core/grid';
import { layoutForm } from '../../src/core/layout';
import { parseValueText } from '../../src/core/values';
import { cleanForm, failOnRuleErrors, SEED, specToGrid } from '../helpers/forms';

/** Text drawn from the form's own vocabulary, so random grids often look like (broken) forms. */
const WORDS = [
  '项目支出绩效目标表', '填报单位：', '项目编码', '项目名称', '预算规模及资金用途', '预算数', '调增(减)资金：', '财政资金', '其他资金',
  '资金用途：', '资金支出计划（%）', '3月底', '12月底', '绩效目标', '一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值',
  '指标确定依据', '产出指标', '效益指标', '满意度指标', '成本指标', '数量指标', '质量指标', '时效指标', '经济成本指标', '不涉及',
  '文字描述', '≥95%', '> 7 万元', '≤12月底', '2500-3000本', '100', '#N/A', '', ' ', '13050022P00945010015K',
];

const cellArb: fc.Arbitrary<Cell | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...WORDS).map((t) => ({ text: t, value: t })),
  fc.string({ maxLength: 12 }).map((t) => ({ text: t, value: t })),
  fc.double({ noNaN: false }).map((v) => ({ text: String(v), value: v, format: '0%' })),
  fc.integer().map((v) => ({ text: String(v), value: v })),
  fc.constantFrom('#N/A', '#REF!', '#DIV/0!').map((e) => ({ text: e, value: null, error: e })),
  fc.boolean().map((b) => ({ text: String(b).toUpperCase(), value: b })),
);

const gridArb: fc.Arbitrary<Grid> = fc
  .record({
    top: fc.nat(30),
    left: fc.nat(10),
    cells: fc.array(fc.array(cellArb, { maxLength: 9 }), { maxLength: 30 }),
    merges: fc.array(
      fc.record({ top: fc.nat(40), left: fc.nat(15), h: fc.nat(4), w: fc.nat(4) }).map((m) => ({
        top: m.top, left: m.left, bottom: m.top + m.h, right: m.left + m.w,
      })),
      { maxLength: 8 },
    ),
  })
  .map((g) => ({ sheet: 'S', ...g }));

// The engine keeps other rules' findings when one rule throws, and logs it: a logged rule error fails these tests.
failOnRuleErrors();

test('random grids never make the reader or the rules throw', () => {
  fc.assert(
    fc.property(fc.array(gridArb, { minLength: 1, maxLength: 3 }), (grids) => {
      const named = grids.map((g, i) => ({ ...g, sheet: `S${i}` }));
      const run = checkWorkbooks([{ name: 'x', grids: named }]);
      for (const f of run.results[0].findings) expect(f.cell).toMatch(/^[A-Z]{1,3}\d+$/);
    }),
    { numRuns: 400 },
  );
});

test('a real form with random cells overwritten never throws, and findings stay on the sheet', () => {
  const base = specToGrid(layoutForm(SEED.forms[1]));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(25), fc.nat(6), cellArb), { maxLength: 25 }), (edits) => {
      const cells = base.cells.map((r) => [...r]);
      for (const [r, c, cell] of edits) (cells[r] ??= [])[c] = cell;
      for (let r = 0; r < cells.length; r++) cells[r] ??= [];
      const run = checkWorkbooks([{ name: 'x', grids: [{ ...base, cells }] }]);
      for (const f of run.results[0].findings) expect(f.sheet).toBe('Sheet1');
    }),
    { numRuns: 300 },
  );
});

test('the value parser never throws on any string', () => {
  fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => {
    parseValueText(s);
  }), { numRuns: 2000 });
  expect(parseValueText('≥95%')).toMatchObject({ kind: 'quantity' });
});

test('the clean form survives being shifted anywhere on the sheet', () => {
  fc.assert(
    fc.property(fc.nat(200), fc.nat(20), (top, left) => {
      const grid = specToGrid(layoutForm(cleanForm(), { top, left }));
      const run = checkWorkbooks([{ name: 'x', grids: [{ ...grid }] }]);
      expect(run.results[0].forms).toHaveLength(1);
      expect(run.results[0].findings).toEqual([]);
    }),
    { numRuns: 40 },
  );
});
