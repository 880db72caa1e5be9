/** 另存为模板: user templates kept in the workbook's settings, and the active sheet's form read to make one. */
import type { Form } from '../core/form/model';
import { readSheet } from '../core/form/parse';
import { USER_TEMPLATES_KEY, addUserTemplate, readUserTemplates, type Template } from '../core/templates';
import type { SavedTemplate } from '../taskpane/paneHost';
import { queueSheetList, readSheetData } from './read';
import { queueSetting } from './settings';

/** The workbook's user templates; ones that are not valid templates (hand-edited, crafted, oversized) are left out. */
export async function loadUserTemplates(context: Excel.RequestContext): Promise<Template[]> {
  const read = queueSetting(context, USER_TEMPLATES_KEY);
  await context.sync();
  const s = read();
  return 'value' in s ? readUserTemplates(s.value).templates : [];
}

export async function saveUserTemplates(context: Excel.RequestContext, templates: Template[]): Promise<void> {
  if (templates.length) context.workbook.settings.add(USER_TEMPLATES_KEY, JSON.stringify(templates));
  else context.workbook.settings.getItemOrNullObject(USER_TEMPLATES_KEY).delete();
  await context.sync();
}

export type ActiveForm = { form: Form; sheet: string } | { reason: 'noForm' | 'tooLarge'; sheet: string };

/** The first form on the active sheet (three syncs: sheet list, cells, nothing else written). */
export async function readActiveForm(context: Excel.RequestContext, mergesSupported: boolean): Promise<ActiveForm> {
  const list = queueSheetList(context);
  await context.sync();
  const { all, activeId } = list();
  const ref = all.find((r) => r.id === activeId) ?? all[0];
  const [read] = await readSheetData(context, [ref], mergesSupported);
  if (!read.grid) return { reason: 'tooLarge', sheet: ref.name };
  const form = readSheet(read.grid, 'workbook').forms[0];
  return form ? { form, sheet: ref.name } : { reason: 'noForm', sheet: ref.name };
}

/** Add the active sheet's form as a template; a template of the same title is replaced. */
export async function saveActiveAsTemplate(context: Excel.RequestContext, title: string, mergesSupported: boolean): Promise<SavedTemplate> {
  const active = await readActiveForm(context, mergesSupported);
  if ('reason' in active) return active;
  const added = addUserTemplate(await loadUserTemplates(context), active.form, active.sheet, title);
  await saveUserTemplates(context, added.templates);
  return added;
}
