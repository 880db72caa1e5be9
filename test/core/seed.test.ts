/**
 * The seed table at the end of docs/rules.md, reproduced on the sample workbook
 * shipped with the package (the 11 published forms), read the way the CLI reads it;
 * and the national sample (the same forms in the national 申报表).
 */
import path from 'path';
import ExcelJS from 'exceljs';
import { checkWorkbooks } from '../../src/core/engine';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { workbookToGrids } from '../../src/cli/readXlsx';
import { buildSampleWorkbook, SAMPLE_FILE, SAMPLE_FILES } from '../../src/cli/sample';
import type { FormLayout } from '../../src/core/layout';
import { SEED } from '../helpers/forms';
import type { Finding } from '../../src/core/rules/types';

let findings: Finding[];
let sheets: { name: string; status: string; forms: number }[];

beforeAll(async () => {
  const loaded = await loadWorkbook(path.join(__dirname, '../..', SAMPLE_FILE));
  if ('error' in loaded) throw new Error(loaded.error);
  const run = checkWorkbooks([{ name: 'sample', grids: loaded.grids }]);
  findings = run.results[0].findings;
  sheets = run.results[0].sheets;
});

const of = (sheet: string, ruleId?: string) => findings.filter((f) => f.sheet === sheet && (!ruleId || f.ruleId === ruleId));

test('the sample has the 11 seed forms, one per sheet, and skips the notes sheet', () => {
  expect(sheets[0]).toEqual({ name: '填报说明', status: 'skipped', forms: 0 });
  expect(sheets.slice(1).map((s) => s.name)).toEqual(SEED.forms.map((f) => f.name));
  expect(sheets.slice(1).every((s) => s.status === 'checked' && s.forms === 1)).toBe(true);
});

// [form, rule, cell, count] — every row of the catalogue's table.
const TABLE: [string, string, string | undefined, number][] = [
  ['政务公开经费', 'VAL-001', 'E18', 1],
  ['政务公开经费', 'COST-001', 'E14', 1],
  ['办公软件平台维护经费', 'VAL-004', 'E21', 1],
  ['办公软件平台维护经费', 'IND-009', 'F22', 1],
  ['政务联络经费', 'SAT-001', 'E18', 1],
  ['综合业务管理经费', 'IND-005', 'C18', 1],
  ['联通云视频会议系统服务费', 'COST-002', 'E13', 1],
  ['联通云视频会议系统服务费', 'COST-004', 'E13', 1],
  ['值班工作及信息平台维护费', 'VAL-002', undefined, 2],
  ['值班工作及信息平台维护费', 'IND-002', 'B23', 1],
  ['值班工作及信息平台维护费', 'IND-007', 'D23', 1],
  ['市长热线经费', 'VAL-002', 'E15', 1],
  ['市政府门户网站平台维保、安全防护服务及等保测评服务经费', 'IND-009', 'F17', 1],
];

test.each(TABLE)('%s: %s at %s', (sheet, ruleId, cell, count) => {
  const hits = of(sheet, ruleId);
  expect(hits).toHaveLength(count);
  if (cell) expect(hits[0].cell).toBe(cell);
});

test('PLAN-004 on all 11 forms, at the 3月底 value cell', () => {
  const plan = findings.filter((f) => f.ruleId === 'PLAN-004');
  expect(plan.map((f) => f.sheet)).toEqual(SEED.forms.map((f) => f.name));
  expect(plan.every((f) => f.cell === 'B7' && f.severity === 'info')).toBe(true);
});

test('政务公开经费: satisfaction 80% is not below 80, so no SAT-002', () => {
  expect(of('政务公开经费', 'SAT-002')).toEqual([]);
});

test('none of the 11 project codes gets CODE-002 or CODE-003', () => {
  expect(findings.filter((f) => f.ruleId.startsWith('CODE-'))).toEqual([]);
});

test('the extra findings are exactly the real problems reviewed by hand', () => {
  const listed = new Set(TABLE.map(([s, r]) => `${s} ${r}`));
  const extra = findings
    .filter((f) => f.ruleId !== 'PLAN-004' && !listed.has(`${f.sheet} ${f.ruleId}`))
    .map((f) => `${f.sheet} ${f.ruleId} ${f.cell}`);
  expect(extra).toEqual([
    // 绩效目标 repeats 资金用途 word for word (less the leading 用于).
    '专项业务工作经费 GOAL-002 B8',
    // 实际使用资金率 ≥95%: a cost row bounded from below.
    '政务公开经费 COST-004 E14',
    // "> 2 万份" and "> 7 万元": spaces the 一体化系统 may reject.
    '综合业务管理经费 VAL-009 E11',
    '联通云视频会议系统服务费 VAL-009 E13',
  ]);
});

test.each(['hebei', 'national'] as FormLayout[])('the shipped %s sample workbook is what the builder makes from the seed JSON', async (layout) => {
  const built = workbookToGrids(await reload(buildSampleWorkbook(SEED.forms, layout)));
  const loaded = await loadWorkbook(path.join(__dirname, '../..', SAMPLE_FILES[layout]));
  if ('error' in loaded) throw new Error(loaded.error);
  expect(loaded.grids).toEqual(built);
});

describe('the national sample: the same 11 forms in the national 申报表', () => {
  let run: ReturnType<typeof checkWorkbooks>;
  beforeAll(async () => {
    const loaded = await loadWorkbook(path.join(__dirname, '../..', SAMPLE_FILES.national));
    if ('error' in loaded) throw new Error(loaded.error);
    run = checkWorkbooks([{ name: 'national', grids: loaded.grids }]);
  });

  test('one form a sheet, each read as the national family, its fields where the 申报表 prints them', () => {
    const [result] = run.results;
    expect(result.sheets[0]).toEqual({ name: '填报说明', status: 'skipped', forms: 0 });
    expect(result.sheets.slice(1).map((s) => s.name)).toEqual(SEED.forms.map((f) => f.name));
    expect(result.forms.map((f) => f.family)).toEqual(SEED.forms.map(() => 'national'));
    for (const f of result.forms) {
      expect(f.missing).toEqual([]);
      expect({ name: f.name?.cell, unit: f.unit?.cell, total: f.total?.cell, fiscal: f.fiscal?.cell, goal: f.goal?.cell, header: f.header?.cell })
        .toEqual({ name: 'B3', unit: 'E4', total: 'C5', fiscal: 'C6', goal: 'D9', header: 'B10' });
      expect(f.code).toBeUndefined();
    }
    expect(result.forms.map((f) => f.indicators.length)).toEqual(SEED.forms.map((f) => f.indicators.length));
  });

  test('the findings are the seed forms’ real problems the national form can show (no code, plan, description, basis or use to check)', () => {
    expect(run.results[0].findings.map((f) => `${f.sheet} ${f.ruleId} ${f.cell}`)).toEqual([
      '政务公开经费 COST-001 E15',
      '政务公开经费 COST-004 E15',
      '政务公开经费 VAL-001 E19',
      '办公软件平台维护经费 VAL-004 E22',
      '政务联络经费 SAT-001 E19',
      '综合业务管理经费 VAL-009 E12',
      '综合业务管理经费 IND-005 D19',
      '联通云视频会议系统服务费 COST-002 E14',
      '联通云视频会议系统服务费 COST-004 E14',
      '联通云视频会议系统服务费 VAL-009 E14',
      '值班工作及信息平台维护费 VAL-002 E16',
      '值班工作及信息平台维护费 VAL-002 E17',
      '值班工作及信息平台维护费 IND-002 C24',
      '市长热线经费 VAL-002 E16',
    ]);
    expect(run.summary).toMatchObject({ forms: 11, errors: 10, warnings: 2, infos: 2 });
  });
});

async function reload(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(await wb.xlsx.writeBuffer());
  return out;
}
