/**
 * The WPS 加载项 folder `npm run build` makes (dist/wps) and the deployment files of `npm run wps:package`:
 * every file there, ribbon.xml valid against Microsoft's CustomUI schema (the 2006/01 namespace WPS reads,
 * docs/wps.md §1.2) and starting with `<customUI`, each callback it names defined by main.js, index.html loading
 * main.js alone, jsplugins.xml in the shapes of docs/wps.md §1.6, and the offline .7z opened by 7-Zip.
 */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import vm from 'vm';
import * as acorn from 'acorn';
import { DOMParser } from '@xmldom/xmldom';
import { tempDir } from '../helpers/forms';

const { ribbonErrors, compatibleSchema, XSD } = require('../../scripts/validate-ribbon.js') as {
  ribbonErrors: (xml: string) => Promise<string[]>;
  compatibleSchema: (text: string) => string;
  XSD: string;
};
const pkg = require('../../scripts/wps-package.js') as {
  jspluginsOnline: (url: string) => string;
  jspluginsOffline: (url: string, o: { version: string }) => string;
  fileUrlOf: (dir: string) => string;
  sevenZip: (entries: ({ name: string; data: Buffer } | { name: string; dir: true })[]) => Buffer;
  crc32: (b: Buffer) => number;
};
const { validateXML } = require('xmllint-wasm') as { validateXML: (o: unknown) => Promise<{ valid: boolean; errors: { rawMessage: string }[] }> };

const ROOT = path.join(__dirname, '../..');
const WPS = path.join(ROOT, 'dist/wps');
const CUSTOMUI = 'http://schemas.microsoft.com/office/2006/01/customui';
const ribbon = readFileSync(path.join(WPS, 'ribbon.xml'), 'utf8');
const version = (require('../../package.json') as { version: string }).version;
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');

test('dist/wps holds the whole 加载项: index.html, main.js, ribbon.xml, the pane, the dialog, the images, jsplugins.xml', () => {
  for (const f of ['index.html', 'main.js', 'ribbon.xml', 'taskpane.html', 'taskpane.js', 'summary.html', 'summary.js', 'unsupported.js', 'jsplugins.xml', 'images/open.svg', 'images/validate.svg', 'images/new.svg']) {
    expect(existsSync(path.join(WPS, f)) ? f : `${f} missing`).toBe(f);
  }
  expect(ribbon).toBe(readFileSync(path.join(ROOT, 'src/wps/addin/ribbon.xml'), 'utf8'));
});

test('ribbon.xml begins with <customUI (no XML declaration: WPS’s publish check, docs/wps.md §1.2) in the 2006/01 namespace', () => {
  expect(ribbon.startsWith('<customUI')).toBe(true);
  expect(parse(ribbon).documentElement!.namespaceURI).toBe(CUSTOMUI);
});

test('ribbon.xml validates against the CustomUI schema; the 绩效目标 tab has the three large buttons with Chinese labels and tips', async () => {
  expect(await ribbonErrors(ribbon)).toEqual([]);
  const doc = parse(ribbon);
  const tab = doc.getElementsByTagNameNS(CUSTOMUI, 'tab')[0];
  expect(tab.getAttribute('label')).toBe('绩效目标');
  const buttons = Array.from(doc.getElementsByTagNameNS(CUSTOMUI, 'button')).map((b) => ({
    id: b.getAttribute('id'),
    label: b.getAttribute('label'),
    size: b.getAttribute('size'),
    onAction: b.getAttribute('onAction'),
    getImage: b.getAttribute('getImage'),
    tips: !!b.getAttribute('screentip') && !!b.getAttribute('supertip'),
  }));
  expect(buttons).toEqual([
    { id: 'gsOpenPane', label: '打开助手', size: 'large', onAction: 'OnAction', getImage: 'GetImage', tips: true },
    { id: 'gsValidate', label: '一键校验', size: 'large', onAction: 'OnAction', getImage: 'GetImage', tips: true },
    { id: 'gsNewSheet', label: '新建项目表', size: 'large', onAction: 'OnAction', getImage: 'GetImage', tips: true },
  ]);
  expect(doc.documentElement!.getAttribute('onLoad')).toBe('OnAddinLoad');
});

test('the validator catches broken ribbons: an unknown attribute, a wrong namespace, a bad size, a repeated id', async () => {
  expect(await ribbonErrors(ribbon.replace('<customUI ', '<customUI bogus="1" '))).toEqual([expect.stringMatching(/attribute 'bogus'.*not allowed/)]);
  expect(await ribbonErrors(ribbon.replace(CUSTOMUI, 'http://schemas.microsoft.com/office/2009/07/customui'))).toEqual([
    expect.stringMatching(/No matching global declaration available for the validation root/),
  ]);
  expect(await ribbonErrors(ribbon.replace('size="large"', 'size="huge"'))).toEqual([expect.stringMatching(/'huge' is not an element of the set/)]);
  expect(await ribbonErrors(ribbon.replace('id="gsValidate"', 'id="gsOpenPane"'))).toEqual([expect.stringMatching(/'gsOpenPane' is not a valid value of the atomic type 'ST_UniqueID'/)]);
  expect(await ribbonErrors(ribbon.replace('<button ', '<buton '))).not.toEqual([]);
});

test('the vendored customUI.xsd as published needs the repeat-removal: libxml2 refuses it as is, only for duplicate attribute uses', async () => {
  const raw = readFileSync(XSD, 'utf8');
  expect(raw).toContain('targetNamespace="http://schemas.microsoft.com/office/2006/01/customui"');
  const compile = (schema: string) => validateXML({ xml: [{ fileName: 'r.xml', contents: ribbon }], schema: [{ fileName: 'customUI.xsd', contents: schema }] });
  const error = await compile(raw).then(
    () => '',
    (e: Error) => e.message,
  );
  const problems = error.split('\n').filter((l) => /parser error/.test(l));
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((l) => /Duplicate attribute use/.test(l))).toBe(true);
  // The normalised schema keeps every type, group and element; only the repeated attribute uses go.
  const normalised = compatibleSchema(raw);
  const names = (s: string) => (s.match(/<xsd:(?:complexType|simpleType|attributeGroup|group|element) name="[^"]+"/g) ?? []).sort();
  expect(names(normalised)).toEqual(names(raw));
  expect((await compile(normalised)).valid).toBe(true);
});

/** dist/wps/main.js run as WPS would: a page global with `wps`, location and navigator, nothing else of a browser. */
function loadMain(href = 'http://intranet/goalsheet/index.html') {
  const created: string[] = [];
  const dialogs: unknown[][] = [];
  const storage = new Map<string, unknown>();
  const wps = {
    CreateTaskPane: (url: string) => (created.push(url), { ID: 7, Visible: false }),
    GetTaskPane: () => undefined,
    ShowDialog: (...args: unknown[]) => void dialogs.push(args),
    PluginStorage: { getItem: (k: string) => storage.get(k), setItem: (k: string, v: unknown) => void storage.set(k, v) },
  };
  const page: Record<string, unknown> = { wps, location: { href }, navigator: { language: 'zh-CN' }, devicePixelRatio: 1, URL, URLSearchParams, console, setTimeout, clearTimeout };
  page.window = page;
  const context = vm.createContext(page);
  vm.runInContext(readFileSync(path.join(WPS, 'main.js'), 'utf8'), context, { filename: 'main.js' });
  return { page: context as Record<string, unknown>, created, dialogs, storage };
}

test('every callback ribbon.xml names is a global function of main.js, and they work as WPS calls them', async () => {
  const doc = parse(ribbon);
  const named = new Set<string>();
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    for (const attr of Array.from(el.attributes)) if (/^(on[A-Z]|get[A-Z]|loadImage)/.test(attr.name)) named.add(attr.value);
  }
  expect([...named].sort()).toEqual(['GetImage', 'OnAction', 'OnAddinLoad']);
  const { page, created, dialogs, storage } = loadMain();
  for (const name of named) expect(typeof page[name]).toBe('function');
  const call = (name: string, arg: unknown) => (page[name] as (a: unknown) => unknown)(arg);
  expect(call('OnAddinLoad', { Invalidate: () => undefined })).toBe(true);
  for (const b of Array.from(doc.getElementsByTagNameNS(CUSTOMUI, 'button'))) {
    const image = call('GetImage', { Id: b.getAttribute('id') }) as string;
    expect(existsSync(path.join(WPS, image)) ? image : `${image} missing`).toBe(image);
  }
  expect(call('OnAction', { Id: 'gsOpenPane' })).toBe(true);
  expect(created).toEqual(['http://intranet/goalsheet/taskpane.html']);
  expect(storage.get('goalsheet_taskpane_id')).toBe(7);
  // No ET application on this page: the dialog says so, in Chinese.
  expect(call('OnAction', { Id: 'gsValidate' })).toBe(true);
  await new Promise((r) => setTimeout(r, 10));
  expect(dialogs).toHaveLength(1);
  const url = new URL(dialogs[0][0] as string);
  expect(url.pathname).toBe('/goalsheet/summary.html');
  expect(url.searchParams.get('error')).toMatch(/^未找到 WPS 表格/);
});

test('index.html is the WPS template’s: it loads main.js and nothing else, no Office.js', () => {
  const html = readFileSync(path.join(WPS, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts).toEqual([expect.stringMatching(/src="?main\.js"?/)]);
  for (const page of ['index.html', 'taskpane.html', 'summary.html']) expect(readFileSync(path.join(WPS, page), 'utf8')).not.toMatch(/office\.js|appsforoffice/i);
});

test.each(readdirSync(WPS).filter((f) => f.endsWith('.js')))('dist/wps/%s parses as ES2019 (WPS’s Chromium can be old, docs/wps.md §1.1)', (file) => {
  const source = readFileSync(path.join(WPS, file), 'utf8');
  expect(() => acorn.parse(source, { ecmaVersion: file === 'unsupported.js' ? 5 : 2019, sourceType: 'script' })).not.toThrow();
});

function plugins(xml: string) {
  const doc = parse(xml);
  expect(doc.documentElement!.tagName).toBe('jsplugins');
  return Array.from(doc.documentElement!.childNodes)
    .filter((n) => n.nodeType === 1)
    .map((n) => {
      const el = n as unknown as Element;
      return { tag: el.tagName, ...Object.fromEntries(Array.from(el.attributes).map((a) => [a.name, a.value])) };
    });
}

test('jsplugins.xml, online: <jspluginonline name type="et" url> with the url ending in /', () => {
  expect(plugins(pkg.jspluginsOnline('http://server/goalsheet/'))).toEqual([{ tag: 'jspluginonline', name: 'goalsheet', type: 'et', url: 'http://server/goalsheet/' }]);
  expect(plugins(pkg.jspluginsOnline('https://oa.example.gov.cn/addins/goalsheet'))[0]).toMatchObject({ url: 'https://oa.example.gov.cn/addins/goalsheet/' });
  expect(() => pkg.jspluginsOnline('server/goalsheet/')).toThrow(/http:\/\//);
  // The build's own: the folder served on this machine at wpsjs debug's port (README).
  expect(plugins(readFileSync(path.join(WPS, 'jsplugins.xml'), 'utf8'))).toEqual([{ tag: 'jspluginonline', name: 'goalsheet', type: 'et', url: 'http://127.0.0.1:3889/' }]);
});

test('jsplugins.xml, offline: <jsplugin name type version url=…goalsheet.7z enable="true">; file URLs for Windows, UNC and Linux folders', () => {
  expect(plugins(pkg.jspluginsOffline('file:///C:/addins/goalsheet.7z', { version: '1.2.3' }))).toEqual([
    { tag: 'jsplugin', name: 'goalsheet', type: 'et', version: '1.2.3', url: 'file:///C:/addins/goalsheet.7z', enable: 'true' },
  ]);
  expect(pkg.fileUrlOf('C:\\Users\\张三\\AppData\\Roaming\\kingsoft\\wps\\jsaddons')).toBe('file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Roaming/kingsoft/wps/jsaddons');
  expect(pkg.fileUrlOf('\\\\fileserver\\共享\\goalsheet')).toBe('file://fileserver/%E5%85%B1%E4%BA%AB/goalsheet');
  expect(pkg.fileUrlOf('/srv/addins')).toBe('file:///srv/addins');
});

const SEVEN_ZIP = ['7z', '7za', '7zz'].find((c) => spawnSync(c, ['i'], { stdio: 'ignore' }).status === 0);

/** Files under a folder, relative, source maps left out (they are not packaged). */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? tree(path.join(dir, f), `${prefix}${f}/`) : [`${prefix}${f}`]))
    .filter((f) => !f.endsWith('.map'))
    .sort();
}

test('npm run wps:package: the offline .7z holds dist/wps in goalsheet_<version>/ (as wpsjs build packs it), byte for byte', async () => {
  const out = await tempDir();
  execFileSync('node', [path.join(ROOT, 'scripts/wps-package.js'), '--dir', '/srv/share/goalsheet', '--out', out], { cwd: ROOT });
  expect(plugins(readFileSync(path.join(out, 'jsplugins.xml'), 'utf8'))).toEqual([
    { tag: 'jsplugin', name: 'goalsheet', type: 'et', version, url: 'file:///srv/share/goalsheet/goalsheet.7z', enable: 'true' },
  ]);
  const archive = readFileSync(path.join(out, 'goalsheet.7z'));
  // The signature header, checked without 7-Zip: magic, version 0.4, CRC of the start header.
  expect([...archive.subarray(0, 8)]).toEqual([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]);
  expect(archive.readUInt32LE(8)).toBe(pkg.crc32(archive.subarray(12, 32)));
  if (!SEVEN_ZIP) {
    console.log('addin.test: 7-Zip is not installed (bash scripts/setup.sh installs p7zip-full); the archive was not opened');
    return;
  }
  execFileSync(SEVEN_ZIP, ['t', path.join(out, 'goalsheet.7z')], { stdio: 'pipe' });
  const x = path.join(out, 'x');
  execFileSync(SEVEN_ZIP, ['x', `-o${x}`, path.join(out, 'goalsheet.7z')], { stdio: 'pipe' });
  expect(readdirSync(x)).toEqual([`goalsheet_${version}`]);
  const unpacked = path.join(x, `goalsheet_${version}`);
  expect(tree(unpacked)).toEqual(tree(WPS));
  for (const f of tree(WPS)) expect(readFileSync(path.join(unpacked, f)).equals(readFileSync(path.join(WPS, f))) ? f : `${f} differs`).toBe(f);
});

test('the 7z writer: empty files, folders, Chinese names and a second solid stream all survive 7-Zip', async () => {
  if (!SEVEN_ZIP) {
    console.log('addin.test: 7-Zip is not installed (bash scripts/setup.sh installs p7zip-full); skipped');
    return;
  }
  const dir = await tempDir();
  const big = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) & 0xff));
  const file = path.join(dir, 't.7z');
  require('fs').writeFileSync(
    file,
    pkg.sevenZip([
      { name: '目录', dir: true },
      { name: '目录/空.txt', data: Buffer.alloc(0) },
      { name: '目录/说明.txt', data: Buffer.from('绩效目标\n') },
      { name: '目录/sub', dir: true },
      { name: '目录/sub/big.bin', data: big },
    ]),
  );
  const listing = execFileSync(SEVEN_ZIP, ['l', '-slt', file], { encoding: 'utf8' });
  expect(listing).toContain('Path = 目录/说明.txt');
  execFileSync(SEVEN_ZIP, ['x', `-o${path.join(dir, 'x')}`, file], { stdio: 'pipe' });
  expect(tree(path.join(dir, 'x'))).toEqual(['目录/sub/big.bin', '目录/空.txt', '目录/说明.txt']);
  expect(readFileSync(path.join(dir, 'x/目录/sub/big.bin')).equals(big)).toBe(true);
  expect(readFileSync(path.join(dir, 'x/目录/说明.txt'), 'utf8')).toBe('绩效目标\n');
});

test('npm run wps:package: the online form and the offline form served over http', async () => {
  const out = await tempDir();
  execFileSync('node', [path.join(ROOT, 'scripts/wps-package.js'), '--url', 'http://10.0.0.8/goalsheet', '--out', out], { cwd: ROOT });
  expect(plugins(readFileSync(path.join(out, 'jsplugins.xml'), 'utf8'))).toEqual([{ tag: 'jspluginonline', name: 'goalsheet', type: 'et', url: 'http://10.0.0.8/goalsheet/' }]);
  expect(existsSync(path.join(out, 'goalsheet.7z'))).toBe(false);
  execFileSync('node', [path.join(ROOT, 'scripts/wps-package.js'), '--url', 'http://10.0.0.8/addins/', '--offline', '--out', out], { cwd: ROOT });
  expect(plugins(readFileSync(path.join(out, 'jsplugins.xml'), 'utf8'))[0]).toMatchObject({ tag: 'jsplugin', url: 'http://10.0.0.8/addins/goalsheet.7z', version });
  expect(existsSync(path.join(out, 'goalsheet.7z'))).toBe(true);
  const bad = spawnSync('node', [path.join(ROOT, 'scripts/wps-package.js')], { cwd: ROOT, encoding: 'utf8' });
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/--url/);
});
