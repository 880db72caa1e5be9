/**
 * The task pane's host in WPS 表格: each of the pane's needs through the synchronous ET object model
 * (docs/wps.md §2). The same pane as in Excel (src/taskpane/paneHost.ts); only this file and src/wps differ.
 */
import type { EtApplication } from '../host/et';
import type { PaneHost } from '../taskpane/paneHost';
import * as actions from './actions';
import { insertTemplateSheet } from './insertTemplate';
import type { WpsGlobal } from './jsapi';
import { clearMarks, hasFormatConditions } from './marks';
import { etSheets } from './read';
import { WpsSession } from './session';
import { validateWorkbook } from './validate';

/** PluginStorage key the ribbon's 新建项目表 sets (src/wps/ribbon.ts): "new:<n>". */
export const REQUEST_KEY = 'goalsheet_request';
const POLL_MS = 500;

/**
 * The ribbon page and the pane are separate pages; PluginStorage is what they share (docs/wps.md §1.4) and it
 * raises no event, so the pane looks at it twice a second. A request is acted on once: when its value changes.
 */
function watchRequests(wps: WpsGlobal | undefined, listener: (request: 'new') => void): () => void {
  const storage = wps?.PluginStorage;
  if (!storage) return () => undefined;
  let seen = storage.getItem(REQUEST_KEY);
  const timer = setInterval(() => {
    const now = storage.getItem(REQUEST_KEY);
    if (now === seen) return;
    seen = now;
    if (typeof now === 'string' && now.startsWith('new:')) listener('new');
  }, POLL_MS);
  return () => clearInterval(timer);
}

export function wpsPaneHost(app: EtApplication, wps?: WpsGlobal): PaneHost {
  const session = new WpsSession(app, wps);
  return {
    notesSupported: true,
    get fillsSupported() {
      try {
        return hasFormatConditions(app.ActiveSheet);
      } catch {
        return false;
      }
    },
    validate: (scope, options, progress) => validateWorkbook(session, scope, options, progress),
    clear: async () => session.write(() => clearMarks(app, etSheets(app))),
    select: async (sheet, cell) => actions.selectCell(app, sheet, cell),
    applyFixes: async (findings) => actions.applyFixes(session, findings),
    updateDismissals: async (added, removed) => void actions.updateDismissals(session, added, removed),
    loadOptions: async () => actions.loadOptions(app),
    saveOptions: async (options) => actions.saveOptions(session, options),
    loadUserTemplates: async () => actions.loadUserTemplates(app),
    saveUserTemplates: async (templates) => actions.saveUserTemplates(session, templates),
    saveActiveAsTemplate: async (title) => actions.saveActiveAsTemplate(session, title),
    insertTemplate: async (sheet, wanted) => session.write(() => insertTemplateSheet(app, sheet, wanted)),
    watch: async (sheets, onChange) => {
      const stop = session.watch(sheets, onChange);
      return async () => stop();
    },
    onRequest: (listener) => watchRequests(wps, listener),
    explainError: actions.explainError,
  };
}
