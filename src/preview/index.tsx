/**
 * The browser preview: the real task pane (same React code as in Excel) beside
 * a workbook held by the in-memory Excel host. Nothing here talks to the
 * network but this page's own server (the sample workbook).
 */
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle1 } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { ExcelHost } from '../host/excel';
import { excelPaneHost } from '../excel/paneHost';
import { hostEnv } from '../host/env';
import { emptyWorkbook, type HostWorkbookData } from '../host/model';
import { App } from '../taskpane/App';
import { uiLocale } from '../taskpane/strings';
import { ThemedRoot } from '../taskpane/theme';
import type { FormLayout } from '../core/layout';
import { fetchSample, readXlsx, sampleName, writeXlsx } from './files';
import { PREVIEW_STRINGS } from './strings';
import { WorkbookView } from './WorkbookView';

const locale = uiLocale(new URLSearchParams(location.search).get('lang') ?? navigator.language);
const s = PREVIEW_STRINGS[locale];
const host = new ExcelHost(emptyWorkbook());
const env = hostEnv(host);
const paneHost = excelPaneHost(env);

function Preview() {
  const [generation, setGeneration] = useState(0);
  const [name, setName] = useState(sampleName('hebei'));
  const [status, setStatus] = useState<{ intent: 'info' | 'error' | 'success'; text: string }>({ intent: 'info', text: s.loading });
  const [ready, setReady] = useState(false);
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const open = useCallback(async (label: string, load: () => Promise<HostWorkbookData>) => {
    setStatus({ intent: 'info', text: s.loading });
    try {
      host.load(await load());
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
          <Subtitle1 as="h1">{s.title}</Subtitle1>
          <Caption1 block>{s.hint}</Caption1>
        </div>
        <div className="bar-actions">
          <input ref={picker} type="file" accept=".xlsx,.xlsm" hidden onChange={(e) => openFile(e.target.files?.[0])} aria-label={s.open} />
          <Button onClick={() => picker.current?.click()}>{s.open}</Button>
          <Button disabled={!ready} onClick={() => void download()}>{s.download}</Button>
          <Button onClick={() => void openSample('hebei')}>{s.sample}</Button>
          <Button onClick={() => void openSample('national')}>{s.sampleNational}</Button>
        </div>
      </header>
      <MessageBar intent={status.intent} className="status" role={status.intent === 'error' ? 'alert' : 'status'}>
        <MessageBarBody>{dragging ? s.drop : status.text}</MessageBarBody>
      </MessageBar>
      <div className="body">
        <div className="book-area">{ready && <WorkbookView host={host} labels={s} />}</div>
        {/* A plain box: the pane brings its own <main> landmark, as it has in Excel. */}
        <div className="pane">{ready && <App key={generation} host={paneHost} locale={locale} />}</div>
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
