/**
 * The add-in's settings a workbook carries. Office keeps an add-in's document settings in the file's
 * web-extension part (xl/webextensions/webextensionN.xml, <we:property name=… value=…/>), the value
 * JSON-encoded; the add-in's own values are JSON text again. Only ours (goalsheet.*) are taken.
 */
import { decodeSetting, type SettingRead } from '../core/settingValue';
import { attributes } from './workbookParts';

const WEB_EXTENSION = /^xl\/webextensions\/webextension\d*\.xml$/i;

/** Raw property values of ours, by name, from every web-extension part among `parts` (read with `text`). */
export function addinSettings(parts: Iterable<string>, text: (part: string) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of parts) {
    if (!WEB_EXTENSION.test(part)) continue;
    for (const m of (text(part) ?? '').matchAll(/<(?:[\w.-]+:)?property\b([^>]*)>/g)) {
      const a = attributes(m[1]);
      const name = a.get('name');
      const value = a.get('value');
      if (name?.startsWith('goalsheet.') && value !== undefined && !(name in out)) out[name] = value;
    }
  }
  return out;
}

/** A property's value as the add-in wrote it: the file's JSON encoding undone, then the add-in's own. */
export function fileSetting(raw: string | undefined): SettingRead {
  if (raw === undefined) return { present: false };
  const outer = decodeSetting(raw);
  return 'value' in outer && typeof outer.value === 'string' ? decodeSetting(outer.value) : outer;
}
