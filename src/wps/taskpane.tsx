/**
 * The task pane page in WPS 表格: the same App as in Excel, over the WPS host (src/wps/paneHost.ts). Opened by
 * the ribbon (src/wps/ribbon.ts) with wps.CreateTaskPane; `?view=new` opens it on 新建项目表.
 */
import { createRoot } from 'react-dom/client';
import { App } from '../taskpane/App';
import { uiLocale, STRINGS } from '../taskpane/strings';
import { ThemedRoot } from '../taskpane/theme';
import { etApplicationOf } from './jsapi';
import { wpsPaneHost } from './paneHost';

const params = new URLSearchParams(location.search);
const locale = uiLocale(params.get('lang') ?? navigator.language);
document.documentElement.lang = locale;
const root = createRoot(document.getElementById('root')!);
const app = etApplicationOf(window);
root.render(
  <ThemedRoot readBackground={() => undefined}>
    {app ? (
      <App host={wpsPaneHost(app, window.wps)} locale={locale} initialTab={params.get('view') === 'new' ? 'templates' : 'findings'} />
    ) : (
      <p role="alert" style={{ margin: 16 }}>{STRINGS[locale].wpsMissing}</p>
    )}
  </ThemedRoot>,
);
