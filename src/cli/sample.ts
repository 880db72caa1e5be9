/**
 * The sample workbooks shipped with the package: the 11 published seed forms, one per sheet,
 * as published (Hebei's 目标表) and the same content laid out in the national 申报表.
 */
import ExcelJS from 'exceljs';
import { layoutForm, type FormData, type FormLayout } from '../core/layout';
import { writeSpec } from './writeXlsx';
import { sheetName } from '../core/sheetName';

export const SAMPLE_FILE = 'assets/samples/示例-项目支出绩效目标表.xlsx';

/** The sample of each layout, beside each other in assets/samples (served by the preview from samples/). */
export const SAMPLE_FILES: Record<FormLayout, string> = {
  hebei: SAMPLE_FILE,
  national: 'assets/samples/示例-全国通用申报表.xlsx',
};

/** The seed forms' budget year (邢台市人民政府办公室, 2022年预算调整), for the national form's （年度） line. */
const SEED_YEAR = 2022;

const INTRO: Record<FormLayout, string> = {
  hebei: '本工作簿收录邢台市人民政府办公室2022年预算调整公开的11张项目支出绩效目标表，每张表一个工作表，数值按原文保留（含原表中的问题），供试用校验功能。',
  national:
    '本工作簿把邢台市人民政府办公室2022年预算调整公开的11张项目支出绩效目标表的内容，按全国通用的项目支出绩效目标申报表格式（财预〔2015〕88号式）排版，每张表一个工作表，' +
    '供试用该格式的校验。数值按原文保留（含原表中的问题）；此格式不印的项目编码、资金用途、资金支出计划、绩效指标描述和指标确定依据未列入，原表没有的中长期目标留空，主管部门即填报单位。',
};

export function buildSampleWorkbook(forms: FormData[], layout: FormLayout = 'hebei'): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goalsheet';
  const intro = wb.addWorksheet('填报说明');
  intro.getCell('A1').value = INTRO[layout];
  intro.getColumn(1).width = 100;
  const taken = new Set<string>(['填报说明']);
  for (const f of forms) {
    const spec = layout === 'national' ? layoutForm({ ...f, year: f.year ?? SEED_YEAR }, { layout }) : layoutForm(f);
    writeSpec(wb.addWorksheet(sheetName(f.name, taken)), spec);
  }
  return wb;
}
