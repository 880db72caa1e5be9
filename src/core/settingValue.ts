/**
 * A workbook setting's value, from whoever sent the file. The add-in stores JSON text; Office.js may give it
 * back as that text or as the parsed value, and the file keeps it JSON-encoded again. A value that is not
 * JSON, or is absurdly long, is broken: reported, never thrown.
 */

/** Longer values are not parsed: no setting of ours comes near it. */
const MAX_SETTING_CHARS = 1_000_000;

export type SettingRead = { present: false } | { present: true; value: unknown } | { present: true; broken: true };

export function decodeSetting(v: unknown): SettingRead {
  if (typeof v !== 'string') return { present: true, value: v };
  if (v.length > MAX_SETTING_CHARS) return { present: true, broken: true };
  try {
    return { present: true, value: JSON.parse(v) as unknown };
  } catch {
    return { present: true, broken: true };
  }
}
