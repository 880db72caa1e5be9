/** Open an .xlsx into the host and save the host as .xlsx, in the browser; exceljs is loaded only when needed. */
import type { FormLayout } from '../core/layout';
import type { HostWorkbookData } from '../host/model';
import { excelJsFromHost, hostFromExcelJs } from '../xlsx/host';

/** The sample workbooks (assets/samples, built by `npm run sample`): the seed forms as published, and in the national 申报表. */
const SAMPLE_URLS: Record<FormLayout, string> = {
  hebei: 'samples/示例-项目支出绩效目标表.xlsx',
  national: 'samples/示例-全国通用申报表.xlsx',
};

export const sampleName = (layout: FormLayout) => SAMPLE_URLS[layout].split('/').pop()!;

const exceljs = () => import(/* webpackChunkName: "exceljs" */ 'exceljs').then((m) => (m.default ?? m) as typeof import('exceljs'));

export async function readXlsx(bytes: ArrayBuffer): Promise<HostWorkbookData> {
  const ExcelJS = await exceljs();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  if (!wb.worksheets.length) throw new Error('no worksheets');
  return hostFromExcelJs(wb);
}

export async function writeXlsx(data: HostWorkbookData): Promise<Blob> {
  const ExcelJS = await exceljs();
  const buffer = await excelJsFromHost(data, ExcelJS.Workbook).xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export async function fetchSample(layout: FormLayout = 'hebei'): Promise<HostWorkbookData> {
  const response = await fetch(SAMPLE_URLS[layout]);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return readXlsx(await response.arrayBuffer());
}
