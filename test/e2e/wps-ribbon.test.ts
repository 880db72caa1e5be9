/**
 * @jest-environment node
 */
/**
 * The built WPS 加载项 (dist/wps) in Debian's Chromium, opened from file:// as an unpacked offline package is
 * (docs/wps.md §1.6), with a fake `wps` object injected before any script runs, in place of WPS's: index.html
 * defines the ribbon's callbacks, 打开助手 creates the task pane from the add-in's folder, and 一键校验 opens the
 * summary dialog page, which shows its message and closes itself.
 */
import { existsSync } from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser';

jest.setTimeout(60_000);

const WPS = path.join(__dirname, '../../dist/wps');
const base = pathToFileURL(WPS).toString() + '/';

/** A fake `wps` recording what the page asks of it (shapes as WPS's template uses them, docs/wps.md §1.4). */
function fakeWps() {
  const calls: { created: string[]; dialogs: unknown[][]; storage: Record<string, unknown> } = { created: [], dialogs: [], storage: {} };
  const panes: Record<string, { ID: string; Visible: boolean }> = {};
  (window as unknown as { __calls: typeof calls }).__calls = calls;
  (window as unknown as { wps: unknown }).wps = {
    CreateTaskPane(url: string) {
      calls.created.push(url);
      const pane = { ID: `pane-${calls.created.length}`, Visible: false };
      panes[pane.ID] = pane;
      return pane;
    },
    GetTaskPane: (id: string) => panes[id],
    ShowDialog: (...args: unknown[]) => void calls.dialogs.push(args),
    PluginStorage: { getItem: (k: string) => calls.storage[k], setItem: (k: string, v: unknown) => void (calls.storage[k] = v) },
  };
}

let browser: Browser;
beforeAll(async () => {
  if (!existsSync(path.join(WPS, 'index.html'))) throw new Error('dist/wps/index.html is missing: run `npm run build` first (npm test does).');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh does).`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.addInitScript(fakeWps);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { page, errors };
}

test('index.html defines OnAddinLoad, OnAction and GetImage; 打开助手 creates the task pane from the add-in folder', async () => {
  const { page, errors } = await open(`${base}index.html`);
  expect(await page.evaluate(() => ['OnAddinLoad', 'OnAction', 'GetImage'].map((n) => typeof (window as unknown as Record<string, unknown>)[n]))).toEqual([
    'function',
    'function',
    'function',
  ]);
  const result = await page.evaluate(() => {
    const w = window as unknown as Record<string, (a: unknown) => unknown> & { __calls: { created: string[]; storage: Record<string, unknown> }; wps: { ribbonUI?: unknown } };
    const loaded = w.OnAddinLoad({ Invalidate() {} });
    const image = w.GetImage({ Id: 'gsOpenPane' });
    const first = w.OnAction({ Id: 'gsOpenPane' });
    return { loaded, image, first, ribbonUI: !!w.wps.ribbonUI, created: w.__calls.created, stored: w.__calls.storage.goalsheet_taskpane_id };
  });
  expect(result).toEqual({ loaded: true, image: 'images/open.svg', first: true, ribbonUI: true, created: [`${base}taskpane.html`], stored: 'pane-1' });
  expect(result.created[0].endsWith('taskpane.html')).toBe(true);
  // The image GetImage names loads from the folder.
  expect(await page.evaluate((src) => new Promise((r) => Object.assign(new Image(), { onload: () => r(true), onerror: () => r(false), src })), `${base}images/open.svg`)).toBe(true);
  expect(errors).toEqual([]);
});

test('一键校验 without an ET application opens the summary dialog, which explains it in Chinese and closes itself', async () => {
  const { page, errors } = await open(`${base}index.html`);
  const dialog = await page.evaluate(async () => {
    const w = window as unknown as Record<string, (a: unknown) => unknown> & { __calls: { dialogs: unknown[][] } };
    w.OnAction({ Id: 'gsValidate' });
    for (let i = 0; i < 50 && !w.__calls.dialogs.length; i++) await new Promise((r) => setTimeout(r, 20));
    return w.__calls.dialogs[0];
  });
  expect(dialog).toEqual([expect.stringMatching(/summary\.html\?lang=zh&error=/), '绩效目标表助手', expect.any(Number), expect.any(Number), false]);
  expect(errors).toEqual([]);

  // The dialog page itself, from file:// as WPS would open it: its script runs (the CSP allows it) and fills it in.
  const summary = await open(dialog[0] as string);
  await summary.page.evaluate(() => {
    (window as unknown as { __closed: boolean }).__closed = false;
    window.close = () => void ((window as unknown as { __closed: boolean }).__closed = true);
  });
  await summary.page.getByRole('button', { name: '确定' }).waitFor();
  expect(await summary.page.textContent('#title')).toBe('绩效目标表助手');
  expect(await summary.page.textContent('#text')).toMatch(/^未找到 WPS 表格/);
  await summary.page.getByRole('button', { name: '确定' }).click();
  expect(await summary.page.evaluate(() => (window as unknown as { __closed: boolean }).__closed)).toBe(true);
  expect(summary.errors).toEqual([]);
});

test('the task pane page loads from file:// with its script allowed by the page’s CSP', async () => {
  const { page, errors } = await open(`${base}taskpane.html?view=new`);
  await page.waitForFunction(() => (document.getElementById('root')?.childNodes.length ?? 0) > 0);
  // Only the CSP is this test's business: without an ET application the pane itself may report problems.
  expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
});
