/**
 * Excel's zh-CN words: a cell's note (what the add-in writes) is 注释; 批注 is Excel's word for threaded
 * comments, which the add-in never writes. The pane must not call one by the other's name.
 */
import { STRINGS } from '../../src/taskpane/strings';

const texts = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : typeof v === 'function' ? [String((v as (...a: unknown[]) => unknown)('x', 'y'))] : v && typeof v === 'object' ? Object.values(v).flatMap(texts) : [];

test('the pane says 注释 for notes, never 批注', () => {
  const zh = texts(STRINGS['zh-CN']);
  expect(zh.filter((t) => t.includes('批注'))).toEqual([]);
  expect(zh.some((t) => t.includes('注释'))).toBe(true);
});
