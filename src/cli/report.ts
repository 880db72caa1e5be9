/** The check report: the stable JSON interface and the text a person reads. */
import type { WorkbookSettingsReport } from './config';
import type { Locale } from '../core/rules/types';
import type { SheetSummary, Summary } from '../core/engine';
import type { ReviewedFinding } from '../core/dismissals';
import type { Form } from '../core/form/model';
import { toA1 } from '../core/grid';
import { jsonPrintable, printable } from './output';

/** Each form's layout family and where its fields were found: the JSON output's `layout`. */
export interface FormLayout {
  sheet: string;
  index: number;
  /** The form's extent on its sheet, A1 range. */
  range: string;
  layout: {
    family: string;
    forced: boolean;
    fields: Record<string, string>;
    /** Indicator rows read (1-based sheet rows). */
    rows: number[];
  };
}

export interface FileReport {
  file: string;
  sheets: SheetSummary[];
  forms: FormLayout[];
  /** Dismissed ones (in the workbook or by a baseline) carry `dismissed`, and are not counted. */
  findings: ReviewedFinding[];
  error?: string;
  /** The workbook's own rule settings, when it has some: applied or not, what they soften, what was invalid. */
  settings?: WorkbookSettingsReport;
}

export function formLayout(form: Form): FormLayout {
  const fields: Record<string, string> = {};
  for (const k of ['name', 'unit', 'code', 'total', 'adjust', 'fiscal', 'other', 'use', 'goal', 'longGoal', 'plan', 'header'] as const) {
    const f = form[k];
    if (f) fields[k] = f.cell;
  }
  return {
    sheet: form.sheet,
    index: form.index,
    range: `${toA1(form.top, form.left)}:${toA1(form.bottom, form.right)}`,
    layout: { family: form.family, forced: !!form.familyForced, fields, rows: form.indicators.map((r) => r.row + 1) },
  };
}

/**
 * The JSON document other tools read; field names and meanings are a public interface. Strings hold the
 * text as read; the characters JSON.stringify would leave raw (C1 controls, bidi controls) are \u-escaped.
 */
export function toJson(files: FileReport[], summary: Summary): string {
  return jsonPrintable(JSON.stringify(
    {
      files: files.map((f) => ({
        file: f.file,
        sheets: f.sheets,
        forms: f.forms,
        findings: f.findings.map(({ ruleId, severity, sheet, cell, message, fix, dismissed }) => ({ ruleId, severity, sheet, cell, message, ...(fix ? { fix } : {}), ...(dismissed ? { dismissed } : {}) })),
        ...(f.error !== undefined ? { error: f.error } : {}),
        ...(f.settings ? { settings: f.settings } : {}),
      })),
      summary,
    },
    null,
    2,
  ));
}

const WORDS = {
  'zh-CN': {
    error: '错误', warning: '警告', info: '提示', skipped: '已跳过：没有绩效目标表', forms: (n: number) => `${n} 张表`,
    unrecognised: '像是绩效目标表，但无法识别格式',
    unreadable: '无法读取', clean: '未发现问题',
    weakened: (ids: string[], applied: boolean) =>
      applied
        ? `本工作簿的规则设置关闭或降低了 ${ids.length} 条规则（${ids.join('、')}），已按其检查；加 --default-rules 按默认规则检查`
        : `本工作簿的规则设置关闭或降低了 ${ids.length} 条规则（${ids.join('、')}），本次未采用`,
    problems: (n: number) => `本工作簿中的规则设置有 ${n} 处无效，已忽略`,
    dismissed: '已忽略', reason: (r: string) => `原因：${r}`, about: (m: string) => `（${m}）`,
    summary: (s: Summary & { dismissed?: number }) =>
      `合计：${s.files} 个文件，${s.forms} 张表${s.unreadable ? `，${s.unreadable} 个文件无法读取或未检查` : ''}${s.formless ? `，${s.formless} 个文件中没有绩效目标表` : ''}${s.unrecognised ? `，${s.unrecognised} 个工作表无法识别` : ''}；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}${s.dismissed ? `；已忽略 ${s.dismissed}` : ''}`,
  },
  en: {
    error: 'error', warning: 'warning', info: 'info', skipped: 'skipped: no form on this sheet', forms: (n: number) => `${n} form${n === 1 ? '' : 's'}`,
    unrecognised: 'looks like a form, but its layout is not recognised',
    unreadable: 'cannot be read', clean: 'no problems found',
    weakened: (ids: string[], applied: boolean) =>
      applied
        ? `this workbook's rule settings switch off or soften ${ids.length} rule(s) (${ids.join(', ')}); checked as they say — add --default-rules to check with the defaults`
        : `this workbook's rule settings switch off or soften ${ids.length} rule(s) (${ids.join(', ')}); not used in this run`,
    problems: (n: number) => `${n} rule setting(s) in this workbook are invalid and were ignored`,
    dismissed: 'dismissed', reason: (r: string) => `reason: ${r}`, about: (m: string) => `(${m})`,
    summary: (s: Summary & { dismissed?: number }) =>
      `Total: ${s.files} file(s), ${s.forms} form(s)${s.unreadable ? `, ${s.unreadable} file(s) not read or not checked` : ''}${s.formless ? `, ${s.formless} file(s) with no form` : ''}${s.unrecognised ? `, ${s.unrecognised} unrecognised sheet(s)` : ''}; ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info${s.dismissed ? `; ${s.dismissed} dismissed` : ''}`,
  },
};

const COLOURS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

/**
 * The report a person reads. Everything that comes from the files (file and sheet names, reasons,
 * messages quoting cell text) goes through printable() before our own colour codes are added, so each
 * finding is exactly one line and nothing in a workbook can act on the terminal.
 */
export function toText(files: FileReport[], summary: Summary & { dismissed?: number }, locale: Locale, colour: boolean): string {
  const w = WORDS[locale];
  const paint = (c: keyof typeof COLOURS, s: string) => (colour ? COLOURS[c] + s + COLOURS.reset : s);
  const lines: string[] = [];
  for (const f of files) {
    lines.push(paint('bold', printable(f.file)));
    if (f.error !== undefined) {
      lines.push(`  ${paint('error', `✗ ${w.unreadable}`)}：${printable(f.error)}`);
      continue;
    }
    if (f.settings?.weakened.length) lines.push(`  ${paint('warning', `! ${printable(w.weakened(f.settings.weakened, f.settings.applied))}`)}`);
    if (f.settings?.problems.length) lines.push(`  ${paint('warning', `! ${w.problems(f.settings.problems.length)}`)}：${printable(f.settings.problems.join('；'))}`);
    for (const s of f.sheets) {
      const name = printable(s.name);
      const found = f.findings.filter((x) => x.sheet === s.name);
      if (s.status === 'skipped') lines.push(`  ${name}  ${paint('dim', w.skipped)}`);
      else {
        const what = s.status === 'unrecognised' ? w.unrecognised : w.forms(s.forms);
        lines.push(`  ${name}  ${paint('dim', `(${what})`)}${found.some((x) => !x.dismissed) ? '' : `  ${w.clean}`}`);
      }
      const cells = found.map((x) => printable(x.cell));
      const width = Math.max(...cells.map((c) => c.length), 3);
      found.forEach((x, i) => {
        // Dismissed: one line with the reason, then what the finding said.
        if (x.dismissed) {
          const tag = paint('dim', pad(w.dismissed, locale === 'en' ? 9 : 6));
          lines.push(`    ${cells[i].padEnd(width)}  ${tag}  ${printable(x.ruleId).padEnd(10)}  ${printable(w.reason(x.dismissed.reason))}  ${paint('dim', printable(w.about(x.message)))}`);
          return;
        }
        const sev = paint(x.severity, pad(w[x.severity], locale === 'en' ? 7 : 4));
        lines.push(`    ${cells[i].padEnd(width)}  ${sev}  ${printable(x.ruleId).padEnd(10)}  ${printable(x.message)}`);
      });
    }
  }
  lines.push('', paint('bold', w.summary(summary)));
  return lines.join('\n') + '\n';
}

/** Pad to a display width, counting CJK characters as two columns. */
function pad(s: string, width: number): string {
  const len = [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, width - len));
}
