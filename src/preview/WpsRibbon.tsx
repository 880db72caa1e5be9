/**
 * The WPS ribbon in the preview: the buttons of the add-in's real ribbon.xml (served beside the preview as
 * wps/ribbon.xml), calling the add-in's real callbacks (src/wps/ribbon.ts) against the preview's `wps` — so
 * 打开助手, 一键校验 and 新建项目表 do here what they do in WPS. Dialogs (一键校验's summary) open in the page.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { UiLocale } from '../taskpane/strings';
import { addinBase, ribbonCallbacks } from '../wps/ribbon';
import { wpsPaneHost } from '../wps/paneHost';
import { etApplicationOf } from '../wps/jsapi';
import type { PreviewWps } from './hosts';
import { PREVIEW_STRINGS } from './strings';

interface RibbonButton {
  id: string;
  label: string;
  tip: string;
}

const CUSTOM_UI = 'http://schemas.microsoft.com/office/2006/01/customui';

/** The buttons of ribbon.xml's first custom tab, in order. */
export function ribbonButtons(xml: string): { tab: string; buttons: RibbonButton[] } {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const tab = doc.getElementsByTagNameNS(CUSTOM_UI, 'tab')[0];
  const buttons = [...doc.getElementsByTagNameNS(CUSTOM_UI, 'button')].map((b) => ({
    id: b.getAttribute('id') ?? '',
    label: b.getAttribute('label') ?? '',
    tip: b.getAttribute('supertip') ?? b.getAttribute('screentip') ?? '',
  }));
  return { tab: tab?.getAttribute('label') ?? '', buttons };
}

export function WpsRibbon({ wps, locale }: { wps: PreviewWps; locale: UiLocale }) {
  const s = PREVIEW_STRINGS[locale];
  const [ribbon, setRibbon] = useState<{ tab: string; buttons: RibbonButton[] } | 'failed'>();
  const callbacks = useMemo(
    () =>
      ribbonCallbacks(() => ({
        wps,
        // The add-in's folder: wps/ beside the preview (its ribbon.xml, images and summary page).
        base: `${addinBase(location.href)}wps/`,
        locale,
        application: () => etApplicationOf({ wps }),
        host: (app) => wpsPaneHost(app, wps),
        now: () => Date.now(),
        devicePixelRatio: window.devicePixelRatio,
      })),
    [wps, locale],
  );
  useEffect(() => {
    fetch(`${addinBase(location.href)}wps/ribbon.xml`)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((xml) => {
        setRibbon(ribbonButtons(xml));
        callbacks.OnAddinLoad({});
      })
      .catch(() => setRibbon('failed'));
  }, [callbacks]);
  if (ribbon === 'failed') return <div className="wps-ribbon" role="alert">{s.ribbonMissing}</div>;
  if (!ribbon) return null;
  return (
    <div className="wps-ribbon" role="toolbar" aria-label={ribbon.tab || s.ribbonTab}>
      <span className="wps-ribbon-tab">{ribbon.tab || s.ribbonTab}</span>
      {ribbon.buttons.map((b) => (
        <button key={b.id} type="button" data-control={b.id} title={b.tip} onClick={() => callbacks.OnAction({ Id: b.id })}>
          <img src={`wps/${callbacks.GetImage({ Id: b.id })}`} alt="" width={32} height={32} />
          <span>{b.label}</span>
        </button>
      ))}
    </div>
  );
}

export function WpsDialog({ url, title, onClose, locale }: { url: string; title: string; onClose: () => void; locale: UiLocale }) {
  return (
    <Dialog open modalType="non-modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <iframe src={url} title={title} style={{ width: '100%', height: 200, border: 0 }} />
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>{PREVIEW_STRINGS[locale].close}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
