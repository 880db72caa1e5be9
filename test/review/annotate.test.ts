/** goalsheet annotate: marked copies whose every other part survives, originals untouched. */
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import { layoutForm, type FormData } from '../../src/core/layout';
import { planMarks, SEVERITY_FILL } from '../../src/core/marks';
import type { Finding } from '../../src/core/rules/types';
import { isMarkFormula } from '../../src/excel/marks';
import { writeSpec } from '../../src/cli/writeXlsx';
import { annotateWorkbook, relativeTarget, xmlText } from '../../src/cli/annotate/patch';
import { cleanForm, tempDir } from '../helpers/forms';
import { broken, run } from '../helpers/cli';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { cellFingerprint, DISMISSALS_KEY } from '../../src/core/dismissals';


const WE_NS = 'http://schemas.microsoft.com/office/webextensions/webextension/2010/11';
const WEB_EXTENSION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<we:webextension xmlns:we="${WE_NS}" id="{52811C31-4593-42AB-9F8A-0C5B1E1C1F1A}"><we:reference id="wa200000000" version="1.0.0.0" store="zh-CN" storeType="OMEX"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="goalsheet.note" value="&quot;kept&quot;"/></we:properties><we:bindings/><we:snapshot xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></we:webextension>`;
const TASKPANES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="4"><wetp:webextensionref xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`;

/** A workbook as a reviewer gets it: a form with a person's note on a marked cell, DV, a formula, widths, another sheet, the add-in's part. */
async function workbook(file: string, forms: FormData[] = [broken()], extraSheets: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  forms.forEach((f, i) => {
    const ws = wb.addWorksheet(`项目${i + 1}`);
    writeSpec(ws, layoutForm(f));
    if (i > 0) return;
    ws.getCell('E10').note = '审核人：请核实数量';
    ws.getCell('J2').value = { formula: 'SUM(1,2)', result: 3 };
    ws.getCell('J3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
    ws.getColumn(10).width = 33;
    ws.getCell('J4').value = 'styled';
    ws.getCell('J4').font = { bold: true, color: { argb: 'FF00AA00' } };
    ws.getCell('J4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    // A person's own conditional format (and so a dxf before ours).
    ws.addConditionalFormatting({ ref: 'J2', rules: [{ type: 'expression', priority: 1, formulae: ['J2>2'], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FF00FF00' } } } }] });
  });
  const other = wb.addWorksheet('说明');
  other.getCell('A1').value = '填报说明：按实际情况填写';
  other.getCell('B2').value = 42;
  other.getCell('B3').value = { formula: 'B2*2', result: 84 };
  other.mergeCells('A5:C6');
  other.getColumn(1).width = 40;
  for (const name of extraSheets) wb.addWorksheet(name).getCell('A1').value = 'x';
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.file('xl/webextensions/webextension1.xml', WEB_EXTENSION);
  zip.file('xl/webextensions/taskpanes.xml', TASKPANES);
  zip.file(
    'xl/webextensions/_rels/taskpanes.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>',
  );
  const rels = await zip.file('_rels/.rels')!.async('string');
  zip.file('_rels/.rels', rels.replace('</Relationships>', '<Relationship Id="rIdTp" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>'));
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file(
    '[Content_Types].xml',
    types.replace(
      '</Types>',
      '<Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/><Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/></Types>',
    ),
  );
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const sha = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

async function findings(file: string): Promise<Omit<Finding, 'workbook'>[]> {
  const r = await run(['check', file, '--format', 'json']);
  const doc = JSON.parse(r.out) as { files: { findings: Finding[] }[] };
  return doc.files[0].findings.map((f) => {
    const { workbook, ...rest } = f;
    void workbook;
    return rest;
  });
}

async function book(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) out.set(name, await zip.files[name].async('nodebuffer'));
  return out;
}

/** Every cell of every original sheet is the same in the copy (value, formula, style, merge, DV; notes outside the marks), and so is each sheet's setup. */
function sameOutsideMarks(a: ExcelJS.Workbook, b: ExcelJS.Workbook, found: Omit<Finding, 'workbook'>[]): number {
  const marks = planMarks(found.map((f) => ({ ...f, workbook: '' })));
  const marked = new Set(marks.map((m) => `${m.sheet}!${m.cell}`));
  expect(b.worksheets.map((w) => w.name)).toEqual([...a.worksheets.map((w) => w.name), '校验结果']);
  let cells = 0;
  for (const wa of a.worksheets) {
    const wb = b.getWorksheet(wa.name)!;
    const seen = new Set<string>();
    const visit = (ws: ExcelJS.Worksheet, fn: (c: ExcelJS.Cell) => void) => ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, fn));
    visit(wa, (c) => {
      seen.add(c.address);
      const d = wb.getCell(c.address);
      const at = `${wa.name}!${c.address}`;
      expect({ at, value: c.value, formula: c.formula, style: c.style, type: c.type, isMerged: c.isMerged, master: c.master.address, dv: c.dataValidation }).toEqual({
        at, value: d.value, formula: d.formula, style: d.style, type: d.type, isMerged: d.isMerged, master: d.master.address, dv: d.dataValidation,
      });
      if (!marked.has(at) || c.note) expect({ at, note: d.note }).toEqual({ at, note: c.note });
      cells++;
    });
    visit(wb, (d) => void (seen.has(d.address) || expect({ extra: `${wa.name}!${d.address}`, value: d.value }).toEqual({ extra: `${wa.name}!${d.address}`, value: null })));
    expect(wb.model.merges).toEqual(wa.model.merges);
    expect((wb as unknown as { dataValidations: { model: unknown } }).dataValidations.model).toEqual((wa as unknown as { dataValidations: { model: unknown } }).dataValidations.model);
    expect(wb.columns?.map((c) => c.width)).toEqual(wa.columns?.map((c) => c.width));
    expect(wb.views).toEqual(wa.views);
    expect(wb.pageSetup).toEqual(wa.pageSetup);
    expect(wb.state).toEqual(wa.state);
  }
  expect(b.definedNames.model).toEqual(a.definedNames.model);
  return cells;
}

let dir: string;
beforeEach(async () => {
  dir = await tempDir();
});

describe('one workbook', () => {
  let original: string;
  let copy: string;
  let before: string;
  let result: Awaited<ReturnType<typeof run>>;
  let found: Omit<Finding, 'workbook'>[];

  beforeEach(async () => {
    original = await workbook(path.join(dir, 'in', 'a.xlsx'));
    before = await sha(original);
    found = await findings(original);
    result = await run(['annotate', original, '-o', path.join(dir, 'out')]);
    copy = path.join(dir, 'out', 'a.xlsx');
  });

  test('writes the copy, says what it did, leaves the original byte for byte', async () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(1); // errors found, as check says
    expect(result.out).toContain(copy);
    expect(result.out).toMatch(/标记 \d+ 个单元格，写入 \d+ 条注释，1 处保留原有注释；工作表“校验结果”/);
    expect(await sha(original)).toBe(before);
    expect(found.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['VAL-004', 'VAL-007']));
  });

  test('goalsheet check on the copy reports what it reported on the original; the results sheet is no form', async () => {
    expect(await findings(copy)).toEqual(found);
    const doc = JSON.parse((await run(['check', copy, '--format', 'json'])).out);
    expect(doc.files[0].sheets.find((s: { name: string }) => s.name === '校验结果')).toEqual({ name: '校验结果', status: 'skipped', forms: 0 });
    expect(doc.files[0].findings.filter((f: Finding) => f.sheet === '校验结果' || f.ruleId === 'FORM-000')).toEqual([]);
  });

  test('every part outside the marks is the original byte for byte; changed XML parts are well-formed', async () => {
    const a = await parts(original);
    const b = await parts(copy);
    const changed = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels']);
    for (const [name, data] of a) {
      expect(b.has(name)).toBe(true);
      if (changed.has(name) || /^xl\/comments\d+\.xml$|^xl\/drawings\/vmlDrawing\d+\.vml$/.test(name)) continue;
      expect({ name, same: b.get(name)!.equals(data) }).toEqual({ name, same: true });
    }
    expect(b.get('xl/webextensions/webextension1.xml')!.equals(a.get('xl/webextensions/webextension1.xml')!)).toBe(true);
    expect(b.get('xl/webextensions/taskpanes.xml')!.equals(a.get('xl/webextensions/taskpanes.xml')!)).toBe(true);
    expect(b.get('xl/webextensions/_rels/taskpanes.xml.rels')!.equals(a.get('xl/webextensions/_rels/taskpanes.xml.rels')!)).toBe(true);
    // The add-in's parts are still wired in.
    expect(b.get('_rels/.rels')!.toString()).toContain('xl/webextensions/taskpanes.xml');
    expect(b.get('[Content_Types].xml')!.toString()).toContain('/xl/webextensions/webextension1.xml');
    for (const [name, data] of b) {
      if (!/\.(xml|rels|vml)$/.test(name) || (a.has(name) && a.get(name)!.equals(data))) continue;
      const errors: string[] = [];
      new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(data.toString('utf8'), 'text/xml');
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
    // The new parts are declared.
    const types = b.get('[Content_Types].xml')!.toString();
    for (const name of b.keys()) {
      if (a.has(name) || name.endsWith('.rels')) continue;
      expect(types.includes(`PartName="/${name}"`) || (name.endsWith('.vml') && /Extension="vml"/.test(types))).toBe(true);
    }
  });

  test('every cell outside the marks is the same: values, formulas, styles, notes; merges, validation, widths', async () => {
    const a = await book(original);
    const b = await book(copy);
    const cells = sameOutsideMarks(a, b, found);
    expect(cells).toBeGreaterThan(100);
    // The things the fixture put there, spelled out.
    const p = b.getWorksheet('项目1')!;
    expect(p.getCell('J2').formula).toBe('SUM(1,2)');
    expect(p.getCell('J3').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(p.getColumn(10).width).toBe(33);
    expect(p.getCell('J4').font).toMatchObject({ bold: true, color: { argb: 'FF00AA00' } });
    expect(b.getWorksheet('说明')!.model.merges).toEqual(['A5:C6']);
    expect(b.getWorksheet('说明')!.getCell('B3').formula).toBe('B2*2');
  });

  test('the marks: our conditional format per severity over the finding cells, notes except where a note was', async () => {
    const b = await book(copy);
    const ws = b.getWorksheet('项目1')!;
    const marks = planMarks(found.map((f) => ({ ...f, workbook: original })));
    const formats = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    for (const severity of ['error', 'warning', 'info'] as const) {
      const cells = marks.filter((m) => m.severity === severity).map((m) => m.cell);
      const ours = formats.filter((cf) => cf.rules.some((r) => r.type === 'expression' && isMarkFormula(`=${String(r.formulae?.[0])}`) && String(r.formulae?.[0]).includes(severity)));
      if (!cells.length) {
        expect(ours).toEqual([]);
        continue;
      }
      expect(ours).toHaveLength(1);
      expect(ours[0].ref.split(' ').sort()).toEqual([...cells].sort());
      const fill = ours[0].rules[0].style?.fill as ExcelJS.FillPattern;
      expect(fill.bgColor?.argb).toBe(`FF${SEVERITY_FILL[severity].slice(1)}`);
    }
    const theirs = formats.filter((cf) => cf.ref === 'J2');
    expect(theirs).toHaveLength(1);
    expect(theirs[0].rules[0]).toMatchObject({ type: 'expression', formulae: ['J2>2'], style: { fill: { bgColor: { argb: 'FF00FF00' } } } });
    expect(formats).toHaveLength(1 + new Set(marks.map((m) => m.severity)).size);
    for (const m of marks) {
      const note = ws.getCell(m.cell).note;
      if (m.cell === 'E10') expect(note).toBe('审核人：请核实数量');
      else expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toBe(m.text);
    }
    expect(marks.some((m) => m.cell === 'E10')).toBe(true);
    expect(marks.length).toBeGreaterThan(1);
  });

  test('the 校验结果 sheet: a header, one row per finding, a working link to each cell, frozen, filtered, widths', async () => {
    const b = await book(copy);
    const ws = b.getWorksheet('校验结果')!;
    expect(ws.getRow(1).values).toEqual([undefined, '工作表', '单元格', '严重程度', '规则', '说明']);
    expect(ws.rowCount).toBe(found.length + 1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe(`A1:E${found.length + 1}`);
    expect(ws.getColumn(5).width).toBeGreaterThan(40);
    const rows = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const link = row.getCell(2);
      const m = /^HYPERLINK\("#'((?:[^']|'')+)'!([A-Z]+\d+)","([A-Z]+\d+)"\)$/.exec(String(link.formula));
      expect(m).not.toBeNull();
      const [, sheet, cell, shown] = m!;
      // The link goes to that finding's cell on a sheet that exists.
      expect(sheet.replace(/''/g, "'")).toBe(row.getCell(1).value);
      expect(b.getWorksheet(sheet.replace(/''/g, "'"))).toBeDefined();
      expect(cell).toBe(shown);
      expect((link.value as ExcelJS.CellFormulaValue).result).toBe(cell);
      rows.push({ sheet: row.getCell(1).value, cell, severity: row.getCell(3).value, ruleId: row.getCell(4).value, message: row.getCell(5).value });
    }
    const word = { error: '错误', warning: '警告', info: '提示' };
    expect(rows.map((r) => `${r.sheet}!${r.cell} ${r.ruleId}`).sort()).toEqual(found.map((f) => `${f.sheet}!${f.cell} ${f.ruleId}`).sort());
    for (const f of found) expect(rows).toContainEqual({ sheet: f.sheet, cell: f.cell, severity: word[f.severity], ruleId: f.ruleId, message: f.message });
  });

  test('annotating the copy again replaces our formats instead of adding more; findings stay the same', async () => {
    const again = await run(['annotate', copy, '-o', path.join(dir, 'again')]);
    expect(again.err).toBe('');
    const twice = path.join(dir, 'again', 'a.xlsx');
    expect(await findings(twice)).toEqual(found);
    const formats = async (file: string) =>
      ((await book(file)).getWorksheet('项目1') as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.map((cf) => [cf.ref, cf.rules.map((r) => (r.type === 'expression' ? r.formulae : r.type))]);
    expect(await formats(twice)).toEqual(await formats(copy));
    // The earlier results sheet is the copy's own now: kept, and the new one takes the next name.
    expect((await book(twice)).worksheets.map((w) => w.name)).toEqual(['项目1', '说明', '校验结果', '校验结果 (2)']);
  });

  test('never overwrites without --force; --force writes again', async () => {
    const again = await run(['annotate', original, '-o', path.join(dir, 'out')]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('已存在；加 --force 覆盖');
    const forced = await run(['annotate', original, '-o', path.join(dir, 'out'), '--force']);
    expect(forced.code).toBe(1);
    expect(await findings(copy)).toEqual(found);
    expect(await sha(original)).toBe(before);
  });
});

test('folders keep their sub-folders; writing into the input is refused; no temp files left', async () => {
  const a = await workbook(path.join(dir, 'in', 'a.xlsx'));
  const b = await workbook(path.join(dir, 'in', 'sub', 'b.xlsx'), [cleanForm()]);
  const hashes = [await sha(a), await sha(b)];
  const r = await run(['annotate', path.join(dir, 'in'), '-o', path.join(dir, 'out')]);
  expect(r.err).toBe('');
  expect(await fs.readdir(path.join(dir, 'out'))).toEqual(['a.xlsx', 'sub']);
  expect(await fs.readdir(path.join(dir, 'out', 'sub'))).toEqual(['b.xlsx']);
  expect([await sha(a), await sha(b)]).toEqual(hashes);

  for (const out of [path.join(dir, 'in'), path.join(dir, 'in', 'sub')]) {
    const refused = await run(['annotate', path.join(dir, 'in'), '-o', out, '--force']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('输出文件夹不能在输入文件夹');
  }
  const self = await run(['annotate', a, '-o', path.join(dir, 'in'), '--force']);
  expect(self.code).toBe(2);
  expect(self.err).toContain('不能覆盖输入文件');
  expect([await sha(a), await sha(b)]).toEqual(hashes);
  expect(await fs.readdir(path.join(dir, 'in'))).toEqual(['a.xlsx', 'sub']);
});

test('the results sheet takes a free name when 校验结果 is taken', async () => {
  const file = await workbook(path.join(dir, 'taken.xlsx'), [broken()], ['校验结果', '校验结果 (2)']);
  const r = await run(['annotate', file, '-o', path.join(dir, 'out')]);
  expect(r.out).toContain('工作表“校验结果 (3)”');
  const b = await book(path.join(dir, 'out', 'taken.xlsx'));
  expect(b.worksheets.map((w) => w.name)).toEqual(['项目1', '说明', '校验结果', '校验结果 (2)', '校验结果 (3)']);
  expect(b.getWorksheet('校验结果')!.getCell('A1').value).toBe('x');
});

test('a clean workbook: no marks, an empty results sheet, exit 0', async () => {
  const file = await workbook(path.join(dir, 'clean.xlsx'), [cleanForm()]);
  const r = await run(['annotate', file, '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(0);
  const b = await book(path.join(dir, 'out', 'clean.xlsx'));
  expect(b.getWorksheet('校验结果')!.rowCount).toBe(1);
});

test('an unreadable file is named and skipped, the others written, exit 2', async () => {
  const good = await workbook(path.join(dir, 'in', 'good.xlsx'));
  await fs.writeFile(path.join(dir, 'in', 'bad.xlsx'), 'not a zip');
  const r = await run(['annotate', path.join(dir, 'in'), '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('bad.xlsx');
  expect(await fs.readdir(path.join(dir, 'out'))).toEqual([path.basename(good)]);
});

test('why the zip is patched: an exceljs round trip drops the web-extension parts of the add-in', async () => {
  const file = await workbook(path.join(dir, 'a.xlsx'));
  const wb = await book(file);
  const round = path.join(dir, 'round.xlsx');
  await wb.xlsx.writeFile(round);
  expect([...(await parts(round)).keys()].filter((n) => n.includes('webextension'))).toEqual([]);
});

test('usage errors; help lists the command', async () => {
  expect((await run(['--help'])).out).toContain('goalsheet annotate <文件或文件夹…> -o <输出文件夹>');
  expect((await run(['annotate', '-o', dir])).code).toBe(2);
  const file = await workbook(path.join(dir, 'a.xlsx'));
  const r = await run(['annotate', file]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('-o');
});

test('a finding the workbook dismisses (goalsheet.dismissals) is listed with its reason but not marked, as in the add-in', async () => {
  const file = await workbook(path.join(dir, 'in', 'd.xlsx'));
  const loaded = await loadWorkbook(file);
  if ('error' in loaded) throw new Error(loaded.error);
  const value = cellFingerprint(loaded.grids, '项目1', 'E12')!;
  const setting = JSON.stringify({ version: 1, items: [{ ruleId: 'VAL-007', sheet: '项目1', cell: 'E12', value, reason: '按文件口径', at: '2026-01-01T00:00:00Z' }] });
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const we = await zip.file('xl/webextensions/webextension1.xml')!.async('string');
  zip.file('xl/webextensions/webextension1.xml', we.replace('</we:properties>', `<we:property name="${DISMISSALS_KEY}" value="${xmlText(JSON.stringify(setting))}"/></we:properties>`));
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const checked = JSON.parse((await run(['check', file, '--format', 'json'])).out).files[0].findings as (Finding & { dismissed?: unknown })[];
  expect(checked.find((f) => f.cell === 'E12')?.dismissed).toBeDefined();

  expect((await run(['annotate', file, '-o', path.join(dir, 'out')])).err).toBe('');
  const b = await book(path.join(dir, 'out', 'd.xlsx'));
  const ws = b.getWorksheet('项目1')!;
  const refs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.flatMap((cf) => cf.ref.split(' '));
  expect(refs).toContain('E10');
  expect(refs).not.toContain('E12');
  expect(ws.getCell('E12').note).toBeUndefined();
  const results = b.getWorksheet('校验结果')!;
  const rows = results.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[])[5]);
  expect(rows.some((m) => String(m).endsWith('（已忽略：按文件口径）'))).toBe(true);
  expect(results.rowCount).toBe(checked.length + 1);
});

const REAL = path.join(__dirname, '../fixtures/real/xlsx');
test.each(['hebei-xingtai-zhengwulianluo.xlsx', 'sichuan-jingyan-mata-list.xlsx', 'neimenggu-wuchuan-shawanzi-yangzhichang.xlsx'])(
  'a real published workbook (%s): same findings, every other part and cell as it was',
  async (name) => {
    const original = path.join(REAL, name);
    const before = await sha(original);
    const found = await findings(original);
    const r = await run(['annotate', original, '-o', dir]);
    expect(r.err).toBe('');
    const copy = path.join(dir, name);
    expect(await findings(copy)).toEqual(found);
    expect(await sha(original)).toBe(before);
    const [wa, wb] = [await book(original), await book(copy)];
    sameOutsideMarks(wa, wb, found);
    // Every mark is there: our format over the cell, the explanation in its note unless it had one.
    const copyZip = await JSZip.loadAsync(await fs.readFile(copy));
    const written: string[] = [];
    for (const name of Object.keys(copyZip.files).filter((n) => /^xl\/comments\d+\.xml$/.test(n))) {
      const doc = new DOMParser().parseFromString(await copyZip.file(name)!.async('string'), 'text/xml');
      for (const c of Array.from(doc.getElementsByTagName('comment'))) written.push(`${c.getAttribute('ref')} ${c.textContent}`);
    }
    for (const m of planMarks(found.map((f) => ({ ...f, workbook: '' })))) {
      const ws = wb.getWorksheet(m.sheet)!;
      const ours = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings.filter((cf) =>
        cf.rules.some((r) => r.type === 'expression' && isMarkFormula(`=${String(r.formulae?.[0])}`) && String(r.formulae?.[0]).includes(m.severity)),
      );
      expect(ours.flatMap((cf) => cf.ref.split(' '))).toContain(m.cell);
      // exceljs drops a note on a cell absent from sheetData (B7 of an empty merged row): read the comments parts.
      const before = wa.getWorksheet(m.sheet)!.getCell(m.cell).note;
      if (before) expect(ws.getCell(m.cell).note).toEqual(before);
      else expect(written).toContain(`${m.cell} ${m.text}`);
    }
    const a = await parts(original);
    const b = await parts(copy);
    const touched = /^\[Content_Types\]\.xml$|^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|worksheets\/.*|comments\d*\.xml|drawings\/vmlDrawing\d*\.vml)$/;
    for (const [part, data] of a) if (!touched.test(part)) expect({ part, same: b.get(part)?.equals(data) }).toEqual({ part, same: true });
  },
);

test('prefixed SpreadsheetML (<x:worksheet>, <x:styleSheet>): our elements in its namespace and in schema order', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('B2').value = 'v';
  ws.getCell('C3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"a,b"'] };
  ws.mergeCells('D4:E5');
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const prefixed = (xml: string, rootName: string) =>
    xml.replace(/<(\/?)(?![?!])([A-Za-z]+(?=[\s/>]))/g, (all, slash: string, name: string) => (name.includes(':') ? all : `<${slash}x:${name}`)).replace(`<x:${rootName} xmlns="${MAIN}"`, `<x:${rootName} xmlns:x="${MAIN}"`);
  for (const [part, rootName] of [['xl/worksheets/sheet1.xml', 'worksheet'], ['xl/styles.xml', 'styleSheet']]) {
    zip.file(part, prefixed(await zip.file(part)!.async('string'), rootName));
  }
  const data = await zip.generateAsync({ type: 'nodebuffer' });
  const marks = [{ sheet: 'S', cell: 'B2', severity: 'error' as const, text: '【错误】VAL-004 说明 <&>', ruleIds: ['VAL-004'] }];
  const finding: Finding = { ruleId: 'VAL-004', severity: 'error', sheet: 'S', cell: 'B2', message: '说明 <&>', workbook: 'w', form: 0 };
  const out = annotateWorkbook(data, marks, [finding], 'zh-CN');
  const copy = await JSZip.loadAsync(out.zip);
  const parse = async (part: string) => new DOMParser().parseFromString(await copy.file(part)!.async('string'), 'text/xml');
  const sheet = await parse('xl/worksheets/sheet1.xml');
  const kids = (el: Element) => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1).map((n) => `${n.namespaceURI === MAIN ? '' : '?'}${n.localName}`);
  const order = kids(sheet.documentElement as unknown as Element);
  expect(order).toContain('conditionalFormatting');
  expect(order).toContain('legacyDrawing');
  expect(order.indexOf('conditionalFormatting')).toBeGreaterThan(order.indexOf('mergeCells'));
  expect(order.indexOf('conditionalFormatting')).toBeLessThan(order.indexOf('dataValidations'));
  expect(order.every((k) => !k.startsWith('?'))).toBe(true);
  const styles = await parse('xl/styles.xml');
  const dxfs = styles.getElementsByTagNameNS(MAIN, 'dxfs')[0];
  expect(kids(dxfs as unknown as Element)).toEqual(['dxf', 'dxf', 'dxf']);
  expect(dxfs.getAttribute('count')).toBe('3');
  const fonts = styles.getElementsByTagNameNS(MAIN, 'fonts')[0];
  expect(Number(fonts.getAttribute('count'))).toBe(kids(fonts as unknown as Element).length);
  const cellXfs = styles.getElementsByTagNameNS(MAIN, 'cellXfs')[0];
  expect(Number(cellXfs.getAttribute('count'))).toBe(kids(cellXfs as unknown as Element).length);
  const comments = await parse('xl/comments1.xml');
  expect(comments.getElementsByTagNameNS(MAIN, 't')[0].textContent).toBe('【错误】VAL-004 说明 <&>');
  expect(out).toMatchObject({ marks: 1, notes: 1, keptNotes: 0, resultsSheet: '校验结果' });
  // The copy still reads.
  const file = path.join(dir, 'prefixed.xlsx');
  await fs.writeFile(file, out.zip);
  const loaded = await loadWorkbook(file);
  expect('error' in loaded ? loaded.error : loaded.grids.map((g) => g.sheet)).toEqual(['S', '校验结果']);
});

test('relationship targets are relative to the folder of the part they belong to', () => {
  expect(relativeTarget('xl/worksheets', 'xl/comments1.xml')).toBe('../comments1.xml');
  expect(relativeTarget('xl/worksheets', 'xl/drawings/vmlDrawing2.vml')).toBe('../drawings/vmlDrawing2.vml');
  expect(relativeTarget('xl', 'xl/worksheets/sheet3.xml')).toBe('worksheets/sheet3.xml');
});

test('text for XML: markup escaped, control characters as _xHHHH_, a literal _x0041_ kept literal', () => {
  expect(xmlText('a<b>&"c"\u001b_x0041_')).toBe('a&lt;b&gt;&amp;&quot;c&quot;_x001B__x005F_x0041_');
});
