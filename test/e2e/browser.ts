/** Debian's Chromium driven by playwright-core against the built preview (dist/web), served locally. */
import { existsSync } from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const { serve } = require('../../scripts/static-server.js') as { serve: (root: string) => Promise<{ url: string; close: () => Promise<void> }> };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WEB = path.join(__dirname, '../../dist/web');
/** Test runs write their screenshots outside the tree; `npm run screenshots` refreshes the ones the README shows. */
export const SCREENSHOTS = path.resolve(__dirname, '../..', process.env.GOALSHEET_SCREENSHOTS ?? 'test-output/screenshots');

export interface Session {
  url: string;
  browser: Browser;
  /** Requests that left the local server: the preview must make none. */
  foreign: string[];
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

export async function start(): Promise<Session> {
  if (!existsSync(path.join(WEB, 'preview.html'))) throw new Error('dist/web/preview.html is missing: run `npm run build` first (npm test does).');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh does).`);
  const server = await serve(WEB);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const foreign: string[] = [];
  return {
    url: `${server.url}/preview.html`,
    browser,
    foreign,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      return { page, context, errors };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The preview opened on the sample workbook, the pane ready. */
export async function openPreview(session: Session, colorScheme: 'light' | 'dark' = 'light') {
  const p = await session.newPage({ colorScheme });
  await p.page.goto(session.url);
  await p.page.getByRole('button', { name: '校验整个工作簿' }).waitFor();
  return p;
}

/** Background colours of every drawn cell of the shown sheet, by address. */
export async function fills(page: Page): Promise<Record<string, string>> {
  return page.$$eval('td[data-cell]', (tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-cell')!, getComputedStyle(td).backgroundColor])));
}
