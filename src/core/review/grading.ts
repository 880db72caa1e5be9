/**
 * 绩效目标审核的评分方案 (issue 12): a finding costs points under one of the four dimensions a finance bureau's
 * review looks at — 完整性、相关性、适当性、可行性 — and the score (100 less the capped costs) gives the grade
 * 优 / 良 / 中 / 差. The scheme is data: DEFAULT_SCHEME below, which a bureau edits through the `review` key of
 * its --config (partial overrides, validated by reviewProblems). docs/review.md documents the default and why.
 * This is our reading of the review practice, not an official formula.
 */
import type { ReviewedFinding } from '../dismissals';
import { RULE_IDS } from '../rules/registry';
import type { Severity } from '../rules/types';

export type Dimension = '完整性' | '相关性' | '适当性' | '可行性';
export const DIMENSIONS: readonly Dimension[] = ['完整性', '相关性', '适当性', '可行性'];

export type Grade = '优' | '良' | '中' | '差';
export const GRADES: readonly Grade[] = ['优', '良', '中', '差'];

/** What each grade means for the project, as the bureau applies it. */
export const GRADE_MEANING: Record<Grade, string> = {
  优: '进入预算安排流程',
  良: '与单位协商完善后进入预算安排流程',
  中: '退回单位修改后重新报送审核',
  差: '不得进入预算安排流程',
};

export interface RuleScore {
  dimension: Dimension;
  /** Points each finding of the rule costs, whatever its severity; the severity's cost when absent. */
  cost?: number;
}

export interface Scheme {
  /** Points a finding costs by its severity (as run: a --config that changes a rule's severity changes its cost). */
  costs: Record<Severity, number>;
  /** Every rule of the catalogue: the dimension it is reviewed under, and its own cost where it has one. */
  rules: Record<string, RuleScore>;
  /** The most one dimension can cost a form, so one repeated problem cannot sink a form alone. */
  caps: Record<Dimension, number>;
  /** Lowest score of each grade; below 中 is 差. */
  bands: { 优: number; 良: number; 中: number };
}

/** The `review` key of the options: partial overrides of the default scheme. */
export interface ReviewConfig {
  costs?: Partial<Record<Severity, number>>;
  rules?: Record<string, Partial<RuleScore>>;
  caps?: Partial<Record<Dimension, number>>;
  bands?: Partial<Scheme['bands']>;
}

const under = (dimension: Dimension) => (cost?: number): RuleScore => ({ dimension, ...(cost !== undefined ? { cost } : {}) });
const 完整性 = under('完整性');
const 相关性 = under('相关性');
const 适当性 = under('适当性');
const 可行性 = under('可行性');

/** The default scheme (docs/review.md says why each rule sits where it does). */
export const DEFAULT_SCHEME: Scheme = {
  costs: { error: 8, warning: 3, info: 1 },
  rules: {
    // 完整性: the parts of the form and of each indicator are there and filled in.
    'FORM-000': 完整性(),
    'FORM-001': 完整性(15),
    'FORM-002': 完整性(),
    'FORM-003': 完整性(20),
    'FORM-004': 完整性(1),
    'CODE-001': 完整性(),
    'CODE-002': 完整性(),
    'CODE-003': 完整性(),
    'NAME-001': 完整性(),
    'UNIT-001': 完整性(),
    'UNIT-002': 完整性(),
    'BUDGET-004': 完整性(),
    'GOAL-001': 完整性(15),
    'IND-001': 完整性(),
    'IND-002': 完整性(),
    'IND-003': 完整性(12),
    'IND-004': 完整性(),
    'IND-005': 完整性(),
    'IND-007': 完整性(2),
    'IND-008': 完整性(2),
    'IND-011': 完整性(),
    'IND-012': 完整性(),
    'IND-013': 完整性(0),
    'VAL-001': 完整性(),
    'VAL-002': 完整性(),
    // 相关性: the goal states what the money achieves, and the indicators measure that goal.
    'GOAL-002': 相关性(),
    'IND-006': 相关性(),
    'IND-009': 相关性(),
    'IND-010': 相关性(12),
    // 适当性: the targets are measurable, in fitting units, at sensible levels.
    'VAL-003': 适当性(),
    'VAL-004': 适当性(),
    'VAL-005': 适当性(),
    'VAL-006': 适当性(),
    'VAL-007': 适当性(0),
    'VAL-008': 适当性(),
    'VAL-009': 适当性(0),
    'VAL-010': 适当性(),
    'VAL-011': 适当性(),
    'SAT-001': 适当性(),
    'SAT-002': 适当性(),
    'SAT-003': 适当性(),
    'SAT-004': 适当性(),
    // 可行性: the money, its plan and its cost targets hold together; the project is not funded twice.
    'CODE-004': 可行性(),
    'NAME-002': 可行性(),
    'BUDGET-001': 可行性(),
    'BUDGET-002': 可行性(),
    'BUDGET-003': 可行性(),
    'BUDGET-005': 可行性(),
    'PLAN-001': 可行性(),
    'PLAN-002': 可行性(),
    'PLAN-003': 可行性(),
    'PLAN-004': 可行性(),
    'COST-001': 可行性(),
    'COST-002': 可行性(10),
    'COST-003': 可行性(),
    'COST-004': 可行性(),
    'COST-005': 可行性(10),
  },
  caps: { 完整性: 40, 相关性: 25, 适当性: 35, 可行性: 35 },
  bands: { 优: 90, 良: 80, 中: 60 },
};

/** The default scheme with a bureau's overrides applied (the overrides already checked by reviewProblems). */
export function mergeScheme(config: ReviewConfig = {}, base: Scheme = DEFAULT_SCHEME): Scheme {
  const rules: Record<string, RuleScore> = {};
  for (const [id, r] of Object.entries(base.rules)) rules[id] = { ...r };
  for (const [id, r] of Object.entries(config.rules ?? {})) rules[id] = { ...rules[id], ...r } as RuleScore;
  return {
    costs: { ...base.costs, ...config.costs },
    rules,
    caps: { ...base.caps, ...config.caps },
    bands: { ...base.bands, ...config.bands },
  };
}

/** A finding the unit has explained (dismissed) is listed but costs nothing. */
export const isDismissed = (f: ReviewedFinding): boolean => !!f.dismissed;

/** What one finding costs, and under which dimension (0 for a dismissed one). */
export function findingCost(f: ReviewedFinding, scheme: Scheme): { dimension: Dimension; cost: number } {
  const rule = scheme.rules[f.ruleId] ?? { dimension: '完整性' as Dimension };
  if (isDismissed(f)) return { dimension: rule.dimension, cost: 0 };
  return { dimension: rule.dimension, cost: rule.cost ?? scheme.costs[f.severity] ?? 0 };
}

export interface GradeResult {
  score: number;
  grade: Grade;
  /** Points taken under each dimension, after its cap. */
  deductions: Record<Dimension, number>;
  /** Points the findings would have cost before the cap. */
  uncapped: Record<Dimension, number>;
}

export function gradeOf(score: number, scheme: Scheme): Grade {
  if (score >= scheme.bands.优) return '优';
  if (score >= scheme.bands.良) return '良';
  if (score >= scheme.bands.中) return '中';
  return '差';
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A form's score: 100, less each dimension's costs up to its cap; never below 0. */
export function gradeFindings(findings: ReviewedFinding[], scheme: Scheme = DEFAULT_SCHEME): GradeResult {
  const uncapped = { 完整性: 0, 相关性: 0, 适当性: 0, 可行性: 0 } as Record<Dimension, number>;
  for (const f of findings) {
    const { dimension, cost } = findingCost(f, scheme);
    uncapped[dimension] += cost;
  }
  const deductions = { ...uncapped };
  for (const d of DIMENSIONS) deductions[d] = round(Math.min(uncapped[d], scheme.caps[d]));
  const score = Math.max(0, round(100 - DIMENSIONS.reduce((n, d) => n + deductions[d], 0)));
  return { score, grade: gradeOf(score, scheme), deductions, uncapped };
}

/** Grades worst first: 差, 中, 良, 优. */
export const GRADE_RANK: Record<Grade, number> = { 差: 0, 中: 1, 良: 2, 优: 3 };

// ─── validation of the `review` key: Chinese first, like readOptions ───

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const points = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
const clip = (s: string) => s.slice(0, 40);

/** Problems with a `review` configuration, each in Chinese / English; empty when it is valid. */
export function reviewProblems(value: unknown): string[] {
  if (!isObject(value)) return ['"review" 应为对象 / must be an object'];
  const problems: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === 'costs') {
      if (!isObject(v)) problems.push('"review.costs" 应为对象，如 {"error": 8} / must be an object');
      else
        for (const [s, n] of Object.entries(v)) {
          if (!SEVERITIES.includes(s as Severity)) problems.push(`"review.costs" 中的级别应为 error、warning 或 info / unknown severity "${clip(s)}"`);
          else if (!points(n)) problems.push(`"review.costs.${s}" 应为 0–100 之间的数 / must be a number in 0–100`);
        }
    } else if (k === 'rules') {
      if (!isObject(v)) problems.push('"review.rules" 应为对象 / must be an object');
      else
        for (const [id, r] of Object.entries(v)) {
          if (!RULE_IDS.includes(id)) problems.push(`"review.rules" 中有未知规则 / unknown rule "${clip(id)}"`);
          else if (!isObject(r)) problems.push(`"review.rules.${id}" 应为对象，如 {"dimension": "适当性", "cost": 5} / must be an object`);
          else
            for (const [field, x] of Object.entries(r)) {
              if (field === 'dimension') {
                if (!DIMENSIONS.includes(x as Dimension)) problems.push(`"review.rules.${id}.dimension" 应为 ${DIMENSIONS.join('、')} 之一 / must be one of ${DIMENSIONS.join(', ')}`);
              } else if (field === 'cost') {
                if (!points(x)) problems.push(`"review.rules.${id}.cost" 应为 0–100 之间的数 / must be a number in 0–100`);
              } else problems.push(`"review.rules.${id}" 中有未知项 / unknown field "${clip(field)}"`);
            }
        }
    } else if (k === 'caps') {
      if (!isObject(v)) problems.push('"review.caps" 应为对象，如 {"完整性": 40} / must be an object');
      else
        for (const [d, n] of Object.entries(v)) {
          if (!DIMENSIONS.includes(d as Dimension)) problems.push(`"review.caps" 中的维度应为 ${DIMENSIONS.join('、')} 之一 / unknown dimension "${clip(d)}"`);
          else if (!points(n)) problems.push(`"review.caps.${d}" 应为 0–100 之间的数 / must be a number in 0–100`);
        }
    } else if (k === 'bands') {
      if (!isObject(v)) problems.push('"review.bands" 应为对象，如 {"优": 90, "良": 80, "中": 60} / must be an object');
      else {
        let ok = true;
        for (const [g, n] of Object.entries(v)) {
          if (g !== '优' && g !== '良' && g !== '中') {
            problems.push(`"review.bands" 中的等级应为 优、良 或 中（低于“中”即为“差”）/ unknown grade "${clip(g)}"`);
            ok = false;
          } else if (!points(n)) {
            problems.push(`"review.bands.${g}" 应为 0–100 之间的数 / must be a number in 0–100`);
            ok = false;
          }
        }
        if (ok) {
          const b = { ...DEFAULT_SCHEME.bands, ...(v as Partial<Scheme['bands']>) };
          if (!(b.优 > b.良 && b.良 > b.中)) problems.push(`"review.bands" 应满足 优 > 良 > 中（现为 ${b.优}、${b.良}、${b.中}）/ must satisfy 优 > 良 > 中`);
        }
      }
    } else problems.push(`"review" 中有未知项 / unknown review option "${clip(k)}"`);
  }
  return problems;
}
