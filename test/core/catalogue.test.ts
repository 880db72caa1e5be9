/** docs/rules.md is the contract: the registry has exactly its ids, with its default severities, and messages in both languages. */
import { readFileSync } from 'fs';
import path from 'path';
import { MESSAGES } from '../../src/core/rules/messages';
import { RULES } from '../../src/core/rules/registry';

const doc = readFileSync(path.join(__dirname, '../../docs/rules.md'), 'utf8');
const rows = [...doc.matchAll(/^\| ([A-Z]+-\d{3}) \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);

test('the catalogue table was read', () => {
  expect(rows.length).toBe(57);
});

test('the registry has exactly the catalogue ids and default severities, in order', () => {
  expect(RULES.map((r) => [r.meta.id, r.meta.severity])).toEqual(rows);
});

test('every rule has a Chinese and an English title and message', () => {
  for (const r of RULES) {
    const m = MESSAGES[r.meta.id];
    expect(m.title[0]).toMatch(/[\u4e00-\u9fff]/);
    // A few messages are wholly built by their rule ("{problem}") and tested there.
    if (m.message[0] !== '{problem}') expect(m.message[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(m.title[1]).toMatch(/^[A-Z]/);
    expect(m.message[1]).toMatch(/[A-Za-z]/);
  }
});

test('fixable rules are the ones the catalogue names a fix for', () => {
  expect(RULES.filter((r) => r.meta.fixable).map((r) => r.meta.id)).toEqual(['CODE-002', 'CODE-003', 'PLAN-003', 'VAL-007', 'VAL-009']);
});
