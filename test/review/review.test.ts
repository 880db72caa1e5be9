/**
 * goalsheet review (issue 12): a folder of workbooks written here, reviewed through the CLI, the output read back
 * with exceljs. Grades and scores are recomputed from `goalsheet check --format json` and the scheme's data — no
 * hard-coded scores — so the test holds whatever the default costs are.
 */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import type { FormData } from '../../src/core/layout';
import { codeStatus } from '../../src/core/projectCode';
import { RULE_IDS } from '../../src/core/rules/registry';
import { checkForms, readWorkbook } from '../../src/core/engine';
import { DEFAULT_SCHEME, DIMENSIONS, GRADE_RANK, gradeFindings, mergeScheme, reviewProblems, type Dimension, type Grade, type Scheme } from '../../src/core/review/grading';
import { composeOpinion, NO_POINTS, SECTIONS } from '../../src/core/review/opinion';
import { readOptions } from '../../src/core/options';
import { cleanForm, clone, gridOf, tempDir } from '../helpers/forms';
import JSZip from 'jszip';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { cellFingerprint, DISMISSALS_KEY, type ReviewedFinding } from '../../src/core/dismissals';
import { OPTIONS_KEY } from '../../src/core/options';
import { run, xlsx } from '../helpers/cli';

/** A valid project code from a 20-character body. */
function code(body: string): string {
  const s = codeStatus(body);
  if (s.state !== 'completable') throw new Error(`bad body ${body}`);
  return s.code;
}

function form(name: string, body: string, unit = '滨海市生态环境局'): FormData {
  const f = clone(cleanForm());
  f.name = name;
  f.code = code(body);
  f.unit = unit;
  return f;
}

/** A few problems: a value with no unit (error), a comparator spelling (info, with a fix), 满意度 at 100% (warning). */
function few(): FormData {
  const f = form('空气质量自动监测站运维经费', '37020023P00412030008');
  f.indicators[0].value = '≥120';
  f.indicators[2].value = '>=90%';
  f.indicators[11].value = '100%';
  return f;
}

/** Bad enough for 差: problems under every dimension. */
function bad(): FormData {
  const f = form('环境执法装备购置经费', '37020023P00412030009', '滨海市环境执法支队');
  f.goal = '';
  f.plan['12月底'] = 90;
  f.indicators[0].value = '';
  f.indicators[1].value = '';
  f.indicators[3].value = '';
  f.indicators[4].value = '≤24';
  f.indicators[5].desc = '';
  f.indicators[6].value = '≤150万元';
  f.indicators[7].value = '≥95';
  f.indicators[8].value = '明显改善';
  f.indicators[11].value = '≤90%';
  return f;
}

interface JsonFinding { ruleId: string; severity: 'error' | 'warning' | 'info'; sheet: string; cell: string; message: string; fix?: { newValue: string | number } }
interface JsonFile { file: string; forms: { sheet: string }[]; findings: JsonFinding[]; error?: string }

/** The scheme applied by hand to one form's findings: the test's own reading of the data. */
function expected(findings: JsonFinding[], scheme: Scheme): { score: number; grade: Grade; deductions: Record<Dimension, number> } {
  const raw: Record<string, number> = {};
  for (const f of findings) {
    const r = scheme.rules[f.ruleId];
    raw[r.dimension] = (raw[r.dimension] ?? 0) + (r.cost ?? scheme.costs[f.severity]);
  }
  const deductions = Object.fromEntries(DIMENSIONS.map((d) => [d, Math.min(raw[d] ?? 0, scheme.caps[d])])) as Record<Dimension, number>;
  const score = Math.max(0, 100 - Object.values(deductions).reduce((a, b) => a + b, 0));
  const grade: Grade = score >= scheme.bands.优 ? '优' : score >= scheme.bands.良 ? '良' : score >= scheme.bands.中 ? '中' : '差';
  return { score, grade, deductions };
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));

/** The table of a sheet: header names → values, one object per row. */
function rowsOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const head = (ws.getRow(1).values as ExcelJS.CellValue[]).map(text);
  const out: Record<string, ExcelJS.CellValue>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, ExcelJS.CellValue> = {};
    head.forEach((h, i) => h && (o[h] = row.getCell(i).value));
    out.push(o);
  });
  return out;
}

/** The 审核意见 sheet's blocks: label → text, one per form, in order. */
function blocksOf(ws: ExcelJS.Worksheet): Record<string, string>[] {
  const blocks: Record<string, string>[] = [];
  ws.eachRow((row) => {
    const label = text(row.getCell(1).value);
    if (label === '文件') blocks.push({});
    if (blocks.length && label) blocks[blocks.length - 1][label] = text(row.getCell(2).value);
  });
  return blocks;
}

let dir: string;
let outDir: string;
let files: Record<string, string>;
beforeAll(async () => {
  dir = await tempDir();
  outDir = await tempDir();
  files = {
    clean: await xlsx(dir, 'clean.xlsx', form('大气污染防治网格化监测运维经费', '37020023P00412030007')),
    few: await xlsx(dir, 'few.xlsx', few()),
    bad: await xlsx(dir, 'sub/bad.xlsx', bad()),
    dupA: await xlsx(dir, 'dupA.xlsx', form('水质自动监测站运维经费', '37020023P00412030010', '滨海市水务局')),
    dupB: await xlsx(dir, 'sub/dupB.xlsx', form('水质监测站点运行经费', '37020023P00412030010', '滨海市水务局')),
  };
  files.broken = path.join(dir, 'broken.xlsx');
  await fs.writeFile(files.broken, 'not a workbook');
});

async function checkJson(config?: string): Promise<JsonFile[]> {
  const r = await run(['check', dir, '--format', 'json', ...(config ? ['--config', config] : ['--default-rules'])]);
  return (JSON.parse(r.out) as { files: JsonFile[] }).files;
}

const findingsOf = (doc: JsonFile[], file: string, sheet = '项目1') => doc.find((f) => f.file === file)!.findings.filter((x) => x.sheet === sheet);

test('the default scheme maps every rule of the catalogue, and only those', () => {
  expect(Object.keys(DEFAULT_SCHEME.rules).sort()).toEqual([...RULE_IDS].sort());
  for (const r of Object.values(DEFAULT_SCHEME.rules)) expect(DIMENSIONS).toContain(r.dimension);
  // No one dimension can take a form below 中 on its own.
  for (const d of DIMENSIONS) expect(100 - DEFAULT_SCHEME.caps[d]).toBeGreaterThanOrEqual(DEFAULT_SCHEME.bands.中);
  expect(reviewProblems(DEFAULT_SCHEME)).toEqual([]);
});

test('review: grades, scores, opinions, summary, units, duplicates', async () => {
  const out = path.join(outDir, '审核意见.xlsx');
  const r = await run(['review', dir, '-o', out]);
  expect(r.err).toContain('broken.xlsx');
  expect(r.code).toBe(2); // one file could not be read: listed, the rest reviewed
  expect(r.out).toContain('已写出');

  const doc = await checkJson();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['审核意见', '汇总', '按单位', '重复项目']);

  // 汇总: one row per form, grade and score as the scheme computes them, worst first, filtered, frozen.
  const summary = wb.getWorksheet('汇总')!;
  const rows = rowsOf(summary);
  expect(rows).toHaveLength(5);
  const want: Record<string, ReturnType<typeof expected>> = {};
  for (const [key, file] of Object.entries(files)) {
    if (key === 'broken') continue;
    want[key] = expected(findingsOf(doc, file), DEFAULT_SCHEME);
    const row = rows.find((x) => x['文件'] === file)!;
    expect({ key, grade: row['等级'], score: row['得分'] }).toEqual({ key, grade: want[key].grade, score: want[key].score });
    for (const d of DIMENSIONS) expect(row[`${d}扣分`]).toBe(want[key].deductions[d]);
    const fs_ = findingsOf(doc, file);
    expect(row['错误']).toBe(fs_.filter((f) => f.severity === 'error').length);
    expect(row['警告']).toBe(fs_.filter((f) => f.severity === 'warning').length);
    expect(row['已忽略']).toBe(0);
    expect(row['金额（万元）']).toBe(120);
  }
  expect(want.clean.grade).toBe('优');
  expect(want.clean.score).toBe(100);
  expect(want.few.score).toBeLessThan(100);
  expect(want.bad.grade).toBe('差');
  const ranks = rows.map((x) => [GRADE_RANK[x['等级'] as Grade], x['得分'] as number]);
  for (let i = 1; i < ranks.length; i++) expect(ranks[i][0] > ranks[i - 1][0] || (ranks[i][0] === ranks[i - 1][0] && ranks[i][1] >= ranks[i - 1][1])).toBe(true);
  expect(rows[0]['文件']).toBe(files.bad);
  expect(summary.autoFilter).toBeTruthy();
  expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

  // 审核意见: one block per form, the five sections, each point naming its indicator and cell.
  const opinion = wb.getWorksheet('审核意见')!;
  expect(opinion.pageSetup.paperSize).toBe(9);
  const blocks = blocksOf(opinion);
  expect(blocks).toHaveLength(5);
  for (const b of blocks) for (const s of ['工作表', '填报单位', '项目名称', '预算数', '审核等级', '得分', ...DIMENSIONS.map((d) => `${d}扣分`), ...SECTIONS]) expect(b[s]).toBeDefined();
  const clean = blocks.find((b) => b['文件'] === files.clean)!;
  for (const s of SECTIONS) expect(clean[s]).toBe(NO_POINTS);
  expect(clean['审核等级']).toMatch(/^优（100 分）/);
  const fewBlock = blocks.find((b) => b['文件'] === files.few)!;
  const fewFindings = findingsOf(doc, files.few);
  const noUnit = fewFindings.find((f) => f.ruleId === 'VAL-004')!;
  expect(fewBlock['产出指标']).toContain(`「运维监测微站数量」（${noUnit.cell}）：${noUnit.message}`);
  const spelling = fewFindings.find((f) => f.ruleId === 'VAL-007')!;
  expect(fewBlock['产出指标']).toContain(`「数据有效传输率」（${spelling.cell}）`);
  expect(fewBlock['产出指标']).toContain(`建议改为“${spelling.fix!.newValue}”`);
  const full = fewFindings.find((f) => f.ruleId === 'SAT-003')!;
  expect(fewBlock['满意度指标']).toContain(`「公众对空气质量监测服务满意度」（${full.cell}）：${full.message}`);
  expect(fewBlock['总体目标']).toBe(NO_POINTS);
  expect(fewBlock['效益指标']).toBe(NO_POINTS);
  // Every finding of the bad form is a point somewhere in its block; its goal section says the goal is missing.
  const badBlock = blocks.find((b) => b['文件'] === files.bad)!;
  const badText = SECTIONS.map((s) => badBlock[s]).join('\n');
  for (const f of findingsOf(doc, files.bad)) expect(badText).toContain(f.message.trim().replace(/[。.]?$/, ''));
  expect(badBlock['总体目标']).toContain(findingsOf(doc, files.bad).find((f) => f.ruleId === 'GOAL-001')!.message);
  expect(text(opinion.getCell('B4').value) + text(opinion.getCell('A4').value)).toContain('broken.xlsx');

  // 按单位: forms, amount, grades and errors per unit.
  const units = rowsOf(wb.getWorksheet('按单位')!);
  const water = units.find((u) => u['单位'] === '滨海市水务局')!;
  expect(water['表数']).toBe(2);
  expect(water['金额（万元）']).toBe(240);
  const waterErrors = [files.dupA, files.dupB].flatMap((f) => findingsOf(doc, f)).filter((f) => f.severity === 'error').length;
  expect(water['错误']).toBe(waterErrors);
  expect(waterErrors).toBeGreaterThan(0); // CODE-004 on the second copy
  const eco = units.find((u) => u['单位'] === '滨海市生态环境局')!;
  expect(eco['表数']).toBe(2);
  const ecoGrades = [want.clean.grade, want.few.grade];
  for (const g of ['优', '良', '中', '差'] as Grade[]) expect(eco[g]).toBe(ecoGrades.filter((x) => x === g).length);
  expect(units.find((u) => u['单位'] === '合计')!['表数']).toBe(5);

  // 重复项目: the pair sharing a code across files.
  const dups = rowsOf(wb.getWorksheet('重复项目')!);
  expect(dups.map((d) => [d['重复项'], d['文件'], d['范围']])).toEqual([
    ['项目编码', files.dupA, '跨文件'],
    ['项目编码', files.dupB, '跨文件'],
  ]);
});

test('an existing output is kept without --force; --config review overrides change the grade', async () => {
  const out = path.join(outDir, 'override.xlsx');
  await fs.writeFile(out, 'keep me');
  const refused = await run(['review', files.few, '-o', out]);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain('已存在');
  expect(await fs.readFile(out, 'utf8')).toBe('keep me');

  const review = { rules: { 'SAT-003': { cost: 20 } }, bands: { 优: 95 } };
  const config = path.join(outDir, 'review.json');
  await fs.writeFile(config, JSON.stringify({ review }));
  const r = await run(['review', files.few, '-o', out, '--force', '--config', config]);
  expect(r.code).toBe(0);
  const scheme = clone(DEFAULT_SCHEME);
  scheme.rules['SAT-003'].cost = 20;
  scheme.bands.优 = 95;
  expect(mergeScheme(review)).toEqual(scheme);
  const findings = findingsOf(await checkJson(config), files.few);
  const before = expected(findings, DEFAULT_SCHEME);
  const after = expected(findings, scheme);
  expect(after.grade).not.toBe(before.grade);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const [row] = rowsOf(wb.getWorksheet('汇总')!);
  expect([row['等级'], row['得分']]).toEqual([after.grade, after.score]);
  expect(await fs.readdir(outDir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
});

test('an invalid review configuration is exit 2 with its problems, Chinese first', async () => {
  const config = path.join(outDir, 'bad-review.json');
  await fs.writeFile(config, JSON.stringify({ review: { caps: { 完整: 30 }, bands: { 优: 70, 良: 80 }, rules: { 'VAL-999': { cost: 1 }, 'VAL-004': { dimension: '合理性' } }, costs: { error: -1 } } }));
  const out = path.join(outDir, 'never.xlsx');
  const r = await run(['review', files.clean, '-o', out, '--config', config]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('配置文件有误');
  expect(r.err).toContain('"review.caps" 中的维度应为 完整性、相关性、适当性、可行性 之一');
  expect(r.err).toContain('"review.bands" 应满足 优 > 良 > 中');
  expect(r.err).toContain('未知规则 / unknown rule "VAL-999"');
  expect(r.err).toContain('"review.rules.VAL-004.dimension" 应为');
  expect(r.err).toContain('"review.costs.error" 应为 0–100 之间的数');
  await expect(fs.access(out)).rejects.toThrow();
  expect(readOptions({ review: 3 }).problems).toEqual(['"review" 应为对象 / must be an object']);
  expect(readOptions({ review: { bands: { 中: 50 } } })).toEqual({ options: { review: { bands: { 中: 50 } } }, problems: [] });
});

test('dismissed findings cost nothing and are listed as explained by the unit', () => {
  const sheets = readWorkbook({ name: 'book.xlsx', grids: [gridOf(few(), {}, '项目1')] });
  const forms = sheets.flatMap((s) => s.forms);
  const findings: ReviewedFinding[] = checkForms(forms, {}, sheets);
  const sat = findings.find((f) => f.ruleId === 'SAT-003')!;
  const before = gradeFindings(findings);
  sat.dismissed = { reason: '上级考核要求满意度达到100%' };
  const after = gradeFindings(findings);
  expect(after.score - before.score).toBe(DEFAULT_SCHEME.rules['SAT-003'].cost ?? DEFAULT_SCHEME.costs[sat.severity]);
  const opinion = composeOpinion(forms[0], findings);
  expect(opinion['满意度指标'].points).toEqual([]);
  expect(opinion['满意度指标'].explained).toEqual([expect.stringMatching(/^单位已说明：「公众对空气质量监测服务满意度」.*说明：上级考核要求满意度达到100%。$/)]);
});

test('--format md writes the same content as Markdown', async () => {
  const out = path.join(outDir, '审核意见.md');
  const r = await run(['review', files.few, files.dupA, files.dupB, '-o', out]);
  expect(r.code).toBe(0);
  const md = await fs.readFile(out, 'utf8');
  for (const h of ['# 绩效目标审核意见', '## 汇总', '## 按单位', '## 重复项目', '**总体目标**', '**产出指标**', '**效益指标**', '**满意度指标**', '**需补充完善事项**']) expect(md).toContain(h);
  expect(md).toContain('「运维监测微站数量」');
  expect(md).toContain('| 项目编码 |');
});

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

test('a unit\'s dismissals in the file are listed as 单位已说明 and cost nothing; its own rule settings do not soften the review', async () => {
  const d = await tempDir();
  const plain = await xlsx(d, 'plain.xlsx', few());
  const loaded = await loadWorkbook(plain);
  if ('error' in loaded) throw new Error(loaded.error);
  const doc = await checkJson();
  const sat = findingsOf(doc, files.few).find((f) => f.ruleId === 'SAT-003')!;
  const dismissals = { version: 1, items: [{ ruleId: 'SAT-003', sheet: '项目1', cell: sat.cell, value: cellFingerprint(loaded.grids, '项目1', sat.cell), reason: '上级考核要求满意度达到100%', at: '2026-01-01T00:00:00Z' }] };
  const own = { rules: { 'VAL-004': 'off' } };
  const zip = await JSZip.loadAsync(await fs.readFile(plain));
  zip.file(
    'xl/webextensions/webextension1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{5B1F2F1E-0000-4000-8000-000000000001}">` +
      `<we:reference id="goalsheet" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties>` +
      `<we:property name="${DISMISSALS_KEY}" value="${xmlAttr(JSON.stringify(JSON.stringify(dismissals)))}"/>` +
      `<we:property name="${OPTIONS_KEY}" value="${xmlAttr(JSON.stringify(JSON.stringify(own)))}"/>` +
      `</we:properties><we:bindings/></we:webextension>`,
  );
  const file = path.join(d, 'explained.xlsx');
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));

  const out = path.join(d, 'out.xlsx');
  expect((await run(['review', file, '-o', out])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const [row] = rowsOf(wb.getWorksheet('汇总')!);
  const counted = findingsOf(doc, files.few).filter((f) => f.ruleId !== 'SAT-003');
  expect(counted.some((f) => f.ruleId === 'VAL-004')).toBe(true); // the unit's "VAL-004 off" is not the bureau's
  const want = expected(counted, DEFAULT_SCHEME);
  expect([row['得分'], row['等级'], row['已忽略']]).toEqual([want.score, want.grade, 1]);
  const [block] = blocksOf(wb.getWorksheet('审核意见')!);
  expect(block['满意度指标']).toBe(`单位已说明：「公众对空气质量监测服务满意度」（${sat.cell}）：${sat.message}说明：上级考核要求满意度达到100%。`);
});

test('usage: -o is required, the extension must fit the format, and help lists the command', async () => {
  expect(await run(['review', dir])).toMatchObject({ code: 2, err: expect.stringContaining('请用 -o 指定输出文件') });
  expect(await run(['review', dir, '-o', path.join(outDir, 'x.txt')])).toMatchObject({ code: 2, err: expect.stringContaining('输出文件应以 .xlsx 结尾') });
  expect(await run(['review', '-o', path.join(outDir, 'y.xlsx')])).toMatchObject({ code: 2, err: expect.stringContaining('请给出要审核的文件或文件夹') });
  expect((await run(['--help'])).out).toContain('goalsheet review <文件或文件夹…> -o 审核意见.xlsx');
});
