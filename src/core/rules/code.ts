/** CODE: 项目编码 present, well-formed, check character right, unique. */
import { checkCharacter, hasCodeShape, normaliseCode } from '../projectCode';
import { isBlank } from '../text';
import { firstOccurrences, where } from './workbook';
import type { Rule } from './types';
import { emptyFieldRule } from './util';

export const codeRules: Rule[] = [
  emptyFieldRule('CODE-001', 'error', (f) => f.code),
  {
    meta: { id: 'CODE-002', severity: 'error', fixable: true },
    scope: 'form',
    check(form, report) {
      const code = form.code;
      if (!code || isBlank(code.text)) return;
      if (hasCodeShape(code.text)) return;
      const fixed = normaliseCode(code.text);
      if (hasCodeShape(fixed)) {
        report(form, code.cell, {
          code: code.text,
          hint: `应写作“${fixed}”（去掉空格、字母大写）。`,
          hintEn: `Write “${fixed}” (no spaces, upper case).`,
        }, { cell: code.cell, newValue: fixed });
      } else {
        report(form, code.cell, { code: code.text, hint: `当前为 ${[...fixed].length} 位。`, hintEn: `It has ${[...fixed].length} characters.` });
      }
    },
  },
  {
    meta: { id: 'CODE-003', severity: 'error', fixable: true },
    scope: 'form',
    check(form, report) {
      const code = form.code;
      if (!code) return;
      const fixed = normaliseCode(code.text);
      if (!hasCodeShape(fixed)) return;
      const expected = checkCharacter(fixed.slice(0, 20));
      if (expected && expected !== fixed[20]) {
        report(form, code.cell, { code: code.text, expected }, { cell: code.cell, newValue: fixed.slice(0, 20) + expected });
      }
    },
  },
  {
    meta: { id: 'CODE-004', severity: 'error' },
    scope: 'run',
    check(forms, report) {
      const withCode = forms.filter((f) => f.code && !isBlank(f.code.text));
      for (const [form, first] of firstOccurrences(withCode, (f) => normaliseCode(f.code!.text))) {
        report(form, form.code!.cell, { code: form.code!.text, first: where(first, form, first.code!.cell) });
      }
    },
  },
];
