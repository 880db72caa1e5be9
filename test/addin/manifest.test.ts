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

test('Excel task pane, zh-CN first, sourced from the page the build emits', () => {
  expect(manifest).toContain('<Host Name="Workbook"/>');
  expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(manifest).toContain('https://localhost:3000/taskpane.html');
  expect(readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8')).toContain('appsforoffice.microsoft.com/lib/1/hosted/office.js');
});

test('the page allows scripts only from itself and Office.js, and never eval', () => {
  const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
  const csp = /Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("connect-src 'self'");
});

test('the production bundle (built by npm test) has no eval and carries the version', () => {
  const js = readFileSync(path.join(ROOT, 'dist/web/taskpane.js'), 'utf8');
  expect(js).not.toMatch(/\beval\(/);
  expect(js).toContain(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  expect(readFileSync(path.join(ROOT, 'dist/web/taskpane.html'), 'utf8')).toContain('taskpane.js');
});
