/**
 * Which paths `goalsheet check` reads. Only regular files are ever opened: what else a folder or the
 * command line can hold — FIFOs, sockets, devices, symbolic links to them or in a loop, files too large
 * to be a form, folders that cannot be listed — is decided from lstat/stat alone, before anything is
 * opened, and becomes a one-line reason (Chinese first, then English), reported like an unreadable file.
 */
import { promises as fs, type Dirent, type Stats } from 'fs';
import path from 'path';
import { FILE_BUDGET } from './budget';

/**
 * The largest file `goalsheet check` reads; larger ones are skipped unread, decided from stat. The same
 * limit as the reader's own (FILE_BUDGET.compressedBytes, checked again in loadWorkbook): one number.
 */
export const MAX_FILE_BYTES = FILE_BUDGET.compressedBytes;

/** A path to check, or (with `error`) one that is not read, and why. */
export interface Target {
  file: string;
  error?: string;
}

const reason = (zh: string, en: string) => `${zh} / ${en}`;

/** What a failed lstat/stat/readdir means to a person. */
export function ioReason(e: NodeJS.ErrnoException): { zh: string; en: string } {
  switch (e.code) {
    case 'ENOENT':
      return { zh: '文件不存在', en: 'no such file' };
    case 'EACCES':
    case 'EPERM':
      return { zh: '没有读取权限', en: 'permission denied' };
    case 'ELOOP':
      return { zh: '符号链接循环', en: 'symbolic link loop' };
    case 'ENOTDIR':
      return { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' };
    case 'ENAMETOOLONG':
      return { zh: '路径过长', en: 'the path is too long' };
    default:
      return { zh: `无法读取（${e.code ?? e.message}）`, en: `cannot read (${e.code ?? e.message})` };
  }
}

/** The reason a folder is not searched: reported in the folder's place, the run goes on. */
export function folderReason(e: NodeJS.ErrnoException): string {
  const r = ioReason(e);
  return reason(`无法读取文件夹：${r.zh}`, `cannot read the folder: ${r.en}`);
}

const KINDS: [(s: Stats) => boolean, string, string][] = [
  [(s) => s.isFIFO(), '命名管道', 'FIFO'],
  [(s) => s.isSocket(), '套接字', 'socket'],
  [(s) => s.isCharacterDevice(), '字符设备', 'character device'],
  [(s) => s.isBlockDevice(), '块设备', 'block device'],
];

/** Megabytes to one decimal, rounded up: a file just over the limit never reads as the limit itself. */
function megabytes(n: number): string {
  return `${Math.ceil((n / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Why `file` must not be opened, or undefined for a regular file of a readable size (after following
 * a symbolic link). Nothing is opened: lstat, then stat for a link.
 */
export async function whyNotRead(file: string): Promise<string | undefined> {
  let own: Stats;
  try {
    own = await fs.lstat(file);
  } catch (e) {
    const r = ioReason(e as NodeJS.ErrnoException);
    return reason(r.zh, r.en);
  }
  const link = own.isSymbolicLink();
  let st = own;
  if (link) {
    try {
      st = await fs.stat(file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ELOOP') return reason('符号链接循环，已跳过', 'symbolic link loop: skipped');
      if (err.code === 'ENOENT') return reason('符号链接指向的文件不存在', 'the symbolic link points to nothing');
      const r = ioReason(err);
      return reason(r.zh, r.en);
    }
  }
  if (st.isFile()) {
    if (st.size > MAX_FILE_BYTES) {
      return reason(
        `文件过大（${megabytes(st.size)}，上限 ${megabytes(MAX_FILE_BYTES)}），已跳过`,
        `the file is too large (${megabytes(st.size)}, limit ${megabytes(MAX_FILE_BYTES)}): skipped`,
      );
    }
    return undefined;
  }
  if (st.isDirectory()) return link ? reason('指向文件夹的符号链接，已跳过', 'symbolic link to a folder: skipped') : reason('这是文件夹', 'it is a folder');
  const [, zh, en] = KINDS.find(([is]) => is(st)) ?? [undefined, '未知类型', 'unknown type'];
  return link
    ? reason(`不是普通文件（指向${zh}的符号链接），已跳过`, `not a regular file (symbolic link to a ${en}): skipped`)
    : reason(`不是普通文件（${zh}），已跳过`, `not a regular file (${en}): skipped`);
}

const WORKBOOK = /\.xls[xm]$/i;

/** Spreadsheet files the check cannot read, and what to do about each: listed, never silently left out. */
const OTHER_SHEETS: [RegExp, string, string][] = [
  [/\.xls$/i, '旧版 .xls 格式，未检查：请在 Excel 或 WPS 中另存为 .xlsx 后再检查', 'old .xls format, not checked: save it as .xlsx in Excel or WPS'],
  [/\.et[t]?$/i, 'WPS 表格格式（.et），未检查：请在 WPS 中另存为 .xlsx 后再检查', 'WPS spreadsheet (.et), not checked: save it as .xlsx in WPS'],
  [/\.xlsb$/i, 'Excel 二进制工作簿（.xlsb），未检查：请在 Excel 中另存为 .xlsx 后再检查', 'Excel binary workbook (.xlsb), not checked: save it as .xlsx in Excel'],
  [/\.ods$/i, 'OpenDocument 表格（.ods），未检查：请另存为 .xlsx 后再检查', 'OpenDocument spreadsheet (.ods), not checked: save it as .xlsx'],
  [/\.csv$/i, 'CSV 文件没有表格格式和合并单元格，未检查：请检查原来的 .xlsx 工作簿', 'CSV file (no layout, no merged cells), not checked: check the original .xlsx workbook'],
];

/** Why a spreadsheet file of another format is not checked, or undefined for a workbook (or anything else). */
export function otherFormatReason(name: string): string | undefined {
  const hit = OTHER_SHEETS.find(([re]) => re.test(name));
  return hit && `${hit[1]} / ${hit[2]}`;
}

function typeKnown(e: Dirent): boolean {
  return e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isFIFO() || e.isSocket() || e.isCharacterDevice() || e.isBlockDevice();
}

/**
 * Files to check, in a stable order: folders searched recursively (symbolic links to folders are not
 * followed, and no folder is searched twice, so nothing loops), Excel's ~$ lock files skipped. Every
 * path comes back with its reason if it must not be read, a folder that cannot be listed included.
 */
export async function expand(paths: string[]): Promise<Target[]> {
  const out: Target[] = [];
  const searched = new Set<string>();

  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      const st = await fs.stat(dir);
      if (st.ino) {
        const key = `${st.dev}:${st.ino}`;
        if (searched.has(key)) return;
        searched.add(key);
      }
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      out.push({ file: dir, error: folderReason(e as NodeJS.ErrnoException) });
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      if (!typeKnown(e)) isDir = (await fs.lstat(full).catch(() => undefined))?.isDirectory() ?? false;
      if (isDir) await walk(full);
      else if (e.name.startsWith('~$')) continue;
      else if (WORKBOOK.test(e.name)) out.push({ file: full, error: await whyNotRead(full) });
      else if (otherFormatReason(e.name)) out.push({ file: full, error: otherFormatReason(e.name) });
    }
  };

  for (const p of paths) {
    const st = await fs.stat(p).catch(() => undefined);
    if (st?.isDirectory()) await walk(p);
    else out.push({ file: p, error: (st?.isFile() && otherFormatReason(p)) || (await whyNotRead(p)) });
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(t.file) && !!seen.add(t.file));
}
