/** The preview page's own texts (the pane has its own catalogue). */
import type { UiLocale } from '../taskpane/strings';

const zh = {
  title: '绩效目标表助手 · 浏览器预览',
  titleWps: '绩效目标表助手 · 浏览器预览（WPS 表格）',
  ribbonTab: '绩效目标',
  switchToWps: '切换到 WPS 表格',
  switchToExcel: '切换到 Excel',
  close: '关闭',
  ribbonMissing: '未能读取 WPS 功能区（ribbon.xml）',
  hint: '左侧是内存中的工作簿，右侧是真实的任务窗格。双击单元格可编辑。',
  open: '打开 .xlsx…',
  download: '下载工作簿',
  sample: '示例（河北格式）',
  sampleNational: '示例（全国通用格式）',
  loading: '正在打开工作簿…',
  opened: (name: string) => `已打开 ${name}`,
  openFailed: (name: string, why: string) => `无法打开 ${name}：${why}（请确认是 .xlsx 文件，且没有设置打开密码）。`,
  downloadFailed: (why: string) => `无法生成文件：${why}`,
  drop: '把 .xlsx 文件拖到这里打开',
  workbook: '工作簿',
  sheets: '工作表',
  edit: '编辑单元格',
  pane: '任务窗格',
};

const en: typeof zh = {
  title: 'Goalsheet · browser preview',
  titleWps: 'Goalsheet · browser preview (WPS Spreadsheets)',
  ribbonTab: '绩效目标 (Goalsheet)',
  switchToWps: 'Switch to WPS Spreadsheets',
  switchToExcel: 'Switch to Excel',
  close: 'Close',
  ribbonMissing: 'Could not read the WPS ribbon (ribbon.xml)',
  hint: 'The workbook on the left lives in memory; the task pane on the right is the real one. Double-click a cell to edit.',
  open: 'Open .xlsx…',
  download: 'Download workbook',
  sample: 'Sample (Hebei layout)',
  sampleNational: 'Sample (national layout)',
  loading: 'Opening the workbook…',
  opened: (name) => `Opened ${name}`,
  openFailed: (name, why) => `Cannot open ${name}: ${why} (is it an .xlsx file without an open password?)`,
  downloadFailed: (why) => `Cannot write the file: ${why}`,
  drop: 'Drop an .xlsx file here to open it',
  workbook: 'Workbook',
  sheets: 'Sheets',
  edit: 'Edit cell',
  pane: 'Task pane',
};

export const PREVIEW_STRINGS: Record<UiLocale, typeof zh> = { 'zh-CN': zh, en };
