/**
 * Issue 12 on the command line: dismissals made by the add-in's own code (through the in-memory host) travel in the
 * saved .xlsx (the web-extension part, where Office keeps an add-in's settings), and `goalsheet check` reports those
 * findings as dismissed with their reason, uncounted; --write-baseline / --baseline do the same for a reviewer's own
 * accepted findings across files.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { fileSetting } from '../../src/cli/addinSettings';
import { Review } from '../../src/cli/baseline';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { buildSampleWorkbook } from '../../src/cli/sample';
import { dismissalOf, DISMISSALS_KEY } from '../../src/core/dismissals';
import { updateDismissals } from '../../src/excel/dismissals';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { excelJsFromHost } from '../../src/xlsx/host';
import { settingsParts, withSettingsParts } from '../../src/xlsx/settingsPart';
import { tempDir } from '../helpers/forms';
import { run } from '../helpers/cli';
import { SEED, hostWith } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

/**
 * The host's workbook as an .xlsx with its goalsheet.* settings, as Office stores them: excelJsFromHost writes no
 * add-in settings, so the web-extension parts (xlsx/settingsPart.ts) are patched into the package written.
 */
async function saveWithSettings(host: ExcelHost, file: string): Promise<void> {
  const wb = excelJsFromHost(host.data, ExcelJS.Workbook);
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  for (const [part, text] of Object.entries(settingsParts(host.data.settings))) zip.file(part, text);
  const patched = withSettingsParts(await zip.file('_rels/.rels')!.async('string'), await zip.file('[Content_Types].xml')!.async('string'));
  zip.file('_rels/.rels', patched.rels);
  zip.file('[Content_Types].xml', patched.types);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

/** Validate in the add-in, then dismiss the findings `pick` chooses, as the pane does. */
async function dismissInAddin(host: ExcelHost, pick: (f: { ruleId: string; sheet: string; cell: string; severity: string }) => boolean, reason: string) {
  const support = hostSupport((n, v) => host.isSetSupported(n, v));
  const { findings } = await host.run((c) => validateWorkbook(ctx(c), 'all', {}, support));
  const dismissals = findings.filter(pick).map((f) => dismissalOf(f, reason)!);
  await host.run((c) => updateDismissals(ctx(c), dismissals));
  return dismissals;
}

const check = (args: string[]) => run(['check', ...args]);

interface JsonFinding { ruleId: string; severity: string; sheet: string; cell: string; dismissed?: { reason: string } }
interface JsonReport { files: { file: string; findings: JsonFinding[] }[]; summary: { errors: number; warnings: number; dismissed?: number } }

test('dismissed in the add-in, saved, checked: reported dismissed with the reason, uncounted; a changed cell lapses', async () => {
  const dir = await tempDir();
  const host = hostWith();
  await dismissInAddin(host, (f) => f.ruleId === 'SAT-001' && f.cell === 'E18', '上级文件要求按分值填写');
  // Dismissed, then the cell changed: this one lapses.
  await dismissInAddin(host, (f) => f.sheet === '市长热线经费' && f.cell === 'E15', '已核实');
  await host.edit('市长热线经费', 'E15', '≥9999次');
  expect(JSON.parse(host.data.settings[DISMISSALS_KEY] as string).items).toHaveLength(2);
  const file = path.join(dir, 'dismissed.xlsx');
  await saveWithSettings(host, file);
  // The package names the parts as Excel expects, and the command line reads the setting back as the add-in wrote it.
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  expect(await zip.file('[Content_Types].xml')!.async('string')).toContain('/xl/webextensions/webextension1.xml');
  expect(await zip.file('_rels/.rels')!.async('string')).toContain('xl/webextensions/taskpanes.xml');
  const loaded = await loadWorkbook(file);
  expect('settings' in loaded && fileSetting(loaded.settings[DISMISSALS_KEY])).toEqual({ present: true, value: JSON.parse(host.data.settings[DISMISSALS_KEY] as string) });

  const json = await check([file, '--format', 'json']);
  const report = JSON.parse(json.out) as JsonReport;
  const e18 = report.files[0].findings.find((f) => f.sheet === '政务联络经费' && f.cell === 'E18')!;
  expect(e18).toMatchObject({ ruleId: 'SAT-001', severity: 'error', dismissed: { reason: '上级文件要求按分值填写' } });
  expect(report.files[0].findings.filter((f) => f.dismissed)).toHaveLength(1);
  expect(report.files[0].findings.find((f) => f.sheet === '市长热线经费' && f.cell === 'E15')?.dismissed).toBeUndefined();
  expect(report.summary).toMatchObject({ dismissed: 1 });

  const text = await check([file, '--no-color']);
  expect(text.out).toMatch(/\n {4}E18\s+已忽略\s+SAT-001\s+原因：上级文件要求按分值填写 {2}（满意度指标值“2”不是百分比（应如 ≥90%）。）\n/);
  expect(text.out).toMatch(/；已忽略 1\n$/);
  expect(text.out).toContain(`错误 ${report.summary.errors}，`);
});

test('only dismissed errors left: exit 0, errors 0', async () => {
  const dir = await tempDir();
  const host = hostWith();
  const dismissed = await dismissInAddin(host, (f) => f.severity === 'error', '审核已同意');
  expect(dismissed.length).toBeGreaterThan(0);
  const file = path.join(dir, 'accepted.xlsx');
  await saveWithSettings(host, file);
  const r = await check([file, '--format', 'json']);
  const report = JSON.parse(r.out) as JsonReport;
  expect(report.summary).toMatchObject({ errors: 0, dismissed: dismissed.length });
  expect(r.code).toBe(0);
  // Without the dismissals the same workbook has errors.
  const plain = path.join(dir, 'plain.xlsx');
  await buildSampleWorkbook(SEED.forms).xlsx.writeFile(plain);
  expect((await check([plain, '--format', 'json'])).code).toBe(1);
});

test('--write-baseline then --baseline over a folder: the same findings are dismissed ("基线 / baseline"); a new file is not', async () => {
  const dir = await tempDir();
  const forms = path.join(dir, 'forms');
  await fs.mkdir(forms);
  const host = hostWith();
  await dismissInAddin(host, (f) => f.ruleId === 'SAT-001', '上级文件要求');
  await saveWithSettings(host, path.join(forms, 'a.xlsx'));
  await buildSampleWorkbook(SEED.forms).xlsx.writeFile(path.join(forms, 'b.xlsx'));
  const baseline = path.join(dir, 'baseline.json');

  const first = await check([forms, '--format', 'json', '--write-baseline', baseline]);
  expect(first.code).toBe(1);
  expect(first.err).toContain('写入基线文件');
  const written = JSON.parse(await fs.readFile(baseline, 'utf8')) as { version: number; entries: { file: string; sheet: string; cell: string; ruleId: string; value: string }[] };
  const firstReport = JSON.parse(first.out) as JsonReport;
  const all = firstReport.files.flatMap((f) => f.findings);
  // Every finding but the one the workbook dismisses itself.
  expect(written.version).toBe(1);
  expect(written.entries).toHaveLength(all.length - 1);
  expect(new Set(written.entries.map((e) => e.file))).toEqual(new Set(['a.xlsx', 'b.xlsx']));
  expect(written.entries[0]).toEqual({ file: expect.any(String), sheet: expect.any(String), cell: expect.any(String), ruleId: expect.any(String), value: expect.any(String) });

  const second = await check([forms, '--format', 'json', '--baseline', baseline]);
  expect(second.code).toBe(0);
  const report = JSON.parse(second.out) as JsonReport;
  expect(report.summary).toMatchObject({ errors: 0, warnings: 0, dismissed: all.length });
  const byFile = new Map(report.files.map((f) => [path.basename(f.file), f.findings]));
  expect(byFile.get('a.xlsx')!.find((f) => f.ruleId === 'SAT-001')!.dismissed).toEqual({ reason: '上级文件要求', at: expect.any(String) });
  expect(byFile.get('b.xlsx')!.every((f) => f.dismissed?.reason === '基线 / baseline')).toBe(true);
  const text = await check([forms, '--no-color', '--baseline', baseline]);
  expect(text.out).toMatch(/ {4}E18\s+已忽略\s+SAT-001\s+原因：基线 \/ baseline {2}（/);

  // A file the baseline has never seen is checked as usual.
  await fs.copyFile(path.join(forms, 'b.xlsx'), path.join(forms, 'c.xlsx'));
  const third = JSON.parse((await check([forms, '--format', 'json', '--baseline', baseline])).out) as JsonReport;
  const c = third.files.find((f) => path.basename(f.file) === 'c.xlsx')!;
  expect(c.findings.length).toBeGreaterThan(0);
  expect(c.findings.some((f) => f.dismissed)).toBe(false);
  expect(third.summary.errors).toBeGreaterThan(0);
});

test('a baseline that is not one is a usage error (exit 2)', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'plain.xlsx');
  await buildSampleWorkbook(SEED.forms).xlsx.writeFile(file);
  const bad = path.join(dir, 'bad.json');
  await fs.writeFile(bad, '{"entries": [{"file": 1}]}');
  const r = await check([file, '--baseline', bad]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('基线文件第 1 条无效');
  expect((await check([file, '--baseline', path.join(dir, 'missing.json')])).code).toBe(2);
});

test('Review: the workbook\'s dismissal wins over the baseline; entries leave out what the workbook dismisses', () => {
  const grid = { sheet: 'S', top: 0, left: 0, merges: [], cells: [[{ text: 'x', value: 'x' }]] };
  const finding = { ruleId: 'R-1', severity: 'error' as const, sheet: 'S', cell: 'A1', message: 'm', workbook: '/in/a.xlsx', form: 0 };
  const first = new Review([], true);
  first.add('/in/a.xlsx', { grids: [grid], settings: {} });
  const [f] = first.apply([finding]);
  const entries = first.entries([f]);
  expect(entries).toEqual([{ file: 'a.xlsx', sheet: 'S', cell: 'A1', ruleId: 'R-1', value: f.fingerprint }]);
  const dismissal = JSON.stringify(JSON.stringify({ version: 1, items: [{ ...dismissalOf(f, '自己的原因', 't')! }] }));
  const second = new Review(entries.map((e) => ({ ...e, reason: '旧' })));
  second.add('/elsewhere/a.xlsx', { grids: [grid], settings: { [DISMISSALS_KEY]: dismissal } });
  const [g] = second.apply([{ ...finding, workbook: '/elsewhere/a.xlsx' }]);
  expect(g.dismissed).toEqual({ reason: '自己的原因', at: 't' });
  expect(second.entries([g])).toEqual([]);
  const third = new Review(entries.map((e) => ({ ...e, reason: '旧' })));
  third.add('/elsewhere/a.xlsx', { grids: [grid], settings: {} });
  const [h] = third.apply([{ ...finding, workbook: '/elsewhere/a.xlsx' }]);
  expect(h.dismissed).toEqual({ reason: '基线 / baseline：旧' });
  expect(third.entries([h])[0].reason).toBe('旧');
});
