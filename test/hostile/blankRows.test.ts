/**
 * Issue 11: the empty rows after a form's table are not scanned down to a stray cell far below. A table ends
 * after a long run of blank rows; what comes after is not read as its indicators, and the time to read the
 * sheet does not grow with the distance to that cell.
 */
import type { Grid } from '../../src/core/grid';
import { readSheet } from '../../src/core/form/parse';
import { cleanForm, gridOf } from '../helpers/forms';

/** The clean form, with `far` rows below it one more indicator-like row. */
function withRowBelow(far: number): Grid {
  const grid = gridOf(cleanForm());
  const width = Math.max(...grid.cells.map((r) => r.length));
  const row = Array.from({ length: width }, (_, c) => (c < 4 ? { text: ['产出指标', '数量指标', '多余的指标', '10'][c], value: ['产出指标', '数量指标', '多余的指标', '10'][c] } : undefined));
  const cells = [...grid.cells, ...Array.from({ length: far }, () => []), row];
  return { ...grid, cells };
}

test('a few blank rows inside a table are read past; fifty and more end it', () => {
  const rows = (far: number) => readSheet(withRowBelow(far), 'book').forms[0].indicators.length;
  const base = readSheet(gridOf(cleanForm()), 'book').forms[0].indicators.length;
  expect(rows(3)).toBe(base + 1);
  expect(rows(60)).toBe(base);
});

test('reading the sheet costs the same with the stray row 1,000 or 500,000 rows below', () => {
  const time = (far: number) => {
    const grid = withRowBelow(far);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 3; i++) readSheet(grid, 'book');
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  time(1_000); // warm up
  const near = Math.max(time(1_000), 5);
  // A ratio, not a clock: scanning 500,000 blank rows would be hundreds of times the near case.
  expect(time(500_000) / near).toBeLessThan(20);
});
