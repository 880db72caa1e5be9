/** The pane's smaller needs in WPS: go to a cell, apply fixes, and what the workbook keeps (rules, dismissals, templates). */
import { DISMISSALS_KEY, encodeDismissals, mergeDismissals, readDismissals, type Dismissal } from '../core/dismissals';
import { readSheet } from '../core/form/parse';
import { errorDetail, type WorkbookOptions } from '../core/hostRun';
import { OPTIONS_KEY, optionsOfSetting, type Options } from '../core/options';
import type { Finding } from '../core/rules/types';
import { USER_TEMPLATES_KEY, addUserTemplate, readUserTemplates, type Template } from '../core/templates';
import { literal } from '../core/literal';
import type { EtApplication, EtWorksheet } from '../host/et';
import type { SavedTemplate } from '../taskpane/paneHost';
import { readEtSheet } from './read';
import type { WpsSession } from './session';
import { readSetting, SettingsError, writeSettings } from './settings';

/** A sheet the add-in must write to is protected: checked before anything is written. */
export class ProtectedSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`sheet ${sheet} is protected`);
    this.name = 'ProtectedSheetError';
  }
}

const sheet = (app: EtApplication, name: string): EtWorksheet => app.ActiveWorkbook.Worksheets.Item(name);

/** Activate the finding's sheet and select its cell; a hidden sheet cannot be activated (VBA), so it is named instead. */
export function selectCell(app: EtApplication, name: string, cell: string): 'selected' | 'hidden' {
  const ws = sheet(app, name);
  if (ws.Visible !== -1) return 'hidden';
  ws.Activate();
  ws.Range(cell).Select();
  return 'selected';
}

/**
 * Write each finding's fix into its cell, text kept text (core/literal.ts). Every sheet is checked for
 * protection first; should a write still fail, the cells already written get their values back.
 */
export function applyFixes(session: WpsSession, findings: Finding[]): number {
  const fixable = findings.filter((f) => f.fix);
  for (const f of fixable) if (sheet(session.app, f.sheet).ProtectContents) throw new ProtectedSheetError(f.sheet);
  const done: { cell: ReturnType<EtWorksheet['Range']>; before: unknown }[] = [];
  session.write(() => {
    try {
      for (const f of fixable) {
        const cell = sheet(session.app, f.sheet).Range(f.fix!.cell);
        const before = cell.Value2;
        cell.Value2 = literal(f.fix!.newValue);
        done.push({ cell, before });
      }
    } catch (e) {
      for (const { cell, before } of done.reverse()) cell.Value2 = typeof before === 'string' ? literal(before) : (before ?? '');
      throw e;
    }
  });
  return fixable.length;
}

export function loadOptions(app: EtApplication): WorkbookOptions {
  return optionsOfSetting(readSetting(app, OPTIONS_KEY));
}

export function saveOptions(session: WpsSession, options: Options | undefined): void {
  session.write(() => writeSettings(session.app, { [OPTIONS_KEY]: options ? JSON.stringify(options) : undefined }));
}

export function updateDismissals(session: WpsSession, added: readonly Dismissal[], removed: readonly Pick<Dismissal, 'ruleId' | 'sheet' | 'cell'>[]): Dismissal[] {
  const s = readSetting(session.app, DISMISSALS_KEY);
  const next = mergeDismissals('value' in s ? readDismissals(s.value).dismissals : [], added, removed);
  if (next.length || s.present) session.write(() => writeSettings(session.app, { [DISMISSALS_KEY]: next.length ? encodeDismissals(next) : undefined }));
  return next;
}

export function loadUserTemplates(app: EtApplication): Template[] {
  const s = readSetting(app, USER_TEMPLATES_KEY);
  return 'value' in s ? readUserTemplates(s.value).templates : [];
}

export function saveUserTemplates(session: WpsSession, templates: Template[]): void {
  session.write(() => writeSettings(session.app, { [USER_TEMPLATES_KEY]: templates.length ? JSON.stringify(templates) : undefined }));
}

/** Add the active sheet's first form as a template (one of the same title is replaced). */
export function saveActiveAsTemplate(session: WpsSession, title: string): SavedTemplate {
  const ws = session.app.ActiveSheet;
  const read = readEtSheet(ws);
  if (!read.grid) return { reason: 'tooLarge', sheet: ws.Name };
  const form = readSheet(read.grid, 'workbook').forms[0];
  if (!form) return { reason: 'noForm', sheet: ws.Name };
  const added = addUserTemplate(loadUserTemplates(session.app), form, ws.Name, title);
  saveUserTemplates(session, added.templates);
  return added;
}

/** WPS's errors and ours, as a person can act on them. How WPS reports a failed call is not documented (docs/wps.md §6, 7). */
export function explainError(e: unknown): [string, string] {
  if (e instanceof ProtectedSheetError) return [`工作表“${e.sheet}”受保护，无法写入。请撤销工作表保护后重试。`, `The sheet "${e.sheet}" is protected and cannot be written. Unprotect it and try again.`];
  if (e instanceof SettingsError) {
    return e.kind === 'taken'
      ? ['工作簿中已有一个名为“goalsheet.settings”的工作表，不是本助手的设置表。请将其改名后重试。', 'The workbook has a sheet named "goalsheet.settings" that is not Goalsheet\'s. Rename it and try again.']
      : ['工作簿结构受保护，无法保存设置。请撤销工作簿保护后重试。', 'The workbook structure is protected, so settings cannot be saved. Unprotect the workbook and try again.'];
  }
  const detail = errorDetail(e);
  return [
    `操作未完成：WPS 报告了错误，或本加载项出错。请重试；若反复出现，请复制以下信息反馈给开发者：\n${detail}`,
    `The action did not finish: WPS reported an error, or the add-in failed. Try again; if it persists, copy these details to the developers:\n${detail}`,
  ];
}
