/** COST: 成本指标 measured in money and tied to 预算数. */
import type { Form, IndicatorRow } from '../form/model';
import { rowName } from './indicators';
import { inWan, isCostRow, isMoneyCostRow, levelsPrinted, substantive, valueRows, wan } from './util';
import type { Rule } from './types';
import { MONEY } from '../units';

const moneyRows = (form: Form) => valueRows(form).filter((r) => substantive(r) && isMoneyCostRow(form, r));

/** A money cost row's amount in 万元 (a range counts at its lower end). */
function amountWan(row: IndicatorRow): number | undefined {
  const p = row.parsed;
  // A unit cost (1200元/亩) is a price, not a sum: it cannot be added up against 预算数.
  if (p.kind === 'quantity' && p.unitClass === 'money') return p.perUnit ? undefined : p.base;
  if (p.kind === 'quantity' && p.unit === '万') return p.num; // "250万" on a cost row is 万元
  if (p.kind === 'range' && p.unitClass === 'money') return p.lo * (MONEY[p.unit] ?? 1);
  return undefined;
}

/** Money cost rows to add up: a row that states the total of the others ("年度预算总成本") is not counted twice. */
function summed(form: Form): IndicatorRow[] {
  const rows = moneyRows(form).filter((r) => amountWan(r) !== undefined);
  const total = rows.reduce((s, r) => s + amountWan(r)!, 0);
  const sumRow = rows.length >= 3 ? rows.find((r) => Math.abs(2 * amountWan(r)! - total) <= 1e-9 * Math.max(1, total)) : undefined;
  return sumRow ? rows.filter((r) => r !== sumRow) : rows;
}

/** Quantity rows that must reach a count ("=10个", "≥10个"), by unit, in table order. */
function countedByUnit(form: Form): Map<string, IndicatorRow[]> {
  const out = new Map<string, IndicatorRow[]>();
  for (const r of valueRows(form)) {
    if (r.level2 !== 'quantity' || r.parsed.kind !== 'quantity' || (r.parsed.cmp !== '=' && r.parsed.cmp !== '≥')) continue;
    const list = out.get(r.parsed.unit);
    if (list) list.push(r);
    else out.set(r.parsed.unit, [r]);
  }
  return out;
}

export const costRules: Rule[] = [
  {
    meta: { id: 'COST-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of moneyRows(form)) {
        const p = row.parsed;
        const notMoney =
          ((p.kind === 'quantity' || p.kind === 'range') && p.unitClass !== 'money' && p.unitClass !== 'none' && p.unit !== '万') ||
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
      // A unit cost that must be paid for a counted quantity ("=23万元/个" and "=10个") implies a sum. The counted
      // quantities are grouped by unit once: filtering every row for each unit cost was quadratic in a long table.
      let countsByUnit: Map<string, IndicatorRow[]> | undefined;
      for (const row of rows) {
        const p = row.parsed;
        if (p.kind !== 'quantity' || !p.perUnit || (p.cmp !== '=' && p.cmp !== '≥')) continue;
        const per = p.unit.split('/').slice(1).join('/');
        countsByUnit ??= countedByUnit(form);
        const counts = countsByUnit.get(per) ?? [];
        if (counts.length !== 1) continue;
        const n = (counts[0].parsed as Extract<typeof p, { kind: 'quantity' }>).num;
        const implied = p.base * n;
        if (implied > total + eps) {
          report(form, row.value.cell, {
            problem: `成本指标“${row.valueText}”乘以数量“${counts[0].valueText}”为 ${wan(implied)}，超过预算数 ${wan(total)}。`,
            problemEn: `Cost “${row.valueText}” times the quantity “${counts[0].valueText}” comes to ${wan(implied)}, more than the budget ${wan(total)}.`,
          });
        }
      }
      const counted = summed(form);
      const sum = counted.reduce((s, r) => s + amountWan(r)!, 0);
      if (sum > total + eps) {
        const last = counted[counted.length - 1];
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
      const read = summed(form);
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
      for (const row of valueRows(form).filter((r) => substantive(r) && isCostRow(r))) {
        const p = row.parsed;
        if (p.kind === 'quantity' && (p.cmp === '≥' || p.cmp === '>')) report(form, (row.cmp ?? row.value).cell, { text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'COST-005', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!form.header || form.indicators.length === 0 || !levelsPrinted(form)) return;
      // Guangdong's 预算控制指标 stands where 成本 does in its template.
      if (!form.indicators.some((r) => isCostRow(r) || r.level2 === 'budgetControl')) report(form, form.header.cell);
    },
  },
];
