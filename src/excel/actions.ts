/** Small workbook actions behind the pane's buttons: go to a cell, apply fixes, keep the rule settings in the workbook. */
import { OPTIONS_KEY, optionsOfSetting, type Options } from '../core/options';
import { queueSetting } from './settings';
import type { Finding } from '../core/rules/types';
import { literal } from '../core/literal';
import { errorDetail, type WorkbookOptions } from '../core/hostRun';

export { OPTIONS_KEY };

/**
 * Activate the finding's sheet and select its cell. Two syncs: a hidden sheet cannot be activated, so its
 * visibility is asked first and the caller says so instead of failing.
 */
export async function selectCell(context: Excel.RequestContext, sheet: string, cell: string): Promise<'selected' | 'hidden'> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.load('visibility');
  await context.sync();
  if (ws.visibility !== 'Visible') return 'hidden';
  ws.activate();
  ws.getRange(cell).select();
  await context.sync();
  return 'selected';
}

/**
 * Write each finding's fix into its cell (one sync for all of them). Values only: formats and marks are left to
 * re-validation. A text fix is written so Excel keeps it text ("-培训人次" is no formula, "100%" no number).
 */
export async function applyFixes(context: Excel.RequestContext, findings: Finding[]): Promise<number> {
  const fixable = findings.filter((f) => f.fix);
  for (const f of fixable) context.workbook.worksheets.getItem(f.sheet).getRange(f.fix!.cell).values = [[literal(f.fix!.newValue)]];
  if (fixable.length) await context.sync();
  return fixable.length;
}

export async function loadOptions(context: Excel.RequestContext): Promise<WorkbookOptions> {
  const read = queueSetting(context, OPTIONS_KEY);
  await context.sync();
  return optionsOfSetting(read());
}

/** Saved in the workbook, so everyone who opens the file checks with the same rules. */
export async function saveOptions(context: Excel.RequestContext, options: Options | undefined): Promise<void> {
  if (options) context.workbook.settings.add(OPTIONS_KEY, JSON.stringify(options));
  else context.workbook.settings.getItemOrNullObject(OPTIONS_KEY).delete();
  await context.sync();
}

/** Excel's errors, as a person can act on them. */
export function explainError(e: unknown): [string, string] {
  const code = (e as { code?: string })?.code;
  switch (code) {
    case 'AccessDenied':
      return ['工作表受保护，无法写入。请撤销工作表保护后重试。', 'The sheet is protected and cannot be written. Unprotect it and try again.'];
    case 'ItemNotFound':
      return ['要处理的工作表或单元格已不存在（可能已被删除或改名）。请重新校验。', 'The sheet or cell no longer exists (deleted or renamed?). Validate again.'];
    case 'InvalidOperationInCellEditMode':
      return ['Excel 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑，再重试。', 'Excel is editing a cell. Press Enter or Esc to finish, then try again.'];
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return ['工作簿过大，一次读取超出 Excel 的限制。请删除多余的行列后重试。', 'The workbook is too large to read at once. Delete unused rows and columns and try again.'];
    case 'ApiNotFound':
      return ['此版本的 Excel 不支持所需功能，请更新 Excel。', 'This version of Excel lacks a required feature; please update Excel.'];
    default: {
      // Only what Office.js raises (OfficeExtension.Error: a code, and debugInfo) is Excel's; anything else is ours.
      const fromExcel = typeof code === 'string' && !!(e as { debugInfo?: unknown }).debugInfo;
      if (fromExcel) return [`Excel 报告了一个错误（${code}）。请重试。`, `Excel reported an error (${code}). Please try again.`];
      const detail = errorDetail(e);
      return [
        `内部错误：这是本加载项的问题，不是 Excel 或工作簿的问题。请复制以下信息反馈给开发者：\n${detail}`,
        `Internal error: a fault in this add-in, not in Excel or the workbook. Please copy these details to the developers:\n${detail}`,
      ];
    }
  }
}
