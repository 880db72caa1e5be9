#!/usr/bin/env node
/**
 * Offline checks of manifest.xml (npm run validate): well-formed XML, the top-level
 * elements the Office add-in manifest schema requires in its order, the display
 * names, and every icon it names present under assets/ at its stated size.
 * Exits 1 with one line per problem.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { DOMParser } = require('@xmldom/xmldom');

const NS = 'http://schemas.microsoft.com/office/appforoffice/1.1';
/** Child order of OfficeApp (TaskPaneApp) in the schema; optional ones may be absent. */
const ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
  'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
  'Dictionary', 'VersionOverrides',
];
const REQUIRED = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'DefaultSettings', 'Permissions'];

function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function validateManifest(file, root = path.dirname(file)) {
  const problems = [];
  const errors = [];
  const doc = new DOMParser({ onError: (level, msg) => level !== 'warning' && errors.push(msg) }).parseFromString(fs.readFileSync(file, 'utf8'), 'text/xml');
  if (errors.length) return errors.map((e) => `not well-formed XML: ${e}`);
  const app = doc.documentElement;
  if (!app || app.localName !== 'OfficeApp' || app.namespaceURI !== NS) return [`root element must be OfficeApp in ${NS}`];
  if (app.getAttributeNS('http://www.w3.org/2001/XMLSchema-instance', 'type') !== 'TaskPaneApp') problems.push('xsi:type must be TaskPaneApp');
  const children = Array.from(app.childNodes).filter((n) => n.nodeType === 1).map((n) => n.localName);
  for (const name of REQUIRED) if (!children.includes(name)) problems.push(`missing <${name}>`);
  const positions = children.map((c) => ORDER.indexOf(c));
  children.forEach((c, i) => {
    if (positions[i] < 0) problems.push(`unexpected <${c}>`);
    else if (i > 0 && positions[i] < positions[i - 1]) problems.push(`<${c}> must come before <${children[i - 1]}>`);
  });
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
  const problems = validateManifest(file);
  if (problems.length) {
    for (const p of problems) console.error(`manifest: ${p}`);
    process.exit(1);
  }
  console.log(`${path.relative(process.cwd(), file)}: valid (offline checks)`);
}
