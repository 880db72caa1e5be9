/**
 * The add-in's settings kept on a very hidden sheet, where a program has no settings store of its own (WPS 表格:
 * src/wps/settings.ts). One setting per row from row 2: the key in A, its JSON text in B onward in pieces under
 * a cell's 32,767 characters. A1 says what the sheet is; a sheet of that name without it is a person's.
 * The command line reads the same sheet (src/cli/loadWorkbook.ts), so a file saved in WPS is checked with its settings.
 */
export const SETTINGS_SHEET = 'goalsheet.settings';
export const SIGNATURE = 'goalsheet settings 1 — 绩效目标表助手的设置（规则、忽略项、模板、标记记录），请勿修改';
export const SETTINGS_PIECE = 30_000;

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The settings in the rows below A1 (each row's cells), by key: the JSON text as stored. */
export function settingsOfRows(rows: readonly (readonly unknown[])[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of rows) {
    const key = text(row[0]);
    if (key && !out.has(key)) out.set(key, row.slice(1).map(text).join(''));
  }
  return out;
}

/** A setting's JSON text in the pieces its row holds after the key. */
export function settingPieces(value: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < value.length; i += SETTINGS_PIECE) pieces.push(value.slice(i, i + SETTINGS_PIECE));
  return pieces;
}
