/** Open an .xlsx into the host and save the host as .xlsx, in the browser; exceljs is loaded only when needed. */
import type { HostWorkbookData } from '../host/model';
import { excelJsFromHost, hostFromExcelJs } from '../xlsx/host';

export const SAMPLE_URL = 'samples/示例-项目支出绩效目标表.xlsx';

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

export async function fetchSample(): Promise<HostWorkbookData> {
  const response = await fetch(SAMPLE_URL);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return readXlsx(await response.arrayBuffer());
}
