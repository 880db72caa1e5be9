/** Dismissals kept in the workbook (setting goalsheet.dismissals, see core/dismissals.ts): read, add, remove. */
import { encodeDismissals, mergeDismissals, readDismissals, DISMISSALS_KEY, type Dismissal } from '../core/dismissals';
import { queueSetting } from './settings';

/** Queue reading the workbook's dismissals; valid entries only, after the next sync. */
export function queueDismissals(context: Excel.RequestContext): () => Dismissal[] {
  const read = queueSetting(context, DISMISSALS_KEY);
  return () => {
    const s = read();
    return 'value' in s ? readDismissals(s.value).dismissals : [];
  };
}

/** Queue writing the dismissals (the setting removed when none is left); sent with the caller's next sync. */
export function queueSaveDismissals(context: Excel.RequestContext, dismissals: readonly Dismissal[]): void {
  if (dismissals.length) context.workbook.settings.add(DISMISSALS_KEY, encodeDismissals(dismissals));
  else context.workbook.settings.getItemOrNullObject(DISMISSALS_KEY).delete();
}

/**
 * Add `added` (replacing any of the same rule and cell) and remove `removed`, as one read and one write (two
 * syncs). The newest are kept when the count would pass MAX_DISMISSALS.
 */
export async function updateDismissals(
  context: Excel.RequestContext,
  added: readonly Dismissal[],
  removed: readonly Pick<Dismissal, 'ruleId' | 'sheet' | 'cell'>[] = [],
): Promise<Dismissal[]> {
  const read = queueSetting(context, DISMISSALS_KEY);
  await context.sync();
  const setting = read();
  const current = 'value' in setting ? readDismissals(setting.value).dismissals : [];
  const next = mergeDismissals(current, added, removed);
  // Nothing to delete when there is no setting (a method on a null object would fail in Excel).
  if (!next.length && !setting.present) return next;
  queueSaveDismissals(context, next);
  await context.sync();
  return next;
}
