/** FORM: is the block a complete official form. */
import type { FormPart } from '../form/model';
import type { Rule } from './types';

const PART_NAMES: Record<FormPart, [string, string]> = {
  code: ['项目编码', 'project code'],
  name: ['项目名称', 'project name'],
  total: ['预算数', 'budget'],
  use: ['资金用途', 'use of funds'],
  plan: ['资金支出计划(%)', 'spending plan (%)'],
  goal: ['绩效目标', 'performance goal'],
  header: ['指标表头(一级指标…指标确定依据)', 'indicator header row'],
};

const HEADER_NAMES = { h1: '一级指标', h2: '二级指标', h3: '三级指标', hdesc: '绩效指标描述', hvalue: '指标值', hbasis: '指标确定依据' };

export const formRules: Rule[] = [
  {
    meta: { id: 'FORM-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const part of form.missing) {
        report(form, form.firstCell, { part: PART_NAMES[part][0], partEn: PART_NAMES[part][1] });
      }
    },
  },
  {
    meta: { id: 'FORM-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const h = form.header;
      if (!h || h.inOrder) return;
      const missing = (Object.keys(HEADER_NAMES) as (keyof typeof HEADER_NAMES)[]).filter((k) => !h.found[k]);
      const names = missing.map((k) => HEADER_NAMES[k]).join('、');
      report(form, h.cell, missing.length
        ? { problem: `缺少 ${names}`, problemEn: `missing ${names}` }
        : { problem: '列的顺序不对', problemEn: 'the columns are out of order' });
    },
  },
  {
    meta: { id: 'FORM-003', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (form.header && form.indicators.length === 0) report(form, form.header.cell);
    },
  },
];
