/**
 * The WPS ribbon's script, built into dist/wps/main.js and loaded by index.html (docs/wps.md §1.1). WPS calls the
 * global functions ribbon.xml names, with `control.Id` (§1.3); every callback is synchronous, since async ones
 * stopped the custom ribbon from showing in some builds (§1.3): 一键校验 starts its work and returns at once.
 */
import type { EtApplication } from '../host/et';
import { summaryParams } from '../commands/summaryParams';
import { errorDetail } from '../core/hostRun';
import type { PaneHost } from '../taskpane/paneHost';
import { STRINGS, uiLocale, type UiLocale } from '../taskpane/strings';
import { etApplicationOf, type WpsGlobal, type WpsTaskPane } from './jsapi';
import { REQUEST_KEY, wpsPaneHost } from './paneHost';

/** PluginStorage keys (§1.4). The pane polls REQUEST_KEY for `new:<n>` and opens its 新建项目表 tab (src/wps/paneHost.ts). */
export const PANE_KEY = 'goalsheet_taskpane_id';
export { REQUEST_KEY };

export const IMAGES: Record<string, string> = { gsOpenPane: 'images/open.svg', gsValidate: 'images/validate.svg', gsNewSheet: 'images/new.svg' };

export interface RibbonEnv {
  wps: WpsGlobal;
  /** The add-in folder's URL, ending with '/'. */
  base: string;
  locale: UiLocale;
  application(): EtApplication | undefined;
  host(app: EtApplication): PaneHost;
  now(): number;
  devicePixelRatio: number;
}

/** The folder index.html was loaded from: task pane and dialog URLs are built on it, as the template's GetUrlPath. */
export function addinBase(href: string): string {
  return new URL('.', href).toString();
}

export function summaryUrl(base: string, params: Record<string, string>): string {
  return `${base}summary.html?${new URLSearchParams(params).toString()}`;
}

export const NO_APPLICATION: [string, string] = [
  '未找到 WPS 表格的应用程序对象（wps.EtApplication）。请在 WPS 表格中打开工作簿后再点“一键校验”。',
  'The WPS Spreadsheets application object (wps.EtApplication) was not found. Open a workbook in WPS Spreadsheets and try again.',
];

/** An error raised before there is a host to explain it. */
export function internalError(e: unknown): [string, string] {
  const detail = errorDetail(e, 0);
  return [`内部错误：这是本加载项的问题。请复制以下信息反馈给开发者：\n${detail}`, `Internal error: a fault in this add-in. Please copy these details to the developers:\n${detail}`];
}

function storedPane(wps: WpsGlobal): WpsTaskPane | undefined {
  const id = wps.PluginStorage?.getItem(PANE_KEY);
  if (id === null || id === undefined || id === '') return undefined;
  try {
    // A pane closed with WPS, or an ID from an earlier session, gives nothing (or throws) here.
    return (wps.GetTaskPane?.(id as string | number) as WpsTaskPane | null | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

const DOCK_RIGHT = 2;

function createPane(wps: WpsGlobal, url: string): WpsTaskPane {
  // Spelled both ways in WPS's docs and template (§1.4, §6 item 15).
  const create = wps.CreateTaskPane ?? wps.CreateTaskpane;
  if (!create) throw new Error('wps.CreateTaskPane is missing');
  const pane = create.call(wps, url);
  wps.PluginStorage?.setItem(PANE_KEY, pane.ID);
  try {
    // Docked right, where Excel shows task panes: msoCTPDockPositionRight, 2 (the template's own fallback when
    // wps.Enum is missing, §1.4). A build that refuses it keeps its default.
    pane.DockPosition = wps.Enum?.msoCTPDockPositionRight ?? DOCK_RIGHT;
  } catch {
    // The pane still opens.
  }
  pane.Visible = true;
  return pane;
}

/** 打开助手: the first click creates the pane, later ones show or hide it. */
export function togglePane(wps: WpsGlobal, base: string): 'created' | 'shown' | 'hidden' {
  const pane = storedPane(wps);
  if (!pane) {
    createPane(wps, `${base}taskpane.html`);
    return 'created';
  }
  pane.Visible = !pane.Visible;
  return pane.Visible ? 'shown' : 'hidden';
}

/** 新建项目表: ask the pane for its 新建项目表 tab, then make sure it is open. */
export function requestNewSheet(wps: WpsGlobal, base: string, now: number): 'created' | 'shown' {
  wps.PluginStorage?.setItem(REQUEST_KEY, `new:${now}`);
  const pane = storedPane(wps);
  if (!pane) {
    createPane(wps, `${base}taskpane.html?view=new`);
    return 'created';
  }
  pane.Visible = true;
  return 'shown';
}

function showSummary(env: RibbonEnv, params: Record<string, string>): void {
  const s = STRINGS[env.locale];
  const scale = env.devicePixelRatio || 1;
  // Non-modal, as the template's dialog (§1.4); the page closes itself (src/commands/summary.ts).
  env.wps.ShowDialog?.(summaryUrl(env.base, params), s.name, Math.round(420 * scale), Math.round(260 * scale), false);
}

/** 一键校验 without the pane, as the Excel ribbon command: validate everything, then show the counts. */
export async function validateFromRibbon(env: RibbonEnv): Promise<void> {
  const lang = env.locale === 'en' ? 'en' : 'zh';
  const pick = (t: [string, string]) => t[lang === 'en' ? 1 : 0];
  const app = env.application();
  if (!app) return showSummary(env, { lang, error: pick(NO_APPLICATION) });
  let host: PaneHost | undefined;
  try {
    host = env.host(app);
    const { options } = await host.loadOptions();
    const result = await host.validate('all', { ...(options ?? {}), locale: env.locale });
    showSummary(env, summaryParams(result, lang));
  } catch (e) {
    showSummary(env, { lang, error: pick(host ? host.explainError(e) : internalError(e)) });
  }
}

/** The three global callbacks over an environment read at each call (WPS sets `wps` before calling them). */
export function ribbonCallbacks(envOf: () => RibbonEnv) {
  let running: Promise<void> | undefined;
  return {
    OnAddinLoad(ribbonUI: WpsGlobal['ribbonUI']): boolean {
      const { wps } = envOf();
      wps.ribbonUI = ribbonUI; // as the template: kept for InvalidateControl (§1.3)
      return true;
    },
    OnAction(control: { Id: string }): boolean {
      const env = envOf();
      switch (control.Id) {
        case 'gsOpenPane':
          togglePane(env.wps, env.base);
          break;
        case 'gsNewSheet':
          requestNewSheet(env.wps, env.base, env.now());
          break;
        case 'gsValidate':
          // One run at a time: a second click while validating does nothing.
          running ??= validateFromRibbon(env).finally(() => (running = undefined));
          break;
      }
      return true;
    },
    GetImage(control: { Id: string }): string {
      return IMAGES[control.Id] ?? '';
    },
    /** For tests: resolves when a 一键校验 started by OnAction is done. */
    idle: (): Promise<void> => running ?? Promise.resolve(),
  };
}

type PageGlobal = { wps?: WpsGlobal; Application?: EtApplication; location: { href: string }; navigator?: { language?: string }; devicePixelRatio?: number };

/** The environment of the page WPS opened (index.html). */
export function pageEnv(g: PageGlobal): RibbonEnv {
  return {
    wps: g.wps ?? {},
    base: addinBase(g.location.href),
    // WPS has no Office.context.displayLanguage: the page's language decides, Chinese unless English.
    locale: uiLocale(g.navigator?.language),
    application: () => etApplicationOf(g),
    host: (app) => wpsPaneHost(app, g.wps),
    now: () => Date.now(),
    devicePixelRatio: g.devicePixelRatio ?? 1,
  };
}

// On the page: the callbacks become the globals ribbon.xml names (onLoad, onAction, getImage).
if (typeof window !== 'undefined') {
  const page = window as unknown as PageGlobal & Record<string, unknown>;
  const { OnAddinLoad, OnAction, GetImage } = ribbonCallbacks(() => pageEnv(page));
  Object.assign(page, { OnAddinLoad, OnAction, GetImage });
}
