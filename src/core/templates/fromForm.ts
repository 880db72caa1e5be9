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
  // A saved template must read back: texts longer than a template holds are cut.
  const cap = (t: string) => t.slice(0, TEMPLATE_LIMITS.textChars);
  const costRows = form.indicators.filter((r) => substantive(r) && isMoneyCostRow(form, r));
  const rows: TemplateRow[] = form.indicators.map((r) => {
    // With one money cost row the new budget flows into it; several keep the split as written.
    const cost = costRows.length === 1 && costRows[0] === r;
    return {
      l1: cap(r.l1.text || (r.level1 ? LEVEL1_LABEL[r.level1] : '')),
      l2: cap(r.l2.text),
      l3: cap(r.l3.text),
      desc: cap(r.desc?.text ?? ''),
      value: cost ? null : cap(r.valueText) || null,
      basis: cap(r.basis?.text ?? ''),
      ...(cost ? { cost: true } : {}),
    };
  });
  const from = form.name?.text || form.sheet;
  return {
    id,
    title: { zh: title.slice(0, TEMPLATE_LIMITS.titleChars), en: title.slice(0, TEMPLATE_LIMITS.titleChars) },
    summary: { zh: cap(`由“${from}”另存的模板。`), en: cap(`Saved from “${from}”.`) },
    useExample: cap(form.use?.text ?? ''),
    goalExample: cap(form.goal?.text ?? ''),
    rows: rows.slice(0, TEMPLATE_LIMITS.rows),
    custom: true,
  };
}

/** Limits on a template read from a workbook: what a person would type, not what a crafted file can hold. */
export const TEMPLATE_LIMITS = { templates: 50, rows: 100, titleChars: 40, textChars: 500 } as const;

const isText = (v: unknown, max: number = TEMPLATE_LIMITS.textChars): v is string => typeof v === 'string' && v.length <= max;
const isBilingual = (v: unknown, max: number = TEMPLATE_LIMITS.textChars): boolean =>
  !!v && typeof v === 'object' && isText((v as Record<string, unknown>).zh, max) && isText((v as Record<string, unknown>).en, max);

function isRow(v: unknown): v is TemplateRow {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return ['l1', 'l2', 'l3', 'desc', 'basis'].every((k) => isText(r[k])) && (r.value === null || isText(r.value)) && (r.cost === undefined || typeof r.cost === 'boolean');
}

function isTemplate(t: unknown): t is Template {
  if (!t || typeof t !== 'object') return false;
  const x = t as Record<string, unknown>;
  return (
    isText(x.id, 60) && isBilingual(x.title, TEMPLATE_LIMITS.titleChars) && isBilingual(x.summary) && isText(x.useExample) && isText(x.goalExample) &&
    Array.isArray(x.rows) && x.rows.length > 0 && x.rows.length <= TEMPLATE_LIMITS.rows && x.rows.every(isRow)
  );
}

/**
 * User templates as stored in the workbook: data from whoever sent the file. Entries that are not templates
 * (hand-edited, older, oversized) are left out and counted; only the known fields are kept.
 */
export function readUserTemplates(value: unknown): { templates: Template[]; dropped: number } {
  if (!Array.isArray(value)) return { templates: [], dropped: value === undefined ? 0 : 1 };
  const ok = value.slice(0, TEMPLATE_LIMITS.templates).filter(isTemplate);
  const templates = ok.map((t) => ({
    id: t.id,
    title: { zh: t.title.zh, en: t.title.en },
    summary: { zh: t.summary.zh, en: t.summary.en },
    useExample: t.useExample,
    goalExample: t.goalExample,
    rows: t.rows.map((r) => ({ l1: r.l1, l2: r.l2, l3: r.l3, desc: r.desc, value: r.value, basis: r.basis, ...(r.cost ? { cost: true } : {}) })),
    custom: true,
  }));
  return { templates, dropped: value.length - templates.length };
}

export const parseUserTemplates = (value: unknown): Template[] => readUserTemplates(value).templates;

/** The workbook's templates with `form` added as one titled `title` (else the form's or sheet's name); one of the same title is replaced. */
export function addUserTemplate(existing: readonly Template[], form: Form, sheet: string, title: string, id = `user-${Date.now().toString(36)}`): { template: Template; templates: Template[] } {
  const template = templateFromForm(form, (title.trim() || form.name?.text || sheet).slice(0, TEMPLATE_LIMITS.titleChars), id);
  return { template, templates: [...existing.filter((t) => t.title.zh !== template.title.zh), template] };
}
