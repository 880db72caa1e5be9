/**
 * @jest-environment node
 */
/**
 * The built WPS task pane page (dist/wps/taskpane.html) in Debian's Chromium over the in-memory ET host, injected as
 * WPS would provide `wps` (test/e2e/etPage.ts, bundled here): the shared pane validates through the WPS adapter,
 * marks the cells with conditional formats and comments, and clears them — in the page exactly as it ships.
 */
import { existsSync, promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import webpack from 'webpack';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser';

jest.setTimeout(120_000);

const WPS = path.join(__dirname, '../../dist/wps');
let browser: Browser;
let fake: string;

async function bundleFake(): Promise<string> {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'goalsheet-et-'));
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    webpack({
      mode: 'development',
      devtool: false, // the page's CSP forbids eval
      target: ['web', 'es2019'],
      entry: path.join(__dirname, 'etPage.ts'),
      output: { path: out, filename: 'et.js' },
      resolve: { extensions: ['.ts', '.js'] },
      module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(__dirname, '../../tsconfig.json'), compilerOptions: { noEmit: false, module: 'esnext' } } }] },
    }).run((e, s) => (e || !s ? reject(e) : resolve(s))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  return path.join(out, 'et.js');
}

beforeAll(async () => {
  if (!existsSync(path.join(WPS, 'taskpane.html'))) throw new Error('dist/wps/taskpane.html is missing: run `npm run build` first (npm test does).');
  fake = await bundleFake();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});
afterAll(async () => {
  await browser?.close();
});

test('dist/wps/taskpane.html: validate through the ET host, marks on the cells, clear leaves the workbook as it was', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 420, height: 900 } });
  await context.addInitScript({ path: fake });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${pathToFileURL(WPS).toString()}/taskpane.html`);
  type Et = { data: { sheets: { name: string; notes: Record<string, string>; conditionalFormats?: { formula: string; fill?: string }[] }[] } };
  const before = await page.evaluate(() => JSON.stringify((window as unknown as { __et: Et }).__et.data));

  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  const marked = await page.evaluate(() => {
    const sheet = (window as unknown as { __et: Et }).__et.data.sheets.find((s) => s.name === '政务联络经费')!;
    return { note: sheet.notes.E18, formats: (sheet.conditionalFormats ?? []).map((f) => f.formula) };
  });
  expect(marked.note).toMatch(/^【错误】SAT-001/);
  expect(marked.formats).toContain('=ISTEXT("goalsheet:error")');

  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText(/已清除 \d+ 张工作表上的标记/).waitFor();
  const after = await page.evaluate(() => {
    const data = (window as unknown as { __et: Et & { data: { nextSheetId: number } } }).__et.data;
    return JSON.stringify({ ...data, nextSheetId: 0 });
  });
  expect(after).toBe(JSON.stringify({ ...JSON.parse(before), nextSheetId: 0 }));
  expect(errors).toEqual([]);
});
