/**
 * The `wps` global a WPS 加载项 page sees (docs/wps.md §1.3–1.4), typed for what Goalsheet calls, and the ET
 * `Application` found through it. Only members the WPS template or documentation shows are declared; each is
 * used defensively, since builds differ (docs/wps.md §6, 12 and 15).
 */
import type { EtApplication } from '../host/et';

export interface WpsTaskPane {
  ID: string | number;
  Visible: boolean;
  DockPosition?: number;
}

export interface WpsGlobal {
  EtApplication?: () => EtApplication;
  CreateTaskPane?: (url: string) => WpsTaskPane;
  /** Spelled so in some WPS task-pane docs (docs/wps.md §1.4). */
  CreateTaskpane?: (url: string) => WpsTaskPane;
  GetTaskPane?: (id: string | number) => WpsTaskPane | null | undefined;
  ShowDialog?: (url: string, title: string, width: number, height: number, modal: boolean) => unknown;
  PluginStorage?: { getItem(key: string): unknown; setItem(key: string, value: unknown): void };
  ribbonUI?: { Invalidate?: () => void; InvalidateControl?: (id: string) => void };
  /** WPS's enumerations, missing in some builds (docs/wps.md §1.4). */
  Enum?: { msoCTPDockPositionLeft?: number; msoCTPDockPositionRight?: number };
}

declare global {
  interface Window {
    wps?: WpsGlobal;
    Application?: EtApplication;
  }
}

/** The ET Application: wps.EtApplication() as the template does, else the global Application (some builds throw). */
export function etApplicationOf(w: { wps?: WpsGlobal; Application?: EtApplication }): EtApplication | undefined {
  try {
    const app = w.wps?.EtApplication?.();
    if (app) return app;
  } catch {
    // Fall through to the global (docs/wps.md §1.4, ③ pi-for-excel).
  }
  return w.Application;
}
