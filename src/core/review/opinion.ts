/**
 * 审核意见: a form's findings written as the sections a reviewer fills in — 总体目标、产出指标、效益指标、
 * 满意度指标、需补充完善事项. Each point names the indicator (its 三级指标 and cell) or the part of the form, says
 * what is wrong (the finding's message) and what to write instead (the fix, where there is one). Findings the unit
 * has explained (dismissed) are listed on their own line, "单位已说明：…", and cost no points (grading.ts).
 */
import type { ReviewedFinding } from '../dismissals';
import { fromA1 } from '../grid';
import type { Form, IndicatorRow } from '../form/model';
import { isDismissed } from './grading';

export type Section = '总体目标' | '产出指标' | '效益指标' | '满意度指标' | '需补充完善事项';
export const SECTIONS: readonly Section[] = ['总体目标', '产出指标', '效益指标', '满意度指标', '需补充完善事项'];

export const NO_POINTS = '未发现问题。';

export interface SectionOpinion {
  /** What the unit must change, one point per finding. */
  points: string[];
  /** Findings the unit has explained: listed, costing nothing. */
  explained: string[];
}

export type Opinion = Record<Section, SectionOpinion>;

/** The parts of a form a form-level finding can point at, in the form's words. */
const FIELD_NAMES: [keyof Form, string][] = [
  ['unit', '填报单位'],
  ['code', '项目编码'],
  ['name', '项目名称'],
  ['total', '预算数'],
  ['adjust', '调增(减)资金'],
  ['fiscal', '财政资金'],
  ['other', '其他资金'],
  ['use', '资金用途'],
  ['goal', '绩效目标'],
  ['longGoal', '中长期目标'],
];

/** Rules whose finding belongs to a section even when it does not point at an indicator row. */
const RULE_SECTION: [RegExp, Section][] = [
  [/^GOAL-/, '总体目标'],
  [/^(COST-|IND-004$)/, '产出指标'],
  [/^IND-010$/, '效益指标'],
  [/^(SAT-|IND-012$|IND-013$)/, '满意度指标'],
];

/** The indicator row a finding points at: the row of its cell, else the row one of whose cells it is. */
export function indicatorOf(form: Form, cell: string): IndicatorRow | undefined {
  const at = fromA1(cell);
  if (at) {
    const byRow = form.indicators.find((r) => r.row === at.row);
    if (byRow) return byRow;
  }
  return form.indicators.find((r) =>
    [r.l1, r.l2, r.l3, r.desc, r.value, r.cmp, r.unit, r.basis, ...(r.also ?? []).map((a) => a.value)].some((f) => f?.cell === cell),
  );
}

function sectionOfRow(row: IndicatorRow): Section | undefined {
  if (row.level2 === 'satisfaction' || row.level1 === 'satisfaction') return '满意度指标';
  if (row.level1 === 'benefit') return '效益指标';
  if (row.level1 === 'output' || row.level1 === 'cost') return '产出指标';
  return undefined;
}

/** How a point names its indicator: 「三级指标」（cell）, or the row and its 二级 when the 三级 is blank. */
export function indicatorName(row: IndicatorRow): string {
  const l3 = row.l3.text.trim();
  if (l3) return `「${l3}」`;
  const level = row.l2.text.trim() || row.l1.text.trim();
  return `第${row.row + 1}行${level ? `（${level}）` : ''}的指标`;
}

function fieldName(form: Form, cell: string): string | undefined {
  for (const [key, name] of FIELD_NAMES) {
    const f = form[key] as { cell?: string } | undefined;
    if (f?.cell === cell) return name;
  }
  if (form.plan && (form.plan.cell === cell || form.plan.months.some((m) => m.value.cell === cell))) {
    const month = form.plan.months.find((m) => m.value.cell === cell);
    return month ? `资金支出计划（${month.label}）` : '资金支出计划';
  }
  return undefined;
}

/** Which section a finding goes to, and the words that name what it points at. */
export function placeFinding(form: Form, f: ReviewedFinding): { section: Section; subject: string } {
  const row = indicatorOf(form, f.cell);
  if (row) {
    const section = sectionOfRow(row) ?? RULE_SECTION.find(([re]) => re.test(f.ruleId))?.[1] ?? '需补充完善事项';
    const prefix = row.level1 === 'cost' || row.level2 === 'cost' || row.level2 === 'economicCost' ? '成本指标' : '';
    return { section, subject: `${prefix}${indicatorName(row)}（${f.cell}）` };
  }
  const field = fieldName(form, f.cell);
  const section = form.goal?.cell === f.cell || form.longGoal?.cell === f.cell ? '总体目标' : RULE_SECTION.find(([re]) => re.test(f.ruleId))?.[1] ?? '需补充完善事项';
  return { section, subject: field ? `${field}（${f.cell}）` : `${f.cell} 单元格` };
}

/** One point: what it names (`subject`, from placeFinding), what is wrong, and what to write instead. */
export function pointText(subject: string, f: ReviewedFinding): string {
  const message = f.message.trim().replace(/[。.]?$/, '。');
  const fix = f.fix !== undefined && String(f.fix.newValue).trim() !== '' ? `建议改为“${String(f.fix.newValue)}”。` : '';
  return `${subject}：${message}${fix}`;
}

/** A form's 审核意见, section by section. */
export function composeOpinion(form: Form, findings: ReviewedFinding[]): Opinion {
  const opinion = Object.fromEntries(SECTIONS.map((s) => [s, { points: [], explained: [] }])) as unknown as Opinion;
  for (const f of findings) {
    const { section, subject } = placeFinding(form, f);
    const text = pointText(subject, f);
    if (isDismissed(f)) {
      const reason = f.dismissed?.reason?.trim();
      opinion[section].explained.push(`单位已说明：${text}${reason ? `说明：${reason.replace(/[。.]?$/, '。')}` : ''}`);
    } else opinion[section].points.push(text);
  }
  return opinion;
}

/** A section as the reviewer's text: numbered points, then the explained ones, or "未发现问题。". */
export function sectionLines(s: SectionOpinion): string[] {
  if (s.points.length === 0 && s.explained.length === 0) return [NO_POINTS];
  return [...s.points.map((p, i) => `${i + 1}. ${p}`), ...s.explained];
}
