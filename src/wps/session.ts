/**
 * One pane's hold on the WPS workbook: the add-in's own writes are bracketed, so the SheetChange they may raise
 * (during the write or after it — WPS does not say, docs/wps.md §6, 6) is not taken for a person's edit; and a
 * print of each sheet's values as last read, so an echo arriving later changes nothing either.
 */
import type { EtApplication, EtWorksheet } from '../host/et';
import type { WpsGlobal } from './jsapi';
import { valuesPrint } from './read';

type Listener = (sh: EtWorksheet, target: unknown) => void;

export class WpsSession {
  private writing = 0;
  private readonly prints = new Map<string, string>();
  constructor(
    readonly app: EtApplication,
    /** The `wps` global, whose ApiEvent the template uses when Application has none (docs/wps.md §1.4). */
    private readonly wps?: WpsGlobal & { ApiEvent?: EtApplication['ApiEvent'] },
  ) {}

  write<T>(fn: () => T): T {
    this.writing++;
    try {
      return fn();
    } finally {
      this.writing--;
    }
  }

  /** The print of a sheet's values as just read (src/wps/read.ts). */
  remember(sheet: string, print: string): void {
    this.prints.set(sheet, print);
  }

  private events(): EtApplication['ApiEvent'] | undefined {
    return this.app.ApiEvent ?? this.wps?.ApiEvent;
  }

  /** Whether this WPS raises SheetChange for a pane to hear (docs/wps.md §2.3). */
  get canWatch(): boolean {
    return typeof this.events()?.AddApiEventListener === 'function';
  }

  /** Call `onChange(sheet)` when a person changes values on one of `sheets`; the result stops listening. */
  watch(sheets: string[], onChange: (sheet: string) => void): () => void {
    const events = this.events();
    if (!events) return () => undefined;
    const watched = new Set(sheets);
    const listener: Listener = (sh) => {
      if (this.writing) return;
      const name = sh.Name;
      if (!watched.has(name)) return;
      const print = valuesPrint(sh);
      if (print === this.prints.get(name)) return;
      this.prints.set(name, print);
      onChange(name);
    };
    events.AddApiEventListener('SheetChange', listener);
    return () => events.RemoveApiEventListener('SheetChange', listener);
  }
}
