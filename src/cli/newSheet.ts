/**
 * goalsheet new / goalsheet templates: a new project sheet from a template,
 * written with exceljs (the same spec the add-in renders through Office.js).
 */
import { replaceFile } from './replaceFile';
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import { FORM_LAYOUTS, type FormLayout } from '../core/layout';
import { codeStatus } from '../core/projectCode';
import type { Locale } from '../core/rules/types';
import { BUILTIN_TEMPLATES, buildTemplateSheet, findTemplate, type TemplateInputs } from '../core/templates';
import { UsageError, oneOf, parseArgs } from './args';
import type { Io } from './main';
import { sheetName } from '../core/sheetName';
import { writeSpec } from './writeXlsx';

const ids = () => BUILTIN_TEMPLATES.map((t) => t.id).join(', ');

/** The layouts' names, as the pane shows them. */
const LAYOUT_NAMES: Record<FormLayout, [zh: string, en: string]> = {
  hebei: ['河北目标表', 'Hebei target form'],
  national: ['全国通用申报表', 'national application form'],
};

/** The --code value, its check character completed when only the 20-character body was given. */
export function readCode(text: string): { code: string; completed: boolean } {
  const s = codeStatus(text);
  switch (s.state) {
    case 'valid':
      return { code: s.code, completed: false };
    case 'completable':
      return { code: s.code, completed: true };
    case 'wrongCheck':
      throw new UsageError(`项目编码校验位不符：${s.code} 的校验位应为 ${s.expected} / check character of ${s.code} should be ${s.expected}`);
    default:
      throw new UsageError(`项目编码格式不对：应为 8位数字＋P＋11位数字＋1位校验位 / --code must be 8 digits, P, 11 digits and a check character (got "${text}")`);
  }
}

function readBudget(text: string): number {
  const n = Number(text.replace(/万元$/, ''));
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--budget 应为正数（万元）/ --budget must be a positive number of 万元 (got "${text}")`);
  return n;
}

export async function newSheet(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args, {
    values: ['--template', '--layout', '--unit', '--name', '--code', '--budget', '--output', '--lang'],
    switches: ['--force'],
    aliases: { '-o': '--output', '-t': '--template' },
  });
  if (a.positionals.length) throw new UsageError(`多余的参数 / unexpected argument: ${a.positionals[0]}`);
  const locale: Locale = oneOf('--lang', a.values['--lang'], ['zh-CN', 'en'] as const) ?? 'zh-CN';
  const id = a.values['--template'];
  if (!id) throw new UsageError(`请用 --template 指定模板：${ids()} / --template is required: ${ids()}`);
  const template = findTemplate(id);
  if (!template) throw new UsageError(`没有模板“${id}”，可用：${ids()} / no template "${id}"; available: ${ids()}`);
  const layout: FormLayout = oneOf('--layout', a.values['--layout'], FORM_LAYOUTS) ?? 'hebei';
  if (layout === 'national' && a.values['--code'] !== undefined) {
    throw new UsageError('全国通用申报表没有项目编码，--code 只用于河北目标表 / the national form has no project code: --code is for --layout hebei only');
  }
  const out = a.values['--output'];
  if (!out) throw new UsageError('请用 -o 指定输出文件 / -o out.xlsx is required');
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`输出文件应以 .xlsx 结尾 / the output must be an .xlsx file (got "${out}")`);
  if (!a.switches.has('--force') && (await exists(out))) throw new UsageError(`${out} 已存在；加 --force 覆盖 / ${out} exists; add --force to overwrite`);

  const inputs: TemplateInputs = {};
  let completed = false;
  if (a.values['--unit']) inputs.unit = a.values['--unit'].trim();
  if (a.values['--name']) inputs.name = a.values['--name'].trim();
  if (a.values['--code']) ({ code: inputs.code, completed } = readCode(a.values['--code']));
  if (a.values['--budget']) inputs.budget = readBudget(a.values['--budget']);

  const sheet = buildTemplateSheet(template, inputs, { locale, layout });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goalsheet';
  const name = sheetName(inputs.name || template.title.zh, new Set());
  const ws = wb.addWorksheet(name);
  writeSpec(ws, sheet.spec);
  if (sheet.blanks.length) ws.views = [{ state: 'normal', activeCell: sheet.blanks[0].cell }];

  // Written beside the target, then renamed: an interrupted run leaves no half-written file.
  try {
    await replaceFile(out, (tmp) => wb.xlsx.writeFile(tmp));
  } catch (e) {
    throw new UsageError(`无法写入 ${out}：${(e as Error).message} / cannot write ${out}`);
  }

  const en = locale === 'en';
  const lines = [
    en
      ? `Wrote ${out}: sheet “${name}” from template ${template.id} (${template.title.en}), ${LAYOUT_NAMES[layout][1]}.`
      : `已生成 ${out}：工作表“${name}”，模板 ${template.id}（${template.title.zh}），${LAYOUT_NAMES[layout][0]}。`,
  ];
  if (completed) lines.push(en ? `Check character completed: ${inputs.code}` : `已补全项目编码校验位：${inputs.code}`);
  if (sheet.blanks.length) {
    lines.push(en ? `${sheet.blanks.length} cells to fill:` : `还需填写 ${sheet.blanks.length} 处：`);
    for (const b of sheet.blanks) lines.push(`  ${b.cell.padEnd(4)} ${en ? b.label.en : b.label.zh}`);
  }
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export function listTemplates(args: string[], io: Io): number {
  const a = parseArgs(args, { values: ['--format', '--lang'] });
  if (a.positionals.length) throw new UsageError(`多余的参数 / unexpected argument: ${a.positionals[0]}`);
  const format = oneOf('--format', a.values['--format'], ['text', 'json'] as const) ?? 'text';
  const en = oneOf('--lang', a.values['--lang'], ['zh-CN', 'en'] as const) === 'en';
  if (format === 'json') {
    const list = BUILTIN_TEMPLATES.map((t) => ({ id: t.id, title: t.title, summary: t.summary, indicators: t.rows.length }));
    io.stdout.write(JSON.stringify(list, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...BUILTIN_TEMPLATES.map((t) => t.id.length));
  for (const t of BUILTIN_TEMPLATES) {
    io.stdout.write(`${t.id.padEnd(width)}  ${en ? t.title.en : t.title.zh}（${t.rows.length}${en ? ' rows' : '行指标'}）\n${' '.repeat(width)}  ${en ? t.summary.en : t.summary.zh}\n`);
  }
  io.stdout.write(en ? '\nUse: goalsheet new --template <id> -o out.xlsx\n' : '\n用法：goalsheet new --template <模板> -o 输出.xlsx\n');
  return 0;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}
