/**
 * One click in WPS: read the sheets (src/wps/read.ts), run the engine with the workbook's dismissals
 * (core/hostRun.ts, shared with Excel), and rewrite the marks on the sheets read (src/wps/marks.ts). The object
 * model is synchronous; the pane is given a moment to draw between the stages, and may cancel before marking.
 */
import { DISMISSALS_KEY, encodeDismissals, readDismissals } from '../core/dismissals';
import { CancelledError, checkSheets, type Progress, type ValidationResult } from '../core/hostRun';
import type { Options } from '../core/options';
import type { Scope } from '../taskpane/paneHost';
import { writeMarks } from './marks';
import { etSheets, readEtSheet } from './read';
import type { WpsSession } from './session';
import { readSetting, writeSettings } from './settings';

const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function validateWorkbook(session: WpsSession, scope: Scope, options: Options, progress: Progress = {}): Promise<ValidationResult> {
  const { app } = session;
  progress.stage?.('read');
  await breathe();
  const all = etSheets(app);
  const active = app.ActiveSheet.Name;
  const chosen = scope === 'all' ? all : all.filter((ws) => ws.Name === (scope === 'active' ? active : scope.sheet));
  const reads = chosen.map((ws) => {
    const read = readEtSheet(ws);
    // A sheet too large to read is not printed either: reading its values is what was refused.
    if (read.print) session.remember(read.name, read.print);
    return read;
  });

  progress.stage?.('check');
  await breathe();
  if (progress.cancelled?.()) throw new CancelledError();
  const stored = readSetting(app, DISMISSALS_KEY);
  const dismissals = 'value' in stored ? readDismissals(stored.value).dismissals : [];
  const checked = checkSheets(reads, options, dismissals);
  if (progress.cancelled?.()) throw new CancelledError();
  progress.stage?.('mark');
  const targets = new Map(chosen.filter((ws) => checked.writable.has(ws.Name)).map((ws) => [ws.Name, ws]));
  const record = session.write(() => {
    // Dismissals whose cell now holds another value lapse.
    if (checked.alive.length < dismissals.length) writeSettings(app, { [DISMISSALS_KEY]: checked.alive.length ? encodeDismissals(checked.alive) : undefined });
    return writeMarks(app, all, targets, checked.marks);
  });
  return { ...checked.result, record };
}
