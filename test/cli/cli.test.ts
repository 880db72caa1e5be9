/** goalsheet check, on real .xlsx files written here, in-process and as the installed bin. */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import { promisify } from 'util';
import ExcelJS from 'exceljs';
import { layoutForm } from '../../src/core/layout';
import { writeSpec } from '../../src/cli/writeXlsx';
import { cleanForm, clone, tempDir } from '../helpers/forms';
import { run, xlsx, broken } from '../helpers/cli';

const ROOT = path.join(__dirname, '../..');

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

test('no path: checks the bundled sample and says so', async () => {
  const r = await run(['check']);
  expect(r.err).toContain('未指定文件，检查随附的示例工作簿');
  expect(r.out).toContain('合计：1 个文件，11 张表；错误 10，警告 6，提示 13');
  expect(r.out).toContain('填报说明  已跳过');
  expect(r.code).toBe(1);
});

test('text output: per file, per sheet, findings by cell with severity, rule and message', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  const r = await run(['check', file]);
  const lines = r.out.split('\n');
  expect(lines[0]).toBe(file);
  expect(lines[1]).toMatch(/^ {2}项目1 {2}\(1 张表\)$/);
  expect(lines[2]).toMatch(/^ {4}E10 {2}错误 {2}VAL-004 +指标值“≥120”只有数字/);
  expect(lines[3]).toMatch(/^ {4}E12 {2}提示 {2}VAL-007/);
  expect(r.out).not.toContain('\x1b[');
  expect(r.code).toBe(1);
});

test('a sheet that looks like a form but cannot be read: FORM-000, its own status, counted in the summary', async () => {
  const wb = new ExcelJS.Workbook();
  writeSpec(wb.addWorksheet('项目1'), layoutForm(cleanForm()));
  const table = wb.addWorksheet('只有指标');
  table.addRows([['一级指标', '二级指标', '三级指标', '指标值'], ['产出指标', '数量指标', '培训人次', '≥300人次'], [null, '质量指标', '合格率', '≥95%']]);
  const file = path.join(dir, 'unrecognised.xlsx');
  await wb.xlsx.writeFile(file);
  const text = await run(['check', file]);
  expect(text.out).toMatch(/只有指标 {2}\(像是绩效目标表，但无法识别格式\)/);
  expect(text.out).toMatch(/A1 +警告 {2}FORM-000 +本表像是绩效目标表.*项目名称/);
  expect(text.out).toMatch(/合计：1 个文件，1 张表，1 个工作表无法识别；错误 0，警告 1/);
  expect(text.code).toBe(0);
  const doc = JSON.parse((await run(['check', file, '--format', 'json'])).out);
  expect(doc.files[0].sheets[1]).toEqual({ name: '只有指标', status: 'unrecognised', forms: 0 });
  expect(doc.summary.unrecognised).toBe(1);
});

test('JSON output follows the published interface', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  const r = await run(['check', file, '--format', 'json']);
  const doc = JSON.parse(r.out);
  expect(doc).toEqual({
    files: [
      {
        file,
        sheets: [{ name: '项目1', status: 'checked', forms: 1 }],
        forms: [
          {
            sheet: '项目1',
            index: 0,
            range: 'A1:F21',
            layout: {
              family: 'hebei',
              forced: false,
              fields: { unit: 'B2', code: 'B3', name: 'D3', total: 'C4', adjust: 'D4', fiscal: 'F4', use: 'B5', goal: 'B8', plan: 'A6', header: 'A9' },
              rows: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21],
            },
          },
        ],
        findings: [
          { ruleId: 'VAL-004', severity: 'error', sheet: '项目1', cell: 'E10', message: expect.stringContaining('≥120') },
          { ruleId: 'VAL-007', severity: 'info', sheet: '项目1', cell: 'E12', message: expect.any(String), fix: { cell: 'E12', newValue: '≥90%' } },
        ],
      },
    ],
    summary: { files: 1, forms: 1, errors: 1, warnings: 0, infos: 1, unrecognised: 0, unreadable: 0, formless: 0 },
  });
});

test('--config "layout" forces a family; an invalid one is a usage error', async () => {
  const file = await xlsx(dir, 'forced.xlsx', cleanForm());
  const config = path.join(dir, 'national.json');
  await fs.writeFile(config, JSON.stringify({ layout: 'national' }));
  const doc = JSON.parse((await run(['check', file, '--format', 'json', '--config', config])).out);
  expect(doc.files[0].forms[0].layout).toMatchObject({ family: 'national', forced: true });
  // Read as the national form, the Hebei-only parts are no longer required and its optional columns not asked for.
  expect(doc.files[0].findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('FORM'))).toEqual([]);
  await fs.writeFile(config, JSON.stringify({ layout: 'guangdong' }));
  const bad = await run(['check', file, '--config', config]);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/layout/);
});

test('exit 0 when there are no errors (warnings and infos allowed)', async () => {
  const f = clone(cleanForm());
  f.indicators[2].value = '>=90%';
  expect((await run(['check', await xlsx(dir, 'ok.xlsx', f)])).code).toBe(0);
});

test('an unreadable file gets its reason, the others are still checked, exit 2', async () => {
  const good = await xlsx(dir, 'good.xlsx', broken());
  const bad = path.join(dir, 'bad.xlsx');
  await fs.writeFile(bad, 'not a workbook');
  const r = await run(['check', bad, good, path.join(dir, 'missing.xlsx'), '--format=json']);
  const doc = JSON.parse(r.out);
  expect(doc.files.map((f: { error?: string }) => f.error)).toEqual([expect.stringContaining('不是 .xlsx'), undefined, expect.stringContaining('不存在')]);
  expect(doc.files[1].findings).toHaveLength(2);
  expect(doc.summary).toMatchObject({ files: 3, forms: 1, errors: 1 });
  expect(r.code).toBe(2);
});

test('folders are searched recursively; Excel lock files are skipped', async () => {
  await xlsx(dir, 'x/b.xlsx', cleanForm());
  await xlsx(dir, 'x/deep/c.xlsx', broken());
  await fs.writeFile(path.join(dir, 'x', '~$b.xlsx'), 'lock');
  await fs.writeFile(path.join(dir, 'x', 'readme.txt'), 'hi');
  const doc = JSON.parse((await run(['check', path.join(dir, 'x'), '--format', 'json'])).out);
  expect(doc.files.map((f: { file: string }) => path.relative(dir, f.file))).toEqual(['x/b.xlsx', path.join('x', 'deep', 'c.xlsx')]);
});

test('CODE-004 across the files of one run', async () => {
  const a = await xlsx(dir, 'a.xlsx', cleanForm());
  const b = await xlsx(dir, 'b.xlsx', cleanForm());
  const doc = JSON.parse((await run(['check', a, b, '--format', 'json'])).out);
  expect(doc.files[1].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['CODE-004']);
  expect(doc.files[1].findings[0].message).toContain(`${a} 项目1!B3`);
});

test('--config switches rules off and changes severities and thresholds', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  const config = path.join(dir, 'rules.json');
  await fs.writeFile(config, JSON.stringify({ rules: { 'VAL-004': 'warning', 'VAL-007': 'off' }, satisfactionMin: 90 }));
  const r = await run(['check', file, '--config', config, '--format', 'json']);
  const doc = JSON.parse(r.out);
  expect(doc.files[0].findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`)).toEqual(['VAL-004 warning']);
  expect(r.code).toBe(0);
});

test.each([
  [['check', '--format', 'xml'], /--format/],
  [['check', '--bogus'], /未知选项/],
  [['frobnicate'], /未知命令/],
  [['check', '--config'], /需要一个值/],
])('usage errors exit 2 with a message: %j', async (args, message) => {
  const r = await run(args as string[]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(message);
});

test('an invalid config is a usage error naming the problem', async () => {
  const config = path.join(dir, 'rules.json');
  await fs.writeFile(config, JSON.stringify({ rules: { 'VAL-999': 'off', 'SAT-002': 'loud' } }));
  const r = await run(['check', '--config', config]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('VAL-999');
  expect(r.err).toContain('SAT-002');
});

test('colour only on a terminal, and never with NO_COLOR', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  expect((await run(['check', file], true)).out).toContain('\x1b[31m');
  expect((await run(['check', file], true, { NO_COLOR: '1' })).out).not.toContain('\x1b[');
  expect((await run(['check', file, '--no-color'], true)).out).not.toContain('\x1b[');
});

test('English output on request', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  const r = await run(['check', file, '--lang', 'en']);
  expect(r.out).toContain('error');
  expect(r.out).toContain('Target value “≥120” is a number without a unit.');
  expect(r.out).toContain('Total: 1 file(s), 1 form(s); 1 error(s)');
});

test('the installed bin runs the built CLI with the same exit codes', async () => {
  const file = await xlsx(dir, 'a.xlsx', broken());
  const bin = path.join(ROOT, 'bin', 'goalsheet.js');
  const result = await promisify(execFile)('node', [bin, 'check', file, '--format', 'json']).catch((e) => e);
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout).summary.errors).toBe(1);
  const help = await promisify(execFile)('node', [bin, '--help']);
  expect(help.stdout).toContain('goalsheet check');
});
