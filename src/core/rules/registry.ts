/** Every rule, in catalogue order. The ids are the public contract of docs/rules.md. */
import { budgetRules } from './budget';
import { codeRules } from './code';
import { costRules } from './cost';
import { formRules, sheetNameRules, sheetRules } from './form';
import { goalRules } from './goal';
import { indicatorRules } from './indicators';
import { planRules } from './plan';
import { satisfactionRules } from './satisfaction';
import { valueRules } from './values';
import { workbookRules } from './workbook';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  ...sheetRules,
  ...formRules,
  ...sheetNameRules,
  ...codeRules,
  ...workbookRules,
  ...budgetRules,
  ...planRules,
  ...goalRules,
  ...indicatorRules,
  ...valueRules,
  ...costRules,
  ...satisfactionRules,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);
export const RULE_BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));
