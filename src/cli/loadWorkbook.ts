/** Open an .xlsx file for checking, turning every way it can fail into a one-line reason. */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import type { Grid } from '../core/grid';
import { workbookToGrids } from './readXlsx';

export type Loaded = { grids: Grid[] } | { error: string };

/** Worksheet parts the check never looks at: skipping them keeps reading close to a bare load. */
const UNUSED_NODES = [
  'sheetPr', 'sheetViews', 'sheetFormatPr', 'cols', 'dataValidations', 'conditionalFormatting', 'hyperlinks',
  'pageMargins', 'pageSetup', 'headerFooter', 'printOptions', 'rowBreaks', 'colBreaks', 'drawing', 'picture',
  'legacyDrawing', 'tableParts', 'autoFilter', 'sheetProtection', 'extLst',
];

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

export async function loadWorkbook(file: string): Promise<Loaded> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    return { error: ioReason(e as NodeJS.ErrnoException) };
  }
  if (data.length === 0) return { error: '文件为空（0 字节） / the file is empty' };
  if (data.subarray(0, 4).equals(OLE)) {
    return /\.xls$/i.test(file)
      ? { error: '这是旧版 .xls 格式，请在 Excel 中另存为 .xlsx / old .xls format: save it as .xlsx in Excel' }
      : { error: '文件已加密（设置了打开密码），请去除密码后再检查 / the file is password-protected' };
  }
  if (!data.subarray(0, 4).equals(ZIP)) return { error: '不是 .xlsx 文件（文件内容不是 Excel 工作簿） / not an .xlsx workbook' };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer, { ignoreNodes: UNUSED_NODES } as ExcelJS.XlsxReadOptions);
  } catch (e) {
    return { error: `文件已损坏，无法打开 / the file is corrupt: ${(e as Error).message.split('\n')[0]}` };
  }
  return { grids: workbookToGrids(wb) };
}

function ioReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return '文件不存在 / no such file';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限 / permission denied';
    case 'EBUSY':
      return '文件被其他程序占用 / the file is locked by another program';
    case 'EISDIR':
      return '这是文件夹 / it is a folder';
    default:
      return `无法读取 / cannot read: ${e.message}`;
  }
}
