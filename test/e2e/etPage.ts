/**
 * Bundled by test/e2e/wps-pane.test.ts and injected before the WPS task pane page's own scripts: a `wps` global
 * whose EtApplication() is the in-memory ET host over the seed workbook, in place of WPS's. Test-only; never shipped.
 */
import { layoutForm, type FormData } from '../../src/core/layout';
import { EtHost } from '../../src/host/et';
import { workbookFromSpecs } from '../../src/host/fromSpec';
import seed from '../../assets/samples/seed-forms.json';

const forms = (seed as unknown as { forms: FormData[] }).forms;
const host = new EtHost(workbookFromSpecs(forms.map((f) => ({ name: f.name, specs: [layoutForm(f)] }))));
const storage = new Map<string, unknown>();
Object.assign(window, {
  wps: { EtApplication: () => host.app, PluginStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: unknown) => void storage.set(k, v) } },
  __et: host,
});
