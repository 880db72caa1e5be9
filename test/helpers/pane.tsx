/** The task pane rendered in jsdom against an in-memory Excel host. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExcelHost } from '../../src/host/excel';
import { excelPaneHost } from '../../src/excel/paneHost';
import { hostEnv } from '../../src/host/env';
import { App } from '../../src/taskpane/App';
import type { UiLocale } from '../../src/taskpane/strings';

// jsdom has no ResizeObserver; Fluent's MessageBar only needs it to exist.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

export function renderPane(host: ExcelHost, locale: UiLocale = 'zh-CN') {
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App host={excelPaneHost(hostEnv(host))} locale={locale} />
    </FluentProvider>,
  );
  return { view, user: userEvent.setup({ delay: null }) };
}
