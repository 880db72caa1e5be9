/** GOAL: 绩效目标 states an outcome. */
import { essence, isBlank } from '../text';
import type { Rule } from './types';
import { emptyFieldRule } from './util';

export const goalRules: Rule[] = [
  emptyFieldRule('GOAL-001', 'error', (f) => f.goal),
  {
    meta: { id: 'GOAL-002', severity: 'warning' },
    scope: 'form',
    check(form, report, opts) {
      const goal = form.goal;
      if (!goal || isBlank(goal.text)) return;
      const g = essence(goal.text);
      const use = form.use ? essence(form.use.text).replace(/^用于/, '') : '';
      if (use && g.replace(/^用于/, '') === use) {
        report(form, goal.cell, { problem: '与资金用途相同', problemEn: 'repeats the use of funds' });
      } else if ([...g].length < opts.goalMinLength) {
        report(form, goal.cell, {
          problem: `不足${opts.goalMinLength}字`,
          problemEn: `is shorter than ${opts.goalMinLength} characters`,
        });
      }
    },
  },
];
