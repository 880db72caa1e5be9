/** PLAN: 资金支出计划(%), cumulative percentages ending at 100 by 12月底. */
import type { Form, PlanMonth } from '../form/model';
import { formatParts } from '../values';
import type { Rule } from './types';

function yearEnd(form: Form): PlanMonth | undefined {
  return form.plan?.months.find((m) => m.month === 12);
}

/** 100 written the way the cell holds it: 1 in a percent-formatted cell, "100%" in a text cell that had %. */
function hundred(m: PlanMonth): string | number {
  if (typeof m.value.raw?.value === 'number' && formatParts(m.value.raw.format).percent) return 1;
  if (typeof m.value.raw?.value === 'string' && m.value.text.endsWith('%')) return '100%';
  return 100;
}

export const planRules: Rule[] = [
  {
    meta: { id: 'PLAN-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const end = yearEnd(form);
      for (const m of form.plan?.months ?? []) {
        if (m === end) continue; // PLAN-003 reports the year-end cell, with its fix
        const bad = m.percent === 'invalid' || (typeof m.percent === 'number' && (m.percent < 0 || m.percent > 100));
        if (bad) report(form, m.value.cell, { month: m.label, text: m.value.text });
      }
    },
  },
  {
    meta: { id: 'PLAN-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const months = [...(form.plan?.months ?? [])].sort((a, b) => a.month - b.month);
      let prev: PlanMonth | undefined;
      for (const m of months) {
        if (typeof m.percent !== 'number' || m.percent < 0 || m.percent > 100) continue;
        if (prev && m.percent < (prev.percent as number)) {
          report(form, m.value.cell, { month: m.label, value: m.percent, prevMonth: prev.label, prev: prev.percent as number });
        } else prev = m;
      }
    },
  },
  {
    meta: { id: 'PLAN-003', severity: 'error', fixable: true },
    scope: 'form',
    check(form, report) {
      const end = yearEnd(form);
      if (!end || end.percent === 100) return;
      report(form, end.value.cell, { text: end.value.text || '空' }, { cell: end.value.cell, newValue: hundred(end) });
    },
  },
  {
    meta: { id: 'PLAN-004', severity: 'info' },
    scope: 'form',
    check(form, report) {
      const end = yearEnd(form);
      const inYear = form.plan?.months.filter((m) => m.month < 12) ?? [];
      if (end && typeof end.percent === 'number' && inYear.length && inYear.every((m) => m.percent === 'empty')) {
        report(form, inYear[0].value.cell);
      }
    },
  },
];
