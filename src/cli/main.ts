/**
 * goalsheet — the command line front end.
 *   goalsheet check [files or folders…] [--format text|json|csv|sarif] [--out FILE] [--no-progress] [--config rules.json | --default-rules] [--lang zh-CN|en]
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
import { groupBy, sheetSummary, summarise, type WorkbookResult } from '../core/engine';
import type { Options } from '../core/options';
import type { Locale } from '../core/rules/types';
import { formLayout, toJson, toText, type FileReport } from './report';
import { expand, MAX_FILE_BYTES } from './files';
import { Output, printable, printableLines, readerGone } from './output';
import { SAMPLE_FILE } from './sample';
import { UsageError, oneOf, parseArgs } from './args';
import { listTemplates, newSheet } from './newSheet';
import { Review, readBaseline, writeBaseline } from './baseline';
import { FORMATS, toCsv, toSarif, writeAtomically, writtenNote, type Format } from './formats';
import { Progress, showProgress } from './progress';
import { loader, workerCount } from './workers';
import { checkFiles } from './checkRun';
import { readConfig } from './config';
import { annotate } from './annotate';
import { reviewCommand } from './review';
import { packageVersion } from './version';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env?: Record<string, string | undefined>;
}

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

const LIMIT = `${MAX_FILE_BYTES / 1024 / 1024} MB`;

const HELP = `绩效目标表助手 goalsheet — 检查项目支出绩效目标表

用法 / usage:
  goalsheet check [文件或文件夹…] [--format text|json|csv|sarif] [--out 报告文件] [--config rules.json | --default-rules] [--lang zh-CN|en] [--no-color] [--no-progress]
                 [--baseline 基线.json] [--write-baseline 基线.json]
  goalsheet new --template <模板> [--layout hebei|national] [--unit 填报单位] [--name 项目名称] [--code 项目编码] [--budget 预算数(万元)] -o 输出.xlsx [--force]
  goalsheet templates [--format text|json] [--lang zh-CN|en]
  goalsheet review <文件或文件夹…> -o 审核意见.xlsx [--format xlsx|md] [--config review.json] [--force]
  goalsheet annotate <文件或文件夹…> -o <输出文件夹> [--force] [--config rules.json | --default-rules] [--lang zh-CN|en]
  goalsheet --help | --version

  不给路径时检查随附的示例工作簿（11 张公开发布的绩效目标表）。
  文件夹会递归查找其中的 .xlsx / .xlsm 文件（不进入指向文件夹的符号链接）。
  只读取普通文件：命名管道、套接字、设备（及指向它们的符号链接）、符号链接循环、超过 ${LIMIT} 的文件
  不打开，列出原因后跳过；无法读取的文件夹同样列出原因，其余照常检查。
  报告中单元格文字里的控制字符显示为转义（如 \\x1b、\\u202e），每条问题占一行。
  工作簿自带的规则设置（加载项保存在文件中）照常采用，并在报告中列出它关闭或降低的规则；
  --config 改用您自己的配置，--default-rules 按默认规则检查。
  在加载项中忽略（附原因）的问题随文件保存，报告为“已忽略”并附原因，不计入错误、警告数和退出码；单元格内容改变后失效。
  --write-baseline 把本次的问题写入基线文件（文件名、工作表、单元格、规则、单元格内容指纹）；以后 --baseline 读取它，
  相同的问题报告为已忽略（原因“基线 / baseline”）。
  退出码：0 无错误；1 发现错误；2 用法错误或有文件（文件夹）无法读取或被跳过；3 有文件中没有绩效目标表（如附件发错）。
  文件夹中的 .xls、.et、.xlsb、.ods、.csv 文件不检查，逐个列出原因和处理办法。
  new 按模板生成一张新的项目表（官方格式、下拉列表、打印设置）；templates 列出可用模板。
  --layout 选表样：hebei 河北目标表（默认）或 national 全国通用申报表（无项目编码）。
  项目编码只给前20位时自动补全校验位。
  --format csv 每个问题一行（文件,工作表,单元格,规则,严重程度,说明,修正；UTF-8 带 BOM，Excel 可直接打开）；
  --format sarif 输出 SARIF 2.1.0（代码扫描平台可读）；--out 把报告写入文件（先写临时文件再改名），不输出到屏幕。
  在终端上检查多个文件时显示进度条（--no-progress 关闭）；文件较多且有 3 个以上 CPU 时用多个线程读取
  （环境变量 GOALSHEET_WORKERS=N 指定线程数，0 不用）。
  annotate 把每个工作簿复制到输出文件夹（文件夹输入保留子文件夹），在副本中按加载项的方式标记问题单元格（底色、注释），
  并加一张“校验结果”工作表（每个问题一行，链接到其单元格）；原文件不改动，输出已存在时需加 --force。
  review 按完整性、相关性、适当性、可行性给每张表评分定级（优≥90、良80–89、中60–79、差<60），写出审核意见、
  汇总、按单位和重复项目（评分方案见 docs/review.md，--config 的 "review" 项可调整）；输出已存在时需加 --force。

  With no path, checks the bundled sample workbook (11 published forms).
  Folders are searched recursively for .xlsx / .xlsm files (symbolic links to folders are not followed).
  Only regular files are read: FIFOs, sockets, devices (and symbolic links to them), symbolic link loops
  and files over ${LIMIT} are not opened but listed with a reason; so is a folder that cannot be read,
  and the rest is still checked.
  Control characters in cell text are shown escaped in the report (e.g. \\x1b, \\u202e): one line per finding.
  A workbook's own rule settings (saved in the file by the add-in) apply, and the report lists the rules they
  switch off or soften; --config uses your configuration instead, --default-rules the default rules.
  Findings dismissed in the add-in (with a reason) travel with the file: reported as dismissed with the reason, not
  counted in the errors, warnings or exit code; a dismissal lapses when its cell changes.
  --write-baseline writes this run's findings to a baseline file (file name, sheet, cell, rule, value fingerprint);
  --baseline reads it later and reports the same findings as dismissed (reason "基线 / baseline").
  Exit codes: 0 no errors; 1 errors found; 2 usage error, or a file (folder) could not be read or was skipped;
  3 a file holds no form (a wrong attachment?). .xls, .et, .xlsb, .ods and .csv files in a folder are listed, not checked.
  new writes a new project sheet from a template; templates lists them.
  --layout picks the form: hebei (default) or national (the national application form, no project code).
  A 20-character project code gets its check character completed.
  --format csv writes one row per finding (UTF-8 with BOM, opens in Excel); --format sarif writes SARIF 2.1.0;
  --out FILE writes the report to FILE (a temporary file, then renamed) instead of standard output.
  On a terminal, a check of several files shows a progress bar (--no-progress: none); with many files and 3 or
  more CPUs, files are read by several threads (GOALSHEET_WORKERS=N sets how many, 0 none).
  annotate copies each workbook into the output folder (keeping sub-folders of a folder input) with the add-in's marks
  (fill, notes) and a 校验结果 sheet linking every finding to its cell; originals are untouched; --force overwrites.
  review grades each form 优/良/中/差 on 完整性, 相关性, 适当性, 可行性 and writes the 审核意见, a summary, totals per
  unit and duplicate projects (scheme: docs/review.md; adjust it with the config's "review" key); --force overwrites.
`;

interface CheckArgs {
  paths: string[];
  format: Format;
  /** Write the report to this file (atomically) instead of stdout. */
  out?: string;
  progress: boolean;
  config?: string;
  lang?: Locale;
  colour: boolean;
  /** Check with the default rules, whatever each workbook's own settings say. */
  defaultRules: boolean;
  /** A reviewer's accepted findings, reported as dismissed; where to write this run's. */
  baseline?: string;
  writeBaseline?: string;
}

function parseCheckArgs(args: string[]): CheckArgs {
  const a = parseArgs(args, { values: ['--format', '--config', '--lang', '--out', '--baseline', '--write-baseline'], switches: ['--no-color', '--default-rules', '--no-progress'] });
  return {
    paths: a.positionals,
    format: oneOf('--format', a.values['--format'], FORMATS) ?? 'text',
    out: a.values['--out'],
    progress: !a.switches.has('--no-progress'),
    config: a.values['--config'],
    lang: oneOf('--lang', a.values['--lang'], ['zh-CN', 'en'] as const),
    colour: !a.switches.has('--no-color'),
    defaultRules: a.switches.has('--default-rules'),
    baseline: a.values['--baseline'],
    writeBaseline: a.values['--write-baseline'],
  };
}

async function check(args: string[], io: Io): Promise<number> {
  const opts = parseCheckArgs(args);
  const options: Options = opts.config ? await readConfig(opts.config) : {};
  const locale: Locale = opts.lang ?? options.locale ?? 'zh-CN';
  let paths = opts.paths;
  if (paths.length === 0) {
    const sample = path.join(PACKAGE_ROOT, SAMPLE_FILE);
    // The single-file build carries no sample workbook.
    if (!(await fs.stat(sample).catch(() => undefined))) throw new UsageError(`请指定要检查的文件或文件夹 / give the files or folders to check\n\n${HELP}`);
    io.stderr.write(printable(locale === 'en' ? `No file given: checking the bundled sample workbook ${sample}` : `未指定文件，检查随附的示例工作簿：${sample}`) + '\n');
    paths = [sample];
  }
  const targets = await expand(paths);
  if (targets.length === 0) throw new UsageError('给定的文件夹中没有 .xlsx 文件 / no .xlsx files in the given folders');

  // Dismissed findings: each workbook's own (goalsheet.dismissals) and the reviewer's baseline.
  const review = new Review(opts.baseline ? await readBaseline(opts.baseline) : [], !!opts.writeBaseline);
  // Files are opened by a pool of worker threads when there are many (workers.ts), read and checked here.
  const toOpen = targets.map((t) => (t.error === undefined ? t.file : undefined));
  const files = loader(toOpen, workerCount(toOpen.filter((f) => f !== undefined).length, io.env ?? process.env));
  const show = showProgress({ total: targets.length, stderrTTY: !!io.stderr.isTTY, stdoutTTY: !!io.stdout.isTTY, noProgress: !opts.progress, format: opts.format, toFile: !!opts.out });
  const progress = new Progress(show ? io.stderr : undefined, targets.length);
  // Each workbook is checked with its own rule settings, as the add-in checks it, unless the reviewer gives
  // theirs (--config) or asks for the defaults (--default-rules).
  const run = await checkFiles(targets, {
    options,
    locale,
    ownSettings: !opts.config && !opts.defaultRules,
    review,
    load: (i) => files.load(i),
    onFile: (file) => progress.tick(file),
  });
  progress.end();
  await files.close();
  const { forms, findings } = run;
  const byFile = groupBy(findings, (f) => f.workbook);
  const formsByFile = groupBy(forms, (f) => f.workbook);
  const reports: FileReport[] = run.files.map((f) => ({
    file: f.file,
    sheets: f.sheets.map(sheetSummary),
    forms: f.sheets.flatMap((s) => s.forms.map(formLayout)),
    findings: byFile.get(f.file) ?? [],
    ...(f.error !== undefined ? { error: f.error } : {}),
    ...(f.settings ? { settings: f.settings } : {}),
  }));
  const results: WorkbookResult[] = reports.map((r) => ({ name: r.file, sheets: r.sheets, forms: formsByFile.get(r.file) ?? [], findings: r.findings.filter((f) => !f.dismissed) }));
  // Files that could not be read and files with no form are counted: a wrong attachment must not pass quietly.
  const unreadable = reports.filter((r) => r.error !== undefined).length;
  const formless = reports.filter((r) => r.error === undefined && r.forms.length === 0).length;
  // Dismissed findings are counted apart, the count present when there are some.
  const dismissed = findings.filter((f) => f.dismissed).length;
  const summary = { ...summarise(results), unreadable, formless, ...(dismissed ? { dismissed } : {}) };
  if (opts.writeBaseline) {
    const entries = review.entries(findings);
    await writeBaseline(opts.writeBaseline, entries);
    io.stderr.write(printable(locale === 'en' ? `Baseline of ${entries.length} finding(s) written to ${opts.writeBaseline}` : `已把 ${entries.length} 个问题写入基线文件 ${opts.writeBaseline}`) + '\n');
  }

  const colour = opts.colour && !opts.out && !!io.stdout.isTTY && !(io.env ?? process.env).NO_COLOR;
  const report =
    opts.format === 'json' ? toJson(reports, summary) + '\n'
    : opts.format === 'csv' ? toCsv(reports, locale)
    : opts.format === 'sarif' ? toSarif(reports, { locale }) + '\n'
    : toText(reports, summary, locale, colour);
  if (opts.out) {
    await writeAtomically(opts.out, report);
    io.stderr.write(writtenNote(opts.out, locale === 'en'));
  } else io.stdout.write(report);
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
      io.stdout.write(packageVersion() + '\n');
      return 0;
    }
    if (command === 'check') return await check(rest, io);
    if (command === 'new') return await newSheet(rest, io);
    if (command === 'templates') return listTemplates(rest, io);
    if (command === 'annotate') return await annotate(rest, io);
    if (command === 'review') return await reviewCommand(rest, io);
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
