/** The rule settings a command runs with: the reviewer's --config file, and each workbook's own (goalsheet.options). */
import { promises as fs } from 'fs';
import { OPTIONS_KEY, readOptions, weakenedRules, type Options } from '../core/options';
import { fileSetting } from './addinSettings';
import { UsageError } from './args';

/** A --config file, validated by the one options reader; any problem is a usage error naming each one. */
export async function readConfig(file: string): Promise<Options> {
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
  const { options, problems } = 'broken' in read ? { options: {}, problems: ['设置不是有效的 JSON，已忽略 / the setting is not valid JSON and was ignored'] } : readOptions(read.value);
  return { applied: own, options, report: { applied: own, weakened: weakenedRules(options), problems } };
}
