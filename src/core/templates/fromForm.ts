/**
 * 另存为模板: a form from the workbook becomes a user template, kept in the
 * workbook's settings so colleagues who open the file get it too.
 */
import type { Form } from '../form/model';
import type { Level1 } from '../form/labels';
import { isMoneyCostRow, substantive } from '../rules/util';
import type { Template, TemplateRow } from './model';

/** The workbook setting that holds user templates (JSON array of Template). */
export const USER_TEMPLATES_KEY = 'goalsheet.templates';

const LEVEL1_LABEL: Record<Level1, string> = { output: '产出指标', cost: '成本指标', benefit: '效益指标', satisfaction: '满意度指标' };

export function templateFromForm(form: Form, title: string, id: string): Template {
  const costRows = form.indicators.filter((r) => substantive(r) && isMoneyCostRow(form, r));
  const rows: TemplateRow[] = form.indicators.map((r) => {
    // With one money cost row the new budget flows into it; several keep the split as written.
    const cost = costRows.length === 1 && costRows[0] === r;
    return {
      l1: r.l1.text || (r.level1 ? LEVEL1_LABEL[r.level1] : ''),
      l2: r.l2.text,
      l3: r.l3.text,
      desc: r.desc?.text ?? '',
      value: cost ? null : r.valueText || null,
      basis: r.basis?.text ?? '',
      ...(cost ? { cost: true } : {}),
    };
  });
  const from = form.name?.text || form.sheet;
  return {
    id,
    title: { zh: title, en: title },
    summary: { zh: `由“${from}”另存的模板。`, en: `Saved from “${from}”.` },
    useExample: form.use?.text ?? '',
    goalExample: form.goal?.text ?? '',
    rows,
    custom: true,
  };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isBilingual = (v: unknown): boolean => !!v && typeof v === 'object' && isText((v as Record<string, unknown>).zh) && isText((v as Record<string, unknown>).en);

function isRow(v: unknown): v is TemplateRow {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return ['l1', 'l2', 'l3', 'desc', 'basis'].every((k) => isText(r[k])) && (r.value === null || isText(r.value));
}

/** User templates as stored in the workbook; entries that are not templates (hand-edited, older) are left out. */
export function parseUserTemplates(value: unknown): Template[] {
  if (!Array.isArray(value)) return [];
  return value.filter((t): t is Template => {
    if (!t || typeof t !== 'object') return false;
    const x = t as Record<string, unknown>;
    return isText(x.id) && isBilingual(x.title) && isBilingual(x.summary) && isText(x.useExample) && isText(x.goalExample) && Array.isArray(x.rows) && x.rows.length > 0 && x.rows.every(isRow);
  }).map((t) => ({ ...t, custom: true }));
}
