/**
 * The ET object model's constants and small helpers, shared by the WPS adapter (src/wps) and the in-memory ET
 * host that imitates it (src/host/et*.ts). Each constant names the VBA reference page it comes from.
 */

/**
 * The VBA constants the renderer passes (the in-memory host models the same
 * constants in src/host/etStyle.ts, checked against the same reference pages in its tests).
 */
export const XL = {
  /** XlHAlign / XlVAlign: https://learn.microsoft.com/office/vba/api/excel.xlhalign, …excel.xlvalign */
  center: -4108,
  left: -4131,
  /** XlBordersIndex xlEdgeLeft, xlEdgeTop, xlEdgeBottom, xlEdgeRight: https://learn.microsoft.com/office/vba/api/excel.xlbordersindex */
  edges: [7, 8, 9, 10],
  /** XlLineStyle xlContinuous: https://learn.microsoft.com/office/vba/api/excel.xllinestyle */
  continuous: 1,
  /** XlDVType: https://learn.microsoft.com/office/vba/api/excel.xldvtype */
  validateInputOnly: 0,
  validateDecimal: 2,
  validateList: 3,
  /** XlDVAlertStyle: https://learn.microsoft.com/office/vba/api/excel.xldvalertstyle */
  alert: { Stop: 1, Warning: 2, Information: 3 },
  /** XlFormatConditionOperator: https://learn.microsoft.com/office/vba/api/excel.xlformatconditionoperator */
  between: 1,
  greaterEqual: 7,
  /** XlPaperSize xlPaperA4; XlPageOrientation: https://learn.microsoft.com/office/vba/api/excel.xlpapersize, …excel.xlpageorientation */
  paperA4: 9,
  portrait: 1,
  landscape: 2,
  /** XlSheetVisibility xlSheetVisible (docs/wps.md §2.1). */
  visible: -1,
} as const;

/** A member some WPS builds give as a property and others as a zero-argument method (docs/wps.md §6, 12). */
export const read = <T>(x: T | (() => T)): T => (typeof x === 'function' ? (x as () => T)() : x);

/** "#RRGGBB" as Interior.Color wants it, a BGR integer 0xBBGGRR (docs/wps.md §2.1). */
export const bgr = (hex: string): number => {
  const n = parseInt(hex.slice(1), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};


/** A BGR integer back to "#RRGGBB". */
export function hexOf(color: number): string {
  const rgb = ((color & 0xff) << 16) | (color & 0xff00) | ((color >> 16) & 0xff);
  return `#${rgb.toString(16).toUpperCase().padStart(6, '0')}`;
}

/** XlFormatConditionType xlExpression (docs/wps.md §2.1). */
export const XL_EXPRESSION = 2;
/** XlColorIndex xlNone: no fill. */
export const XL_NONE = -4142;
/** XlSheetVisibility xlSheetVeryHidden (docs/wps.md §2.1). */
export const VERY_HIDDEN = 2;

/**
 * VBA's Range(Cell1) refuses an address string over 255 characters (run-time error 1004; widely reported, not
 * stated in the reference). WPS documents no limit (docs/wps.md §6); the adapter keeps under VBA's.
 */
export const RANGE_ADDRESS_MAX = 255;
