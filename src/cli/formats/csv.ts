/**
 * `goalsheet check --format csv`: one row per finding, for a reviewer's spreadsheet.
 *
 * Columns 文件,工作表,单元格,规则,严重程度,说明,修正. UTF-8 with a byte order mark (Excel opens the file as
 * UTF-8 only with it: without, Chinese text is garbled), CRLF line ends and RFC 4180 quoting. A file
 * that cannot be read gets one row of its own: 严重程度 错误, 说明 “无法读取：…”.
 *
 * Every field is made printable (control and bidi characters shown as escapes, as in the text report:
 * one finding is one line), and a field that a spreadsheet would take for a formula — one starting
 * with = + - @, a tab or a carriage return — gets a leading apostrophe (CSV / formula injection).
 */
import type { Locale, Severity } from '../../core/rules/types';
import type { FileReport } from '../report';
import { printable } from '../output';

export const CSV_HEADER = ['文件', '工作表', '单元格', '规则', '严重程度', '说明', '修正', '已忽略'] as const;

const BOM = '\ufeff';

const WORDS: Record<Locale, { severity: Record<Severity, string>; unreadable: string; fix: (cell: string, own: boolean, value: string) => string }> = {
  'zh-CN': {
    severity: { error: '错误', warning: '警告', info: '提示' },
    unreadable: '无法读取：',
    fix: (cell, own, value) => (own ? `改为：${value}` : `${cell} 改为：${value}`),
  },
  en: {
    severity: { error: 'error', warning: 'warning', info: 'info' },
    unreadable: 'cannot be read: ',
    fix: (cell, own, value) => (own ? `change to: ${value}` : `change ${cell} to: ${value}`),
  },
};

/** A field a spreadsheet would read as a formula (or that starts with a tab or carriage return) gets a leading apostrophe. */
export function defuse(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, quotes doubled. */
export function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One CSV field from untrusted text: defused (on the text as read), made printable, quoted. */
export function csvField(s: string): string {
  return quote(printable(defuse(s)));
}

export function toCsv(files: FileReport[], locale: Locale = 'zh-CN'): string {
  const w = WORDS[locale];
  const rows: string[][] = [[...CSV_HEADER]];
  for (const f of files) {
    if (f.error !== undefined) {
      rows.push([f.file, '', '', '', w.severity.error, w.unreadable + f.error, '', '']);
      continue;
    }
    for (const x of f.findings) {
      const fix = x.fix ? w.fix(x.fix.cell, x.fix.cell === x.cell, String(x.fix.newValue)) : '';
      // A dismissed finding (the unit's 忽略, or the reviewer's baseline) keeps its row, with the reason in 已忽略.
      rows.push([f.file, x.sheet, x.cell, x.ruleId, w.severity[x.severity], x.message, fix, x.dismissed?.reason ?? '']);
    }
  }
  return BOM + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
