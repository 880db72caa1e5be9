/**
 * The 一键校验 summary dialog: reads the counts from its URL. In Excel it closes through the parent (Office.js);
 * in WPS (dist/wps, no Office.js) the dialog page closes itself (docs/wps.md §1.4).
 */
import { STRINGS } from '../taskpane/strings';

const q = new URLSearchParams(window.location.search);
const locale = q.get('lang') === 'en' ? 'en' : 'zh-CN';
const s = STRINGS[locale];
document.documentElement.lang = locale;
document.getElementById('title')!.textContent = s.name;
const error = q.get('error');
const counts = { error: Number(q.get('errors') ?? 0), warning: Number(q.get('warnings') ?? 0), info: Number(q.get('infos') ?? 0) };
const protectedSheets = q.get('protected');
document.getElementById('text')!.textContent = error
  ? error
  : [s.summary(Number(q.get('forms') ?? 0), s.counts(counts)), protectedSheets ? s.protectedSheets(protectedSheets) : ''].filter(Boolean).join(' ');
const close = document.getElementById('close')!;
close.textContent = s.confirm;
const office = typeof Office === 'undefined' ? undefined : Office;
close.addEventListener('click', () => (office ? office.context.ui.messageParent('close') : window.close()));
office?.onReady(() => undefined);
