/** BUDGET: 预算规模及资金用途. Amounts are compared in 万元; 元 and 万元 are converted. */
import type { AmountField, Form } from '../form/model';
import { emptyFieldRule, formFamily, inWan, settledUnitWan } from './util';
import type { Rule } from './types';

const amounts = (form: Form): AmountField[] =>
  [form.total, form.fiscal, form.other, form.adjust].filter((f): f is AmountField => !!f);

export const budgetRules: Rule[] = [
  {
    meta: { id: 'BUDGET-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const t = form.total;
      if (!t) return;
      if (t.amount === 'empty') report(form, t.cell, { problem: '未填写', problemEn: 'is empty' });
      else if (t.amount === 'invalid') report(form, t.cell, { problem: `“${t.text}”不是金额`, problemEn: `“${t.text}” is not an amount` });
      else if (t.amount.num <= 0) report(form, t.cell, { problem: '必须大于0', problemEn: 'must be positive' });
    },
  },
  {
    meta: { id: 'BUDGET-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const { total, fiscal, other } = form;
      if (!total || !fiscal || typeof total.amount !== 'object' || typeof fiscal.amount !== 'object') return;
      // Further sources (上级资金, 自有资金 …) make the sum the template's, not ours: stay silent rather than guess.
      if (form.sources.some((s) => s.amount !== 'empty')) return;
      if (other && other.amount === 'invalid') return;
      if (!other && !formFamily(form).fullBreakdown) return;
      const otherAmount = other && typeof other.amount === 'object' ? other.amount : undefined;
      const bare = [total.amount, fiscal.amount, otherAmount].every((a) => !a || a.unitWan === null);
      // With no unit anywhere all amounts share one (unknown) unit; compare as written.
      const t = bare ? total.amount.num : inWan(form, total.amount);
      const f = bare ? fiscal.amount.num : inWan(form, fiscal.amount);
      const o = otherAmount ? (bare ? otherAmount.num : inWan(form, otherAmount)) : 0;
      if (t === undefined || f === undefined || o === undefined) return;
      if (Math.abs(t - (f + o)) > 1e-9 * Math.max(1, Math.abs(t))) {
        report(form, total.cell, { total: total.text, fiscal: fiscal.text, other: other?.text || '0' });
      }
    },
  },
  {
    meta: { id: 'BUDGET-003', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      if (settledUnitWan(form) !== undefined) return;
      const unitless = amounts(form).find((f) => typeof f.amount === 'object' && f.amount.unitWan === null);
      if (unitless) report(form, unitless.cell, { text: unitless.text });
    },
  },
  emptyFieldRule('BUDGET-004', 'error', (f) => f.use),
  {
    meta: { id: 'BUDGET-005', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      if (form.adjust && form.adjust.amount === 'invalid') report(form, form.adjust.cell, { text: form.adjust.text });
    },
  },
];
