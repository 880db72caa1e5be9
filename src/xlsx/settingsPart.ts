/**
 * The add-in's workbook settings (goalsheet.*: rule settings, dismissals, templates, the marks' record) as Office
 * keeps them in an .xlsx: a web-extension part (xl/webextensions/webextension1.xml, one <we:property> per
 * setting, its value JSON-encoded), the task-pane part that refers to it, their relationships and content types.
 * exceljs writes none of these; these functions patch a written package's text parts (whatever zip library holds
 * them), so a host workbook saved to .xlsx carries its settings, and the command line reads them
 * (cli/addinSettings.ts).
 */
const WE = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const WETP = 'http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TASKPANES = 'http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes';
const REL_WEBEXTENSION = 'http://schemas.microsoft.com/office/2011/relationships/webextension';

/** The add-in's id (manifest.xml <Id>). */
export const ADDIN_ID = '6f3c2a1e-8d4b-4f7a-9c2e-5b1d0e7a9f43';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The parts to add (path → text) for `settings` (only goalsheet.* ones are written); none when there are none. */
export function settingsParts(settings: Record<string, unknown>, addinId = ADDIN_ID): Record<string, string> {
  const ours = Object.entries(settings).filter(([k]) => k.startsWith('goalsheet.'));
  if (!ours.length) return {};
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const props = ours.map(([k, v]) => `<we:property name="${attr(k)}" value="${attr(JSON.stringify(v))}"/>`).join('');
  return {
    'xl/webextensions/webextension1.xml':
      `${head}<we:webextension xmlns:we="${WE}" id="{${addinId.toUpperCase()}}">` +
      `<we:reference id="${attr(addinId)}" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/>` +
      `<we:properties>${props}</we:properties><we:bindings/><we:snapshot xmlns:r="${R}"/></we:webextension>`,
    'xl/webextensions/taskpanes.xml':
      `${head}<wetp:taskpanes xmlns:wetp="${WETP}"><wetp:taskpane dockstate="right" visibility="0" width="350" row="4">` +
      `<wetp:webextensionref xmlns:r="${R}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`,
    'xl/webextensions/_rels/taskpanes.xml.rels':
      `${head}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL_WEBEXTENSION}" Target="webextension1.xml"/></Relationships>`,
  };
}

/**
 * The package's root relationships and content types with the settings' parts added (`rels` is _rels/.rels,
 * `types` [Content_Types].xml, as written); unchanged when they are there already.
 */
export function withSettingsParts(rels: string, types: string): { rels: string; types: string } {
  const relsOut = rels.includes(REL_TASKPANES)
    ? rels
    : rels.replace('</Relationships>', `<Relationship Id="rIdGoalsheetTaskpanes" Type="${REL_TASKPANES}" Target="xl/webextensions/taskpanes.xml"/></Relationships>`);
  const typesOut = types.includes('/xl/webextensions/webextension1.xml')
    ? types
    : types.replace(
      '</Types>',
      '<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/>' +
        '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>',
    );
  return { rels: relsOut, types: typesOut };
}
