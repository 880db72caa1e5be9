/**
 * goalsheet — the command line front end.
 *   goalsheet check [files or folders…] [--format text|json] [--config rules.json | --default-rules] [--lang zh-CN|en]
 *     (the config's "layout" reads every form in one layout family instead of recognising each one's)
 *   goalsheet new --template <id> [--layout hebei|national] [--unit … --name … --code … --budget …] -o out.xlsx
 *   goalsheet templates [--format text|json] [--lang zh-CN|en]
 * Exit codes: 0 no errors, 1 errors found, 2 usage error or a file that cannot be read, 3 a file with no form.
 *   A path that is not read — not a regular file (FIFO, socket, device, a symbolic link to one or in a
 *   loop), larger than MAX_FILE_BYTES, or a folder that cannot be listed — counts as a file that cannot be
 *   read: listed with its reason, the run goes on, exit 2. When the reader of the output goes away
 *   (EPIPE: `goalsheet check … | head`), the run ends quietly with the exit code it would have had.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { checkForms, groupBy, readWorkbook, sheetSummary, summarise, type WorkbookResult } from '../core/engine';
import type { Form, SheetResult } from '../core/form/model';
import { checkOptions, OPTIONS_KEY, readOptions, weakenedRules, type Options } from '../core/options';
import { fileSetting } from './addinSettings';
import type { Locale } from '../core/rules/types';
import { loadWorkbook } from './loadWorkbook';
import { formLayout, toJson, toText, type FileReport } from './report';
import { expand, MAX_FILE_BYTES } from './files';
import { Output, printable, printableLines, readerGone } from './output';
import { SAMPLE_FILE } from './sample';
import { UsageError, oneOf, parseArgs } from './args';
import { listTemplates, newSheet } from './newSheet';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  env?: Record<string, string | undefined>;
}

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

const LIMIT = `${MAX_FILE_BYTES / 1024 / 1024} MB`;

const HELP = `绩效目标表助手 goalsheet — 检查项目支出绩效目标表

用法 / usage:
  goalsheet check [文件或文件夹…] [--format text|json] [--config rules.json | --default-rules] [--lang zh-CN|en] [--no-color]
  goalsheet new --template <模板> [--layout hebei|national] [--unit 填报单位] [--name 项目名称] [--code 项目编码] [--budget 预算数(万元)] -o 输出.xlsx [--force]
  goalsheet templates [--format text|json] [--lang zh-CN|en]
  goalsheet --help | --version

  不给路径时检查随附的示例工作簿（11 张公开发布的绩效目标表）。
  文件夹会递归查找其中的 .xlsx / .xlsm 文件（不进入指向文件夹的符号链接）。
  只读取普通文件：命名管道、套接字、设备（及指向它们的符号链接）、符号链接循环、超过 ${LIMIT} 的文件
  不打开，列出原因后跳过；无法读取的文件夹同样列出原因，其余照常检查。
  报告中单元格文字里的控制字符显示为转义（如 \\x1b、\\u202e），每条问题占一行。
  工作簿自带的规则设置（加载项保存在文件中）照常采用，并在报告中列出它关闭或降低的规则；
  --config 改用您自己的配置，--default-rules 按默认规则检查。
  退出码：0 无错误；1 发现错误；2 用法错误或有文件（文件夹）无法读取或被跳过；3 有文件中没有绩效目标表（如附件发错）。
  文件夹中的 .xls、.et、.xlsb、.ods、.csv 文件不检查，逐个列出原因和处理办法。
  new 按模板生成一张新的项目表（官方格式、下拉列表、打印设置）；templates 列出可用模板。
  --layout 选表样：hebei 河北目标表（默认）或 national 全国通用申报表（无项目编码）。
  项目编码只给前20位时自动补全校验位。

  With no path, checks the bundled sample workbook (11 published forms).
  Folders are searched recursively for .xlsx / .xlsm files (symbolic links to folders are not followed).
  Only regular files are read: FIFOs, sockets, devices (and symbolic links to them), symbolic link loops
  and files over ${LIMIT} are not opened but listed with a reason; so is a folder that cannot be read,
  and the rest is still checked.
  Control characters in cell text are shown escaped in the report (e.g. \\x1b, \\u202e): one line per finding.
  A workbook's own rule settings (saved in the file by the add-in) apply, and the report lists the rules they
  switch off or soften; --config uses your configuration instead, --default-rules the default rules.
  Exit codes: 0 no errors; 1 errors found; 2 usage error, or a file (folder) could not be read or was skipped;
  3 a file holds no form (a wrong attachment?). .xls, .et, .xlsb, .ods and .csv files in a folder are listed, not checked.
  new writes a new project sheet from a template; templates lists them.
  --layout picks the form: hebei (default) or national (the national application form, no project code).
  A 20-character project code gets its check character completed.
`;

interface CheckArgs {
  paths: string[];
  format: 'text' | 'json';
  config?: string;
  lang?: Locale;
  colour: boolean;
  /** Check with the default rules, whatever each workbook's own settings say. */
  defaultRules: boolean;
}

function parseCheckArgs(args: string[]): CheckArgs {
  const a = parseArgs(args, { values: ['--format', '--config', '--lang'], switches: ['--no-color', '--default-rules'] });
  return {
    paths: a.positionals,
    format: oneOf('--format', a.values['--format'], ['text', 'json'] as const) ?? 'text',
    config: a.values['--config'],
    lang: oneOf('--lang', a.values['--lang'], ['zh-CN', 'en'] as const),
    colour: !a.switches.has('--no-color'),
    defaultRules: a.switches.has('--default-rules'),
  };
}

async function readConfig(file: string): Promise<Options> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取配置文件 / cannot read config ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`配置文件不是有效的 JSON / config ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const problems = checkOptions(value);
  if (problems.length) throw new UsageError(`配置文件有误 / invalid config ${file}:\n  ${problems.join('\n  ')}`);
  return value as Options;
}

/**
 * A workbook's own rule settings (goalsheet.options, as the add-in keeps them), validated like every setting:
 * applied when `own`, and reported either way — what they switch off or soften, and what was invalid.
 */
function workbookSettings(stored: Record<string, string>, own: boolean): { applied: boolean; options: Options; report?: FileReport['settings'] } {
  const read = fileSetting(stored[OPTIONS_KEY]);
  if (!read.present) return { applied: false, options: {} };
  const { options, problems } = 'broken' in read ? { options: {}, problems: ['设置不是有效的 JSON，已忽略 / the setting is not valid JSON and was ignored'] } : readOptions(read.value);
  return { applied: own, options, report: { applied: own, weakened: weakenedRules(options), problems } };
}

async function check(args: string[], io: Io): Promise<number> {
  const opts = parseCheckArgs(args);
  const options: Options = opts.config ? await readConfig(opts.config) : {};
  const locale: Locale = opts.lang ?? options.locale ?? 'zh-CN';
  let paths = opts.paths;
  if (paths.length === 0) {
    const sample = path.join(PACKAGE_ROOT, SAMPLE_FILE);
    io.stderr.write(printable(locale === 'en' ? `No file given: checking the bundled sample workbook ${sample}` : `未指定文件，检查随附的示例工作簿：${sample}`) + '\n');
    paths = [sample];
  }
  const targets = await expand(paths);
  if (targets.length === 0) throw new UsageError('给定的文件夹中没有 .xlsx 文件 / no .xlsx files in the given folders');

  const reports: FileReport[] = [];
  const forms: Form[] = [];
  const read: SheetResult[] = [];
  // Each workbook is checked with its own rule settings, as the add-in checks it, unless the reviewer gives
  // theirs (--config) or asks for the defaults (--default-rules).
  const ownSettings = !opts.config && !opts.defaultRules;
  const ofWorkbook = new Map<string, Options>();
  for (const { file, error } of targets) {
    // Not a regular file, too large, or a folder that cannot be listed: decided before opening anything.
    if (error !== undefined) {
      reports.push({ file, sheets: [], forms: [], findings: [], error });
      continue;
    }
    const loaded = await loadWorkbook(file);
    if ('error' in loaded) {
      reports.push({ file, sheets: [], forms: [], findings: [], error: loaded.error });
      continue;
    }
    const settings = workbookSettings(loaded.settings, ownSettings);
    if (settings.applied) ofWorkbook.set(file, { ...settings.options, locale });
    const sheets = readWorkbook({ name: file, grids: loaded.grids }, ofWorkbook.get(file) ?? options);
    read.push(...sheets);
    forms.push(...sheets.flatMap((s) => s.forms));
    reports.push({
      file,
      sheets: sheets.map(sheetSummary),
      forms: sheets.flatMap((s) => s.forms.map(formLayout)),
      findings: [],
      ...(settings.report ? { settings: settings.report } : {}),
    });
  }
  // One rule run over every form, so CODE-004 sees codes repeated across files.
  const findings = checkForms(forms, { ...options, locale }, read, (workbook) => ofWorkbook.get(workbook));
  const byFile = groupBy(findings, (f) => f.workbook);
  const formsByFile = groupBy(forms, (f) => f.workbook);
  for (const r of reports) r.findings = byFile.get(r.file) ?? [];
  const results: WorkbookResult[] = reports.map((r) => ({ name: r.file, sheets: r.sheets, forms: formsByFile.get(r.file) ?? [], findings: r.findings }));
  // Files that could not be read and files with no form are counted: a wrong attachment must not pass quietly.
  const unreadable = reports.filter((r) => r.error !== undefined).length;
  const formless = reports.filter((r) => r.error === undefined && r.forms.length === 0).length;
  const summary = { ...summarise(results), unreadable, formless };

  if (opts.format === 'json') io.stdout.write(toJson(reports, summary) + '\n');
  else {
    const colour = opts.colour && !!io.stdout.isTTY && !(io.env ?? process.env).NO_COLOR;
    io.stdout.write(toText(reports, summary, locale, colour));
  }
  if (unreadable) return 2;
  if (formless) return 3;
  return summary.errors > 0 ? 1 : 0;
}

/**
 * Runs one command. Output goes through Output: when the reader goes away (EPIPE, `goalsheet check … | head`)
 * the run ends quietly with its own exit code; any other failure to write the output is exit 2.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const stdout = new Output(io.stdout);
  const stderr = new Output(io.stderr);
  const code = await run(argv, { stdout, stderr, env: io.env });
  const [failed] = await Promise.all([stdout.settle(), stderr.settle()]);
  if (failed && !readerGone(failed)) {
    stderr.write(`goalsheet: 无法写出结果 / cannot write the output: ${printable(failed.message)}\n`);
    await stderr.settle();
    return 2;
  }
  return code;
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v') {
      const pkg = JSON.parse(await fs.readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
      io.stdout.write(pkg.version + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'new') return await newSheet(rest, io);
    if (command === 'templates') return listTemplates(rest, io);
    throw new UsageError(`未知命令 / unknown command: ${command}\n\n${HELP}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`goalsheet: ${printableLines(e.message)}\n`);
      return 2;
    }
    io.stderr.write(`goalsheet: 内部错误 / internal error: ${printableLines(String((e as Error)?.stack ?? e))}\n`);
    return 2;
  }
}
