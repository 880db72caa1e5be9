/**
 * Workbook settings are data from whoever sent the file. Every one is read here: parsed without trusting it
 * (a setting that is not JSON is reported, never thrown), then checked by its own validator.
 */

/** Settings longer than this are not parsed: no setting of ours comes near it. */
const MAX_SETTING_CHARS = 1_000_000;

export type SettingRead = { present: false } | { present: true; value: unknown } | { present: true; broken: true };

/** Queue reading one setting; the function gives it after the next sync. */
export function queueSetting(context: Excel.RequestContext, key: string): () => SettingRead {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load('value');
  return () => {
    if (setting.isNullObject) return { present: false };
    const v = setting.value as unknown;
    if (typeof v !== 'string') return { present: true, value: v };
    if (v.length > MAX_SETTING_CHARS) return { present: true, broken: true };
    try {
      return { present: true, value: JSON.parse(v) as unknown };
    } catch {
      return { present: true, broken: true };
    }
  };
}
