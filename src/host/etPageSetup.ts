/** Worksheet.PageSetup for the in-memory ET host (the template renderer's print setup); see src/host/etStyle.ts for the conventions. */
import { DEFAULT, fail, keyOf } from './etStyle';
import { etWritable } from './etRange';
import { absolute } from './format';
import type { HostPageLayout, HostSheet } from './model';

/** VBA XlPaperSize (https://learn.microsoft.com/office/vba/api/excel.xlpapersize) → Excel.PaperType, the sizes the Office.js host knows. */
const PAPER: Record<number, string> = { 1: 'Letter', 3: 'Tabloid', 5: 'Legal', 7: 'Executive', 8: 'A3', 9: 'A4', 11: 'A5', 12: 'B4', 13: 'B5' };
/** VBA XlPageOrientation (https://learn.microsoft.com/office/vba/api/excel.xlpageorientation). */
const ORIENTATION: Record<number, string> = { 1: 'Portrait', 2: 'Landscape' };

export interface EtPageSetup {
  PaperSize: number;
  Orientation: number;
  Zoom: number | false;
  FitToPagesWide: number | false;
  FitToPagesTall: number | false;
  PrintArea: string;
  PrintTitleRows: string;
}

/**
 * Worksheet.PageSetup (https://learn.microsoft.com/office/vba/api/excel.pagesetup) over the model's pageLayout, in
 * the shape Office.js's PageLayout stores (paperSize 'A4', orientation 'Portrait', zoom, absolute print ranges).
 * VBA keeps Zoom and FitToPages* apart and ignores the fit while Zoom is a number; the model keeps one zoom object:
 * { scale } for a Zoom, { horizontalFitToPages, verticalFitToPages } once Zoom is False. Whether WPS refuses page
 * setup on a protected sheet is not documented (§6, 7); Excel does (1004), and so does the host.
 */
export function etPageSetup(sheet: HostSheet): EtPageSetup {
  const layout = (): HostPageLayout => sheet.pageLayout ?? {};
  const change = (fn: (p: HostPageLayout) => void) => {
    fn((etWritable(sheet).pageLayout ??= {}));
  };
  const fit = (key: 'horizontalFitToPages' | 'verticalFitToPages', v: number | false) =>
    change((p) => {
      if (v !== false && !(Number.isInteger(v) && v >= 1)) fail(`Unable to set the FitToPages property of the PageSetup class`);
      const zoom = { ...(p.zoom ?? {}) };
      if (v === false) delete zoom[key];
      else zoom[key] = v;
      p.zoom = zoom;
    });
  return {
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.papersize (XlPaperSize)
    get PaperSize() {
      return keyOf(PAPER, layout().paperSize ?? DEFAULT.paper, 1);
    },
    set PaperSize(v: number) {
      const paper = PAPER[v] ?? fail(`Unable to set the PaperSize property of the PageSetup class (${v} is not modelled)`);
      change((p) => (p.paperSize = paper));
    },
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.orientation (XlPageOrientation)
    get Orientation() {
      return keyOf(ORIENTATION, layout().orientation ?? 'Portrait', 1);
    },
    set Orientation(v: number) {
      const o = ORIENTATION[v] ?? fail('Unable to set the Orientation property of the PageSetup class');
      change((p) => (p.orientation = o));
    },
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.zoom: 10–400 percent, or False to fit to pages.
    get Zoom() {
      const z = layout().zoom;
      return z?.scale ?? (z ? false : 100);
    },
    set Zoom(v: number | false) {
      if (v !== false && !(typeof v === 'number' && v >= 10 && v <= 400)) fail('Unable to set the Zoom property of the PageSetup class');
      change((p) => {
        const zoom = { ...(p.zoom ?? {}) };
        if (v === false) delete zoom.scale;
        else zoom.scale = v;
        p.zoom = zoom;
      });
    },
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.fittopageswide, …fittopagestall: False leaves that
    // direction to the other (as many pages tall as needed).
    get FitToPagesWide() {
      return layout().zoom?.horizontalFitToPages ?? false;
    },
    set FitToPagesWide(v: number | false) {
      fit('horizontalFitToPages', v);
    },
    get FitToPagesTall() {
      return layout().zoom?.verticalFitToPages ?? false;
    },
    set FitToPagesTall(v: number | false) {
      fit('verticalFitToPages', v);
    },
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.printarea: "" (or False) is the whole sheet.
    get PrintArea() {
      return layout().printArea ?? '';
    },
    set PrintArea(v: string) {
      change((p) => (v ? (p.printArea = absolute(v, false)) : delete p.printArea));
    },
    // https://learn.microsoft.com/office/vba/api/excel.pagesetup.printtitlerows
    get PrintTitleRows() {
      return layout().printTitleRows ?? '';
    },
    set PrintTitleRows(v: string) {
      change((p) => (v ? (p.printTitleRows = absolute(v, true)) : delete p.printTitleRows));
    },
  };
}
