/**
 * The preview's two spreadsheet programs over one in-memory workbook model: Excel (the Office.js host, as in
 * Excel) or WPS 表格 (the ET host, `?host=wps`), each with the pane host that program's add-in uses. The
 * workbook view draws either, since both hosts keep the same model.
 */
import { excelPaneHost } from '../excel/paneHost';
import { hostEnv } from '../host/env';
import { EtHost } from '../host/et';
import { ExcelHost } from '../host/excel';
import { emptyWorkbook, type HostWorkbookData } from '../host/model';
import { selectCell, showSheet } from '../host/edits';
import type { PaneHost } from '../taskpane/paneHost';
import type { WpsGlobal, WpsTaskPane } from '../wps/jsapi';
import { wpsPaneHost } from '../wps/paneHost';

/** What the workbook view needs: the data, a redraw signal, and a person's clicks and typing. */
export interface ViewHost {
  readonly data: HostWorkbookData;
  subscribe(listener: () => void): () => void;
  edit(sheet: string, a1: string, value: string | number | null): Promise<void> | void;
  showSheet(name: string): void;
  selectCell(sheet: string, a1: string): void;
}

export interface PreviewHost {
  kind: 'excel' | 'wps';
  view: ViewHost;
  /** Open another workbook. */
  load(data: HostWorkbookData): void;
  /** The pane host for the workbook now open. */
  pane(): PaneHost;
}

export function excelPreview(): PreviewHost {
  const host = new ExcelHost(emptyWorkbook());
  const pane = excelPaneHost(hostEnv(host));
  return { kind: 'excel', view: host, load: (data) => host.load(data), pane: () => pane };
}

/** Every method of `host` followed by `after()`: the synchronous ET host has no sync to redraw on. */
function redrawing(host: PaneHost, after: () => void): PaneHost {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(host)) {
    out[k] = typeof v === 'function' && k !== 'explainError' && k !== 'onRequest' ? async (...args: unknown[]) => {
      try {
        return await (v as (...a: unknown[]) => unknown).apply(host, args);
      } finally {
        after();
      }
    } : v;
  }
  return out as unknown as PaneHost;
}

/** The `wps` global a WPS page sees, over the preview: task pane = the preview's pane, dialogs shown in the page. */
export interface PreviewWps extends WpsGlobal {
  /** The pane's visibility, for the page to show. */
  paneVisible: boolean;
}

export class WpsPreview implements PreviewHost {
  readonly kind = 'wps' as const;
  private et = new EtHost(emptyWorkbook());
  private readonly listeners = new Set<() => void>();
  private readonly storage = new Map<string, unknown>();
  readonly wps: PreviewWps;
  readonly view: ViewHost;

  constructor(showDialog: (url: string, title: string) => void) {
    const visible = (v?: boolean) => {
      if (v !== undefined) {
        this.wps.paneVisible = v;
        this.notify();
      }
      return this.wps.paneVisible;
    };
    const pane: WpsTaskPane = {
      ID: 1,
      get Visible() {
        return visible();
      },
      set Visible(v: boolean) {
        visible(v);
      },
    };
    const current = () => this.et;
    this.wps = {
      paneVisible: false,
      EtApplication: () => this.et.app,
      CreateTaskPane: () => pane,
      GetTaskPane: (id) => (id === pane.ID ? pane : null),
      ShowDialog: (url, title) => showDialog(url, title),
      PluginStorage: { getItem: (k) => this.storage.get(k) ?? null, setItem: (k, v) => void this.storage.set(k, v) },
    };
    this.view = {
      get data() {
        return current().data;
      },
      subscribe: (l) => {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      },
      edit: (sheet, a1, value) => {
        this.et.type(sheet, a1, value ?? undefined);
        this.notify();
      },
      showSheet: (name) => {
        showSheet(this.et.data, name);
        this.notify();
      },
      selectCell: (sheet, a1) => {
        selectCell(this.et.data, sheet, a1);
        this.notify();
      },
    };
  }

  notify(): void {
    for (const l of this.listeners) l();
  }

  load(data: HostWorkbookData): void {
    this.et = new EtHost(data);
    this.notify();
  }

  pane(): PaneHost {
    return redrawing(wpsPaneHost(this.et.app, this.wps), () => this.notify());
  }
}
