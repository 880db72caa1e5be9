import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { uiLocale } from './strings';

function render(language: string | undefined, dark: boolean): void {
  const locale = uiLocale(language);
  document.documentElement.lang = locale;
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme}>
      <App locale={locale} />
    </FluentProvider>,
  );
}

// Inside Office wait for Office.js; opened in a plain browser the page renders at once.
if (typeof Office !== 'undefined') {
  Office.onReady(() => render(Office.context?.displayLanguage, Boolean(Office.context?.officeTheme?.isDarkTheme)));
} else {
  render(navigator.language, window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
}
