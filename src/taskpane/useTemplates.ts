/** The 新建项目表 view's state: templates (built-in and the workbook's own), insert, save as template. */
import { useCallback, useEffect, useState } from 'react';
import type { FormLayout } from '../core/layout';
import { BUILTIN_TEMPLATES, buildTemplateSheet, type Blank, type Template, type TemplateInputs } from '../core/templates';
import type { PaneHost } from './paneHost';
import { STRINGS, type UiLocale } from './strings';

export interface Inserted {
  sheet: string;
  blanks: Blank[];
}

export function useTemplates(host: PaneHost, locale: UiLocale) {
  const t = STRINGS[locale].templates;
  const lang = locale === 'en' ? 1 : 0;
  const [custom, setCustom] = useState<Template[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [inserted, setInserted] = useState<Inserted>();

  useEffect(() => {
    host.loadUserTemplates().then(setCustom, (e) => setError(host.explainError(e)[lang]));
  }, [host, lang]);

  const attempt = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(undefined);
      setNotice(undefined);
      try {
        await work();
      } catch (e) {
        setError(host.explainError(e)[lang]);
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
        const done = await host.insertTemplate(sheet, inputs.name || template.title.zh);
        setInserted({ sheet: done.name, blanks: sheet.blanks });
      }),
    [attempt, host, locale],
  );

  const goTo = useCallback((sheet: string, cell: string) => attempt(async () => { await host.select(sheet, cell); }), [attempt, host]);

  const saveAs = useCallback(
    (title: string) =>
      attempt(async () => {
        const r = await host.saveActiveAsTemplate(title);
        if ('reason' in r) return setError(r.reason === 'noForm' ? t.noForm(r.sheet) : t.tooLarge(r.sheet));
        setCustom(r.templates);
        setNotice(t.saved(r.template.title.zh));
      }),
    [attempt, host, t],
  );

  const remove = useCallback(
    (id: string) =>
      attempt(async () => {
        const gone = custom.find((x) => x.id === id);
        const next = custom.filter((x) => x.id !== id);
        await host.saveUserTemplates(next);
        setCustom(next);
        if (gone) setNotice(t.removed(gone.title.zh));
      }),
    [attempt, custom, host, t],
  );

  return { builtIn: BUILTIN_TEMPLATES, custom, busy, error, notice, inserted, insert, goTo, saveAs, remove };
}
