/**
 * A workbook saved in WPS keeps the add-in's settings on its very hidden settings sheet (src/wps/settings.ts):
 * `goalsheet check` reads them there — rule settings and dismissals made in the WPS pane apply on the command
 * line as they do in the pane — and does not report the settings sheet as a sheet of the workbook.
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { dismissalOf } from '../../src/core/dismissals';
import { SETTINGS_SHEET } from '../../src/core/settingsSheet';
import { EtHost } from '../../src/host/et';
import { excelJsFromHost } from '../../src/xlsx/host';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { tempDir } from '../helpers/forms';
import { seedBook } from '../helpers/seed';

interface JsonReport { files: { sheets?: { name: string }[]; findings: { ruleId: string; sheet: string; cell: string; dismissed?: { reason: string } }[] }[] }

async function check(file: string): Promise<JsonReport> {
  let out = '';
  await runCli(['check', '--format', 'json', file], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => undefined }, env: {} });
  return JSON.parse(out) as JsonReport;
}

test('rule settings and dismissals made in the WPS pane: the command line checks the saved file with them, and lists no settings sheet', async () => {
  const host = new EtHost(seedBook());
  const pane = wpsPaneHost(host.app);
  await pane.saveOptions({ rules: { 'SAT-001': 'off' } });
  const first = await pane.validate('all', { rules: { 'SAT-001': 'off' } });
  const dismissed = first.findings.find((f) => f.severity === 'warning')!;
  await pane.updateDismissals([dismissalOf(dismissed, '已与财政局确认')!], []);
  const inPane = await pane.validate('all', { rules: { 'SAT-001': 'off' } });
  expect(host.data.sheets.some((s) => s.name === SETTINGS_SHEET && s.visibility === 'VeryHidden')).toBe(true);

  const file = path.join(await tempDir(), 'wps.xlsx');
  await excelJsFromHost(host.data, ExcelJS.Workbook).xlsx.writeFile(file);
  const report = await check(file);
  const key = (f: { ruleId: string; sheet: string; cell: string }) => `${f.sheet}!${f.cell} ${f.ruleId}`;
  const cli = report.files[0].findings;
  expect(cli.map(key).sort()).toEqual(inPane.findings.map(key).sort());
  expect(cli.some((f) => f.ruleId === 'SAT-001')).toBe(false);
  expect(cli.find((f) => key(f) === key(dismissed))?.dismissed?.reason).toBe('已与财政局确认');
  expect(JSON.stringify(report)).not.toContain(SETTINGS_SHEET);
});
