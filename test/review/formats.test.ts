/** goalsheet check --format csv | sarif, and --out FILE. The SARIF log is validated against the SARIF 2.1.0 schema. */
import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { csvField, toCsv, CSV_HEADER } from '../../src/cli/formats/csv';
import { fileUri, qualifiedCell, toSarif } from '../../src/cli/formats/sarif';
import { packageVersion } from '../../src/cli/version';
import type { FileReport } from '../../src/cli/report';
import { RULES } from '../../src/core/rules/registry';
import { MESSAGES } from '../../src/core/rules/messages';
import { layoutForm } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { cleanForm, clone, tempDir } from '../helpers/forms';
import { run, xlsx, broken } from '../helpers/cli';

const ROOT = path.join(__dirname, '../..');
const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

/** RFC 4180 parser for the tests: rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

const finding = (over: Partial<FileReport['findings'][number]> = {}): FileReport['findings'][number] => ({
  ruleId: 'VAL-004',
  severity: 'error',
  sheet: '项目1',
  cell: 'E10',
  message: '指标值“≥120”只有数字，没有单位。',
  workbook: 'a.xlsx',
  form: 0,
  ...over,
});

describe('CSV', () => {
  test('BOM, header, one row per finding, CRLF, the fix; an unreadable file is an 错误 row', async () => {
    const good = await xlsx(dir, 'good.xlsx', broken());
    const bad = path.join(dir, 'bad.xlsx');
    await fs.writeFile(bad, 'not a workbook');
    const r = await run(['check', good, bad, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.out.startsWith('\ufeff文件,工作表,单元格,规则,严重程度,说明,修正,已忽略\r\n')).toBe(true);
    expect(r.out.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(r.out.slice(1));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.slice(1).map((x) => x.slice(0, 5))).toEqual([
      [good, '项目1', 'E10', 'VAL-004', '错误'],
      [good, '项目1', 'E12', 'VAL-007', '提示'],
      [bad, '', '', '', '错误'],
    ]);
    expect(rows[1][5]).toContain('≥120');
    expect(rows[2][6]).toBe('改为：≥90%');
    expect(rows[3][5]).toMatch(/^无法读取：不是 \.xlsx/);
    expect(rows.every((x) => x.length === 8)).toBe(true);
  });

  test('English severities and wording with --lang en; the header stays as published', async () => {
    const file = await xlsx(dir, 'a.xlsx', broken());
    const rows = parseCsv((await run(['check', file, '--format', 'csv', '--lang', 'en'])).out.slice(1));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1][4]).toBe('error');
    expect(rows[2][6]).toBe('change to: ≥90%');
  });

  test('RFC 4180 quoting: commas, quotes and line breaks (shown escaped: one finding, one line)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('two\\nlines');
    expect(csvField('plain 文字')).toBe('plain 文字');
    const text = toCsv([{ file: 'x,"y".xlsx', sheets: [], forms: [], findings: [finding({ message: '第一行\n第二行, 还有"引号"' })] }]);
    const rows = parseCsv(text.slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe('x,"y".xlsx');
    expect(rows[1][5]).toBe('第一行\\n第二行, 还有"引号"');
  });

  test.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'])('formula injection guarded: %j gets an apostrophe', (s) => {
    const text = toCsv([{ file: s, sheets: [], forms: [], findings: [finding({ sheet: s, message: s, cell: 'A1' })] }]);
    const row = parseCsv(text.slice(1))[1];
    for (const field of [row[0], row[1], row[5]]) expect(field.startsWith("'")).toBe(true);
  });

  test('a workbook whose sheet name and cell text try a formula: defused end to end', async () => {
    const f = clone(cleanForm());
    f.indicators[0].value = '=1+2'; // a value with no unit: quoted in the message
    const wb = new ExcelJS.Workbook();
    writeSpec(wb.addWorksheet('=cmd'), layoutForm(f));
    const file = path.join(dir, '@evil.xlsx');
    await wb.xlsx.writeFile(file);
    const rows = parseCsv((await run(['check', file, '--format', 'csv'])).out.slice(1)).slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const field of row) expect(field).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((x) => x[1])).toContain("'=cmd");
  });
});

describe('SARIF', () => {
  test('valid SARIF 2.1.0: driver, rules from the catalogue, results with logical cell locations, unreadable files as notifications', async () => {
    const good = await xlsx(dir, '某单位.xlsx', broken());
    const bad = path.join(dir, 'bad.xlsx');
    await fs.writeFile(bad, 'not a workbook');
    const r = await run(['check', good, bad, '--format', 'sarif']);
    expect(r.code).toBe(2);
    const log = JSON.parse(r.out);
    const valid = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [sarifRun] = log.runs;
    const driver = sarifRun.tool.driver;
    expect(driver.name).toBe('goalsheet');
    expect(driver.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((x) => x.meta.id));
    const val004 = driver.rules.find((x: { id: string }) => x.id === 'VAL-004');
    expect(val004.shortDescription.text).toBe(MESSAGES['VAL-004'].title[0]);
    expect(val004.fullDescription.text).toContain(MESSAGES['VAL-004'].title[1]);
    for (const rule of driver.rules) {
      const sev = RULES.find((x) => x.meta.id === rule.id)!.meta.severity;
      expect(rule.defaultConfiguration.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[sev]);
    }

    expect(sarifRun.results).toHaveLength(2);
    const [first, second] = sarifRun.results;
    expect(first).toMatchObject({ ruleId: 'VAL-004', level: 'error', message: { text: expect.stringContaining('≥120') } });
    expect(driver.rules[first.ruleIndex].id).toBe('VAL-004');
    expect(second).toMatchObject({ ruleId: 'VAL-007', level: 'note', properties: { fix: { cell: 'E12', newValue: '≥90%' } } });
    expect(first.locations[0].logicalLocations).toEqual([{ name: 'E10', fullyQualifiedName: '项目1!E10', kind: 'cell' }]);
    const uri = first.locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe(fileUri(good));
    expect(decodeURIComponent(uri.startsWith('file:') ? new URL(uri).pathname : uri)).toContain('某单位.xlsx');

    const notes = sarifRun.invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ level: 'error', message: { text: expect.stringMatching(/^无法读取：不是 \.xlsx/) } });
    expect(notes[0].locations[0].physicalLocation.artifactLocation.uri).toBe(fileUri(bad));
  });

  test('URIs relative to the working folder, percent-encoded; absolute file: URIs outside it', () => {
    expect(fileUri('/work/x/单位 1/a#b.xlsx', '/work/x')).toBe('%E5%8D%95%E4%BD%8D%201/a%23b.xlsx');
    expect(fileUri('/elsewhere/a.xlsx', '/work/x')).toBe('file:///elsewhere/a.xlsx');
  });

  test('sheet names quoted as Excel quotes them', () => {
    expect(qualifiedCell('项目1', 'E18')).toBe('项目1!E18');
    expect(qualifiedCell("Bob's sheet", 'A1')).toBe("'Bob''s sheet'!A1");
    expect(qualifiedCell('2024', 'A1')).toBe("'2024'!A1");
  });

  test('control and bidi characters from a workbook are escaped in the log, and it stays valid', () => {
    const text = toSarif([{ file: 'a\u202e.xlsx', sheets: [], forms: [], findings: [finding({ sheet: 'S\u0085', message: 'x\u202ey\u0000' })] }]);
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u0085\u202e]/);
    const log = JSON.parse(text);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results[0].message.text).toBe('x\u202ey\u0000');
    expect(log.runs[0].tool.driver.version).toBe(packageVersion());
  });

  test('a clean run is valid too (no results)', async () => {
    const f = clone(cleanForm());
    const file = await xlsx(dir, 'ok.xlsx', f);
    const log = JSON.parse((await run(['check', file, '--format', 'sarif', '--default-rules'])).out);
    expect(validateSarif(log)).toBe(true);
  });
});

describe('--out FILE', () => {
  test('the report goes to FILE, stdout stays empty, one line on stderr; no temporary file is left', async () => {
    const file = await xlsx(dir, 'a.xlsx', broken());
    const out = path.join(dir, 'report', 'r.csv');
    await fs.mkdir(path.dirname(out));
    await fs.writeFile(out, 'old');
    const r = await run(['check', file, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toEqual([`报告已写入 ${out}`]);
    const written = await fs.readFile(out, 'utf8');
    expect(written).toBe((await run(['check', file, '--format', 'csv'])).out);
    expect(await fs.readdir(path.dirname(out))).toEqual(['r.csv']);
  });

  test.each(['text', 'json', 'sarif'])('--format %s --out: the same report as on stdout, never coloured', async (format) => {
    const file = await xlsx(dir, 'a.xlsx', broken());
    const out = path.join(dir, `r.${format}`);
    const r = await run(['check', file, '--format', format, `--out=${out}`, '--lang', 'en']);
    expect(r.err).toBe(`Report written to ${out}\n`);
    const written = await fs.readFile(out, 'utf8');
    expect(written).toBe((await run(['check', file, '--format', format, '--lang', 'en'])).out);
    expect(written).not.toContain('\x1b[');
  });

  test('a FILE that cannot be written: exit 2 with the reason, nothing half-written', async () => {
    const file = await xlsx(dir, 'a.xlsx', broken());
    const r = await run(['check', file, '--out', path.join(dir, 'no', 'such', 'r.txt')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/无法写出报告 \/ cannot write the report .*ENOENT/);
    expect(r.out).toBe('');
  });

  test('an unknown format is a usage error', async () => {
    const r = await run(['check', 'x.xlsx', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format 只能是 text 或 json 或 csv 或 sarif');
  });
});

describe('dismissed findings (the unit\'s 忽略 in the file, or the reviewer\'s baseline)', () => {
  const files: FileReport[] = [
    { file: 'a.xlsx', sheets: [], forms: [], findings: [finding(), finding({ ruleId: 'SAT-001', cell: 'E18', dismissed: { reason: '满意度按上级口径' } })] },
  ];

  test('CSV keeps the row and gives the reason in 已忽略', () => {
    const rows = parseCsv(toCsv(files).slice(1));
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.map((r) => r[7])).toEqual(['已忽略', '', '满意度按上级口径']);
  });

  test('SARIF marks it with a suppression, and the log still validates', () => {
    const log = JSON.parse(toSarif(files));
    expect(validateSarif(log)).toBe(true);
    const [plain, dismissed] = log.runs[0].results;
    expect(plain.suppressions).toBeUndefined();
    expect(dismissed.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: '满意度按上级口径' }]);
  });
});
