#!/usr/bin/env node
/**
 * Validates a WPS ribbon.xml against Microsoft's CustomUI schema for the 2006/01 namespace, the one WPS reads
 * (docs/wps.md §1.2), offline with libxml2 compiled to WebAssembly (xmllint-wasm). The schema is vendored
 * verbatim in test/fixtures/customui/customUI.xsd (source in the README beside it).
 *
 * libxml2 cannot compile that file as it is: seven derived types re-declare an attribute their base type already
 * has (CT_ButtonRegular extends CT_Control and adds AG_Enabled and AG_Image again, CT_Menu repeats itemSize, …).
 * XML Schema 1.0 forbids that ("Duplicate attribute use"); .NET's validator, which Office and the Custom UI
 * editors use, lets it pass. `compatibleSchema` drops exactly those repeats: each one names the same attribute
 * with the same type as the base (checked below, or it throws), so the documents the schema accepts are the
 * same. Nothing else is changed.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { DOMParser, XMLSerializer } = require('@xmldom/xmldom');
const { validateXML } = require('xmllint-wasm');

const XS = 'http://www.w3.org/2001/XMLSchema';
const XSD = path.join(__dirname, '..', 'test', 'fixtures', 'customui', 'customUI.xsd');

const children = (el, name) => Array.from(el.childNodes).filter((n) => n.nodeType === 1 && n.namespaceURI === XS && (!name || n.localName === name));

/** The customUI.xsd text with the repeated attribute uses of derived types removed (see above). */
function compatibleSchema(text) {
  const doc = new DOMParser().parseFromString(text, 'text/xml');
  const top = (kind) => new Map(children(doc.documentElement, kind).map((el) => [el.getAttribute('name'), el]));
  const groups = top('attributeGroup');
  const types = top('complexType');
  /** name → type of every attribute an attribute container (type body, extension, group) declares. */
  const declared = (el, out = new Map()) => {
    for (const c of children(el)) {
      if (c.localName === 'attribute' && c.getAttribute('use') !== 'prohibited') out.set(c.getAttribute('name'), c.getAttribute('type'));
      else if (c.localName === 'attributeGroup') declared(groups.get(c.getAttribute('ref')), out);
    }
    return out;
  };
  /** All attributes of a named type, through its chain of bases. */
  const ofType = (name) => {
    const type = types.get(name);
    if (!type) return new Map();
    const content = children(type, 'complexContent')[0];
    const derivation = content && children(content)[0];
    if (!derivation) return declared(type);
    const base = derivation.getAttribute('base');
    // A restriction lists only what it prohibits; the base's attributes stay.
    return derivation.localName === 'extension' ? new Map([...ofType(base), ...declared(derivation)]) : ofType(base);
  };
  const same = (name, a, b) => {
    if (a !== b) throw new Error(`customUI.xsd: ${name} is declared as ${a} and as ${b}; not a plain repeat, not removed`);
  };
  for (const [name, type] of types) {
    const content = children(type, 'complexContent')[0];
    const ext = content && children(content, 'extension')[0];
    if (!ext) continue;
    const inherited = ofType(ext.getAttribute('base'));
    for (const c of children(ext)) {
      if (c.localName === 'attribute' && inherited.has(c.getAttribute('name'))) {
        same(`${name}/@${c.getAttribute('name')}`, inherited.get(c.getAttribute('name')), c.getAttribute('type'));
        ext.removeChild(c);
      } else if (c.localName === 'attributeGroup') {
        const attrs = declared(groups.get(c.getAttribute('ref')));
        const repeated = [...attrs.keys()].filter((a) => inherited.has(a));
        if (!repeated.length) continue;
        for (const a of repeated) same(`${name}/@${a}`, inherited.get(a), attrs.get(a));
        // The whole group is inherited: drop the reference; else inline the group without the repeats.
        if (repeated.length < attrs.size) {
          for (const [a] of attrs) {
            if (repeated.includes(a)) continue;
            const copy = children(groups.get(c.getAttribute('ref')), 'attribute').find((x) => x.getAttribute('name') === a);
            if (!copy) throw new Error(`customUI.xsd: ${name}: nested group in ${c.getAttribute('ref')}; not handled`);
            ext.insertBefore(copy.cloneNode(true), c);
          }
        }
        ext.removeChild(c);
      }
    }
  }
  return new XMLSerializer().serializeToString(doc);
}

let schemaText;
/** Schema problems of one ribbon.xml text, as "line N: message" (empty: valid). */
async function ribbonErrors(xml, fileName = 'ribbon.xml') {
  schemaText ??= compatibleSchema(fs.readFileSync(XSD, 'utf8'));
  const result = await validateXML({ xml: [{ fileName, contents: xml }], schema: [{ fileName: 'customUI.xsd', contents: schemaText }] });
  return result.errors.map((e) => {
    const m = /^[^:]+:(\d+):\s*(?:element \S+: )?(?:Schemas validity error|parser error) : (.*)$/.exec(e.rawMessage);
    return m ? `line ${m[1]}: ${m[2].replace(/\{http:[^}]+\}/g, '')}` : e.rawMessage;
  });
}

module.exports = { ribbonErrors, compatibleSchema, XSD };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || 'src/wps/addin/ribbon.xml');
  ribbonErrors(fs.readFileSync(file, 'utf8')).then((problems) => {
    for (const p of problems) console.error(`ribbon: ${p}`);
    if (problems.length) process.exit(1);
    console.log(`${path.relative(process.cwd(), file)}: valid against the CustomUI schema (2006/01)`);
  });
}
