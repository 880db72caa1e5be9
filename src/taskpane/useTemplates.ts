/** The 新建项目表 view's state: templates (built-in and the workbook's own), insert, save as template. */
import { useCallback, useEffect, useState } from 'react';
import type { FormLayout } from '../core/layout';
import { BUILTIN_TEMPLATES, buildTemplateSheet, type Blank, type Template, type TemplateInputs } from '../core/templates';
import { explainError, selectCell } from '../excel/actions';
import { insertTemplateSheet } from '../excel/insertTemplate';
import { loadUserTemplates, saveActiveAsTemplate, saveUserTemplates } from '../excel/userTemplates';
import { hostSupport } from '../excel/validate';
import type { ExcelEnv } from './env';
import { STRINGS, type UiLocale } from './strings';

export interface Inserted {
  sheet: string;
  blanks: Blank[];
}

export function useTemplates(env: ExcelEnv, locale: UiLocale) {
  const t = STRINGS[locale].templates;
  const lang = locale === 'en' ? 1 : 0;
  const [custom, setCustom] = useState<Template[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [inserted, setInserted] = useState<Inserted>();

  useEffect(() => {
    env.run(loadUserTemplates).then(setCustom, (e) => setError(explainError(e)[lang]));
  }, [env, lang]);

  const attempt = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(undefined);
      setNotice(undefined);
      try {
        await work();
      } catch (e) {
        setError(explainError(e)[lang]);
      } finally {
        setBusy(false);
      }
    },
    [lang],
  );

  const insert = useCallback(
    (template: Template, inputs: TemplateInputs, layout: FormLayout = 'hebei') =>
      attempt(async () => {
        setInserted(undefined);
        const sheet = buildTemplateSheet(template, inputs, { locale: locale === 'en' ? 'en' : 'zh-CN', layout });
        const done = await env.run((c) => insertTemplateSheet(c, sheet, inputs.name || template.title.zh));
        setInserted({ sheet: done.name, blanks: sheet.blanks });
      }),
    [attempt, env, locale],
  );

  const goTo = useCallback((sheet: string, cell: string) => attempt(async () => { await env.run((c) => selectCell(c, sheet, cell)); }), [attempt, env]);

  const saveAs = useCallback(
    (title: string) =>
      attempt(async () => {
        const merges = hostSupport((n, v) => env.isSetSupported(n, v), (n) => env.hasApi(n)).merges;
        const r = await env.run((c) => saveActiveAsTemplate(c, title, merges));
        if ('reason' in r) return setError(r.reason === 'noForm' ? t.noForm(r.sheet) : t.tooLarge(r.sheet));
        setCustom(r.templates);
        setNotice(t.saved(r.template.title.zh));
      }),
    [attempt, env, t],
  );

  const remove = useCallback(
    (id: string) =>
      attempt(async () => {
        const gone = custom.find((x) => x.id === id);
        const next = custom.filter((x) => x.id !== id);
        await env.run((c) => saveUserTemplates(c, next));
        setCustom(next);
        if (gone) setNotice(t.removed(gone.title.zh));
      }),
    [attempt, custom, env, t],
  );

  return { builtIn: BUILTIN_TEMPLATES, custom, busy, error, notice, inserted, insert, goTo, saveAs, remove };
}
