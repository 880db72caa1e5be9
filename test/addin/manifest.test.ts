/** manifest.xml and the task pane page, checked offline. */
import { readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { tempDir } from '../helpers/forms';

const { validateManifest } = require('../../scripts/validate-manifest.js') as { validateManifest: (file: string, root?: string) => string[] };

const ROOT = path.join(__dirname, '../..');
const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

test('manifest.xml passes the offline checks: order, names, icons at their sizes', () => {
  expect(validateManifest(path.join(ROOT, 'manifest.xml'))).toEqual([]);
});

test('the checks catch a broken manifest', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'manifest.xml');
  const broken = manifest
    .replace('<Override Locale="en-US" Value="Goalsheet"/>', '')
    .replace('icon-64.png', 'icon-65.png')
    .replace(/(<ProviderName>.*<\/ProviderName>)\s*(<DefaultLocale>.*<\/DefaultLocale>)/, '$2$1');
  writeFileSync(file, broken);
  expect(validateManifest(file, ROOT)).toEqual([
    '<ProviderName> must come before <DefaultLocale>',
    'DisplayName needs an en-US Override',
    'icon assets/icon-65.png does not exist',
  ]);
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
    const pages = config.plugins.filter((p: { userOptions?: { templateParameters?: unknown } }) => p.userOptions?.templateParameters);
    expect(pages).toHaveLength(3);
    for (const p of pages) expect(p.userOptions.templateParameters).toMatchObject({ officeJs: 'office-js/office.js', scriptSrc: "'self'" });
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
