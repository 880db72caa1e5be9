/** The task pane's host in Excel: each of the pane's needs as Office.js work (in Excel.run batches). */
import type { PaneHost } from '../taskpane/paneHost';
import type { ExcelEnv } from '../taskpane/env';
import { applyFixes, explainError, loadOptions, saveOptions, selectCell } from './actions';
import { updateDismissals } from './dismissals';
import { insertTemplateSheet } from './insertTemplate';
import { clearMarks } from './marks';
import { loadUserTemplates, saveActiveAsTemplate, saveUserTemplates } from './userTemplates';
import { hostSupport, validateWorkbook } from './validate';

export function excelPaneHost(env: ExcelEnv): PaneHost {
  const support = hostSupport((n, v) => env.isSetSupported(n, v), (n) => env.hasApi(n));
  return {
    notesSupported: support.notes,
    validate: (scope, options, progress) => env.run((c) => validateWorkbook(c, scope, options, support, progress)),
    clear: () => env.run((c) => clearMarks(c, support.notes)),
    select: (sheet, cell) => env.run((c) => selectCell(c, sheet, cell)),
    applyFixes: (findings) => env.run((c) => applyFixes(c, findings)),
    updateDismissals: async (added, removed) => void (await env.run((c) => updateDismissals(c, added, removed))),
    loadOptions: () => env.run(loadOptions),
    saveOptions: (options) => env.run((c) => saveOptions(c, options)),
    loadUserTemplates: () => env.run(loadUserTemplates),
    saveUserTemplates: (templates) => env.run((c) => saveUserTemplates(c, templates)),
    saveActiveAsTemplate: (title) => env.run((c) => saveActiveAsTemplate(c, title, support.merges)),
    insertTemplate: (sheet, wanted) => env.run((c) => insertTemplateSheet(c, sheet, wanted)),
    watch: (sheets, onChange) => env.watch(sheets, onChange),
    explainError,
  };
}
