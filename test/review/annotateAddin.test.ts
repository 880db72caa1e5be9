/**
 * An annotated copy (goalsheet annotate) sent back to a unit and opened with the add-in: its marks are the
 * add-in's own. A validation replaces them (no note written twice, no stale one left), Clear removes them all,
 * and a note the unit wrote stays.
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { writeSpec } from '../../src/cli/writeXlsx';
import { layoutForm } from '../../src/core/layout';
import { isMarkFormula, isMarkText, planMarks } from '../../src/core/marks';
import { clearMarks } from '../../src/excel/marks';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { hostFromExcelJs } from '../../src/xlsx/host';
import { cleanForm, clone, tempDir } from '../helpers/forms';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

test('an annotated copy in the add-in: validate replaces the marks, clear removes them, a person\'s note stays', async () => {
  const dir = await tempDir();
  const wb = new ExcelJS.Workbook();
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  f.indicators[2].value = '>=90%';
  writeSpec(wb.addWorksheet('项目1'), layoutForm(f));
  await wb.xlsx.writeFile(path.join(dir, '单位.xlsx'));
  const code = await runCli(['annotate', path.join(dir, '单位.xlsx'), '-o', path.join(dir, 'out')], { stdout: { write: () => undefined }, stderr: { write: () => undefined }, env: {} });
  expect(code).toBe(1);
  const copy = new ExcelJS.Workbook();
  await copy.xlsx.readFile(path.join(dir, 'out', '单位.xlsx'));
  const host = new ExcelHost(hostFromExcelJs(copy));
  const sheet = host.sheet('项目1')!;
  const ours = () => Object.entries(sheet.notes).filter(([, n]) => isMarkText(n));
  const annotated = ours();
  expect(annotated.length).toBeGreaterThan(0);
  expect(sheet.conditionalFormats?.some((cf) => isMarkFormula(cf.formula))).toBe(true);
  sheet.notes.A1 = '请财政局复核';

  // The unit fixes one value and validates: the fixed cell's note goes, the others are written once.
  const [fixedCell] = annotated.find(([, n]) => n.includes('VAL-004'))!;
  await host.edit('项目1', fixedCell, '≥120套');
  const support = hostSupport((n, v) => host.isSetSupported(n, v));
  const result = await host.run((c) => validateWorkbook(ctx(c), 'all', {}, support));
  expect(sheet.notes[fixedCell]).toBeUndefined();
  expect(ours().map(([a]) => a).sort()).toEqual([...new Set(result.findings.filter((x) => x.sheet === '项目1').map((x) => x.cell))].filter((a) => a !== 'A1').sort());
  expect((sheet.conditionalFormats ?? []).filter((cf) => isMarkFormula(cf.formula)).length).toBe(new Set(planMarks(result.findings).filter((m) => m.sheet === '项目1').map((m) => m.severity)).size);

  const cleared = await host.run((c) => clearMarks(ctx(c), support.notes));
  expect(cleared.skipped).toEqual([]);
  expect(ours()).toEqual([]);
  expect(sheet.conditionalFormats?.some((cf) => isMarkFormula(cf.formula)) ?? false).toBe(false);
  expect(sheet.notes.A1).toBe('请财政局复核');
});
