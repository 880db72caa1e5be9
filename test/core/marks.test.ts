import { planMarks } from '../../src/core/marks';
import type { Finding } from '../../src/core/rules/types';

const f = (ruleId: string, severity: Finding['severity'], cell: string, sheet = 'S'): Finding => ({
  ruleId, severity, cell, sheet, message: `${ruleId} 说明`, workbook: 'w', form: 0,
});

test('one mark per cell, coloured by its worst finding, carrying every explanation', () => {
  const marks = planMarks([f('VAL-009', 'info', 'E13'), f('COST-002', 'error', 'E13'), f('COST-004', 'warning', 'E13'), f('PLAN-004', 'info', 'B7')]);
  expect(marks.map((m) => [m.cell, m.severity, m.ruleIds])).toEqual([
    ['B7', 'info', ['PLAN-004']],
    ['E13', 'error', ['COST-002', 'COST-004', 'VAL-009']],
  ]);
  expect(marks[1].text.split('\n')).toEqual(['【错误】COST-002 COST-002 说明', '【警告】COST-004 COST-004 说明', '【提示】VAL-009 VAL-009 说明']);
});

test('English severity words on request', () => {
  expect(planMarks([f('SAT-001', 'error', 'E18')], 'en')[0].text).toBe('【Error】SAT-001 SAT-001 说明');
});
