/**
 * @jest-environment jsdom
 */
/**
 * The WPS ribbon's callbacks (src/wps/ribbon.ts) against a fake `wps` object shaped as WPS's template uses it
 * (docs/wps.md §1.3–1.4): CreateTaskPane returns a pane with ID and Visible, GetTaskPane finds it by ID,
 * PluginStorage keeps the ID, ShowDialog opens the summary page. And the summary page closing in both hosts.
 */
import { existsSync } from 'fs';
import path from 'path';
import type { EtApplication } from '../../src/host/et';
import { etApplication } from '../../src/host/et';
import type { PaneHost } from '../../src/taskpane/paneHost';
import type { WpsGlobal, WpsTaskPane } from '../../src/wps/jsapi';
import { wpsPaneHost } from '../../src/wps/paneHost';
import { addinBase, IMAGES, internalError, NO_APPLICATION, PANE_KEY, pageEnv, REQUEST_KEY, ribbonCallbacks, summaryUrl, type RibbonEnv } from '../../src/wps/ribbon';
import { seedBook } from '../helpers/seed';

const BASE = 'file:///C:/Users/u/AppData/Roaming/kingsoft/wps/jsaddons/goalsheet_0.1.0/';

function fakeWps(spelling: 'CreateTaskPane' | 'CreateTaskpane' = 'CreateTaskPane') {
  const storage = new Map<string, unknown>();
  const panes = new Map<string, WpsTaskPane>();
  const created: string[] = [];
  const dialogs: { url: string; title: string; width: number; height: number; modal: boolean }[] = [];
  let next = 1;
  const wps: WpsGlobal = {
    [spelling]: (url: string) => {
      created.push(url);
      const pane: WpsTaskPane = { ID: `pane-${next++}`, Visible: false };
      panes.set(String(pane.ID), pane);
      return pane;
    },
    GetTaskPane: (id: string | number) => panes.get(String(id)),
    ShowDialog: (url: string, title: string, width: number, height: number, modal: boolean) => {
      dialogs.push({ url, title, width, height, modal });
    },
    PluginStorage: { getItem: (k: string) => storage.get(k), setItem: (k: string, v: unknown) => void storage.set(k, v) },
  };
  return { wps, storage, panes, created, dialogs };
}

function envWith(wps: WpsGlobal, over: Partial<RibbonEnv> = {}): RibbonEnv {
  return {
    wps,
    base: BASE,
    locale: 'zh-CN',
    application: () => undefined,
    host: wpsPaneHost,
    now: () => 1700000000000,
    devicePixelRatio: 1.5,
    ...over,
  };
}

const query = (url: string) => Object.fromEntries(new URL(url).searchParams);

test('OnAddinLoad keeps the ribbon object and returns true; GetImage names an image the add-in ships', () => {
  const { wps } = fakeWps();
  const cb = ribbonCallbacks(() => envWith(wps));
  const ribbonUI = { InvalidateControl: jest.fn() };
  expect(cb.OnAddinLoad(ribbonUI)).toBe(true);
  expect(wps.ribbonUI).toBe(ribbonUI);
  for (const id of ['gsOpenPane', 'gsValidate', 'gsNewSheet']) {
    const image = cb.GetImage({ Id: id });
    expect(image).toBe(IMAGES[id]);
    expect(existsSync(path.join(__dirname, '../../src/wps/addin', image))).toBe(true);
  }
  expect(cb.GetImage({ Id: 'other' })).toBe('');
});

test('every callback answers synchronously with true, never a promise (docs/wps.md §1.3)', () => {
  const { wps } = fakeWps();
  const cb = ribbonCallbacks(() => envWith(wps));
  for (const id of ['gsOpenPane', 'gsValidate', 'gsNewSheet', 'unknown']) expect(cb.OnAction({ Id: id })).toBe(true);
});

test('打开助手: the first click creates the pane and stores its ID; later clicks hide and show that pane', () => {
  const { wps, storage, panes, created } = fakeWps();
  const cb = ribbonCallbacks(() => envWith(wps));
  cb.OnAction({ Id: 'gsOpenPane' });
  expect(created).toEqual([`${BASE}taskpane.html`]);
  expect(storage.get(PANE_KEY)).toBe('pane-1');
  const pane = panes.get('pane-1')!;
  expect(pane.Visible).toBe(true);
  // Docked right (msoCTPDockPositionRight, the template's fallback value when wps.Enum is missing).
  expect(pane.DockPosition).toBe(2);
  cb.OnAction({ Id: 'gsOpenPane' });
  expect(pane.Visible).toBe(false);
  cb.OnAction({ Id: 'gsOpenPane' });
  expect(pane.Visible).toBe(true);
  expect(created).toHaveLength(1);
});

test('打开助手 creates the pane again when GetTaskPane finds nothing or throws (a pane of an earlier session)', () => {
  const { wps, storage, created } = fakeWps();
  storage.set(PANE_KEY, 'stale');
  const cb = ribbonCallbacks(() => envWith(wps));
  cb.OnAction({ Id: 'gsOpenPane' });
  expect(created).toHaveLength(1);
  expect(storage.get(PANE_KEY)).toBe('pane-1');
  wps.GetTaskPane = () => {
    throw new Error('no such pane');
  };
  cb.OnAction({ Id: 'gsOpenPane' });
  expect(created).toHaveLength(2);
  expect(storage.get(PANE_KEY)).toBe('pane-2');
});

test('the CreateTaskpane spelling of some WPS docs works too (docs/wps.md §1.4)', () => {
  const { wps, created } = fakeWps('CreateTaskpane');
  ribbonCallbacks(() => envWith(wps)).OnAction({ Id: 'gsOpenPane' });
  expect(created).toEqual([`${BASE}taskpane.html`]);
});

test('新建项目表 leaves a request for the pane and opens it on its 新建项目表 view, or shows the open one', () => {
  const { wps, storage, panes, created } = fakeWps();
  let now = 1700000000000;
  const cb = ribbonCallbacks(() => envWith(wps, { now: () => now }));
  cb.OnAction({ Id: 'gsNewSheet' });
  expect(storage.get(REQUEST_KEY)).toBe('new:1700000000000');
  expect(created).toEqual([`${BASE}taskpane.html?view=new`]);
  expect(panes.get('pane-1')!.Visible).toBe(true);
  // Hidden pane, a second request: a new value (the pane reacts to changes), the same pane shown.
  panes.get('pane-1')!.Visible = false;
  now += 5;
  cb.OnAction({ Id: 'gsNewSheet' });
  expect(storage.get(REQUEST_KEY)).toBe('new:1700000000005');
  expect(panes.get('pane-1')!.Visible).toBe(true);
  expect(created).toHaveLength(1);
});

const fakeHost = (over: Partial<PaneHost>): PaneHost => ({ loadOptions: async () => ({ problems: [] }), explainError: () => ['宿主错误', 'host error'], ...over }) as PaneHost;
const fakeApp = {} as EtApplication;

test('一键校验 validates the whole workbook with the workbook settings and shows the counts in the summary dialog', async () => {
  const { wps, dialogs } = fakeWps();
  const validate = jest.fn(async () => ({
    forms: [{}, {}],
    findings: [{ severity: 'error' }, { severity: 'warning' }, { severity: 'warning' }, { severity: 'info' }],
    protectedSheets: ['甲', '乙'],
  }));
  const host = fakeHost({ loadOptions: async () => ({ options: { disabled: ['x'] } as never, problems: [] }), validate: validate as never });
  const cb = ribbonCallbacks(() => envWith(wps, { application: () => fakeApp, host: () => host }));
  expect(cb.OnAction({ Id: 'gsValidate' })).toBe(true);
  await cb.idle();
  expect(validate).toHaveBeenCalledWith('all', { disabled: ['x'], locale: 'zh-CN' });
  expect(dialogs).toHaveLength(1);
  const d = dialogs[0];
  expect(d.url.startsWith(`${BASE}summary.html?`)).toBe(true);
  expect(query(d.url)).toEqual({ lang: 'zh', forms: '2', errors: '1', warnings: '2', infos: '1', protected: '甲、乙' });
  expect(d).toMatchObject({ title: '绩效目标表助手', width: 630, height: 390, modal: false });
});

test('一键校验 in English WPS: English summary; a second click while validating starts nothing', async () => {
  const { wps, dialogs } = fakeWps();
  let finish!: () => void;
  const validate = jest.fn(() => new Promise((r) => (finish = () => r({ forms: [], findings: [], protectedSheets: [] }))));
  const cb = ribbonCallbacks(() => envWith(wps, { locale: 'en', application: () => fakeApp, host: () => fakeHost({ validate: validate as never }) }));
  cb.OnAction({ Id: 'gsValidate' });
  await Promise.resolve();
  cb.OnAction({ Id: 'gsValidate' });
  await new Promise((r) => setTimeout(r, 0));
  finish();
  await cb.idle();
  expect(validate).toHaveBeenCalledTimes(1);
  expect(validate).toHaveBeenCalledWith('all', { locale: 'en' });
  expect(query(dialogs[0].url)).toMatchObject({ lang: 'en', forms: '0', errors: '0' });
  expect(dialogs[0].title).toBe('Goalsheet');
});

test('一键校验 errors: no ET application, a host that cannot start, a failed validation — each explained in the dialog', async () => {
  const { wps, dialogs } = fakeWps();
  const run = async (over: Partial<RibbonEnv>) => {
    const cb = ribbonCallbacks(() => envWith(wps, over));
    cb.OnAction({ Id: 'gsValidate' });
    await cb.idle();
    return query(dialogs[dialogs.length - 1].url);
  };
  expect(await run({ application: () => undefined })).toEqual({ lang: 'zh', error: NO_APPLICATION[0] });
  const broken = new Error('ET object model unavailable');
  expect(
    await run({
      application: () => fakeApp,
      host: () => {
        throw broken;
      },
    }),
  ).toEqual({ lang: 'zh', error: internalError(broken)[0] });
  expect(await run({ locale: 'en', application: () => fakeApp, host: () => fakeHost({ validate: () => Promise.reject(new Error('x')) }) })).toEqual({ lang: 'en', error: 'host error' });
  expect(NO_APPLICATION[0]).toMatch(/^未找到 WPS 表格/);
});

// The real adapter over the in-memory ET host: the counts the Excel ribbon command gives for the seed workbook
// (test/commands/ribbon.test.ts).
test('一键校验 through the real WPS adapter on the seed workbook: the Excel command’s counts', async () => {
  const { wps, dialogs } = fakeWps();
  const app = etApplication(seedBook());
  const cb = ribbonCallbacks(() => envWith(wps, { application: () => app, host: (a) => wpsPaneHost(a, wps) }));
  cb.OnAction({ Id: 'gsValidate' });
  await cb.idle();
  expect(query(dialogs[0].url)).toMatchObject({ forms: '11', errors: '10', warnings: '6', infos: '13', lang: 'zh', protected: '' });
});

test('the page environment: the add-in folder from index.html, Chinese unless the page is English, the ET application', () => {
  const app = {} as EtApplication;
  const env = pageEnv({ location: { href: `${BASE}index.html` }, wps: { EtApplication: () => app } });
  expect(env.base).toBe(BASE);
  expect(env.locale).toBe('zh-CN');
  expect(env.application()).toBe(app);
  expect(pageEnv({ location: { href: 'http://intranet/goalsheet/index.html?x=1' }, navigator: { language: 'en-US' } }).locale).toBe('en');
  expect(pageEnv({ location: { href: 'http://intranet/goalsheet/index.html?x=1' }, navigator: { language: 'en-US' } }).base).toBe('http://intranet/goalsheet/');
  expect(addinBase('http://intranet/goalsheet/')).toBe('http://intranet/goalsheet/');
  expect(summaryUrl(BASE, { lang: 'zh', protected: '甲 & 乙' })).toBe(`${BASE}summary.html?lang=zh&protected=%E7%94%B2+%26+%E4%B9%99`);
});

describe('the summary dialog page (src/commands/summary.ts)', () => {
  beforeEach(() => {
    document.body.innerHTML = '<h1 id="title"></h1><p id="text" role="status"></p><button id="close" type="button"></button>';
    window.history.replaceState({}, '', '/summary.html?lang=zh&forms=2&errors=1&warnings=0&infos=3&protected=');
  });
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  test('in WPS (no Office.js) the 确定 button closes the dialog window itself', () => {
    const close = jest.spyOn(window, 'close').mockImplementation(() => undefined);
    jest.isolateModules(() => require('../../src/commands/summary'));
    expect(document.getElementById('title')!.textContent).toBe('绩效目标表助手');
    expect(document.getElementById('text')!.textContent).toContain('共 2 张表');
    document.getElementById('close')!.click();
    expect(close).toHaveBeenCalledTimes(1);
    close.mockRestore();
  });

  test('in Excel it still closes through the parent (Office.js messageParent)', () => {
    const messageParent = jest.fn();
    const close = jest.spyOn(window, 'close').mockImplementation(() => undefined);
    Object.assign(globalThis, { Office: { context: { ui: { messageParent } }, onReady: (cb: () => void) => cb() } });
    jest.isolateModules(() => require('../../src/commands/summary'));
    document.getElementById('close')!.click();
    expect(messageParent).toHaveBeenCalledWith('close');
    expect(close).not.toHaveBeenCalled();
    close.mockRestore();
  });
});

test('a WPS that refuses DockPosition still opens the pane', () => {
  const { wps, panes } = fakeWps();
  const create = wps.CreateTaskPane!;
  wps.CreateTaskPane = (url: string) => {
    const pane = create(url);
    Object.defineProperty(pane, 'DockPosition', { set: () => { throw new Error('not supported'); } });
    return pane;
  };
  ribbonCallbacks(() => envWith(wps)).OnAction({ Id: 'gsOpenPane' });
  expect(panes.get('pane-1')!.Visible).toBe(true);
});
