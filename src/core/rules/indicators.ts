/** IND: the indicator table's structure (一级/二级/三级, description, basis, 不涉及 rows). */
import { belongs, isNotApplicable, isOlderSatisfaction, type HeaderKind, type Level1, type Level2 } from '../form/labels';
import type { Form, IndicatorRow } from '../form/model';
import { isBlank, normLabel } from '../text';
import { formFamily, isSatisfactionRow, levelsPrinted, secondLevelPrinted, substantive } from './util';
import type { Rule } from './types';

const L1_NAMES: Record<Level1, string> = { output: '产出指标', cost: '成本指标', benefit: '效益指标', satisfaction: '满意度指标' };
const L2_NAMES: Record<Level2, string> = {
  quantity: '数量指标', quality: '质量指标', timeliness: '时效指标', cost: '成本指标',
  economicCost: '经济成本指标', socialCost: '社会成本指标', ecoCost: '生态环境成本指标',
  economic: '经济效益指标', social: '社会效益指标', ecological: '生态效益指标', sustainable: '可持续影响指标',
  satisfaction: '服务对象满意度指标',
  budgetControl: '预算控制指标',
};

function allowedUnder(l1: Level1, framework: Form['framework']): string {
  return (Object.keys(L2_NAMES) as Level2[])
    .filter((k) => belongs(l1, k, framework))
    .map((k) => L2_NAMES[k])
    .join('、');
}

/** Name a row in messages by its 三级指标, or by its row number when that is empty. */
export function rowName(row: IndicatorRow): string {
  return isBlank(row.l3.text) ? `第${row.row + 1}行` : row.l3.text;
}

/** The family's template asks for this column (an optional 指标解释 left blank is no finding). */
function asks(form: Form, column: HeaderKind): boolean {
  return formFamily(form).columns.includes(column);
}

function isRealEntry(text: string): boolean {
  const l = normLabel(text);
  return l !== '' && !isNotApplicable(l) && l !== '文字描述';
}

export const indicatorRules: Rule[] = [
  {
    meta: { id: 'IND-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form)) return;
      for (const row of form.indicators) {
        if (!row.level1Written) report(form, row.l1.cell, { text: row.l1.text || '（空）' });
      }
    },
  },
  {
    meta: { id: 'IND-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form) || !secondLevelPrinted(form)) return;
      for (const row of form.indicators) {
        const empty = isBlank(row.l2.text);
        // A row whose 一级 is missing takes it from its 二级 (IND-001 reports the 一级), so only an empty 二级 is left to report.
        if (row.level1 && row.level2 && belongs(row.level1, row.level2, form.framework)) continue;
        if (isOlderSatisfaction(row.level1, row.level2)) continue; // IND-013
        if (empty && row.notApplicable && !row.level1Written) continue; // a blank template row
        const problem: [string, string] = empty
          ? ['二级指标未填写。', 'The level-2 indicator is empty.']
          : [`二级指标“${row.l2.text}”不属于一级指标“${row.l1.text}”。`, `Level-2 indicator “${row.l2.text}” does not belong under “${row.l1.text}”.`];
        report(form, row.l2.cell, { problem: problem[0], problemEn: problem[1], allowed: row.level1 ? allowedUnder(row.level1, form.framework) : '—' });
      }
    },
  },
  {
    meta: { id: 'IND-003', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form)) return;
      if (!form.header || form.indicators.length === 0) return;
      const has = (l1: Level1) => form.indicators.some((r) => r.level1 === l1);
      const needed: Level1[] = form.framework === '2021' ? ['cost', 'output', 'benefit'] : ['output', 'benefit'];
      const missing = needed.filter((l1) => !has(l1)).map((l1) => L1_NAMES[l1]);
      if (missing.length) report(form, form.header.cell, { missing: missing.join('、') });
    },
  },
  {
    meta: { id: 'IND-004', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form) || !secondLevelPrinted(form)) return;
      const output = form.indicators.filter((r) => r.level1 === 'output');
      if (!output.length) return;
      const missing = (['quantity', 'quality', 'timeliness'] as Level2[]).filter((k) => !output.some((r) => r.level2 === k));
      if (missing.length) report(form, output[0].l1.cell, { missing: missing.map((k) => L2_NAMES[k]).join('、') });
    },
  },
  {
    meta: { id: 'IND-005', severity: 'error' },
    scope: 'form',
    check(form, report) {
      // A template row left wholly blank does not apply; one with a value but no name lacks its name.
      for (const row of form.indicators) if (isBlank(row.l3.text) && !row.notApplicable) report(form, row.l3.cell);
    },
  },
  {
    meta: { id: 'IND-006', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      const seen = new Map<string, IndicatorRow>();
      for (const row of form.indicators.filter(substantive)) {
        const k = normLabel(row.l3.text);
        if (!k) continue;
        const first = seen.get(k);
        if (first) report(form, row.l3.cell, { text: row.l3.text, firstRow: first.row + 1 });
        else seen.set(k, row);
      }
    },
  },
  {
    meta: { id: 'IND-007', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of form.indicators.filter(substantive)) {
        if (row.desc && asks(form, 'hdesc') && isBlank(row.desc.text)) report(form, row.desc.cell, { l3: rowName(row) });
      }
    },
  },
  {
    meta: { id: 'IND-008', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of form.indicators.filter(substantive)) {
        if (row.basis && asks(form, 'hbasis') && isBlank(row.basis.text)) report(form, row.basis.cell, { l3: rowName(row) });
      }
    },
  },
  {
    meta: { id: 'IND-009', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of form.indicators) {
        const basis = row.basis;
        if (row.notApplicable) {
          if (row.parsed.kind !== 'empty' && row.parsed.kind !== 'placeholder' && isRealEntry(row.value.text)) {
            report(form, row.value.cell, {
              problem: `三级指标为“不涉及”，指标值却填了“${row.value.text}”。`,
              problemEn: `The level-3 indicator says 不涉及 but the value holds “${row.value.text}”.`,
            });
          }
          // A 依据 merged down from a real row above is that row's, not this one's.
          if (basis && !basis.inherited && isRealEntry(basis.text)) {
            report(form, basis.cell, {
              problem: `三级指标为“不涉及”，指标确定依据却填了“${basis.text}”。`,
              problemEn: `The level-3 indicator says 不涉及 but the basis holds “${basis.text}”.`,
            });
          }
        } else if (basis && !isBlank(basis.text) && !isRealEntry(basis.text) && normLabel(basis.text) !== '文字描述') {
          report(form, basis.cell, {
            problem: `指标“${rowName(row)}”是实际指标，指标确定依据却写“${basis.text}”。`,
            problemEn: `Indicator “${rowName(row)}” is a real indicator but gives “${basis.text}” as its basis.`,
          });
        }
      }
    },
  },
  {
    meta: { id: 'IND-010', severity: 'error' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form)) return;
      const benefit = form.indicators.filter((r) => r.level1 === 'benefit' && !isSatisfactionRow(r));
      if (benefit.length && benefit.every((r) => r.notApplicable)) report(form, benefit[0].l3.cell);
    },
  },
  {
    meta: { id: 'IND-011', severity: 'warning' },
    scope: 'form',
    check(form, report, opts) {
      if (!form.header || form.indicators.length === 0) return;
      const count = form.indicators.filter(substantive).length;
      if (count < opts.minIndicators) report(form, form.header.cell, { count, min: opts.minIndicators });
    },
  },
  {
    meta: { id: 'IND-012', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form)) return;
      if (!form.header || form.indicators.length === 0) return;
      if (form.indicators.some(isSatisfactionRow)) return;
      // The catalogue allows no 满意度 where no one is served, if 绩效目标 says so.
      if (form.goal && /无服务对象|没有服务对象|不涉及服务对象|不涉及满意度|无需(开展)?满意度/.test(normLabel(form.goal.text))) return;
      report(form, form.header.cell);
    },
  },
  {
    meta: { id: 'IND-013', severity: 'info' },
    scope: 'form',
    check(form, report) {
      if (!levelsPrinted(form)) return;
      const older = form.indicators.find((r) => isOlderSatisfaction(r.level1, r.level2));
      if (older) report(form, older.l2.cell, { l2: older.l2.text });
    },
  },
];
