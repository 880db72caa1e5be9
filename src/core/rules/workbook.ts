/** NAME, UNIT and the cross-form helpers: rules that compare the forms of one workbook. */
import type { Form } from '../form/model';
import { isBlank, normLabel } from '../text';
import type { Rule } from './types';
import { emptyFieldRule } from './util';

/** Each form whose key was seen before, paired with the first form that had it. */
export function firstOccurrences(forms: Form[], key: (f: Form) => string): [Form, Form][] {
  const seen = new Map<string, Form>();
  const out: [Form, Form][] = [];
  for (const f of forms) {
    const k = key(f);
    const first = seen.get(k);
    if (first) out.push([f, first]);
    else seen.set(k, f);
  }
  return out;
}

/** "项目1!B3", with the file named when it is another workbook. */
export function where(target: Form, from: Form, cell: string): string {
  const sheet = `${target.sheet}!${cell}`;
  return target.workbook !== from.workbook && target.workbook ? `${target.workbook} ${sheet}` : sheet;
}

export const workbookRules: Rule[] = [
  emptyFieldRule('NAME-001', 'error', (f) => f.name),
  {
    meta: { id: 'NAME-002', severity: 'warning' },
    scope: 'workbook',
    check(forms, report) {
      const named = forms.filter((f) => f.name && !isBlank(f.name.text));
      for (const [form, first] of firstOccurrences(named, (f) => normLabel(f.name!.text))) {
        report(form, form.name!.cell, { name: form.name!.text, first: where(first, form, first.name!.cell) });
      }
    },
  },
  emptyFieldRule('UNIT-001', 'warning', (f) => f.unit),
  {
    meta: { id: 'UNIT-002', severity: 'warning' },
    scope: 'workbook',
    check(forms, report) {
      const units = forms.filter((f) => f.unit && !isBlank(f.unit.text));
      const first = units[0];
      if (!first) return;
      for (const f of units.slice(1)) {
        if (normLabel(f.unit!.text) !== normLabel(first.unit!.text)) {
          report(f, f.unit!.cell, { unit: f.unit!.text, firstUnit: first.unit!.text, first: where(first, f, first.unit!.cell) });
        }
      }
    },
  },
];
