#!/usr/bin/env node
/**
 * Offline checks of manifest.xml (npm run validate): validation against Microsoft's
 * add-in manifest XML schemas (assets/schemas/manifest, see SOURCE.md there) with
 * libxml2 compiled to WebAssembly (xmllint-wasm, no native tools, no network), then
 * what a schema cannot say: the display names, and every icon the manifest names
 * present under assets/ at its stated size. Exits 1 with one line per problem.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { DOMParser } = require('@xmldom/xmldom');
const { validateXML } = require('xmllint-wasm');

const NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';
const SCHEMAS = path.join(__dirname, '..', 'assets', 'schemas', 'manifest');
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
/** Imported by the main schema (the mail ones too: OfficeApp covers every add-in type). */
const IMPORTED = ['OfficeAppBasicTypesV1_0.xsd', 'TaskPaneAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_0.xsd', 'MailAppVersionOverridesV1_1.xsd'];

/** Schema errors, as "line N: message". */
async function schemaErrors(file) {
  const load = (name) => ({ fileName: name, contents: fs.readFileSync(path.join(SCHEMAS, name), 'utf8') });
  const result = await validateXML({
    xml: [{ fileName: 'manifest.xml', contents: fs.readFileSync(file, 'utf8') }],
    schema: [load(MAIN_SCHEMA)],
    preload: IMPORTED.map(load),
  });
  return result.errors.map((e) => {
    const m = /^manifest\.xml:(\d+):\s*(?:element \S+: )?Schemas validity error : (.*)$/.exec(e.rawMessage);
    return m ? `schema: line ${m[1]}: ${m[2].replace(/\{http:[^}]+\}/g, '')}` : `schema: ${e.rawMessage}`;
  });
}

function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

async function validateManifest(file, root = path.dirname(file)) {
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => level !== 'warning' && errors.push(msg) }).parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
  if (errors.length) return errors.map((e) => `not well-formed XML: ${e}`);
  const problems = await schemaErrors(file);
  const app = doc.documentElement;
  if (!app || app.localName !== 'OfficeApp' || app.namespaceURI !== NS) return [...problems, `root element must be OfficeApp in ${NS}`];
  if (app.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type') !== 'TaskPaneApp') problems.push('xsi:type must be TaskPaneApp');
  const displayName = app.getElementsByTagNameNS(NS, 'DisplayName')[0];
  if (displayName?.getAttribute('DefaultValue') !== '绩效目标表助手') problems.push('DisplayName DefaultValue must be 绩效目标表助手');
  const overrides = displayName ? Array.from(displayName.getElementsByTagNameNS(NS, 'Override')) : [];
  if (!overrides.some((o) => o.getAttribute('Locale') === 'en-US' && o.getAttribute('Value'))) problems.push('DisplayName needs an en-US Override');
  // Every https://localhost:3000/assets/icon-N.png the manifest names: the file exists and is N×N.
  const urls = [];
  for (const el of Array.from(doc.getElementsByTagName('*'))) {
    for (const attr of ['DefaultValue', 'Value']) {
      const v = el.getAttribute(attr);
      if (v && /\/assets\/[^/]+\.png$/.test(v)) urls.push(v);
    }
  }
  if (!urls.length) problems.push('no icon URLs found');
  for (const url of urls) {
    const name = url.slice(url.lastIndexOf('/assets/') + 1);
    const local = path.join(root, name);
    const m = /icon-(\d+)\.png$/.exec(name);
    if (!fs.existsSync(local)) {
      problems.push(`icon ${name} does not exist`);
      continue;
    }
    const size = pngSize(local);
    if (!size) problems.push(`${name} is not a PNG`);
    else if (m && (size.width !== Number(m[1]) || size.height !== Number(m[1]))) problems.push(`${name} is ${size.width}×${size.height}, not ${m[1]}×${m[1]}`);
  }
  return problems;
}

module.exports = { validateManifest };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || 'manifest.xml');
  validateManifest(file).then((problems) => {
    if (problems.length) {
      for (const p of problems) console.error(`manifest: ${p}`);
      process.exit(1);
    }
    console.log(`${path.relative(process.cwd(), file)}: valid against the Office add-in manifest schemas (${MAIN_SCHEMA} and imports), names and icons checked`);
  });
}
