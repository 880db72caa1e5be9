/** manifest.xml and the task pane page, checked offline. */
import { readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { tempDir } from '../helpers/forms';

const { validateManifest } = require('../../scripts/validate-manifest.js') as { validateManifest: (file: string, root?: string) => Promise<string[]> };

const ROOT = path.join(__dirname, '../..');
const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

test('manifest.xml validates against the official add-in manifest schemas, offline; names and icons check out', async () => {
  expect(await validateManifest(path.join(ROOT, 'manifest.xml'))).toEqual([]);
});

test('the checks catch a broken manifest', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'manifest.xml');
  const broken = manifest
    .replace('<Override Locale="en-US" Value="Goalsheet"/>', '')
    .replace('icon-64.png', 'icon-65.png')
    .replace(/(<ProviderName>.*<\/ProviderName>)\s*(<DefaultLocale>.*<\/DefaultLocale>)/, '$2$1');
  writeFileSync(file, broken);
  expect(await validateManifest(file, ROOT)).toEqual([
    "schema: line 10: Element 'DefaultLocale': This element is not expected. Expected is ( ProviderName ).",
    'DisplayName needs an en-US Override',
    'icon assets/icon-65.png does not exist',
  ]);
});

test('the schemas catch what only they can: a permission that does not exist, an icon without its resource id, a bad version', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'manifest.xml');
  writeFileSync(
    file,
    manifest
      .replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>FullControl</Permissions>')
      .replace('<bt:Image size="16" resid="Icon.16"/>', '<bt:Image size="16"/>')
      .replace(/<Version>[^<]+<\/Version>/, '<Version>v1</Version>'),
  );
  const problems = await validateManifest(file, ROOT);
  expect(problems.some((p) => /Permissions.*'FullControl' is not an element of the set/.test(p))).toBe(true);
  expect(problems.some((p) => /Image.*'resid' is required but missing/.test(p))).toBe(true);
  expect(problems.some((p) => /Version.*'v1'/.test(p))).toBe(true);
});

test('Excel task pane, zh-CN first, with the ribbon group and both commands', () => {
  expect(manifest).toContain('<Host Name="Workbook"/>');
  expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(manifest).toContain('https://localhost:3000/taskpane.html');
  expect(manifest).toMatch(/DefaultValue="绩效目标"/);
  expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(manifest).toMatch(/<FunctionName>validateWorkbook<\/FunctionName>/);
  expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.13"/>');
});

/** The CSP of a built page. */
function csp(page: string): string {
  const html = readFileSync(path.join(ROOT, 'dist/web', page), 'utf8');
  return /Content-Security-Policy"?\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
}

test('preview.html loads no Office.js and allows scripts only from itself, never eval', () => {
  const policy = csp('preview.html');
  expect(policy).toMatch(/script-src 'self';/);
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("connect-src 'self'");
  expect(readFileSync(path.join(ROOT, 'dist/web/preview.html'), 'utf8')).not.toContain('office.js');
});

test.each(['taskpane.html', 'commands.html', 'summary.html'])('%s allows scripts only from itself and Office.js, never eval, no other network', (page) => {
  const policy = csp(page);
  expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("default-src 'self'");
});

test('OFFICE_JS=local serves Office.js from the @microsoft/office-js package and drops the CDN from the CSP', async () => {
  const saved = process.env.OFFICE_JS;
  process.env.OFFICE_JS = 'local';
  try {
    jest.resetModules();
    const config = await require('../../webpack.config.js')({}, { mode: 'production' });
    type Page = { userOptions: { filename: string; templateParameters: Record<string, string> } };
    const pages: Page[] = config.plugins.filter((p: { userOptions?: { templateParameters?: unknown } }) => p.userOptions?.templateParameters);
    expect(pages.map((p) => p.userOptions.filename)).toEqual(['taskpane.html', 'commands.html', 'summary.html', 'preview.html', 'wps/summary.html']);
    for (const p of pages.slice(0, 3)) expect(p.userOptions.templateParameters).toMatchObject({ officeJs: 'office-js/office.js', scriptSrc: "'self'" });
    // The preview runs on the in-memory host: no Office.js at all.
    expect(pages[3].userOptions.templateParameters).toMatchObject({ officeJs: '', scriptSrc: "'self'" });
    // Nor the preview's WPS dialog (WPS has no Office.js).
    expect(pages[4].userOptions.templateParameters).toMatchObject({ officeJs: '', scriptSrc: "'self'" });
    const copy = config.plugins.find((p: { patterns?: unknown[] }) => p.patterns);
    expect(copy.patterns).toContainEqual(expect.objectContaining({ from: 'node_modules/@microsoft/office-js/dist', to: 'office-js' }));
    expect(readFileSync(path.join(ROOT, 'node_modules/@microsoft/office-js/dist/office.js'), 'utf8').length).toBeGreaterThan(1000);
  } finally {
    if (saved === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = saved;
  }
});

test('the production bundle (built by npm test) has no eval and carries the version', () => {
  const js = readFileSync(path.join(ROOT, 'dist/web/taskpane.js'), 'utf8');
  expect(js).not.toMatch(/\beval\(/);
  expect(js).toContain(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  expect(readFileSync(path.join(ROOT, 'dist/web/taskpane.html'), 'utf8')).toContain('taskpane.js');
});
