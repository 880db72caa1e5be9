/** The sample workbook shipped with the package: the 11 published seed forms, one per sheet. */
import ExcelJS from 'exceljs';
import { layoutForm, type FormData } from '../core/layout';
import { writeSpec } from './writeXlsx';
import { sheetName } from '../core/sheetName';

export const SAMPLE_FILE = 'assets/samples/示例-项目支出绩效目标表.xlsx';

export function buildSampleWorkbook(forms: FormData[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goalsheet';
  const intro = wb.addWorksheet('填报说明');
  intro.getCell('A1').value = '本工作簿收录邢台市人民政府办公室2022年预算调整公开的11张项目支出绩效目标表，每张表一个工作表，数值按原文保留（含原表中的问题），供试用校验功能。';
  intro.getColumn(1).width = 100;
  const taken = new Set<string>(['填报说明']);
  for (const f of forms) writeSpec(wb.addWorksheet(sheetName(f.name, taken)), layoutForm(f));
  return wb;
}
