/** Every text the pane shows, Chinese first. */
import type { Severity } from '../core/rules/types';

export type UiLocale = 'zh-CN' | 'en';

const zh = {
  name: '绩效目标表助手',
  version: (v: string) => `版本 ${v}`,
  validateSheet: '校验当前工作表',
  validateBook: '校验整个工作簿',
  clear: '清除标记',
  live: '实时校验',
  liveHint: '修改单元格后自动重新校验该工作表',
  cancel: '取消',
  stage: { read: '正在读取工作表…', check: '正在校验…', mark: '正在标记单元格…', fix: '正在修复…', clear: '正在清除标记…' },
  cancelled: '已取消，工作簿未作修改。',
  summary: (forms: number, counts: string) => `共 ${forms} 张表：${counts}`,
  severity: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
  counts: (s: Record<Severity, number>) => `错误 ${s.error}，警告 ${s.warning}，提示 ${s.info}`,
  filterSeverity: '按严重程度筛选',
  filterRule: '按规则筛选',
  all: '全部',
  allRules: '全部规则',
  noFindings: '未发现问题。',
  notValidated: '点击上方按钮开始校验。',
  form: (i: number) => `第 ${i + 1} 张表`,
  skipped: (names: string) => `已跳过（不是绩效目标表）：${names}`,
  protectedSheets: (names: string) => `以下工作表受保护，问题已列出但未在单元格上标记：${names}`,
  fix: '修复',
  fixTo: (v: string | number) => `修复为“${v}”`,
  fixAll: (rule: string, n: number) => `全部修复 ${rule}（${n} 处）`,
  fixAllConfirm: (rule: string, n: number) => `将按 ${rule} 的建议修改 ${n} 个单元格，并重新校验。确定吗？`,
  confirm: '确定',
  goTo: (sheet: string, cell: string) => `定位到 ${sheet}!${cell}`,
  cleared: (n: number) => `已清除 ${n} 个单元格上的标记，并恢复原样。`,
  tabs: { findings: '问题', settings: '设置' },
  settings: {
    title: '规则设置（保存在本工作簿中，打开此文件的人使用相同规则）',
    enabled: '启用',
    severity: '严重程度',
    satisfactionMin: '满意度最低目标（%）',
    reset: '恢复默认',
    saved: '设置已保存到工作簿。',
  },
  noNotes: '此版本的 Excel 不支持单元格批注：问题说明请在本窗格中查看。',
};

type Strings = typeof zh;

const en: Strings = {
  name: 'Goalsheet',
  version: (v) => `Version ${v}`,
  validateSheet: 'Check this sheet',
  validateBook: 'Check the workbook',
  clear: 'Clear marks',
  live: 'Live check',
  liveHint: 'Re-check a sheet automatically after its cells change',
  cancel: 'Cancel',
  stage: { read: 'Reading sheets…', check: 'Checking…', mark: 'Marking cells…', fix: 'Fixing…', clear: 'Clearing marks…' },
  cancelled: 'Cancelled; the workbook was not changed.',
  summary: (forms, counts) => `${forms} form(s): ${counts}`,
  severity: { error: 'Error', warning: 'Warning', info: 'Info' },
  counts: (s) => `${s.error} error(s), ${s.warning} warning(s), ${s.info} info`,
  filterSeverity: 'Filter by severity',
  filterRule: 'Filter by rule',
  all: 'All',
  allRules: 'All rules',
  noFindings: 'No problems found.',
  notValidated: 'Use a button above to start checking.',
  form: (i) => `Form ${i + 1}`,
  skipped: (names) => `Skipped (not a form): ${names}`,
  protectedSheets: (names) => `These sheets are protected: their problems are listed but not marked on cells: ${names}`,
  fix: 'Fix',
  fixTo: (v) => `Fix to “${v}”`,
  fixAll: (rule, n) => `Fix all ${rule} (${n})`,
  fixAllConfirm: (rule, n) => `${n} cell(s) will be changed as ${rule} suggests, then re-checked. Continue?`,
  confirm: 'OK',
  goTo: (sheet, cell) => `Go to ${sheet}!${cell}`,
  cleared: (n) => `Marks cleared from ${n} cell(s); they are as they were.`,
  tabs: { findings: 'Problems', settings: 'Settings' },
  settings: {
    title: 'Rule settings (kept in this workbook: everyone who opens it checks with the same rules)',
    enabled: 'On',
    severity: 'Severity',
    satisfactionMin: 'Lowest satisfaction target (%)',
    reset: 'Reset to defaults',
    saved: 'Settings saved in the workbook.',
  },
  noNotes: 'This Excel has no cell notes: read the explanations in this pane.',
};

export const STRINGS: Record<UiLocale, Strings> = { 'zh-CN': zh, en };

/** Office's display language when running in Office, the browser's otherwise. */
export function uiLocale(language: string | undefined): UiLocale {
  return language && /^en\b/i.test(language) ? 'en' : 'zh-CN';
}
