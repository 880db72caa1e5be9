/** SAT: 满意度 targets are percentages, floors, attainable and not too low. */
import type { Form } from '../form/model';
import { isSatisfactionRow, substantive, valueRows } from './util';
import type { Rule } from './types';

const rows = (form: Form) => valueRows(form).filter((r) => substantive(r) && isSatisfactionRow(r));

export const satisfactionRules: Rule[] = [
  {
    meta: { id: 'SAT-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of rows(form)) {
        const p = row.parsed;
        if (p.kind === 'empty' || p.kind === 'placeholder') continue;
        const percent = (p.kind === 'quantity' || p.kind === 'range') && p.unit === '%';
        if (!percent) report(form, row.value.cell, { text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'SAT-002', severity: 'warning' },
    scope: 'form',
    check(form, report, opts) {
      for (const row of rows(form)) {
        const p = row.parsed;
        if (p.kind === 'quantity' && p.unit === '%' && p.cmp !== '≤' && p.cmp !== '<' && p.num < opts.satisfactionMin) {
          report(form, row.value.cell, { text: row.valueText, min: opts.satisfactionMin });
        }
      }
    },
  },
  {
    meta: { id: 'SAT-003', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of rows(form)) {
        const p = row.parsed;
        if (p.kind === 'quantity' && p.unit === '%' && p.num === 100 && (p.cmp === '=' || p.cmp === '≥')) {
          report(form, row.value.cell, { text: row.valueText });
        }
      }
    },
  },
  {
    meta: { id: 'SAT-004', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of rows(form)) {
        const p = row.parsed;
        if (p.kind === 'quantity' && p.unit === '%' && (p.cmp === '≤' || p.cmp === '<')) report(form, row.value.cell, { text: row.valueText });
      }
    },
  },
];
