/**
 * Deployable: GOALSHEET_URL=https://… npm run build writes a production manifest (no localhost left, SupportUrl
 * on the support page shipped in the bundle) that passes the XSD check; OFFICE_JS=21vianet loads Office.js from
 * the CDN of Microsoft 365 operated by 21Vianet.
 */
import { readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { tempDir } from '../helpers/forms';

const ROOT = path.join(__dirname, '../..');
const { deployManifest, deploymentUrl } = require('../../scripts/deploy-manifest.js') as {
  deployManifest: (xml: string, url: string) => string;
  deploymentUrl: (url: string) => string;
};
const { validateManifest } = require('../../scripts/validate-manifest.js') as { validateManifest: (file: string, root?: string) => Promise<string[]> };
const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');

test('the production manifest: every localhost address replaced, support page, origin as AppDomain, valid against the schemas', async () => {
  const xml = deployManifest(manifest, 'https://addins.czj.example.gov.cn/goalsheet/');
  expect(xml).not.toContain('localhost');
  expect(xml).toContain('<SupportUrl DefaultValue="https://addins.czj.example.gov.cn/goalsheet/support.html"/>');
  expect(xml).toContain('<AppDomain>https://addins.czj.example.gov.cn</AppDomain>');
  expect(xml).toContain('<SourceLocation DefaultValue="https://addins.czj.example.gov.cn/goalsheet/taskpane.html"/>');
  expect(xml).toContain('DefaultValue="https://addins.czj.example.gov.cn/goalsheet/commands.html"');
  const dir = await tempDir();
  const file = path.join(dir, 'manifest.xml');
  writeFileSync(file, xml);
  expect(await validateManifest(file, ROOT)).toEqual([]);
});

test('a deployment address must be https, without query or fragment', () => {
  expect(deploymentUrl('https://a.example.cn/x/')).toBe('https://a.example.cn/x');
  expect(() => deploymentUrl('http://a.example.cn')).toThrow(/https/);
  expect(() => deploymentUrl('https://a.example.cn/?v=1')).toThrow(/查询/);
  expect(() => deploymentUrl('not a url')).toThrow(/不是有效网址/);
});

test('the support page the manifest points at is in the bundle: Chinese first, no script', () => {
  const page = readFileSync(path.join(ROOT, 'dist/web/support.html'), 'utf8');
  expect(page).toContain('绩效目标表助手');
  expect(page).toContain('goalsheet check');
  expect(page).not.toMatch(/<script/i);
});

test.each([
  ['cdn', 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js'],
  ['21vianet', 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js'],
  ['local', 'office-js/office.js'],
])('OFFICE_JS=%s: the pages load Office.js from %s, and the CSP allows exactly that', async (source, url) => {
  const before = process.env.OFFICE_JS;
  process.env.OFFICE_JS = source;
  try {
    let config: (env: unknown, argv: { mode: string }) => Promise<{ plugins: { userOptions?: { templateParameters?: { officeJs: string; scriptSrc: string } } }[] }>;
    jest.isolateModules(() => {
      config = require('../../webpack.config.js');
    });
    const { plugins } = await config!({}, { mode: 'production' });
    const params = plugins.map((p) => p.userOptions?.templateParameters).filter(Boolean);
    const taskpane = params.find((p) => p!.officeJs !== '')!;
    expect(taskpane.officeJs).toBe(url);
    expect(taskpane.scriptSrc).toBe(url.startsWith('https') ? `'self' ${new URL(url).origin}` : "'self'");
  } finally {
    if (before === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = before;
  }
});
