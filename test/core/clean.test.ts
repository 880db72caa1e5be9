import { cleanForm, cleanForm2021, findingsFor } from '../helpers/forms';

describe('a clean, realistic form', () => {
  test('classic framework: no error or warning', () => {
    const found = findingsFor(cleanForm()).filter((f) => f.severity !== 'info');
    expect(found).toEqual([]);
  });

  test('2021 framework (成本指标 as its own 一级): no error or warning', () => {
    const found = findingsFor(cleanForm2021()).filter((f) => f.severity !== 'info');
    expect(found).toEqual([]);
  });

  test('no info either: the plan has in-year progress and nothing needs respelling', () => {
    expect(findingsFor(cleanForm())).toEqual([]);
  });
});
