import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { officeEnv } from './env';
import { uiLocale } from './strings';

/** Office's theme is dark when its body background is dark. */
function isDark(): boolean {
  const bg = Office.context?.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const n = parseInt(bg.replace('#', ''), 16);
  const luminance = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return luminance < 0.5;
}

Office.onReady(() => {
  const locale = uiLocale(Office.context?.displayLanguage ?? navigator.language);
  document.documentElement.lang = locale;
  createRoot(document.getElementById('root')!).render(
    <FluentProvider theme={isDark() ? webDarkTheme : webLightTheme}>
      <App env={officeEnv()} locale={locale} />
    </FluentProvider>,
  );
});
