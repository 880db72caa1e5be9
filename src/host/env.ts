/** The pane's ExcelEnv over the in-memory host (tests, browser preview). */
import { createEnv, type ExcelEnv } from '../taskpane/env';
import type { ExcelHost, RequestContext } from './excel';

export function hostEnv(host: ExcelHost): ExcelEnv {
  const asExcel = (c: RequestContext) => c as unknown as Excel.RequestContext;
  return createEnv({
    run: (batch) => host.run((c) => batch(asExcel(c))),
    runIn: (context, batch) => host.runIn(context as unknown as RequestContext, (c) => batch(asExcel(c))),
    isSetSupported: (name, version) => host.isSetSupported(name, version),
    hasApi: (name) => host.hasApi(name),
  });
}
