/**
 * One options object configures every front end: rules on/off and their
 * severity, and the thresholds. The CLI's --config file and the add-in's
 * document settings hold exactly this shape.
 */
import { RULE_BY_ID } from './rules/registry';
import type { Locale, ResolvedOptions, Severity } from './rules/types';
import { FAMILY_IDS, type FamilyId } from './form/families';

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
}

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

/** Problems with an options object read from a file, in Chinese and English; empty when it is valid. */
export function checkOptions(value: unknown): string[] {
  const errors: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['配置必须是一个 JSON 对象 / the configuration must be a JSON object'];
  const o = value as Record<string, unknown>;
  const known = ['rules', 'satisfactionMin', 'costCoverageMin', 'goalMinLength', 'minIndicators', 'locale', 'layout'];
  for (const k of Object.keys(o)) if (!known.includes(k)) errors.push(`未知配置项 / unknown option "${k}"`);
  const range = (k: string, lo: number, hi: number) => {
    if (o[k] !== undefined && (typeof o[k] !== 'number' || !((o[k] as number) >= lo && (o[k] as number) <= hi))) {
      errors.push(`"${k}" 应为 ${lo}–${hi} 之间的数 / must be a number in ${lo}–${hi}`);
    }
  };
  range('satisfactionMin', 0, 100);
  range('costCoverageMin', 0, 1);
  range('goalMinLength', 0, 1000);
  range('minIndicators', 0, 100);
  if (o.locale !== undefined && o.locale !== 'zh-CN' && o.locale !== 'en') errors.push('"locale" 应为 "zh-CN" 或 "en" / must be "zh-CN" or "en"');
  if (o.layout !== undefined && !FAMILY_IDS.includes(o.layout as FamilyId)) {
    errors.push(`"layout" 应为 ${FAMILY_IDS.join('、')} 之一 / must be one of ${FAMILY_IDS.join(', ')}`);
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) {
      errors.push('"rules" 应为对象 / must be an object');
    } else {
      for (const [id, s] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!RULE_BY_ID.has(id)) errors.push(`未知规则 / unknown rule "${id}"`);
        const ok =
          typeof s === 'boolean' || s === 'off' || SEVERITIES.includes(s as string) ||
          (typeof s === 'object' && s !== null && !Array.isArray(s) &&
            Object.entries(s).every(([k, v]) => (k === 'enabled' && typeof v === 'boolean') || (k === 'severity' && SEVERITIES.includes(v as string))));
        if (!ok) errors.push(`规则 ${id} 的设置无效 / invalid setting for ${id}: ${JSON.stringify(s)}`);
      }
    }
  }
  return errors;
}
