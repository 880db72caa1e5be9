/**
 * Real published forms (test/fixtures/real, sources in SOURCES.md), read through the CLI's
 * .xlsx reader: each is one form per project with its fields at their cells, and the
 * findings are the ones a careful reviewer agreed with. Forms whose reading still departs
 * from the reviewer's list carry that list of gaps in their JSON and run as `test.failing`,
 * so a fix that closes a gap makes the test fail until the gap is removed from the fixture.
 */
import fs from 'fs';
import path from 'path';
import { checkForms } from '../../src/core/engine';
import { readSheet } from '../../src/core/form/parse';
import type { Form, SheetResult } from '../../src/core/form/model';
import { fromA1, parseArea } from '../../src/core/grid';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import type { Finding } from '../../src/core/rules/types';

const DIR = path.join(__dirname, '..', 'fixtures', 'real');

interface Fixture {
  id: string;
  province: string;
  family: string;
  source: { url: string };
  truncated?: boolean;
  gaps?: string[];
  expect: {
    forms: number;
    fields: Record<string, string>;
    rows: number[];
    findings: { rule: string; cell: string }[];
  };
}

const fixtures: Fixture[] = fs
  .readdirSync(path.join(DIR, 'forms'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, 'forms', f), 'utf8')));

/** Notes on normal practice (a spelling, a space, an older template's habit): allowed beyond the reviewer's list. */
const NOTES = new Set(['VAL-007', 'VAL-009', 'VAL-011', 'IND-013', 'PLAN-004']);
/** Rules about what the whole table holds: not judged on a form the published excerpt cut short. */
const WHOLE_TABLE = new Set(['IND-003', 'IND-004', 'IND-011', 'IND-012', 'COST-003', 'COST-005']);
const FIELDS = ['name', 'unit', 'code', 'total', 'fiscal', 'other', 'use', 'goal'] as const;

async function read(fx: Fixture): Promise<{ sheets: SheetResult[]; forms: Form[]; findings: Finding[] }> {
  const wb = await loadWorkbook(path.join(DIR, 'xlsx', `${fx.id}.xlsx`));
  if ('error' in wb) throw new Error(wb.error);
  const sheets = wb.grids.map((g) => readSheet(g, fx.id));
  const forms = sheets.flatMap((s) => s.forms);
  return { sheets, forms, findings: checkForms(forms, {}, sheets) };
}

/** What the engine reads and reports, in the shape of the reviewer's expectation. */
function reading(fx: Fixture, forms: Form[], findings: Finding[]) {
  const first = forms[0];
  const fields: Record<string, string> = {};
  for (const k of FIELDS) if (first?.[k]) fields[k] = first[k]!.cell;
  if (first?.header) fields.header = first.header.cell;
  const judged = (f: { rule: string }) => !(fx.truncated && WHOLE_TABLE.has(f.rule));
  const got = findings.map((f) => ({ rule: f.ruleId, cell: f.cell, info: f.severity === 'info' })).filter(judged);
  const expected = fx.expect.findings.filter(judged).map((f) => `${f.rule} ${f.cell}`);
  return {
    forms: forms.length,
    family: first?.family,
    fields,
    // Indicator rows of every form on the sheet (a list export holds several projects).
    rows: forms.flatMap((f) => f.indicators.map((r) => r.row + 1)),
    // Every finding the reviewer listed, and no error or warning beyond it.
    findings: [...new Set([...got.filter((f) => !f.info || !NOTES.has(f.rule)).map((f) => `${f.rule} ${f.cell}`), ...expected.filter((e) => got.some((g) => `${g.rule} ${g.cell}` === e))])].sort(),
  };
}

function expected(fx: Fixture) {
  const judged = (f: { rule: string }) => !(fx.truncated && WHOLE_TABLE.has(f.rule));
  return {
    forms: fx.expect.forms,
    family: fx.family,
    fields: fx.expect.fields,
    rows: fx.expect.rows,
    findings: [...new Set(fx.expect.findings.filter(judged).map((f) => `${f.rule} ${f.cell}`))].sort(),
  };
}

test('the corpus: at least 24 forms, 6 provinces and every layout family, each with its source', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(24);
  expect(new Set(fixtures.map((f) => f.province)).size).toBeGreaterThanOrEqual(6);
  expect([...new Set(fixtures.map((f) => f.family))].sort()).toEqual(['approval', 'dual-table', 'hebei', 'integrated-export', 'integrated-print', 'national']);
  // Every form's address as published; Hebei's come from the seed (the published forms the product was designed from).
  for (const f of fixtures) expect(f.source.url).toMatch(f.family === 'hebei' ? /^seed:/ : /^https?:\/\//);
  const sources = fs.readFileSync(path.join(DIR, 'SOURCES.md'), 'utf8');
  for (const f of fixtures) expect(sources).toContain(f.source.url);
});

interface Transcription {
  rows: (string | number | null)[][];
  merges?: string[];
}

describe.each(fixtures.map((f) => [f.id, f] as const))('%s', (_id, fx) => {
  test('the .xlsx holds the transcription: every value at its cell, every merge', async () => {
    const wb = await loadWorkbook(path.join(DIR, 'xlsx', `${fx.id}.xlsx`));
    if ('error' in wb) throw new Error(wb.error);
    const [g] = wb.grids;
    const t = fx as unknown as Transcription;
    const inXlsx = new Map<string, string | number | boolean | null>();
    g.cells.forEach((row, r) => row?.forEach((c, col) => c && inXlsx.set(`${g.top + r},${g.left + col}`, c.value)));
    const inJson = new Map<string, string | number | null>();
    t.rows.forEach((row, r) => row.forEach((v, col) => v !== null && v !== '' && inJson.set(`${r},${col}`, v)));
    expect(inXlsx).toEqual(inJson);
    const area = (m: string) => parseArea(m)!;
    expect(g.merges).toEqual(expect.arrayContaining((t.merges ?? []).map(area)));
    expect(g.merges).toHaveLength((t.merges ?? []).length);
  });

  (fx.gaps?.length ? test.failing : test)('read in its family, fields at their cells, the reviewer\'s findings', async () => {
    const { forms, findings } = await read(fx);
    expect(reading(fx, forms, findings)).toEqual(expected(fx));
  });

  test('no finding points outside its form', async () => {
    const { forms, findings } = await read(fx);
    for (const f of findings) {
      if (f.form < 0) continue;
      const form = forms[f.form];
      const at = fromA1(f.cell)!;
      expect({ cell: f.cell, inside: at.row >= form.top && at.row <= form.bottom && at.col >= form.left && at.col <= form.right })
        .toEqual({ cell: f.cell, inside: true });
    }
  });
});
