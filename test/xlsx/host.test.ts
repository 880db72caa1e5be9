/** .xlsx ↔ host workbook (the preview's open and download): what the host models survives the round trip. */
import ExcelJS from 'exceljs';
import { BUILTIN_TEMPLATES, buildTemplateSheet } from '../../src/core/templates';
import { insertTemplateSheet } from '../../src/excel/insertTemplate';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { displayedFill } from '../../src/host/edits';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { excelJsFromHost, hostFromExcelJs } from '../../src/xlsx/host';
import { hostWith, SEED } from '../helpers/seed';
import { snapHost } from '../helpers/snapshot';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

async function roundTrip(host: ExcelHost): Promise<ExcelHost> {
  const wb = excelJsFromHost(host.data, ExcelJS.Workbook);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return new ExcelHost(hostFromExcelJs(back));
}

test('a validated, marked workbook with an inserted template survives download and reopening', async () => {
  const host = hostWith(SEED.forms.slice(0, 3));
  await host.run((c) => insertTemplateSheet(ctx(c), buildTemplateSheet(BUILTIN_TEMPLATES[5], { budget: 10 }), '公报'));
  host.data.sheets[1].protected = true;
  const result = await host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v))));
  expect(result.findings.length).toBeGreaterThan(10);

  const back = await roundTrip(host);
  expect(back.data.sheets.map((s) => s.name)).toEqual(host.data.sheets.map((s) => s.name));
  expect(back.data.activeSheet).toBe(host.data.activeSheet);
  for (const [i, sheet] of host.data.sheets.entries()) {
    const other = back.data.sheets[i];
    expect(snapHost(other)).toEqual(snapHost(sheet));
    expect(other.notes).toEqual(sheet.notes); // the explanations of the marks
    expect(other.protected).toBe(sheet.protected);
  }
  // The marks (conditional formats) are in the file, in their order, and show as before.
  const formats = (h: ExcelHost) => h.data.sheets.map((s) => (s.conditionalFormats ?? []).map((f) => ({ ...f, id: undefined })));
  expect(formats(host)[0].length).toBeGreaterThan(0);
  expect(formats(back)).toEqual(formats(host));
  for (const [k] of Object.entries(host.data.sheets[0].cells)) {
    const [r, c] = k.split(',').map(Number);
    expect(displayedFill(back.data.sheets[0], r, c)).toBe(displayedFill(host.data.sheets[0], r, c));
  }
});
