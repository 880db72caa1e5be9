#!/usr/bin/env node
/**
 * Deployment files for the WPS 加载项 built in dist/wps (docs/wps.md §1.6):
 *
 *   npm run wps:package -- --url http://server/goalsheet/            online: dist/wps served from that address
 *   npm run wps:package -- --dir '\\server\share\goalsheet'          offline: goalsheet.7z in a shared or local folder
 *   npm run wps:package -- --url http://server/goalsheet/ --offline  offline: goalsheet.7z downloaded from a server
 *
 * Writes dist/wps-publish/ (or --out): jsplugins.xml, plus goalsheet.7z for the offline forms. Shapes:
 * <jspluginonline name type url/> (wpsjs debug, herman-hang/wps) and <jsplugin name type version url enable/>
 * pointing at the .7z (blog.csdn.net/du_lun/article/details/117968811, wpsjs publish.js), all cited in §1.6.
 *
 * The .7z is written here in plain JavaScript with the Copy (stored) coder, not by a 7z program: an offline
 * package must be buildable on any machine that builds the add-in (Windows included) with nothing downloaded,
 * and stored entries need only the container format (signature header, one folder, file names, CRC-32s), a
 * few dozen lines. Compression would gain little on a few hundred kB. test/wps/addin.test.ts checks the archive
 * with 7-Zip (`7z t`, `7z x`; scripts/setup.sh installs Debian's p7zip-full).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const NAME = 'goalsheet';
const TYPE = 'et'; // WPS 表格 (docs/wps.md §1.6: type is wps | et | wpp)

const escapeAttr = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const tag = (name, attrs) => `<${name} ${Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(v)}"`).join(' ')}/>`;
// No XML declaration, as in every example of docs/wps.md §1.6; written as UTF-8, the XML default.
const wrap = (entry) => `<jsplugins>\n  ${entry}\n</jsplugins>\n`;

/** The add-in root must end with '/': WPS appends ribbon.xml, index.html … to it (§1.5 wpsjs publish). */
function folderUrl(url) {
  if (!/^(https?|file):\/\//i.test(url)) throw new Error(`地址须以 http://、https:// 或 file:// 开头 / the URL must start with http://, https:// or file:// (got "${url}")`);
  return url.endsWith('/') ? url : `${url}/`;
}

function jspluginsOnline(url, { name = NAME, type = TYPE } = {}) {
  return wrap(tag('jspluginonline', { name, type, url: folderUrl(url) }));
}

function jspluginsOffline(packageUrl, { name = NAME, type = TYPE, version } = {}) {
  return wrap(tag('jsplugin', { name, type, version, url: packageUrl, enable: 'true' }));
}

/**
 * A file:// URL for a folder as the WPS machine will see it. Windows paths are converted by hand, so a package
 * for Windows desktops can be made on Linux too: C:\x → file:///C:/x, \\server\share → file://server/share.
 */
function fileUrlOf(dir) {
  if (/^[A-Za-z]:[\\/]/.test(dir)) return `file:///${dir.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/').replace(/^([A-Za-z])%3A/, '$1:')}`;
  if (/^\\\\[^\\]/.test(dir)) return `file://${dir.slice(2).replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/')}`;
  return pathToFileURL(path.resolve(dir)).toString();
}

// ---- 7z, stored ------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 7z's variable-length NUMBER: the first byte's leading 1 bits count the little-endian bytes that follow. */
function number(value) {
  const out = [];
  let first = 0;
  let mask = 0x80;
  let i = 0;
  for (; i < 8; i++) {
    if (value < 2 ** (7 * (i + 1))) {
      first |= Math.floor(value / 2 ** (8 * i));
      break;
    }
    first |= mask;
    mask >>= 1;
  }
  out.push(first);
  for (let v = value; i > 0; i--, v = Math.floor(v / 256)) out.push(v % 256);
  return out;
}
const u32 = (v) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const u64 = (v) => [...u32(v % 2 ** 32), ...u32(Math.floor(v / 2 ** 32))];
function bits(flags) {
  const out = new Array(Math.ceil(flags.length / 8)).fill(0);
  flags.forEach((f, i) => f && (out[i >> 3] |= 0x80 >> (i & 7)));
  return out;
}
const K = { End: 0, Header: 1, MainStreamsInfo: 4, FilesInfo: 5, PackInfo: 6, UnPackInfo: 7, SubStreamsInfo: 8, Size: 9, CRC: 10, Folder: 11, CodersUnPackSize: 12, NumUnPackStream: 13, EmptyStream: 14, EmptyFile: 15, Name: 17, WinAttributes: 21 };

/**
 * A .7z archive of `entries` ({ name: 'a/b.txt', data: Buffer } for files, { name: 'a', dir: true } for
 * folders), every file stored (Copy coder, id 00) in one solid folder. Layout per the 7z format description
 * (7-Zip's DOC/7zFormat.txt): signature header, packed data, then the plain (unencoded) header.
 */
function sevenZip(entries) {
  const withData = entries.filter((e) => !e.dir && e.data.length > 0);
  const packed = Buffer.concat(withData.map((e) => e.data));
  const h = [K.Header];
  if (withData.length) {
    h.push(K.MainStreamsInfo);
    h.push(K.PackInfo, ...number(0), ...number(1), K.Size, ...number(packed.length), K.End);
    h.push(K.UnPackInfo, K.Folder, ...number(1), 0, ...number(1), 0x01, 0x00, K.CodersUnPackSize, ...number(packed.length), K.End);
    h.push(K.SubStreamsInfo, K.NumUnPackStream, ...number(withData.length));
    if (withData.length > 1) h.push(K.Size, ...withData.slice(0, -1).flatMap((e) => number(e.data.length)));
    h.push(K.CRC, 1, ...withData.flatMap((e) => u32(crc32(e.data))), K.End);
    h.push(K.End);
  }
  h.push(K.FilesInfo, ...number(entries.length));
  const empty = entries.map((e) => e.dir || e.data.length === 0);
  if (empty.some(Boolean)) {
    const emptyStream = bits(empty);
    h.push(K.EmptyStream, ...number(emptyStream.length), ...emptyStream);
    const emptyFile = bits(entries.filter((_, i) => empty[i]).map((e) => !e.dir));
    h.push(K.EmptyFile, ...number(emptyFile.length), ...emptyFile);
  }
  const names = Buffer.concat(entries.map((e) => Buffer.from(`${e.name}\0`, 'utf16le')));
  h.push(K.Name, ...number(names.length + 1), 0, ...names);
  // FILE_ATTRIBUTE_DIRECTORY (0x10) or FILE_ATTRIBUTE_ARCHIVE (0x20), as 7-Zip writes on Windows.
  h.push(K.WinAttributes, ...number(2 + 4 * entries.length), 1, 0, ...entries.flatMap((e) => u32(e.dir ? 0x10 : 0x20)));
  h.push(K.End, K.End);
  const header = Buffer.from(h);
  const start = Buffer.from([...u64(packed.length), ...u64(header.length), ...u32(crc32(header))]);
  const signature = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, ...u32(crc32(start))]);
  return Buffer.concat([signature, start, packed, header]);
}

/** Every file under `dir` as 7z entries below `prefix/`, folders first, in a stable order. */
function entriesOf(dir, prefix) {
  const out = [{ name: prefix, dir: true }];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (name.endsWith('.map')) continue; // source maps stay out of what is installed
    if (fs.statSync(full).isDirectory()) out.push(...entriesOf(full, `${prefix}/${name}`));
    else out.push({ name: `${prefix}/${name}`, data: fs.readFileSync(full) });
  }
  return out;
}

/** The offline package: dist/wps inside a folder named `<name>_<version>`, as `wpsjs build` packs it (§1.5). */
function offlinePackage(addinDir, version) {
  return sevenZip(entriesOf(addinDir, `${NAME}_${version}`));
}

function parseArgs(argv) {
  const args = { offline: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--offline') args.offline = true;
    else if (['--url', '--dir', '--out', '--version', '--src'].includes(a)) args[a.slice(2)] = argv[++i];
    else throw new Error(`未知参数 / unknown argument: ${a}`);
  }
  if (!!args.url === !!args.dir) throw new Error('请给出 --url <地址> 或 --dir <文件夹> 之一 / give one of --url <address> or --dir <folder>');
  return args;
}

function main(argv) {
  const root = path.join(__dirname, '..');
  const args = parseArgs(argv);
  const src = path.resolve(args.src ?? path.join(root, 'dist/wps'));
  const out = path.resolve(args.out ?? path.join(root, 'dist/wps-publish'));
  const version = args.version ?? require('../package.json').version;
  if (!fs.existsSync(path.join(src, 'ribbon.xml'))) throw new Error(`${src} 中没有 ribbon.xml：请先运行 npm run build / no ribbon.xml in ${src}: run npm run build first`);
  fs.mkdirSync(out, { recursive: true });
  const done = [];
  if (args.url && !args.offline) {
    fs.writeFileSync(path.join(out, 'jsplugins.xml'), jspluginsOnline(args.url));
    done.push(`jsplugins.xml（在线 / online）：把 ${path.relative(process.cwd(), src)} 的内容放到 ${folderUrl(args.url)}`);
  } else {
    const base = args.dir ? `${fileUrlOf(args.dir).replace(/\/$/, '')}/` : folderUrl(args.url);
    fs.writeFileSync(path.join(out, `${NAME}.7z`), offlinePackage(src, version));
    fs.writeFileSync(path.join(out, 'jsplugins.xml'), jspluginsOffline(`${base}${NAME}.7z`, { version }));
    done.push(`${NAME}.7z + jsplugins.xml（离线 / offline）：把 ${NAME}.7z 放到 ${base}`);
  }
  for (const line of done) console.log(`wps:package: ${line}`);
  console.log(`wps:package: ${path.relative(process.cwd(), out) || '.'}/jsplugins.xml → jsaddons 目录或 oem.ini JSPluginsServer（见 README）`);
}

module.exports = { jspluginsOnline, jspluginsOffline, fileUrlOf, folderUrl, sevenZip, crc32, offlinePackage, entriesOf, NAME, TYPE };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`wps:package: ${e.message}`);
    process.exit(1);
  }
}
