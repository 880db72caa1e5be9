/**
 * goalsheet annotate <files or folders> -o <folder>: a copy of each workbook with the add-in's marks (a
 * conditional format per severity over the marked cells, the explanation in a note where the cell has none)
 * and a 校验结果 sheet listing every finding with a link to its cell. The copy is the original's zip with those
 * parts patched (annotate/patch.ts): everything else is copied byte for byte. The original is only read.
 * Findings are what `goalsheet check` with the same paths and options reports (one rule run over all files).
 */
import { promises as fs } from 'fs';
import path from 'path';
import { groupBy } from '../core/engine';
import { planMarks } from '../core/marks';
import type { Options } from '../core/options';
import type { Locale } from '../core/rules/types';
import { annotateWorkbook } from './annotate/patch';
import { UsageError, oneOf, parseArgs } from './args';
import { Review } from './baseline';
import { Refused } from './budget';
import { expand } from './files';
import { checkFiles } from './checkRun';
import { exists, replaceFile } from './replaceFile';
import { readConfig } from './config';
import type { Io } from './main';
import { printable } from './output';

interface Job {
  file: string;
  /** Where the copy goes. */
  out: string;
  error?: string;
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

async function real(p: string): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fs.realpath(abs);
  } catch {
    // Not there yet: its parent's real path and its name.
    const parent = path.dirname(abs);
    return parent === abs ? abs : path.join(await real(parent), path.basename(abs));
  }
}

/** The copies to write: a file goes to <out>/<its name>, a folder's files to <out>/<their path in it>. */
async function plan(paths: string[], outDir: string, force: boolean): Promise<Job[]> {
  const realOut = await real(outDir);
  const jobs: Job[] = [];
  for (const p of paths) {
    const st = await fs.stat(p).catch(() => undefined);
    if (st?.isDirectory()) {
      if (isInside(realOut, await real(p))) throw new UsageError(`输出文件夹不能在输入文件夹 ${p} 之内 / the output folder must not be inside the input folder ${p}`);
      for (const t of await expand([p])) jobs.push({ file: t.file, out: path.join(outDir, path.relative(p, t.file)), error: t.error });
    } else {
      for (const t of await expand([p])) jobs.push({ file: t.file, out: path.join(outDir, path.basename(t.file)), error: t.error });
    }
  }
  const seen = new Map<string, string>();
  for (const j of jobs) {
    const out = await real(j.out);
    const key = out.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined && other !== j.file) throw new UsageError(`${other} 与 ${j.file} 会写到同一个文件 ${j.out} / both would be written to ${j.out}`);
    seen.set(key, j.file);
    if (out === (await real(j.file))) throw new UsageError(`不能覆盖输入文件 ${j.file} / will not write over the input ${j.file}`);
  }
  if (!force) {
    for (const j of jobs) if (!j.error && (await exists(j.out))) throw new UsageError(`${j.out} 已存在；加 --force 覆盖 / ${j.out} exists; add --force to overwrite`);
  }
  return jobs;
}

/** Written beside the target, then renamed: an interrupted run leaves no half-written file. */
async function writeAtomically(out: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(out), { recursive: true });
  await replaceFile(out, (tmp) => fs.writeFile(tmp, data));
}

export async function annotate(args: string[], io: Io): Promise<number> {
  const a = parseArgs(args, {
    values: ['--output', '--config', '--lang'],
    switches: ['--force', '--default-rules'],
    aliases: { '-o': '--output' },
  });
  if (!a.positionals.length) throw new UsageError('请给出要标注的文件或文件夹 / give the files or folders to annotate');
  const outDir = a.values['--output'];
  if (!outDir) throw new UsageError('请用 -o 指定输出文件夹 / -o <folder> is required');
  const outStat = await fs.stat(outDir).catch(() => undefined);
  if (outStat && !outStat.isDirectory()) throw new UsageError(`${outDir} 不是文件夹 / ${outDir} is not a folder`);
  const options: Options = a.values['--config'] ? await readConfig(a.values['--config']) : {};
  const locale: Locale = oneOf('--lang', a.values['--lang'], ['zh-CN', 'en'] as const) ?? options.locale ?? 'zh-CN';
  const ownSettings = !a.values['--config'] && !a.switches.has('--default-rules');
  const jobs = await plan(a.positionals, outDir, a.switches.has('--force'));
  if (jobs.length === 0) throw new UsageError('给定的文件夹中没有 .xlsx 文件 / no .xlsx files in the given folders');

  // Checked as `goalsheet check` checks them: each with its own settings, one rule run over all. The workbook's
  // own dismissed findings (goalsheet.dismissals) are listed but not marked, as in the add-in.
  const run = await checkFiles(jobs, { options, locale, ownSettings, review: new Review() });
  const failed = new Map(run.files.flatMap((f) => (f.error !== undefined ? [[f.file, f.error] as const] : [])));
  const byFile = groupBy(run.findings, (f) => f.workbook);

  const en = locale === 'en';
  let errors = 0;
  for (const j of jobs) {
    const reason = failed.get(j.file);
    if (reason !== undefined) {
      io.stderr.write(printable(`${j.file}: ${en ? 'not annotated' : '未标注'} — ${reason}`) + '\n');
      continue;
    }
    const list = byFile.get(j.file) ?? [];
    errors += list.filter((f) => f.severity === 'error' && !f.dismissed).length;
    try {
      const data = await fs.readFile(j.file);
      const shown = list.map((f) => (f.dismissed ? { ...f, message: `${f.message}${en ? ` (dismissed: ${f.dismissed.reason})` : `（已忽略：${f.dismissed.reason}）`}` } : f));
      const done = annotateWorkbook(data, planMarks(list.filter((f) => !f.dismissed), locale), shown, locale);
      await writeAtomically(j.out, done.zip);
      const kept = done.keptNotes ? (en ? `, ${done.keptNotes} cells kept their own note` : `，${done.keptNotes} 处保留原有注释`) : '';
      io.stdout.write(
        printable(
          en
            ? `${j.out}: ${list.length} findings, ${done.marks} cells marked, ${done.notes} notes${kept}; sheet “${done.resultsSheet}”`
            : `${j.out}：${list.length} 个问题，标记 ${done.marks} 个单元格，写入 ${done.notes} 条注释${kept}；工作表“${done.resultsSheet}”`,
        ) + '\n',
      );
    } catch (e) {
      const why = e instanceof Refused ? e.message : `${en ? 'cannot annotate' : '无法标注'}: ${(e as Error).message}`;
      failed.set(j.file, why);
      io.stderr.write(printable(`${j.file}: ${why}`) + '\n');
    }
  }
  if (failed.size) return 2;
  return errors > 0 ? 1 : 0;
}
