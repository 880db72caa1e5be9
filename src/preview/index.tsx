/**
 * The browser preview: the real task pane (same React code as in Excel) beside
 * a workbook held by the in-memory Excel host. Nothing here talks to the
 * network but this page's own server (the sample workbook).
 */
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle1 } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { createRoot } from 'react-dom/client';
import type { HostWorkbookData } from '../host/model';
import { App } from '../taskpane/App';
import { uiLocale } from '../taskpane/strings';
import { ThemedRoot } from '../taskpane/theme';
import type { FormLayout } from '../core/layout';
import { fetchSample, readXlsx, sampleName, writeXlsx } from './files';
import { PREVIEW_STRINGS } from './strings';
import { WorkbookView } from './WorkbookView';
import { excelPreview, WpsPreview } from './hosts';
import { WpsRibbon, WpsDialog } from './WpsRibbon';

const params = new URLSearchParams(location.search);
const locale = uiLocale(params.get('lang') ?? navigator.language);
const s = PREVIEW_STRINGS[locale];
/** `?host=wps`: the workbook in the in-memory WPS 表格 host, with the WPS ribbon; else Excel. */
let showDialog: (url: string, title: string) => void = () => undefined;
const wps = params.get('host') === 'wps' ? new WpsPreview((url, title) => showDialog(url, title)) : undefined;
const preview = wps ?? excelPreview();
const host = preview.view;

/** This page in the other program: `?host=wps` added or taken away, the language kept. */
function otherHostUrl(): string {
  const next = new URLSearchParams(location.search);
  if (wps) next.delete('host');
  else next.set('host', 'wps');
  const query = next.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

function Preview() {
  const [generation, setGeneration] = useState(0);
  const [name, setName] = useState(sampleName('hebei'));
  const [status, setStatus] = useState<{ intent: 'info' | 'error' | 'success'; text: string }>({ intent: 'info', text: s.loading });
  const [ready, setReady] = useState(false);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<{ url: string; title: string }>();
  showDialog = (url, title) => setDialog({ url, title });
  const paneHost = useMemo(() => (ready ? preview.pane() : undefined), [generation, ready]);
  const [, redraw] = useState(0);
  useEffect(() => host.subscribe(() => redraw((n) => n + 1)), []);
  const paneShown = !wps || wps.wps.paneVisible;

  const open = useCallback(async (label: string, load: () => Promise<HostWorkbookData>) => {
    setStatus({ intent: 'info', text: s.loading });
    try {
      preview.load(await load());
      setName(label);
      setGeneration((g) => g + 1); // a fresh pane for a fresh workbook
      setReady(true);
      setStatus({ intent: 'success', text: s.opened(label) });
    } catch (e) {
      setStatus({ intent: 'error', text: s.openFailed(label, (e as Error).message) });
    }
  }, []);

  const openSample = useCallback((layout: FormLayout) => open(sampleName(layout), () => fetchSample(layout)), [open]);

  useEffect(() => {
    void openSample('hebei');
  }, [openSample]);

  const openFile = (file: File | undefined) => {
    if (file) void open(file.name, async () => readXlsx(await file.arrayBuffer()));
  };
  const download = async () => {
    try {
      const url = URL.createObjectURL(await writeXlsx(host.data));
      const a = document.createElement('a');
      a.href = url;
      a.download = name.replace(/\.xls[xm]?$/i, '') + '.xlsx';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setStatus({ intent: 'error', text: s.downloadFailed((e as Error).message) });
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    openFile(e.dataTransfer.files[0]);
  };

  return (
    <div className={`preview${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <header className="bar">
        <div>
          <Subtitle1 as="h1">{wps ? s.titleWps : s.title}</Subtitle1>
          <Caption1 block>{s.hint}</Caption1>
        </div>
        <div className="bar-actions">
          <input ref={picker} type="file" accept=".xlsx,.xlsm" hidden onChange={(e) => openFile(e.target.files?.[0])} aria-label={s.open} />
          <Button onClick={() => picker.current?.click()}>{s.open}</Button>
          <Button disabled={!ready} onClick={() => void download()}>{s.download}</Button>
          <Button onClick={() => void openSample('hebei')}>{s.sample}</Button>
          <Button onClick={() => void openSample('national')}>{s.sampleNational}</Button>
          {/* The same pane in the other program's add-in: a fresh page, so each starts from its own host. */}
          <Button as="a" appearance="subtle" href={otherHostUrl()}>{wps ? s.switchToExcel : s.switchToWps}</Button>
        </div>
      </header>
      {wps && <WpsRibbon wps={wps.wps} locale={locale} />}
      {dialog && <WpsDialog {...dialog} onClose={() => setDialog(undefined)} locale={locale} />}
      <MessageBar intent={status.intent} className="status" role={status.intent === 'error' ? 'alert' : 'status'}>
        <MessageBarBody>{dragging ? s.drop : status.text}</MessageBarBody>
      </MessageBar>
      <div className="body">
        <div className="book-area">{ready && <WorkbookView host={host} labels={s} />}</div>
        {/* A plain box: the pane brings its own <main> landmark, as it has in Excel. */}
        {/* In WPS the pane is opened from the ribbon (打开助手); hidden, it keeps its state. */}
        <div className="pane" hidden={!paneShown}>{paneHost && <App key={generation} host={paneHost} locale={locale} />}</div>
      </div>
    </div>
  );
}

document.documentElement.lang = locale;
createRoot(document.getElementById('root')!).render(
  <ThemedRoot readBackground={() => undefined}>
    <Preview />
  </ThemedRoot>,
);
