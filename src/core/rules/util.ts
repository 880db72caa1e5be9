/** Small readings of the form model shared by several rule families. */
import type { Field, Form, IndicatorRow } from '../form/model';
import { isBlank } from '../text';
import type { Rule, Severity } from './types';
import type { Amount } from '../values';
import { FAMILY_BY_ID } from '../form/families';

export const substantive = (row: IndicatorRow): boolean => !row.notApplicable;

/** Rows that state a cost in money: 成本 under 产出 (classic), 经济成本 under 成本 (2021). */
export function isMoneyCostRow(form: Form, row: IndicatorRow): boolean {
  if (form.framework === '2021') return row.level1 === 'cost' && row.level2 === 'economicCost';
  return row.level2 === 'cost';
}

export function isCostRow(row: IndicatorRow): boolean {
  return row.level1 === 'cost' || row.level2 === 'cost';
}

/** 满意度 rows: their own 一级, or a 满意度 二级 under 效益 (the older template). */
export function isSatisfactionRow(row: IndicatorRow): boolean {
  return row.level1 === 'satisfaction' || row.level2 === 'satisfaction';
}

/** The unit that amounts typed without one are in: another amount's unit, or a label's. */
export function settledUnitWan(form: Form): number | undefined {
  for (const f of [form.total, form.fiscal, form.other, form.adjust]) {
    const a = f?.amount;
    if (a && typeof a === 'object' && a.unitWan !== null) return a.unitWan;
  }
  return form.labelUnitWan;
}

/** An amount in 万元, or undefined when its unit cannot be settled. */
export function inWan(form: Form, a: Amount | 'empty' | 'invalid' | undefined): number | undefined {
  if (!a || typeof a !== 'object') return undefined;
  const unit = a.unitWan ?? settledUnitWan(form);
  return unit === undefined ? undefined : a.num * unit;
}

/** Format an amount in 万元 for a message. */
export function wan(n: number): string {
  return `${Number(n.toFixed(4))}万元`;
}

/** Change-of-value rates (增长率 …) may exceed 100%. */
export function isChangeRate(row: IndicatorRow): boolean {
  return /增长|增幅|增加|增速|提高|提升|同比|环比|比上年|较上年/.test(row.l3.text);
}

/** A rule for a field the form has a place for but left empty (reported at the value cell). */
export function emptyFieldRule(id: string, severity: Severity, pick: (form: Form) => Field | undefined): Rule {
  return {
    meta: { id, severity },
    scope: 'form',
    check(form, report) {
      const field = pick(form);
      if (field && isBlank(field.text)) report(form, field.cell);
    },
  };
}

/** The table prints 一级/二级 columns (a table without them says nothing about levels). */
export function levelsPrinted(form: Form): boolean {
  return !form.header || form.header.levels;
}

/** The table has a 二级 level (a table whose 二级 column holds the 一级 has none to check). */
export function secondLevelPrinted(form: Form): boolean {
  return !form.header || form.header.secondLevel;
}

const targets = new WeakMap<Form, IndicatorRow[]>();

/** Every target of every row: a row with one value per region is checked once per region. Kept per form: twenty rules ask. */
export function valueRows(form: Form): IndicatorRow[] {
  let rows = targets.get(form);
  if (!rows) {
    const regional = form.indicators.some((r) => r.also);
    rows = regional
      ? form.indicators.flatMap((r) => [r, ...(r.also ?? []).map((t) => ({ ...r, ...t, cmp: undefined, unit: undefined, also: undefined }))])
      : form.indicators;
    targets.set(form, rows);
  }
  return rows;
}

/** The layout family a form was read in: what its template prints and asks. */
export const formFamily = (form: Form) => FAMILY_BY_ID.get(form.family)!;
