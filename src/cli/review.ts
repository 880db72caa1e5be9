/**
 * goalsheet review <files or folders…> -o 审核意见.xlsx [--format xlsx|md] [--config review.json] [--force]
 *
 * A finance bureau's review of the 绩效目标表 it received (issue 12): every form checked with one rule set (the
 * bureau's --config, or the defaults — a workbook's own settings do not soften the review), graded 优/良/中/差 by
 * the scheme of core/review/grading.ts, its 审核意见 composed by core/review/opinion.ts, and written as a workbook
 * (sheets 审核意见, 汇总, 按单位, 重复项目) or as Markdown. The output is written beside its target and renamed
 * into place, and an existing file is kept unless --force. Exit 0 when written; 2 on a usage error, or when a
 * file could not be read (it is listed in the output and on stderr, and the rest is reviewed).
 */
import { readConfig } from './config';
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { groupBy } from '../core/engine';
import type { ReviewedFinding } from '../core/dismissals';
import type { Form, SheetResult } from '../core/form/model';
import type { Options } from '../core/options';
import { inWan } from '../core/rules/util';
import {
  DIMENSIONS,
  GRADE_MEANING,
  GRADE_RANK,
  GRADES,
  gradeFindings,
  mergeScheme,
  type Grade,
  type GradeResult,
  type Scheme,
} from '../core/review/grading';
import { composeOpinion, SECTIONS, sectionLines, type Opinion } from '../core/review/opinion';
import { UsageError, oneOf, parseArgs } from './args';
import { Review as Dismissals } from './baseline';
import { checkFiles } from './checkRun';
import { exists, replaceFile } from './replaceFile';
import { expand } from './files';
import type { Io } from './main';
import { printable } from './output';

/** One form as reviewed. */
export interface FormReview {
  file: string;
  sheet: string;
  /** The form's first cell, to find it on its sheet. */
  cell: string;
  unit: string;
  name: string;
  code: string;
  /** 预算数 in 万元, when it could be read. */
  amount?: number;
  result: GradeResult;
  opinion: Opinion;
  errors: number;
  warnings: number;
  dismissed: number;
}

export interface DuplicateRow {
  kind: '项目编码' | '项目名称';
  value: string;
  /** 跨文件 when the forms are in more than one file. */
  scope: '跨文件' | '同一文件';
  form: FormReview;
}

export interface UnitRow {
  unit: string;
  forms: number;
  amount: number;
  grades: Record<Grade, number>;
  errors: number;
}

export interface Review {
  forms: FormReview[];
  /** Files not read, and sheets that look like forms but could not be read: not reviewed. */
  notReviewed: { file: string; sheet?: string; reason: string }[];
  scheme: Scheme;
}

const NO_UNIT = '（未填单位）';

/** The review of forms already read and checked: grades, opinions. */
export function reviewForms(forms: Form[], findings: ReviewedFinding[], sheets: SheetResult[], scheme: Scheme): Review {
  const formKey = (workbook: string, sheet: string, index: number) => `${workbook}\u0000${sheet}\u0000${index}`;
  const byForm = groupBy(findings, (f) => formKey(f.workbook, f.sheet, f.form));
  const reviews: FormReview[] = forms.map((form) => {
    // A finding about the sheet (FORM-004, a name Excel refuses) goes with each form on the sheet.
    const own = [...(byForm.get(formKey(form.workbook, form.sheet, -1)) ?? []), ...(byForm.get(formKey(form.workbook, form.sheet, form.index)) ?? [])];
    const live = own.filter((f) => !f.dismissed);
    return {
      file: form.workbook,
      sheet: form.sheet,
      cell: form.firstCell,
      unit: form.unit?.text.trim() ?? '',
      name: form.name?.text.trim() ?? '',
      code: form.code?.text.trim() ?? '',
      amount: inWan(form, form.total?.amount),
      result: gradeFindings(own, scheme),
      opinion: composeOpinion(form, own),
      errors: live.filter((f) => f.severity === 'error').length,
      warnings: live.filter((f) => f.severity === 'warning').length,
      dismissed: own.length - live.length,
    };
  });
  const notReviewed: Review['notReviewed'] = [];
  for (const s of sheets) {
    if (s.status !== 'unrecognised') continue;
    for (const u of s.unrecognised) notReviewed.push({ file: s.workbook, sheet: s.name, reason: `像是绩效目标表，但无法识别格式（缺少${u.missing.join('、')}）` });
  }
  return { forms: reviews, notReviewed, scheme };
}

/** Worst first: grade, then score, then errors; ties in file and sheet order. */
export function worstFirst(forms: FormReview[]): FormReview[] {
  return forms
    .map((f, i) => ({ f, i }))
    .sort((a, b) => GRADE_RANK[a.f.result.grade] - GRADE_RANK[b.f.result.grade] || a.f.result.score - b.f.result.score || b.f.errors - a.f.errors || a.i - b.i)
    .map(({ f }) => f);
}

export function byUnit(forms: FormReview[]): UnitRow[] {
  const rows = [...groupBy(forms, (f) => f.unit || NO_UNIT)].map(([unit, list]) => ({
    unit,
    forms: list.length,
    amount: round(list.reduce((n, f) => n + (f.amount ?? 0), 0)),
    grades: Object.fromEntries(GRADES.map((g) => [g, list.filter((f) => f.result.grade === g).length])) as Record<Grade, number>,
    errors: list.reduce((n, f) => n + f.errors, 0),
  }));
  return rows.sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN'));
}

/** Forms sharing a 项目编码 or a 项目名称, group by group. */
export function duplicates(forms: FormReview[]): DuplicateRow[] {
  const out: DuplicateRow[] = [];
  for (const kind of ['项目编码', '项目名称'] as const) {
    const groups = groupBy(
      forms.filter((f) => (kind === '项目编码' ? f.code : f.name)),
      (f) => (kind === '项目编码' ? f.code.toUpperCase().replace(/\s+/g, '') : f.name.replace(/\s+/g, '')),
    );
    for (const [value, list] of groups) {
      if (list.length < 2) continue;
      const scope = new Set(list.map((f) => f.file)).size > 1 ? '跨文件' : '同一文件';
      for (const form of list) out.push({ kind, value, scope, form });
    }
  }
  return out;
}

const round = (n: number) => Math.round(n * 10000) / 10000;

const amountText = (n: number | undefined) => (n === undefined ? '未能读取' : `${round(n)} 万元`);

/** "优 2，良 1，中 0，差 1": how many forms got each grade. */
const gradeCounts = (forms: FormReview[]) => GRADES.map((g) => `${g} ${forms.filter((f) => f.result.grade === g).length}`).join('，');

/** A file (and sheet) not reviewed, and why: one line. */
const notReviewedText = (n: Review['notReviewed'][number]) => `${n.file}${n.sheet ? ` · ${n.sheet}` : ''}：${n.reason}`;

const dimensionText = (r: GradeResult, scheme: Scheme) =>
  DIMENSIONS.map((d) => `${d}扣 ${r.deductions[d]} 分${r.uncapped[d] > r.deductions[d] ? `（已达上限 ${scheme.caps[d]} 分）` : ''}`).join('；');

// ─── the workbook ───

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const GRADE_FILL: Record<Grade, string> = { 优: 'FFC6EFCE', 良: 'FFDDEBF7', 中: 'FFFFEB9C', 差: 'FFFFC7CE' };
const FONT = { name: '宋体', size: 11 };

function printSetup(ws: ExcelJS.Worksheet, landscape: boolean): void {
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

/** A table: header row styled, frozen, filtered; columns sized. */
function table(ws: ExcelJS.Worksheet, headers: [string, number][], rows: (string | number | null)[][]): void {
  ws.columns = headers.map(([header, width]) => ({ header, width }));
  const head = ws.getRow(1);
  head.font = { ...FONT, bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => (c.fill = HEADER_FILL));
  for (const r of rows) {
    const row = ws.addRow(r);
    row.font = FONT;
    row.alignment = { vertical: 'top', wrapText: true };
  }
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: headers.length } };
  printSetup(ws, true);
  ws.pageSetup.printTitlesRow = '1:1';
}

/** Rows a wrapped text takes in a column of `width` characters (a CJK character is two). */
function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => {
    let w = 0;
    for (const ch of line) w += ch.charCodeAt(0) <= 0xff ? 1 : 2;
    return n + Math.max(1, Math.ceil(w / (width - 2)));
  }, 0);
}

const OPINION_WIDTHS = [16, 96];

function opinionSheet(ws: ExcelJS.Worksheet, review: Review): void {
  ws.columns = OPINION_WIDTHS.map((width) => ({ width }));
  const add = (label: string, value: string | number, opts: { bold?: boolean; fill?: string } = {}) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(2).font = { ...FONT, bold: !!opts.bold };
    row.getCell(1).alignment = { vertical: 'top', wrapText: true };
    row.getCell(2).alignment = { vertical: 'top', wrapText: true };
    if (opts.fill) row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: opts.fill } };
    for (const c of [row.getCell(1), row.getCell(2)]) c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    const lines = linesIn(String(value), OPINION_WIDTHS[1]);
    if (lines > 1) row.height = 15 * lines;
    return row;
  };
  const title = ws.addRow(['绩效目标审核意见']);
  title.font = { ...FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center' };
  title.height = 24;
  ws.mergeCells(title.number, 1, title.number, 2);
  const note = ws.addRow([`共 ${review.forms.length} 张表；${gradeCounts(review.forms)}。等级为审核建议，得分按评分方案由检查结果计算（见 docs/review.md），最终等级由审核人确定。`]);
  note.font = FONT;
  note.alignment = { wrapText: true };
  note.height = 30;
  ws.mergeCells(note.number, 1, note.number, 2);
  if (review.notReviewed.length) {
    ws.addRow([]);
    add('未能审核', review.notReviewed.map(notReviewedText).join('\n'), { fill: GRADE_FILL.差 });
  }
  review.forms.forEach((f, i) => {
    ws.addRow([]);
    const head = ws.addRow([`${i + 1}. ${f.name || '（未填项目名称）'}`]);
    head.font = { ...FONT, size: 12, bold: true };
    ws.mergeCells(head.number, 1, head.number, 2);
    add('文件', f.file);
    add('工作表', `${f.sheet}（${f.cell} 起）`);
    add('填报单位', f.unit || NO_UNIT);
    add('项目名称', f.name);
    add('项目编码', f.code || '（无）');
    add('预算数', amountText(f.amount));
    add('审核等级', `${f.result.grade}（${f.result.score} 分）：${GRADE_MEANING[f.result.grade]}`, { bold: true, fill: GRADE_FILL[f.result.grade] });
    add('得分', f.result.score);
    for (const d of DIMENSIONS) add(`${d}扣分`, f.result.deductions[d]);
    add('扣分说明', dimensionText(f.result, review.scheme));
    for (const s of SECTIONS) add(s, sectionLines(f.opinion[s]).join('\n'));
  });
  printSetup(ws, false);
}

function summarySheet(ws: ExcelJS.Worksheet, review: Review): void {
  table(
    ws,
    [['文件', 30], ['工作表', 16], ['单位', 22], ['项目', 32], ['金额（万元）', 12], ['等级', 8], ['得分', 8], ['错误', 8], ['警告', 8], ['已忽略', 8], ['项目编码', 24], ...DIMENSIONS.map((d) => [`${d}扣分`, 10] as [string, number])],
    worstFirst(review.forms).map((f) => [
      f.file, f.sheet, f.unit, f.name, f.amount === undefined ? null : round(f.amount), f.result.grade, f.result.score, f.errors, f.warnings, f.dismissed, f.code,
      ...DIMENSIONS.map((d) => f.result.deductions[d]),
    ]),
  );
  ws.getColumn(5).numFmt = '0.00';
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const g = row.getCell(6).value as Grade;
    if (GRADE_FILL[g]) row.getCell(6).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GRADE_FILL[g] } };
  });
}

function unitSheet(ws: ExcelJS.Worksheet, review: Review): void {
  const rows = byUnit(review.forms);
  const total = ['合计', review.forms.length, round(rows.reduce((n, r) => n + r.amount, 0)), ...GRADES.map((g) => rows.reduce((n, r) => n + r.grades[g], 0)), rows.reduce((n, r) => n + r.errors, 0)];
  table(
    ws,
    [['单位', 30], ['表数', 8], ['金额（万元）', 14], ...GRADES.map((g) => [g, 8] as [string, number]), ['错误', 8]],
    rows.map((r) => [r.unit, r.forms, r.amount, ...GRADES.map((g) => r.grades[g]), r.errors]),
  );
  const last = ws.addRow(total);
  last.font = { ...FONT, bold: true };
  ws.getColumn(3).numFmt = '0.00';
}

function duplicateSheet(ws: ExcelJS.Worksheet, review: Review): void {
  table(
    ws,
    [['重复项', 10], ['重复内容', 32], ['范围', 10], ['文件', 30], ['工作表', 16], ['单位', 22], ['项目名称', 32], ['项目编码', 24], ['金额（万元）', 12]],
    duplicates(review.forms).map((d) => [d.kind, d.value, d.scope, d.form.file, d.form.sheet, d.form.unit, d.form.name, d.form.code, d.form.amount === undefined ? null : round(d.form.amount)]),
  );
  if (ws.rowCount === 1) ws.addRow(['未发现重复的项目编码或项目名称。']);
}

export function reviewWorkbook(review: Review): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goalsheet';
  opinionSheet(wb.addWorksheet('审核意见'), review);
  summarySheet(wb.addWorksheet('汇总'), review);
  unitSheet(wb.addWorksheet('按单位'), review);
  duplicateSheet(wb.addWorksheet('重复项目'), review);
  return wb;
}

// ─── Markdown ───

const cellMd = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>'));
const mdTable = (headers: string[], rows: (string | number | null | undefined)[][]) =>
  [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cellMd).join(' | ')} |`)].join('\n');
const mdText = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

export function reviewMarkdown(review: Review): string {
  const out: string[] = ['# 绩效目标审核意见', ''];
  out.push(`共 ${review.forms.length} 张表；${gradeCounts(review.forms)}。等级为审核建议，得分按评分方案由检查结果计算，最终等级由审核人确定。`, '');
  if (review.notReviewed.length) {
    out.push('**未能审核：**', '');
    for (const n of review.notReviewed) out.push(`- ${mdText(notReviewedText(n))}`);
    out.push('');
  }
  out.push('## 审核意见', '');
  review.forms.forEach((f, i) => {
    out.push(`### ${i + 1}. ${mdText(f.name || '（未填项目名称）')}`, '');
    out.push(
      mdTable(['项目', '内容'], [
        ['文件', f.file], ['工作表', `${f.sheet}（${f.cell} 起）`], ['填报单位', f.unit || NO_UNIT], ['项目名称', f.name], ['项目编码', f.code || '（无）'], ['预算数', amountText(f.amount)],
        ['审核等级', `**${f.result.grade}**（${f.result.score} 分）：${GRADE_MEANING[f.result.grade]}`], ['扣分', dimensionText(f.result, review.scheme)],
      ]),
      '',
    );
    for (const s of SECTIONS) {
      out.push(`**${s}**`, '');
      for (const line of sectionLines(f.opinion[s])) out.push(/^\d+\. /.test(line) ? mdText(line).replace(/^(\d+)\\?\. /, '$1. ') : `- ${mdText(line)}`);
      out.push('');
    }
  });
  out.push('## 汇总', '', mdTable(
    ['文件', '工作表', '单位', '项目', '金额（万元）', '等级', '得分', '错误', '警告', '已忽略'],
    worstFirst(review.forms).map((f) => [f.file, f.sheet, f.unit, f.name, f.amount === undefined ? '' : round(f.amount), f.result.grade, f.result.score, f.errors, f.warnings, f.dismissed]),
  ), '');
  out.push('## 按单位', '', mdTable(['单位', '表数', '金额（万元）', ...GRADES, '错误'], byUnit(review.forms).map((r) => [r.unit, r.forms, r.amount, ...GRADES.map((g) => r.grades[g]), r.errors])), '');
  const dups = duplicates(review.forms);
  out.push('## 重复项目', '', dups.length
    ? mdTable(['重复项', '重复内容', '范围', '文件', '工作表', '单位', '项目名称', '项目编码'], dups.map((d) => [d.kind, d.value, d.scope, d.form.file, d.form.sheet, d.form.unit, d.form.name, d.form.code]))
    : '未发现重复的项目编码或项目名称。', '');
  return out.join('\n');
}

// ─── the command ───

export async function reviewCommand(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args, { values: ['--output', '--config', '--format'], switches: ['--force'], aliases: { '-o': '--output' } });
  const out = a.values['--output'];
  if (!out) throw new UsageError('请用 -o 指定输出文件，如 -o 审核意见.xlsx / -o 审核意见.xlsx is required');
  const format = oneOf('--format', a.values['--format'], ['xlsx', 'md'] as const) ?? (/\.md$/i.test(out) ? 'md' : 'xlsx');
  if (format === 'xlsx' && !/\.xlsx$/i.test(out)) throw new UsageError(`输出文件应以 .xlsx 结尾 / the output must be an .xlsx file (got "${out}")`);
  if (format === 'md' && !/\.(md|markdown)$/i.test(out)) throw new UsageError(`--format md 的输出文件应以 .md 结尾 / the Markdown output must end in .md (got "${out}")`);
  if (a.positionals.length === 0) throw new UsageError('请给出要审核的文件或文件夹 / give the files or folders to review');
  if (!a.switches.has('--force') && (await exists(out))) throw new UsageError(`${out} 已存在；加 --force 覆盖 / ${out} exists; add --force to overwrite`);
  const options: Options = a.values['--config'] ? await readConfig(a.values['--config']) : {};
  const scheme = mergeScheme(options.review);

  const outPath = path.resolve(out);
  const targets = (await expand(a.positionals)).filter((t) => path.resolve(t.file) !== outPath);
  if (targets.length === 0) throw new UsageError('给定的文件夹中没有 .xlsx 文件 / no .xlsx files in the given folders');

  // The bureau's rules for every workbook: a unit's own settings do not soften its review. What the unit has
  // explained in the add-in (its dismissals, kept in the file) is listed as 单位已说明 and costs nothing.
  const run = await checkFiles(targets, { options, locale: 'zh-CN', ownSettings: false, review: new Dismissals() });
  const { forms, findings, sheets: read } = run;
  const unreadable = run.files.flatMap((f) => (f.error !== undefined ? [{ file: f.file, reason: f.error }] : []));
  const result = reviewForms(forms, findings, read, scheme);
  result.notReviewed.unshift(...unreadable.map((u) => ({ file: u.file, reason: `无法读取：${u.reason}` })));

  // Written beside the target, then renamed: an interrupted run leaves no half-written file.
  try {
    await replaceFile(outPath, (tmp) => (format === 'md' ? fs.writeFile(tmp, reviewMarkdown(result), 'utf8') : reviewWorkbook(result).xlsx.writeFile(tmp)));
  } catch (e) {
    throw new UsageError(`无法写入 ${out}：${(e as Error).message} / cannot write ${out}`);
  }

  io.stdout.write(printable(`已写出 ${out}：${result.forms.length} 张表（${gradeCounts(result.forms)}）`) + '\n');
  for (const n of result.notReviewed) io.stderr.write(printable(`未能审核 / not reviewed: ${notReviewedText(n)}`) + '\n');
  return unreadable.length ? 2 : 0;
}
