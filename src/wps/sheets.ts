/** Adding and deleting sheets through the ET object model, as the settings sheet and template sheets both need. */
import type { EtApplication, EtWorksheet } from '../host/et';
import { read, XL } from './xl';

/**
 * A sheet after the last one, named `name`. VBA Sheets.Add(Before, After)
 * (https://learn.microsoft.com/office/vba/api/excel.sheets.add) makes it the active sheet; if it cannot take the
 * name, it is deleted again.
 */
export function addLastSheet(app: EtApplication, name: string): EtWorksheet {
  const sheets = app.ActiveWorkbook.Worksheets;
  const ws = sheets.Add(undefined, sheets.Item(read(sheets.Count)));
  try {
    ws.Name = name;
  } catch (e) {
    deleteSheet(app, ws);
    throw e;
  }
  return ws;
}

/**
 * Delete without the confirmation VBA's Worksheet.Delete shows by default
 * (https://learn.microsoft.com/office/vba/api/excel.worksheet.delete): Application.DisplayAlerts off, restored
 * after. Whether WPS deletes a hidden or very hidden sheet as it is, it does not say: shown first if refused.
 */
export function deleteSheet(app: EtApplication, ws: EtWorksheet): void {
  const alerts = app.DisplayAlerts;
  app.DisplayAlerts = false;
  try {
    try {
      ws.Delete();
    } catch {
      ws.Visible = XL.visible;
      ws.Delete();
    }
  } finally {
    app.DisplayAlerts = alerts;
  }
}
