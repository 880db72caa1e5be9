/** The form reader on .xlsx files written here with exceljs and read back the way the CLI reads them. */
import { promises as fs } from 'fs';
import path from 'path';
import type ExcelJS from 'exceljs';
import { checkWorkbooks } from '../../src/core/engine';
import { readSheet } from '../../src/core/form/parse';
import { layoutForm, type FormData, type LayoutOptions } from '../../src/core/layout';
import { loadWorkbook } from '../../src/cli/loadWorkbook';
import { writeSpec } from '../../src/cli/writeXlsx';
import type { Grid } from '../../src/core/grid';
import { checkCharacter } from '../../src/core/projectCode';
import { cleanForm, clone, roundTrip, tempDir } from '../helpers/forms';

const write = (ws: ExcelJS.Worksheet, data: FormData, options?: LayoutOptions) => writeSpec(ws, layoutForm(data, options));
const check = (grids: Grid[]) => checkWorkbooks([{ name: 'b.xlsx', grids }]).results[0];
const problems = (grids: Grid[]) => check(grids).findings.filter((f) => f.severity !== 'info');

/** Find the cell holding `text` on a worksheet. */
function cellWith(ws: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  ws.eachRow((row) => row.eachCell((c) => {
    if (!found && c.value === text) found = c;
  }));
  if (!found) throw new Error(`no cell holds ${text}`);
  return found;
}

test('a clean form round-trips through .xlsx with merges resolved: no error or warning', async () => {
  const { grids } = await roundTrip((wb) => write(wb.addWorksheet('表1'), cleanForm()));
  expect(grids[0].merges.length).toBeGreaterThan(10);
  expect(problems(grids)).toEqual([]);
});

test('exceljs repeats a merged value in every cell; the grid keeps it only in the top-left cell', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('合并');
    ws.getCell('B2').value = '甲';
    ws.mergeCells('B2:D3');
    expect(ws.getCell('C3').value).toBe('甲');
  });
  const [g] = grids;
  expect(g.cells.flat().filter(Boolean).map((c) => c!.text)).toEqual(['甲']);
  expect(g.merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 3 }]);
});

test('a form starting anywhere, without a title row, reports at its own cells', async () => {
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  const { grids } = await roundTrip((wb) => write(wb.addWorksheet('偏移'), f, { top: 4, left: 2, title: false }));
  const [form] = readSheet(grids[0]).forms;
  expect(form.code?.cell).toBe('D6');
  expect(problems(grids).map((x) => `${x.ruleId} ${x.cell}`)).toEqual(['VAL-004 G13']);
});

test('stacked forms down one sheet, with and without blank rows between', async () => {
  const a = clone(cleanForm());
  const b = clone(cleanForm());
  b.code = '37020023P00412030008E';
  b.name = '重点行业挥发性有机物走航监测经费';
  b.indicators[0].value = '';
  const c = clone(b);
  c.name = '扬尘污染视频监控运维经费';
  c.code = '37020023P00412030009' + checkCharacter('37020023P00412030009');
  const rowsOf = (d: FormData) => layoutForm(d).bottom + 1;
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('汇总');
    write(ws, a, { top: 0 });
    write(ws, b, { top: rowsOf(a) + 2 }); // two blank rows between
    write(ws, c, { top: rowsOf(a) + 2 + rowsOf(b), title: false }); // directly below, PDF style
  });
  const { forms } = readSheet(grids[0]);
  expect(forms.map((x) => x.name?.text)).toEqual([a.name, b.name, c.name]);
  expect(forms.map((x) => x.indicators.length)).toEqual([12, 12, 12]);
  const found = problems(grids);
  expect(found.map((x) => `${x.ruleId} ${x.form}`)).toEqual(['VAL-001 1', 'VAL-001 2']);
});

test('label variants: full-width brackets, stray spaces and line breaks, 9月底, 满意程 度', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('变体');
    write(ws, cleanForm());
    cellWith(ws, '资金支出计划(%)').value = '资金支出计划（%）';
    cellWith(ws, '项目编码').value = '项目 编码';
    cellWith(ws, '绩效目标').value = '绩效\n目标';
    cellWith(ws, '一级指标').value = '一级 指标';
    cellWith(ws, '服务对象满意度指标').value = '服务对象满意程 度';
    cellWith(ws, '项目名称').value = '项目名称：';
  });
  const [form] = readSheet(grids[0]).forms;
  expect(form.missing).toEqual([]);
  expect(form.plan?.months.map((m) => m.label)).toEqual(['3月底', '6月底', '9月底', '12月底']);
  expect(problems(grids)).toEqual([]);
});

test('调增(减)资金 with its amount in the label cell, 其他资金 present', async () => {
  const f = clone(cleanForm());
  Object.assign(f.budget, { adjust: 20, fiscal: 100, other: 20 });
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('调整');
    write(ws, f);
    cellWith(ws, '调增(减)资金：20万元').value = '调增(减)资金20万元';
  });
  const [form] = readSheet(grids[0]).forms;
  expect(form.adjust?.amount).toEqual({ num: 20, unitWan: 1 });
  expect(form.other?.text).toBe('20万元');
  expect(problems(grids)).toEqual([]);
});

test('资金用途 in the second row of a two-row 预算规模及资金用途 label, without its own label', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('PDF');
    write(ws, cleanForm());
    const use = ws.getCell('B5');
    use.value = String(use.value).replace('资金用途：', '');
  });
  const [form] = readSheet(grids[0]).forms;
  expect(form.use?.text).toMatch(/^用于全市/);
  expect(problems(grids)).toEqual([]);
});

test('numbers typed as numbers are read through their number formats', async () => {
  const f = clone(cleanForm());
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('数字');
    write(ws, f, { amountsAsNumbers: true });
    // 预算数 in 元, 财政资金 in 万元: converted before comparing.
    Object.assign(ws.getCell('C4'), { value: 1200000, numFmt: '#,##0"元"' });
    Object.assign(ws.getCell('B7'), { value: 0.2, numFmt: '0%' });
    Object.assign(ws.getCell('E7'), { value: 1, numFmt: '0%' });
    Object.assign(cellWith(ws, '≥95%'), { value: 0.95, numFmt: '0%' }); // 质控比对合格率 95%
    Object.assign(cellWith(ws, '≥90%'), { value: 0.9, numFmt: '0.0%' });
    Object.assign(cellWith(ws, '≤12月底'), { value: new Date(Date.UTC(2023, 11, 31)), numFmt: 'yyyy"年"m"月"d"日"' });
  });
  const [form] = readSheet(grids[0]).forms;
  expect(form.total?.text).toBe('1,200,000元');
  expect(form.fiscal?.text).toBe('120.00万元'); // AMOUNT_FORMAT: money to two decimals
  expect(form.plan?.months.map((m) => m.percent)).toEqual([20, 45, 70, 100]);
  expect(form.indicators[3].parsed).toMatchObject({ kind: 'quantity', num: 95, unit: '%' });
  expect(form.indicators[5].value.text).toBe('2023年12月31日');
  expect(problems(grids)).toEqual([]);
});

test('a bare number in a value cell has no unit; a money format gives one', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('数字');
    write(ws, cleanForm());
    cellWith(ws, '≥120个').value = 120;
    Object.assign(cellWith(ws, '≤120万元'), { value: 120, numFmt: '0"万元"' });
  });
  expect(problems(grids).map((x) => `${x.ruleId} ${x.cell}`)).toEqual(['VAL-004 E10']);
});

test('an Excel error value in a cell is reported, not thrown', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('错误值');
    write(ws, cleanForm());
    cellWith(ws, '≤24小时').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  });
  const found = problems(grids);
  expect(found.map((x) => `${x.ruleId} ${x.cell}`)).toEqual(['VAL-003 E14']);
  expect(found[0].message).toContain('#N/A（Excel 错误值）');
});

test('sheets that are not forms are skipped: notes, blank, an indicator library, a stray label', async () => {
  const { grids } = await roundTrip((wb) => {
    wb.addWorksheet('说明').getCell('A1').value = '填报说明：绩效目标应当清晰、可衡量。';
    wb.addWorksheet('空白');
    const lib = wb.addWorksheet('指标库');
    ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标确定依据'].forEach((h, i) => (lib.getCell(1, i + 1).value = h));
    lib.getCell('A2').value = '产出指标';
    wb.addWorksheet('杂项').getCell('C3').value = '绩效目标';
    write(wb.addWorksheet('表'), cleanForm());
  });
  const result = check(grids);
  expect(result.sheets).toEqual([
    { name: '说明', status: 'skipped', forms: 0 },
    { name: '空白', status: 'skipped', forms: 0 },
    { name: '指标库', status: 'skipped', forms: 0 },
    { name: '杂项', status: 'skipped', forms: 0 },
    { name: '表', status: 'checked', forms: 1 },
  ]);
  expect(result.findings).toEqual([]);
});

test('a block that starts like a form but lacks parts: FORM-001 per part, FORM-002 for the header', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('残缺');
    write(ws, cleanForm(), { title: false });
    cellWith(ws, '绩效目标').value = null;
    cellWith(ws, '资金支出计划(%)').value = null;
    const v = cellWith(ws, '指标值');
    const b = cellWith(ws, '指标确定依据');
    [v.value, b.value] = [b.value, v.value];
  });
  const found = check(grids).findings.filter((f) => f.ruleId.startsWith('FORM'));
  expect(found.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(['FORM-001 A1', 'FORM-001 A1', 'FORM-002 A8']);
  expect(found.map((f) => f.message).join()).toMatch(/资金支出计划.*绩效目标|绩效目标.*资金支出计划/);
});

test('a footer note under the table is not read as an indicator row', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('脚注');
    write(ws, cleanForm());
    ws.getCell('A23').value = '填报人：张三    联系电话：0532-12345678';
    ws.mergeCells('A23:F23');
  });
  expect(readSheet(grids[0]).forms[0].indicators).toHaveLength(12);
  expect(problems(grids)).toEqual([]);
});

describe('files that cannot be read get a one-line reason', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['corrupt.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), /损坏|corrupt/],
    ['notes.xlsx', '这不是工作簿', /不是 \.xlsx/],
    ['empty.xlsx', '', /为空/],
    // OLE compound files, told apart by the streams their directory names (UTF-16LE).
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100), Buffer.from('Workbook', 'utf16le')]), /\.xls 格式/],
    ['locked.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100), Buffer.from('EncryptedPackage', 'utf16le')]), /加密/],
  ];
  test.each(cases)('%s', async (name, content, reason) => {
    const file = path.join(await tempDir(), name);
    await fs.writeFile(file, content);
    const loaded = await loadWorkbook(file);
    expect('error' in loaded && loaded.error).toMatch(reason);
    expect('error' in loaded && loaded.error.includes('\n')).toBe(false);
  });
  test('a missing file', async () => {
    expect(await loadWorkbook('/nonexistent/x.xlsx')).toEqual({ error: '文件不存在 / no such file' });
  });
});

test('rows whose 一级指标 is left blank (not merged) report IND-001 and are still read by their 二级', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('未合并');
    write(ws, cleanForm());
    for (const m of ['A10:A16', 'A17:A20']) ws.unMergeCells(m);
  });
  const found = problems(grids);
  expect(new Set(found.map((f) => f.ruleId))).toEqual(new Set(['IND-001']));
  expect(found.map((f) => f.cell)).toEqual(['A11', 'A12', 'A13', 'A14', 'A15', 'A16', 'A18', 'A19', 'A20']);
});

test('a 部门整体支出绩效目标表 is another form: skipped, not reported as a broken project form', async () => {
  const { grids } = await roundTrip((wb) => {
    const ws = wb.addWorksheet('整体');
    ws.getCell('A1').value = '部门整体支出绩效目标表';
    ws.getCell('A2').value = '部门名称';
    ws.getCell('A3').value = '年度绩效目标';
    ws.getCell('A4').value = '一级指标';
  });
  expect(check(grids).sheets[0].status).toBe('skipped');
});
