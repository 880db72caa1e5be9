/** What the pane needs from Excel: Office.js in Excel, the in-memory host in tests and the preview. */
export interface ExcelEnv {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  /** The loaded Office.js library defines this class: a host may report a set the library does not implement. */
  hasApi(name: string): boolean;
  /** Call `onChange(sheetName)` when a person edits one of `sheets`; returns a function that stops watching. */
  watch(sheets: string[], onChange: (sheet: string) => void): Promise<() => Promise<void>>;
}

interface Runner {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Excel.run(context, batch): a batch on an earlier context (event handlers are removed there). */
  runIn<T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  hasApi(name: string): boolean;
}

export function createEnv(r: Runner): ExcelEnv {
  return {
    run: (batch) => r.run(batch),
    isSetSupported: (name, version) => r.isSetSupported(name, version),
    hasApi: (name) => r.hasApi(name),
    async watch(sheets, onChange) {
      if (!r.isSetSupported('ExcelApi', '1.7') || !sheets.length) return async () => undefined;
      const handlers = await r.run(async (context) => {
        // Excel raises onChanged for this add-in's own writes (fixes) too: those are no edits to re-check
        // (WorksheetChangedEventArgs.triggerSource, ExcelApi 1.14).
        const added = sheets.map((name) =>
          context.workbook.worksheets.getItem(name).onChanged.add(async (e: { triggerSource?: string }) => {
            if (e?.triggerSource !== 'ThisLocalAddin') onChange(name);
          }));
        await context.sync();
        return added;
      });
      return async () => {
        await r.runIn(handlers[0].context as Excel.RequestContext, async (context) => {
          handlers.forEach((h) => h.remove());
          await context.sync();
        });
      };
    },
  };
}

/** Office.js in a real Excel. */
export function officeEnv(): ExcelEnv {
  return createEnv({
    run: (batch) => Excel.run(batch),
    runIn: (context, batch) => Excel.run(context, batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    hasApi: officeHasApi,
  });
}

/** Excel.NoteCollection and the like, as defined by the Office.js library this page loaded. */
export function officeHasApi(name: string): boolean {
  return typeof Excel !== 'undefined' && typeof (Excel as unknown as Record<string, unknown>)[name] === 'function';
}
