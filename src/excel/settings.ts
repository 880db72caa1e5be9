/** Workbook settings are data from whoever sent the file: every one is read here and decoded without trusting it. */
import { decodeSetting, type SettingRead } from '../core/settingValue';

/** Queue reading one setting; the function gives it after the next sync. */
export function queueSetting(context: Excel.RequestContext, key: string): () => SettingRead {
  const setting = context.workbook.settings.getItemOrNullObject(key);
  setting.load('value');
  return () => (setting.isNullObject ? { present: false } : decodeSetting(setting.value));
}
