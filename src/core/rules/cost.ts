/** COST: 成本指标 measured in money and tied to 预算数. */
import type { Form, IndicatorRow } from '../form/model';
import { rowName } from './indicators';
import { inWan, isCostRow, isMoneyCostRow, substantive, wan } from './util';
import type { Rule } from './types';

const moneyRows = (form: Form) => form.indicators.filter((r) => substantive(r) && isMoneyCostRow(form, r));

/** A money cost row's amount in 万元 (a range counts at its lower end). */
function amountWan(row: IndicatorRow): number | undefined {
  const p = row.parsed;
  // A unit cost (1200元/亩) is a price, not a sum: it cannot be added up against 预算数.
  if (p.kind === 'quantity' && p.unitClass === 'money') return p.perUnit ? undefined : p.base;
  if (p.kind === 'range' && p.unitClass === 'money') return p.lo * (p.unit === '元' ? 1e-4 : p.unit === '亿元' ? 1e4 : 1);
  return undefined;
}

export const costRules: Rule[] = [
  {
    meta: { id: 'COST-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of moneyRows(form)) {
        const p = row.parsed;
        const notMoney =
          ((p.kind === 'quantity' || p.kind === 'range') && p.unitClass !== 'money' && p.unitClass !== 'none') ||
          p.kind === 'qualitative' || p.kind === 'deadline' || p.kind === 'vague' || p.kind === 'unreadable';
        if (notMoney) report(form, row.value.cell, { l3: rowName(row), text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'COST-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const total = inWan(form, form.total?.amount);
      if (total === undefined || total <= 0) return;
      const rows = moneyRows(form);
      const eps = 1e-9 * total;
      for (const row of rows) {
        const p = row.parsed;
        const a = amountWan(row);
        if (p.kind !== 'quantity' || a === undefined) continue;
        if ((p.cmp === '>' && a >= total - eps) || (p.cmp === '≥' && a > total + eps)) {
          report(form, row.value.cell, {
            problem: `成本指标“${row.valueText}”只有花费超过预算数 ${wan(total)} 才能达到。`,
            problemEn: `Cost target “${row.valueText}” can only be met by spending more than the budget ${wan(total)}.`,
          });
        }
      }
      const amounts = rows.map(amountWan).filter((a): a is number => a !== undefined);
      const sum = amounts.reduce((s, a) => s + a, 0);
      if (sum > total + eps) {
        const last = rows.filter((r) => amountWan(r) !== undefined).at(-1)!;
        report(form, last.value.cell, {
          problem: `成本指标合计 ${wan(sum)}，超过预算数 ${wan(total)}。`,
          problemEn: `Cost indicators add up to ${wan(sum)}, more than the budget ${wan(total)}.`,
        });
      }
    },
  },
  {
    meta: { id: 'COST-003', severity: 'warning' },
    scope: 'form',
    check(form, report, opts) {
      const total = inWan(form, form.total?.amount);
      if (total === undefined || total <= 0) return;
      const read = moneyRows(form).filter((r) => amountWan(r) !== undefined);
      if (!read.length) return;
      const sum = read.reduce((s, r) => s + amountWan(r)!, 0);
      if (sum < opts.costCoverageMin * total - 1e-9 * total) {
        report(form, read[0].value.cell, { sum: wan(sum), total: wan(total), ratio: Math.round(opts.costCoverageMin * 100) });
      }
    },
  },
  {
    meta: { id: 'COST-004', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of form.indicators.filter((r) => substantive(r) && isCostRow(r))) {
        const p = row.parsed;
        if (p.kind === 'quantity' && (p.cmp === '≥' || p.cmp === '>')) report(form, (row.cmp ?? row.value).cell, { text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'COST-005', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!form.header || form.indicators.length === 0) return;
      // Guangdong's 预算控制指标 stands where 成本 does in its template.
      if (!form.indicators.some((r) => isCostRow(r) || r.level2 === 'budgetControl')) report(form, form.header.cell);
    },
  },
];
