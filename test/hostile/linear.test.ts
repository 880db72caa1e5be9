/**
 * 恶意构造的工作簿 / hostile workbooks (issue 11): every cell's text is handled in linear time.
 *
 * What this proves: each path that reads cell text and once took super-linear time — trailing
 * punctuation stripped by /[。.;；,，]+$/ ("1" + 50,000 dots + "x": 4.5 s), level names read with
 * /\([^)]*\)/g and /[\d\-–~.]*分$/, units with stacked multipliers peeled off by recursion
 * ("十万" × 22 + "x": 15 s, exponential), and the whole engine on one form — grows roughly
 * linearly from 1k to 1M characters of adversarial text: the median time at 1M is less than 30
 * times the median at 100k (quadratic growth gives ~100), and so at each tenfold step. Times below
 * a floor count as the floor, so timer noise at small sizes cannot fail a step. Only ratios are
 * asserted, never a clock. Each 1M input must also finish and be judged sensibly: a value of a
 * million dots is still an unreadable value, not silently accepted. Rows get the same sweep where
 * a search per row made a long list export quadratic (500 → 50,000 projects).
 *
 * LINEAR_REPORT=1 prints the medians and ratios measured.
 */
import { checkWorkbooks } from '../../src/core/engine';
import type { Cell, Grid } from '../../src/core/grid';
import { classifyLabel, inlineValue, level1Of, level2Of } from '../../src/core/form/labels';
import { readSheet } from '../../src/core/form/parse';
import { layoutForm, specToGrid, type FormData } from '../../src/core/layout';
import { sheetName } from '../../src/core/sheetName';
import { normLabel } from '../../src/core/text';
import { classifyUnit } from '../../src/core/units';
import { parseAmount, parseCell, parseSplit } from '../../src/core/values';
import { cleanForm } from '../helpers/forms';

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const REPS = 5;
/** Below this many milliseconds the timer, the JIT and the collector decide, not the algorithm. */
const FLOOR_MS = 2;
/** Tenfold input, at most this many times the time: linear is ~10, quadratic ~100. */
const MAX_RATIO = 30;

/** `unit` repeated to exactly n characters. */
const rep = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const cell = (text: string): Cell => ({ text, value: text });
const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Sweep<I, O> {
  /** An adversarial input of about n characters; `salt` makes each repetition's text new (the readers cache by text). */
  make: (n: number, salt: number) => I;
  run: (input: I) => O;
  /** What any size, 1M included, must give. */
  expect: (output: O) => void;
  reps?: number;
  sizes?: number[];
}

interface Measured {
  sizes: number[];
  /** Median milliseconds per size, up to the size where growth first broke the bound. */
  times: number[];
  /** time(n) / time(n / 10), each time floored. */
  ratios: number[];
}

const measured: Record<string, Measured> = {};

/** Time the path at each size; stop before the next size once a step grew too fast (the old code took minutes at 1M). */
function sweep<I, O>(name: string, s: Sweep<I, O>): Measured {
  const sizes = s.sizes ?? SIZES;
  let salt = 0;
  for (let i = 0; i < 3; i++) s.run(s.make(sizes[0], salt++)); // warm up: compiled code, not the interpreter, is timed
  const times: number[] = [];
  const ratios: number[] = [];
  for (const n of sizes) {
    const samples: number[] = [];
    for (let r = 0; r < (s.reps ?? REPS); r++) {
      const input = s.make(n, salt++);
      const from = process.hrtime.bigint();
      const out = s.run(input);
      samples.push(ms(from));
      s.expect(out);
    }
    times.push(median(samples));
    if (times.length > 1) {
      const ratio = Math.max(times[times.length - 1], FLOOR_MS) / Math.max(times[times.length - 2], FLOOR_MS);
      ratios.push(ratio);
      if (ratio >= MAX_RATIO) break;
    }
  }
  measured[name] = { sizes, times, ratios };
  return measured[name];
}

/** The sweep reached its last size (1M characters) and no tenfold step took 30 times as long. */
function expectLinear(m: Measured): void {
  expect(m.times).toHaveLength(m.sizes.length);
  for (const ratio of m.ratios) expect(ratio).toBeLessThan(MAX_RATIO);
}

/** A distinct text per repetition that keeps the shape: the length varies, not the characters. */
const len = (n: number, salt: number) => n + salt;

afterAll(() => {
  const rows = Object.entries(measured).map(([name, m]) =>
    `${name.padEnd(44)} ${m.times.map((t, i) => `${m.sizes[i]}: ${t.toFixed(2)}`).join('  ')} ms   ratios ${m.ratios.map((r) => r.toFixed(1)).join(' / ')}`);
  if (process.env.LINEAR_REPORT) console.log(rows.join('\n'));
});

describe('指标值: the value grammar every indicator rule reads', () => {
  test('"1" + dots + "x" (trailing punctuation once stripped by /[。.;；,，]+$/)', () => {
    expectLinear(sweep('value: 1 + dots + x', {
      make: (n, salt) => cell('1' + rep('.', len(n, salt)) + 'x'),
      run: parseCell,
      expect: (p) => expect(p).toEqual({ kind: 'unreadable' }),
    }));
  });

  test('"1" + full-width commas + "x"', () => {
    expectLinear(sweep('value: 1 + ，… + x', {
      make: (n, salt) => cell('1' + rep('，', len(n, salt)) + 'x'),
      run: parseCell,
      expect: (p) => expect(p).toEqual({ kind: 'unreadable' }),
    }));
  });

  test('"-" + digits + "x": a number too long to be one', () => {
    expectLinear(sweep('value: - + digits + x', {
      make: (n, salt) => cell('-' + rep('1', len(n, salt)) + 'x'),
      run: parseCell,
      expect: (p) => expect(p).toEqual({ kind: 'unreadable' }),
    }));
  });

  test('a run of spaces inside "≥90%" is no part of the value', () => {
    expectLinear(sweep('value: ≥9 + spaces + 0%', {
      make: (n, salt) => cell('≥9' + rep(' \u3000', len(n, salt)) + '0%'),
      run: parseCell,
      expect: (p) => expect(p).toMatchObject({ kind: 'quantity', cmp: '≥', num: 90, unit: '%' }),
    }));
  });

  test('"1" + "十万" × n + "x" (multipliers once peeled off by recursion: exponential)', () => {
    expectLinear(sweep('value: 1 + 十万… + x', {
      make: (n, salt) => cell('1' + rep('十万', len(n, salt)) + 'x'),
      run: parseCell,
      expect: (p) => expect(p).toEqual({ kind: 'unreadable' }),
    }));
  });

  test('an export\'s split value (指标性质 | 指标值 | 度量单位) with dots in the value', () => {
    expectLinear(sweep('split value: ≥ | 1 + dots + x | 个', {
      make: (n, salt) => cell('1' + rep('.', len(n, salt)) + 'x'),
      run: (value) => parseSplit('≥', value, '个').parsed,
      expect: (p) => expect(p).toEqual({ kind: 'unreadable' }),
    }));
  });

  test('an amount of "1" + dots + "万元" is no amount', () => {
    expectLinear(sweep('amount: 1 + dots + 万元', {
      make: (n, salt) => cell('1' + rep('.', len(n, salt)) + '万元'),
      run: (c) => parseAmount(c),
      expect: (a) => expect(a).toBe('invalid'),
    }));
  });
});

describe('labels: normalisation and recognition', () => {
  test('a label behind a long run of spaces, full-width spaces and line breaks', () => {
    expectLinear(sweep('label: spaces + 项目名称', {
      make: (n, salt) => rep(' \u3000\n', len(n, salt)) + '项目名称',
      run: (text) => classifyLabel(normLabel(text)),
      expect: (k) => expect(k).toBe('name'),
    }));
  });

  test('a label that carries a long value ("资金用途：用于…")', () => {
    expectLinear(sweep('label: 资金用途：用于…', {
      make: (n, salt) => '资金用途：' + rep('用于', len(n, salt)),
      run: (text) => classifyLabel(normLabel(text)),
      expect: (k) => expect(k).toBe('use'),
    }));
  });

  test('an amount written in its label cell after spaces ("资金总额：   250万元")', () => {
    expectLinear(sweep('label: 资金总额： + spaces + 250万元', {
      make: (n, salt) => '资金总额：' + rep(' ', len(n, salt)) + '250万元',
      run: (text) => inlineValue('total', text),
      expect: (v) => expect(v).toBe('250万元'),
    }));
  });

  test('"产出指标" + "(" × n (brackets once removed by /\\([^)]*\\)/g)', () => {
    expectLinear(sweep('level: 产出指标 + (((…', {
      make: (n, salt) => '产出指标' + rep('(', len(n, salt)),
      run: (text) => level1Of(normLabel(text)),
      expect: (l) => expect(l).toBeUndefined(),
    }));
  });

  test('"质量指标" + digits + "分x" (a score once removed by /[\\d\\-–~.]*分$/, retried from every digit)', () => {
    expectLinear(sweep('level: 质量指标 + digits + 分x', {
      make: (n, salt) => '质量指标' + rep('1', len(n, salt)) + '分x',
      run: (text) => level2Of(normLabel(text)),
      expect: (l) => expect(l).toBeUndefined(),
    }));
  });

  test('"质量指标" + digits + "分": the score removed, the level read', () => {
    expectLinear(sweep('level: 质量指标 + digits + 分', {
      make: (n, salt) => '质量指标' + rep('1', len(n, salt)) + '分',
      run: (text) => level2Of(normLabel(text)),
      expect: (l) => expect(l).toBe('quality'),
    }));
  });
});

describe('units', () => {
  test('"十万" × n + "x": no unit', () => {
    expectLinear(sweep('unit: 十万… + x', {
      make: (n, salt) => rep('十万', len(n, salt)) + 'x',
      run: classifyUnit,
      expect: (u) => expect(u).toBeUndefined(),
    }));
  });

  test('"十" × n + "份": a count, however many multipliers', () => {
    expectLinear(sweep('unit: 十… + 份', {
      make: (n, salt) => rep('十', len(n, salt)) + '份',
      run: classifyUnit,
      expect: (u) => expect(u).toMatchObject({ unitClass: 'count' }),
    }));
  });

  test('"元/" + a long divisor: a unit cost', () => {
    expectLinear(sweep('unit: 元/ + 亩…', {
      make: (n, salt) => '元/' + rep('亩', len(n, salt)),
      run: classifyUnit,
      expect: (u) => expect(u).toEqual({ unitClass: 'money', factor: 1e-4, perUnit: true }),
    }));
  });
});

test('sheet names: apostrophes inside a long name (once /^\'+|\'+$/g)', () => {
  expectLinear(sweep("sheet name: x + '… + y", {
    make: (n, salt) => 'x' + rep("'", len(n, salt)) + 'y',
    run: (wanted) => sheetName(wanted, new Set()),
    expect: (name) => expect(name).toBe('x' + "'".repeat(30)),
  }));
});

/** The clean form with every field the reader and the rules look at holding n characters of adversarial text. */
function longForm(n: number, salt: number): FormData {
  const f = cleanForm();
  const m = len(n, salt);
  f.name = '大气监测' + rep('项目', m);
  f.unit = '生态环境局' + rep(' ', m);
  f.use = '用于' + rep('，', m);
  f.goal = rep(' \u3000\n', m) + f.goal;
  f.budget.total = '1' + rep('.', m) + '万元';
  f.indicators[0] = { ...f.indicators[0], value: '1' + rep('.', m) + 'x', l3: '-' + rep('1', m) };
  f.indicators[1] = { ...f.indicators[1], value: '≥1' + rep('十万', m) + 'x' };
  f.indicators[2] = { ...f.indicators[2], l2: '质量指标' + rep('1', m) + '分', desc: rep('(', m) };
  f.indicators[4] = { ...f.indicators[4], value: '≤2' + rep(' ', m) + '4小时', basis: rep('—', m) };
  f.indicators[6] = { ...f.indicators[6], value: '≤1' + rep('，', m) + 'x' };
  f.indicators[7] = { ...f.indicators[7], l1: '效益指标' + rep('(', m) };
  return f;
}

test('the whole engine on one form whose cells hold the long strings', () => {
  const m = sweep('engine: one form, 12 long cells', {
    make: (n, salt) => specToGrid(layoutForm(longForm(n, salt)), '项目1'),
    run: (grid) => checkWorkbooks([{ name: 'hostile.xlsx', grids: [grid] }]),
    expect: (run) => {
      expect(run.summary.forms).toBe(1);
      const at = (cell: string) => run.results[0].findings.filter((f) => f.cell === cell).map((f) => f.ruleId);
      expect(at('C4')).toContain('BUDGET-001'); // 预算数 "1……万元" is no amount
      expect(at('E10')).toContain('VAL-003'); // "1……x" is no value
      expect(at('E11')).toContain('VAL-003'); // "≥1十万十万…x" neither
      expect(at('E16')).toContain('COST-001'); // "≤1，，，…x" on the cost row is no amount of money
      expect(at('E14')).toEqual(['VAL-009']); // "≤2   4小时" is ≤24小时, its spaces only a hint
      expect(at('B12')).toEqual([]); // "质量指标111…分" is 质量指标 with a score
      expect(at('A17')).toContain('IND-001'); // "效益指标(((…" is no 一级
    },
  });
  expectLinear(m);
});

/**
 * A list export without a unit column: each unit's subtotal line ("某单位3 | 300") over its projects, one row per
 * project. Each project's unit is the nearest line above it: found once per project by searching upwards, that
 * took time quadratic in the rows.
 */
function listExport(projects: number): Grid {
  const head = ['项目名称', '预算数', '年度目标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'];
  const rows: (string | number)[][] = [head];
  for (let i = 0; i < projects; i++) {
    if (i % 10 === 0) rows.push([`某单位${i / 10}`, 300]);
    rows.push([`项目${i}`, 30, '全年培训农民300人次', '产出指标', '数量指标', '培训人次', '≥', 300, '人次']);
  }
  return { sheet: '清单', top: 0, left: 0, merges: [], cells: rows.map((r) => r.map((v) => ({ text: String(v), value: v }))) };
}

test('rows of a list export: each project finds its unit line in one pass down the table', () => {
  expectLinear(sweep('list export: projects (rows, not characters)', {
    sizes: [500, 5_000, 50_000],
    reps: 3,
    make: (n, salt) => listExport(n + salt),
    run: (grid) => readSheet(grid, 'list.xlsx'),
    expect: (sheet) => {
      expect(sheet.forms.length).toBeGreaterThanOrEqual(500);
      const misplaced = sheet.forms.filter((f, i) => f.unit?.text !== `某单位${Math.floor(i / 10)}`);
      expect(misplaced.map((f) => `${f.firstCell} ${f.unit?.text}`)).toEqual([]);
    },
  }));
});
