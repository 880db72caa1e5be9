/**
 * Ribbon command 一键校验: validate the whole workbook without the pane, mark the
 * cells, and show a summary in a small dialog (DialogApi 1.1, where available).
 */
import { explainError, loadOptions } from '../excel/actions';
import { hostSupport, validateWorkbook } from '../excel/validate';
import { uiLocale } from '../taskpane/strings';
import { summaryParams } from './summaryParams';
import { officeHasApi } from '../taskpane/env';

function summaryUrl(params: Record<string, string>): string {
  const base = new URL('summary.html', window.location.href);
  for (const [k, v] of Object.entries(params)) base.searchParams.set(k, v);
  return base.toString();
}

/** Show the summary; the command completes when the dialog is closed (or at once without dialogs). */
function showSummary(params: Record<string, string>, done: () => void): void {
  if (!Office.context.requirements.isSetSupported('DialogApi', '1.1')) return done();
  Office.context.ui.displayDialogAsync(summaryUrl(params), { height: 30, width: 30, displayInIframe: true }, (res) => {
    if (res.status !== Office.AsyncResultStatus.Succeeded) return done();
    const dialog = res.value;
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => {
      dialog.close();
      done();
    });
    dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
  });
}

async function validateFromRibbon(event: Office.AddinCommands.Event): Promise<void> {
  const locale = uiLocale(Office.context.displayLanguage);
  const lang = locale === 'en' ? 'en' : 'zh';
  try {
    const support = hostSupport((n, v) => Office.context.requirements.isSetSupported(n, v), officeHasApi);
    const result = await Excel.run(async (context) => {
      const options = (await loadOptions(context)).options ?? {};
      return validateWorkbook(context, 'all', { ...options, locale: locale === 'en' ? 'en' : 'zh-CN' }, support);
    });
    showSummary(summaryParams(result, lang), () => event.completed());
  } catch (e) {
    showSummary({ lang, error: explainError(e)[lang === 'en' ? 1 : 0] }, () => event.completed());
  }
}

Office.onReady(() => {
  Office.actions.associate('validateWorkbook', validateFromRibbon);
});

