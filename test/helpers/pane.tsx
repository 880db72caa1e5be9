/** The task pane rendered in jsdom against an in-memory Excel host holding seed forms. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { layoutForm, type FormData } from '../../src/core/layout';
import { ExcelHost } from '../../src/host/excel';
import { hostEnv } from '../../src/host/env';
import { workbookFromSpecs } from '../../src/host/fromSpec';
import { App } from '../../src/taskpane/App';
import type { UiLocale } from '../../src/taskpane/strings';
import seed from '../../assets/samples/seed-forms.json';

export const SEED = seed as { forms: FormData[] };

// jsdom has no ResizeObserver; Fluent's MessageBar only needs it to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

/** A workbook with one sheet per form, each named after its form. */
export function hostWith(forms: FormData[]): ExcelHost {
  return new ExcelHost(workbookFromSpecs(forms.map((f) => ({ name: f.name, specs: [layoutForm(f)] }))));
}

export function renderPane(host: ExcelHost, locale: UiLocale = 'zh-CN') {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App env={hostEnv(host)} locale={locale} />
    </FluentProvider>,
  );
  return { view, user: userEvent.setup({ delay: null }) };
}
