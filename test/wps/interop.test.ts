/**
 * A workbook travels between WPS and Excel (a unit fills it in WPS, a reviewer opens it in Excel, and back): the
 * marks one add-in wrote are recognised and cleared by the other — conditional formats by their rule, notes by
 * their text (the other program's record is not there to vouch for them) — and a person's notes stay.
 */
import ExcelJS from 'exceljs';
import { isMarkFormula } from '../../src/core/marks';
import { clearMarks } from '../../src/excel/marks';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { EtHost } from '../../src/host/et';
import type { HostWorkbookData } from '../../src/host/model';
import { excelJsFromHost, hostFromExcelJs } from '../../src/xlsx/host';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { SETTINGS_SHEET } from '../../src/wps/settings';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

/** Saved as .xlsx by one program and opened by the other. */
async function saveAndOpen(data: HostWorkbookData): Promise<HostWorkbookData> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await excelJsFromHost(data, ExcelJS.Workbook).xlsx.writeBuffer());
  return hostFromExcelJs(back);
}

const marksLeft = (data: HostWorkbookData) =>
  data.sheets.flatMap((s) => [
    ...(s.conditionalFormats ?? []).filter((f) => isMarkFormula(f.formula)).map(() => `${s.name}: format`),
    ...Object.entries(s.notes).filter(([, t]) => /^【(错误|警告|提示)】/.test(t)).map(([a]) => `${s.name}!${a}`),
  ]);

test('marked in WPS, cleared in Excel: no mark left, the person\'s note kept', async () => {
  const wps = new EtHost(seedBook());
  wps.data.sheets.find((s) => s.name === '政务联络经费')!.notes.F18 = '张三：已核实';
  await wpsPaneHost(wps.app).validate('all', {});
  const excel = new ExcelHost(await saveAndOpen(wps.data));
  expect(marksLeft(excel.data).length).toBeGreaterThan(0);
  await excel.run((c) => clearMarks(ctx(c), true));
  expect(marksLeft(excel.data)).toEqual([]);
  expect(excel.sheet('政务联络经费')!.notes.F18).toBe('张三：已核实');
  // The WPS settings sheet (its record) stays very hidden, read by neither Excel nor the pane as a form.
  expect(excel.sheet(SETTINGS_SHEET)?.visibility).toBe('VeryHidden');
});

test('marked in Excel, cleared in WPS: no mark left, the person\'s note kept, no settings sheet made', async () => {
  const excel = new ExcelHost(seedBook());
  excel.sheet('政务联络经费')!.notes.F18 = '张三：已核实';
  await excel.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => excel.isSetSupported(n, v))));
  const wps = new EtHost(await saveAndOpen(excel.data));
  expect(marksLeft(wps.data).length).toBeGreaterThan(0);
  await wpsPaneHost(wps.app).clear();
  expect(marksLeft(wps.data)).toEqual([]);
  expect(wps.data.sheets.find((s) => s.name === '政务联络经费')!.notes.F18).toBe('张三：已核实');
  expect(wps.data.sheets.some((s) => s.name === SETTINGS_SHEET)).toBe(false);
});
