import { createRoot } from 'react-dom/client';
import { App } from './App';
import { excelPaneHost } from '../excel/paneHost';
import { officeEnv } from './env';
import { uiLocale } from './strings';
import { ThemedRoot } from './theme';

Office.onReady(() => {
  const locale = uiLocale(Office.context?.displayLanguage ?? navigator.language);
  document.documentElement.lang = locale;
  createRoot(document.getElementById('root')!).render(
    <ThemedRoot readBackground={() => Office.context?.officeTheme?.bodyBackgroundColor}>
      <App host={excelPaneHost(officeEnv())} locale={locale} />
    </ThemedRoot>,
  );
});
