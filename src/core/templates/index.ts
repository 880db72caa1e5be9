/** Templates: the model, the shipped ones, and turning one into a sheet. */
export * from './model';
export * from './sheet';
export { BUILTIN_TEMPLATES } from './builtin';
export { addUserTemplate, templateFromForm, parseUserTemplates, readUserTemplates, TEMPLATE_LIMITS, USER_TEMPLATES_KEY } from './fromForm';
import { BUILTIN_TEMPLATES } from './builtin';
import type { Template } from './model';

export function findTemplate(id: string, extra: Template[] = []): Template | undefined {
  return [...BUILTIN_TEMPLATES, ...extra].find((t) => t.id === id);
}
