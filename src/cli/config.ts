/** The rule settings a command runs with: the reviewer's --config file, and each workbook's own (goalsheet.options). */
import { promises as fs } from 'fs';
import { OPTIONS_KEY, optionsOfSetting, readOptions, weakenedRules, type Options } from '../core/options';
import { fileSetting } from './addinSettings';
import { UsageError } from './args';

/** A JSON file the reviewer gives (a --config, a baseline): a usage error when it cannot be read or parsed. */
export async function readJsonFile(file: string, what: [zh: string, en: string], maxBytes = 10 * 1024 * 1024): Promise<unknown> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('不是普通文件 / not a regular file');
    if (stat.size > maxBytes) throw new Error(`超过 / over ${maxBytes / 1024 / 1024} MB`);
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取${what[0]} / cannot read ${what[1]} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${what[0]}不是有效的 JSON / ${what[1]} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A --config file, validated by the one options reader; any problem is a usage error naming each one. */
export async function readConfig(file: string): Promise<Options> {
  const value = await readJsonFile(file, ['配置文件', 'config']);
  const { options, problems } = readOptions(value);
  if (problems.length) throw new UsageError(`配置文件有误 / invalid config ${file}:\n  ${problems.join('\n  ')}`);
  return options;
}

/** How a workbook's own rule settings were taken: applied or not, what they soften, what was invalid. */
export interface WorkbookSettingsReport {
  applied: boolean;
  weakened: string[];
  problems: string[];
}

/**
 * A workbook's own rule settings (goalsheet.options, as the add-in keeps them), validated like every setting:
 * applied when `own`, and reported either way — what they switch off or soften, and what was invalid.
 */
export function workbookSettings(stored: Record<string, string>, own: boolean): { applied: boolean; options: Options; report?: WorkbookSettingsReport } {
  const read = fileSetting(stored[OPTIONS_KEY]);
  if (!read.present) return { applied: false, options: {} };
  const { options = {}, problems } = optionsOfSetting(read);
  return { applied: own, options, report: { applied: own, weakened: weakenedRules(options), problems } };
}
