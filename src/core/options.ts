/**
 * One options object configures every front end: rules on/off and their
 * severity, and the thresholds. The CLI's --config file and the add-in's
 * document settings hold exactly this shape.
 */
import { RULE_BY_ID } from './rules/registry';
import type { Locale, ResolvedOptions, Severity } from './rules/types';
import { FAMILY_IDS, type FamilyId } from './form/families';
import { reviewProblems, type ReviewConfig } from './review/grading';
import type { SettingRead } from './settingValue';

export type RuleSetting = 'off' | Severity | boolean | { enabled?: boolean; severity?: Severity };

export interface Options {
  rules?: Record<string, RuleSetting>;
  /** Lowest acceptable 满意度 target, in percent (SAT-002). Default 80. */
  satisfactionMin?: number;
  /** Share of 预算数 the money cost indicators must cover (COST-003). Default 0.9. */
  costCoverageMin?: number;
  /** Shortest 绩效目标, in characters (GOAL-002). Default 20. */
  goalMinLength?: number;
  /** Fewest substantive indicators (IND-011). Default 3. */
  minIndicators?: number;
  locale?: Locale;
  /** Read every form in this layout family instead of recognising each one's. */
  layout?: FamilyId;
  /** The review's grading scheme: partial overrides of core/review/grading.ts DEFAULT_SCHEME (goalsheet review). */
  review?: ReviewConfig;
}

/** The workbook setting that holds a workbook's own Options (the add-in writes it; the CLI reads it from the file). */
export const OPTIONS_KEY = 'goalsheet.options';

export const DEFAULTS: ResolvedOptions = { satisfactionMin: 80, costCoverageMin: 0.9, goalMinLength: 20, minIndicators: 3 };

const SEVERITIES = ['error', 'warning', 'info'];

/** The severity each rule runs at, or 'off'. */
export function ruleSeverity(id: string, options: Options): Severity | 'off' {
  const rule = RULE_BY_ID.get(id);
  if (!rule) return 'off';
  const s = options.rules?.[id];
  if (s === undefined || s === true) return rule.meta.severity;
  if (s === false || s === 'off') return 'off';
  if (typeof s === 'string') return s;
  if (s.enabled === false) return 'off';
  return s.severity ?? rule.meta.severity;
}

export function resolve(options: Options): ResolvedOptions {
  return {
    satisfactionMin: options.satisfactionMin ?? DEFAULTS.satisfactionMin,
    costCoverageMin: options.costCoverageMin ?? DEFAULTS.costCoverageMin,
    goalMinLength: options.goalMinLength ?? DEFAULTS.goalMinLength,
    minIndicators: options.minIndicators ?? DEFAULTS.minIndicators,
  };
}

type Check = (v: unknown) => string | undefined;

const inRange = (k: string, lo: number, hi: number): Check => (v) =>
  typeof v === 'number' && v >= lo && v <= hi ? undefined : `"${k}" 应为 ${lo}–${hi} 之间的数 / must be a number in ${lo}–${hi}`;

/** Every option's check; a key not here is unknown. */
const CHECKS: Record<Exclude<keyof Options, 'rules' | 'review'>, Check> = {
  satisfactionMin: inRange('satisfactionMin', 0, 100),
  costCoverageMin: inRange('costCoverageMin', 0, 1),
  goalMinLength: inRange('goalMinLength', 0, 1000),
  minIndicators: inRange('minIndicators', 0, 100),
  locale: (v) => (v === 'zh-CN' || v === 'en' ? undefined : '"locale" 应为 "zh-CN" 或 "en" / must be "zh-CN" or "en"'),
  layout: (v) => (FAMILY_IDS.includes(v as FamilyId) ? undefined : `"layout" 应为 ${FAMILY_IDS.join('、')} 之一 / must be one of ${FAMILY_IDS.join(', ')}`),
};

function ruleProblem(id: string, s: unknown): string | undefined {
  if (!RULE_BY_ID.has(id)) return `未知规则 / unknown rule "${id.slice(0, 40)}"`;
  const ok =
    typeof s === 'boolean' || s === 'off' || SEVERITIES.includes(s as string) ||
    (typeof s === 'object' && s !== null && !Array.isArray(s) &&
      Object.entries(s).every(([k, v]) => (k === 'enabled' && typeof v === 'boolean') || (k === 'severity' && SEVERITIES.includes(v as string))));
  return ok ? undefined : `规则 ${id} 的设置无效 / invalid setting for ${id}: ${JSON.stringify(s).slice(0, 80)}`;
}

/**
 * An options object from outside (a --config file, a workbook's setting): the valid parts, and a problem text
 * (Chinese / English) for each part left out. The one validator every front end uses.
 */
export function readOptions(value: unknown): { options: Options; problems: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { options: {}, problems: ['配置必须是一个 JSON 对象 / the configuration must be a JSON object'] };
  const options: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'rules') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        problems.push('"rules" 应为对象 / must be an object');
        continue;
      }
      const rules: Record<string, RuleSetting> = {};
      for (const [id, setting] of Object.entries(v as Record<string, unknown>)) {
        const problem = ruleProblem(id, setting);
        if (problem) problems.push(problem);
        else rules[id] = setting as RuleSetting;
      }
      options.rules = rules;
    } else if (k === 'review') {
      const found = reviewProblems(v);
      if (found.length) problems.push(...found);
      else options.review = v;
    } else if (k in CHECKS) {
      const problem = CHECKS[k as keyof typeof CHECKS](v);
      if (problem) problems.push(problem);
      else options[k] = v;
    } else problems.push(`未知配置项 / unknown option "${k.slice(0, 40)}"`);
  }
  return { options: options as Options, problems };
}

/** The workbook's rule settings, validated: what is valid of them, and what was left out and why. */
export interface WorkbookOptions {
  options?: Options;
  /** Parts left out (Chinese / English), or the whole setting when it is not JSON. */
  problems: string[];
}

/** The workbook's rule settings from their setting as read, however the program keeps it. */
export function optionsOfSetting(read: SettingRead): WorkbookOptions {
  if (!read.present) return { problems: [] };
  if ('broken' in read) return { problems: ['设置不是有效的 JSON，已忽略 / the setting is not valid JSON and was ignored'] };
  return readOptions(read.value);
}

/** Rules a workbook's own settings switch off or make milder than the catalogue: shown to whoever opens it. */
export function weakenedRules(options: Options): string[] {
  const rank: Record<string, number> = { off: 3, info: 2, warning: 1, error: 0 };
  return Object.keys(options.rules ?? {}).filter((id) => {
    const meta = RULE_BY_ID.get(id)?.meta;
    return meta && rank[ruleSeverity(id, options)] > rank[meta.severity];
  });
}
