/** FORM: is the block a complete form of its layout family. */
import { sheetNameProblem } from '../sheetName';
import type { FormPart } from '../form/families';
import type { HeaderKind } from '../form/labels';
import type { Rule } from './types';
import { formFamily } from './util';

const PARTS_EN: Record<FormPart, string> = {
  code: 'project code', name: 'project name', total: 'budget amount', use: 'use of funds',
  plan: 'spending plan (%)', goal: 'annual performance goal', header: 'indicator header row',
};

const COLUMN_NAMES: Record<HeaderKind, string> = {
  h1: '一级指标', h2: '二级指标', h3: '三级指标', hcontent: '指标内容', hdesc: '绩效指标描述', hcmp: '指标性质',
  hvalue: '指标值', hunit: '度量单位', hbasis: '指标确定依据', hweight: '权重', hnote: '备注',
};

export const formRules: Rule[] = [
  {
    meta: { id: 'FORM-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const family = formFamily(form);
      for (const part of form.missing) {
        report(form, form.firstCell, { part: family.words[part], partEn: PARTS_EN[part], family: family.name[0], familyEn: family.name[1] });
      }
    },
  },
  {
    meta: { id: 'FORM-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      const h = form.header;
      if (!h || (h.inOrder && h.missing.length === 0)) return;
      const family = formFamily(form);
      const columns = family.columns.map((k) => COLUMN_NAMES[k]).join('、');
      const names = h.missing.map((k) => COLUMN_NAMES[k]).join('、');
      report(form, h.cell, h.missing.length
        ? { columns: columns + (family.ordered ? '（依次）' : ''), columnsEn: columns, problem: `缺少 ${names}`, problemEn: `missing ${names}` }
        : { columns: columns + '（依次）', columnsEn: `${columns} in that order`, problem: '列的顺序不对', problemEn: 'the columns are out of order' });
    },
  },
  {
    meta: { id: 'FORM-003', severity: 'error' },
    scope: 'form',
    check(form, report) {
      // A header missing the columns that carry an indicator is FORM-002's finding, not an empty table.
      if (form.header && form.header.missing.length === 0 && form.indicators.length === 0) report(form, form.header.cell);
    },
  },
];

/** FORM-000: a sheet that looks like a form but could not be read as one. */
export const sheetRules: Rule[] = [
  {
    meta: { id: 'FORM-000', severity: 'warning' },
    scope: 'sheet',
    check(sheet, report) {
      for (const u of sheet.unrecognised) {
        report({ workbook: u.workbook, sheet: u.sheet, index: -1 }, u.cell, { missing: u.missing.map((m) => `“${m}”`).join('、'), missingEn: u.missing.join(', ') });
      }
    },
  },
];

/** FORM-004 comes after the form rules in the catalogue. */
export const sheetNameRules: Rule[] = [
  {
    // FORM-004: a sheet name Excel would refuse (a received file may carry one): read anyway, and said.
    meta: { id: 'FORM-004', severity: 'warning' },
    scope: 'sheet',
    check(sheet, report) {
      const problem = sheetNameProblem(sheet.name);
      if (!problem) return;
      const [reason, reasonEn] = problem.split(' / ');
      report({ workbook: sheet.workbook, sheet: sheet.name, index: -1 }, sheet.origin, { reason, reasonEn });
    },
  },
];
