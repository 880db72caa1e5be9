/**
 * Workbook settings in WPS. WPS has no Office settings store, and its per-add-in PluginStorage is not the
 * workbook's (docs/wps.md §1.4, §6, 14), so rule settings, dismissals, templates and the marks' record go where
 * they travel with the file: a very hidden sheet (VBA XlSheetVisibility xlSheetVeryHidden, 2 — not listed by
 * 取消隐藏), one setting per row: the key in A, the JSON in B onward in pieces under a cell's 32,767 characters.
 * Row 1 says what the sheet is. The sheet is made when a setting is first saved and deleted when the last goes,
 * so a workbook that never needed one is left as it was. Every value is decoded without trusting it.
 */
import { decodeSetting, type SettingRead } from '../core/settingValue';
import { SETTINGS_SHEET, SIGNATURE, settingPieces, settingsOfRows } from '../core/settingsSheet';
import type { EtApplication, EtWorksheet } from '../host/et';
import { literal } from '../core/literal';
import { grid2d } from './read';
import { addLastSheet, deleteSheet } from './sheets';
import { VERY_HIDDEN } from './xl';

export { SETTINGS_SHEET };
const COLUMNS = 40;
const ROWS = 40;
const LAST_COLUMN = 'AN'; // column 40

export class SettingsError extends Error {
  constructor(readonly kind: 'taken' | 'protected') {
    super(kind === 'taken' ? `a sheet named ${SETTINGS_SHEET} is not Goalsheet's` : 'the workbook structure is protected');
    this.name = 'SettingsError';
  }
}

function findSheet(app: EtApplication): EtWorksheet | 'taken' | undefined {
  let ws: EtWorksheet;
  try {
    ws = app.ActiveWorkbook.Worksheets.Item(SETTINGS_SHEET);
  } catch {
    return undefined;
  }
  return ws.Visible === VERY_HIDDEN && ws.Range('A1').Value2 === SIGNATURE ? ws : 'taken';
}

function rows(ws: EtWorksheet): unknown[][] {
  return grid2d(ws.Range(`A2:${LAST_COLUMN}${ROWS + 1}`).Value2, ROWS, COLUMNS);
}

/** Every setting kept in the workbook, by key. */
export function readSettings(app: EtApplication): Map<string, SettingRead> {
  const ws = findSheet(app);
  const out = new Map<string, SettingRead>();
  if (!ws || ws === 'taken') return out;
  for (const [key, value] of settingsOfRows(rows(ws))) out.set(key, decodeSetting(value));
  return out;
}

export function readSetting(app: EtApplication, key: string): SettingRead {
  return readSettings(app).get(key) ?? { present: false };
}

/** Make the settings sheet: added after the last sheet, very hidden, and the sheet the person was on active again. */
function createSheet(app: EtApplication): EtWorksheet {
  if (app.ActiveWorkbook.ProtectStructure) throw new SettingsError('protected');
  const active = app.ActiveSheet;
  try {
    const ws = addLastSheet(app, SETTINGS_SHEET);
    try {
      ws.Range('A1').Value2 = SIGNATURE;
      ws.Visible = VERY_HIDDEN;
    } catch (e) {
      deleteSheet(app, ws);
      throw e;
    }
    return ws;
  } finally {
    active.Activate();
  }
}

/** Save (or, with undefined, remove) settings by key; the others stay. */
export function writeSettings(app: EtApplication, changes: Record<string, string | undefined>): void {
  const found = findSheet(app);
  if (found === 'taken') throw new SettingsError('taken');
  const current = found ? settingsOfRows(rows(found)) : new Map<string, string>();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) current.delete(key);
    else current.set(key, value);
  }
  if (!current.size) {
    if (found) deleteSheet(app, found);
    return;
  }
  const ws = found ?? createSheet(app);
  const table: string[][] = [...current].map(([key, value]) => {
    const pieces = settingPieces(value);
    if (pieces.length > COLUMNS - 1) throw new Error(`setting ${key} is too large to keep (${value.length} characters)`);
    return [key, ...pieces];
  });
  if (table.length > ROWS) throw new Error(`too many settings (${table.length})`);
  // One write of the whole block: rows and pieces no longer used are emptied with it.
  ws.Range(`A2:${LAST_COLUMN}${ROWS + 1}`).Value2 = Array.from({ length: ROWS }, (_, r) => Array.from({ length: COLUMNS }, (_, c) => (table[r]?.[c] === undefined ? '' : literal(table[r][c]))));
}
