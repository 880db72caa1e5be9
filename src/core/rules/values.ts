/** VAL: 指标值, read with the one value grammar in core/values. */
import type { Level2 } from '../form/labels';
import type { Form, IndicatorRow } from '../form/model';
import { hasInnerSpace, isBlank, normLabel, removeSpaces } from '../text';
import type { UnitClass } from '../units';
import { GOOD_SCALE, respell } from '../values';
import { rowName } from './indicators';
import { isChangeRate, isMoneyCostRow, isSatisfactionRow, substantive, valueRows } from './util';
import type { Report, Rule } from './types';

function valueText(row: IndicatorRow): string {
  return row.value.raw?.error ? `${row.value.raw.error}（Excel 错误值）` : row.valueText;
}

function unitClassOf(row: IndicatorRow): UnitClass | undefined {
  const p = row.parsed;
  return p.kind === 'quantity' || p.kind === 'range' ? p.unitClass : undefined;
}

/** Units that do not fit a 二级指标, with the reason. */
const MISFIT: Partial<Record<Level2, { bad: UnitClass[]; zh: string; en: string }>> = {
  quality: { bad: ['money', 'time', 'frequency', 'count'], zh: '应为比率（%）', en: 'should be a rate (%)' },
  quantity: { bad: ['percent'], zh: '应为带计量单位的数量，而不是百分比', en: 'should be a count with a counting unit, not a percentage' },
  timeliness: { bad: ['money', 'count'], zh: '应为时间（天/小时/分钟/月/日期）或比率', en: 'should be a time (days, hours, minutes, a date) or a rate' },
};

/** The 好/较好/一般 scale is measurable only where the form spells the grades out. */
function scaleStated(row: IndicatorRow): boolean {
  const text = normLabel((row.desc?.text ?? '') + row.l3.text);
  return /分级|等级|分档|档次|评价标准|评分标准/.test(text) || GOOD_SCALE.filter((g) => text.includes(g)).length >= 2;
}

function spaces(report: Report, form: Form, field: { text: string; cell: string; raw?: { value: unknown } }, what: [string, string], lineBreaks: boolean): void {
  if (!hasInnerSpace(field.text, lineBreaks)) return;
  const original = typeof field.raw?.value === 'string' ? field.raw.value : field.text;
  report(form, field.cell, { what: what[0], whatEn: what[1], text: field.text }, { cell: field.cell, newValue: removeSpaces(original, lineBreaks) });
}

export const valueRules: Rule[] = [
  {
    meta: { id: 'VAL-001', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        if (row.parsed.kind === 'empty') report(form, row.value.cell, { l3: rowName(row) });
      }
    },
  },
  {
    meta: { id: 'VAL-002', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        if (row.parsed.kind === 'placeholder') report(form, row.value.cell, { l3: rowName(row), text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'VAL-003', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        // A money cost row's text is COST-001's: "not an amount of money" says more than "unreadable".
        if (row.parsed.kind === 'unreadable' && !isSatisfactionRow(row) && !(isMoneyCostRow(form, row) && !row.value.raw?.error)) {
          report(form, row.value.cell, { text: valueText(row) });
        }
      }
    },
  },
  {
    meta: { id: 'VAL-004', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        // Where the export has a 度量单位 column, that is the cell to fill.
        if (unitClassOf(row) === 'none' && !isSatisfactionRow(row)) report(form, (row.unit ?? row.value).cell, { text: row.valueText });
      }
    },
  },
  {
    meta: { id: 'VAL-005', severity: 'error' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        const p = row.parsed;
        if (isChangeRate(row)) continue;
        const say = (zh: string, en: string) => report(form, row.value.cell, { text: row.valueText, problem: zh, problemEn: en });
        if (p.kind === 'range' && p.unit === '%' && (p.hi > 100 || p.lo < 0)) say('超出0–100%', 'is outside 0–100%');
        if (p.kind !== 'quantity' || p.unit !== '%') continue;
        if (p.num > 100 || p.num < 0) say('超出0–100%', 'is outside 0–100%');
        else if (p.cmp === '>' && p.num >= 100) say('要求超过100%，任何结果都无法达到', 'asks for more than 100%, which no result can meet');
        else if (p.cmp === '≥' && p.num >= 100 && !isSatisfactionRow(row)) {
          say('要求“不低于100%”，比率无法超过100%；应写作“=100%”', 'asks for at least 100%, but a rate cannot exceed 100%; write =100%');
        }
      }
    },
  },
  {
    meta: { id: 'VAL-006', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        const misfit = row.level2 && MISFIT[row.level2];
        const cls = unitClassOf(row);
        if (!misfit || !cls || !misfit.bad.includes(cls) || isMoneyCostRow(form, row)) continue;
        report(form, (row.unit ?? row.value).cell, { l2: row.l2.text, text: row.valueText, problem: misfit.zh, problemEn: misfit.en });
      }
    },
  },
  {
    meta: { id: 'VAL-007', severity: 'info', fixable: true },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form)) {
        const p = row.parsed;
        if ((p.kind === 'quantity' || p.kind === 'deadline') && p.respelled) {
          // The comparator lives in the 指标性质 column where the export splits it out.
          const target = row.cmp && !isBlank(row.cmp.text) ? row.cmp : row.value;
          const fixed = respell(target.text, p.respelled);
          report(form, target.cell, { text: row.valueText, written: p.respelled.written, standard: p.respelled.standard }, { cell: target.cell, newValue: fixed });
        }
      }
    },
  },
  {
    meta: { id: 'VAL-008', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form)) {
        // Periods ("2024.03-2024.12") are VAL-011's, an info with a better hint.
        if (typeof row.value.raw?.value !== 'string' || row.parsed.kind === 'placeholder' || row.parsed.kind === 'deadline') continue;
        const chars = [...new Set(row.value.text.match(/[*_\-－—–]/g) ?? [])];
        if (!chars.length) continue;
        const p = row.parsed;
        const single = p.kind === 'range' ? `≥${p.lo}${p.unit}` : '';
        report(form, row.value.cell, {
          text: row.value.text,
          chars: chars.join(''),
          hint: single ? `建议只写一个界限，如“${single}”。` : '',
          hintEn: single ? `Give a single bound such as “${single}”.` : '',
        });
      }
    },
  },
  {
    meta: { id: 'VAL-009', severity: 'info', fixable: true },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form)) {
        spaces(report, form, row.l3, ['三级指标', 'level-3 indicator'], true);
        if (typeof row.value.raw?.value === 'string') spaces(report, form, row.value, ['指标值', 'target value'], true);
      }
      if (form.goal) spaces(report, form, form.goal, ['绩效目标', 'performance goal'], false);
    },
  },
  {
    meta: { id: 'VAL-010', severity: 'warning' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        if (isSatisfactionRow(row)) continue;
        const p = row.parsed;
        if (p.kind === 'vague' || (p.kind === 'qualitative' && p.needsScale && !scaleStated(row))) {
          report(form, row.value.cell, { text: row.valueText });
        }
      }
    },
  },
  {
    meta: { id: 'VAL-011', severity: 'info' },
    scope: 'form',
    check(form, report) {
      for (const row of valueRows(form).filter(substantive)) {
        const p = row.parsed;
        if (p.kind !== 'deadline' || !p.period || !/[-－—–]/.test(row.valueText)) continue;
        const end = normLabel(row.valueText).split(/[-－—–]/).pop() ?? '';
        report(form, row.value.cell, { text: row.valueText, end });
      }
    },
  },
];
