/**
 * The ET host's formatting members (src/host/etStyle.ts), driven with the VBA constants as the reference pages give
 * them (learn.microsoft.com/office/vba/api/excel.<page>), and stored in the model in the shapes the Office.js host
 * stores, so a WPS-rendered sheet and an Office.js-rendered one compare cell by cell.
 */
import { widthToPoints } from '../../src/core/styles';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { EtHost } from '../../src/host/et';
import { addSheet, cellKey, emptyWorkbook, reopen, type HostWorkbookData } from '../../src/host/model';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

function book() {
  const data = emptyWorkbook();
  addSheet(data, 'Sheet1');
  const host = new EtHost(data);
  const ws = host.app.ActiveWorkbook.Worksheets.Item(1);
  return { data, host, ws, sheet: data.sheets[0] };
}

describe('Range.Font (excel.font.name, excel.font.size, excel.font.bold)', () => {
  test('Name, Size and Bold write fontName, fontSize and bold on every cell; read back, Null over mixed cells', () => {
    const { ws, sheet } = book();
    const r = ws.Range('A1:B2');
    r.Font.Name = '宋体';
    r.Font.Size = 16;
    r.Font.Bold = true;
    expect(sheet.cells[cellKey(1, 1)]).toEqual({ fontName: '宋体', fontSize: 16, bold: true });
    expect([r.Font.Name, r.Font.Size, r.Font.Bold]).toEqual(['宋体', 16, true]);
    ws.Range('B2').Font.Bold = false;
    expect(sheet.cells[cellKey(1, 1)].bold).toBeUndefined();
    expect(r.Font.Bold).toBeNull();
    // An untouched cell reads the model's defaults, as the Office.js host gives them.
    expect([ws.Range('C3').Font.Name, ws.Range('C3').Font.Size, ws.Range('C3').Font.Bold]).toEqual(['Calibri', 11, false]);
    expect(ws.Range('A1:C3').Font.Name).toBeNull();
  });

  test('a size outside 1–409 points is refused (1004)', () => {
    const { ws } = book();
    expect(() => (ws.Range('A1').Font.Size = 0)).toThrow(/1004/);
    expect(() => (ws.Range('A1').Font.Size = 410)).toThrow(/1004/);
  });
});

describe('alignment: XlHAlign (excel.xlhalign), XlVAlign (excel.xlvalign), Range.WrapText (excel.range.wraptext)', () => {
  test.each([
    [-4108, 'Center'],
    [-4131, 'Left'],
    [-4152, 'Right'],
    [1, 'General'],
    [-4117, 'Distributed'],
  ])('HorizontalAlignment = %d stores %s and reads back the constant', (constant, name) => {
    const { ws, sheet } = book();
    ws.Range('A1:B1').HorizontalAlignment = constant;
    expect(sheet.cells[cellKey(0, 1)].hAlign).toBe(name);
    expect(ws.Range('A1:B1').HorizontalAlignment).toBe(constant);
  });

  test.each([
    [-4160, 'Top'],
    [-4108, 'Center'],
    [-4107, 'Bottom'],
  ])('VerticalAlignment = %d stores %s', (constant, name) => {
    const { ws, sheet } = book();
    ws.Range('A1').VerticalAlignment = constant;
    expect(sheet.cells[cellKey(0, 0)].vAlign).toBe(name);
    expect(ws.Range('A1').VerticalAlignment).toBe(constant);
  });

  test('defaults xlGeneral (1) and xlBottom (-4107); Null over mixed cells; an unknown constant is refused (1004)', () => {
    const { ws } = book();
    expect([ws.Range('A1').HorizontalAlignment, ws.Range('A1').VerticalAlignment]).toEqual([1, -4107]);
    ws.Range('A1').HorizontalAlignment = -4108;
    expect(ws.Range('A1:A2').HorizontalAlignment).toBeNull();
    expect(() => (ws.Range('A1').HorizontalAlignment = 42)).toThrow(/1004/);
    expect(() => (ws.Range('A1').VerticalAlignment = -4131)).toThrow(/1004/);
  });

  test('WrapText true stores wrap, false removes it', () => {
    const { ws, sheet } = book();
    ws.Range('A1:A2').WrapText = true;
    expect(sheet.cells[cellKey(1, 0)]).toEqual({ wrap: true });
    expect(ws.Range('A1:A2').WrapText).toBe(true);
    ws.Range('A2').WrapText = false;
    expect(sheet.cells[cellKey(1, 0)]).toBeUndefined();
    expect(ws.Range('A1:A2').WrapText).toBeNull();
  });
});

describe('Borders.Item(XlBordersIndex).LineStyle (excel.xlbordersindex, excel.border.linestyle, excel.xllinestyle)', () => {
  test('xlEdgeLeft 7, xlEdgeTop 8, xlEdgeBottom 9, xlEdgeRight 10 = xlContinuous 1 draw the outline of the range, as Office.js EdgeLeft… do', () => {
    const { ws, sheet } = book();
    for (const edge of [7, 8, 9, 10]) ws.Range('B2:C3').Borders.Item(edge).LineStyle = 1;
    const borders = (a1: [number, number]) => sheet.cells[cellKey(...a1)]?.borders;
    expect(borders([1, 1])).toEqual({ top: 'Continuous', left: 'Continuous' });
    expect(borders([1, 2])).toEqual({ top: 'Continuous', right: 'Continuous' });
    expect(borders([2, 1])).toEqual({ bottom: 'Continuous', left: 'Continuous' });
    expect(borders([2, 2])).toEqual({ bottom: 'Continuous', right: 'Continuous' });
    expect(ws.Range('B2').Borders.Item(8).LineStyle).toBe(1);
    expect(ws.Range('B2').Borders.Item(9).LineStyle).toBe(-4142); // xlLineStyleNone
  });

  test('the same cells as the Office.js host draws for EdgeTop…EdgeRight = Continuous', async () => {
    const { ws, sheet } = book();
    for (const edge of [7, 8, 9, 10]) ws.Range('B2:D4').Borders.Item(edge).LineStyle = 1;
    const data = emptyWorkbook();
    addSheet(data, 'Sheet1');
    const excel = new ExcelHost(data);
    await excel.run(async (c) => {
      const f = ctx(c).workbook.worksheets.getItem('Sheet1').getRange('B2:D4').format;
      for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const) f.borders.getItem(edge).style = 'Continuous';
      await c.sync();
    });
    expect(sheet.cells).toEqual(data.sheets[0].cells);
  });

  test('xlInsideVertical 11 draws between columns; xlLineStyleNone -4142 removes; diagonals (5, 6) are not modelled', () => {
    const { ws, sheet } = book();
    ws.Range('A1:B1').Borders.Item(11).LineStyle = 1;
    expect(sheet.cells[cellKey(0, 0)].borders).toEqual({ right: 'Continuous' });
    expect(sheet.cells[cellKey(0, 1)].borders).toEqual({ left: 'Continuous' });
    ws.Range('A1:B1').Borders.Item(11).LineStyle = -4142;
    expect(sheet.cells).toEqual({});
    expect(() => ws.Range('A1').Borders.Item(5)).toThrow(/not modelled/);
    expect(() => ws.Range('A1').Borders.Item(1)).toThrow(/1004/);
    expect(() => (ws.Range('A1').Borders.Item(7).LineStyle = 99)).toThrow(/1004/);
  });
});

describe('Range.ColumnWidth (excel.range.columnwidth, characters) and Range.RowHeight (excel.range.rowheight, points)', () => {
  test('ColumnWidth in characters is stored in points with the Office.js renderer’s conversion (widthToPoints), and reads back', () => {
    const { ws, sheet } = book();
    ws.Range('B1:C1').ColumnWidth = 10;
    expect(sheet.columnWidths).toEqual({ 1: widthToPoints(10), 2: widthToPoints(10) });
    expect(sheet.columnWidths![1]).toBe(56.25);
    expect(ws.Range('B5').ColumnWidth).toBe(10);
    expect(ws.Range('A1').ColumnWidth).toBe(8.43); // Excel's default, 48 points
    expect(ws.Range('A1:B1').ColumnWidth).toBeNull(); // different widths: Null
  });

  test('RowHeight in points; default 15; Null over different heights', () => {
    const { ws, sheet } = book();
    ws.Range('A2:B3').RowHeight = 30.75;
    expect(sheet.rowHeights).toEqual({ 1: 30.75, 2: 30.75 });
    expect(ws.Range('C2').RowHeight).toBe(30.75);
    expect(ws.Range('A1').RowHeight).toBe(15);
    expect(ws.Range('A1:A2').RowHeight).toBeNull();
  });

  test('Excel’s limits: width 0–255 characters, height 0–409 points (1004)', () => {
    const { ws } = book();
    expect(() => (ws.Range('A1').ColumnWidth = 256)).toThrow(/1004/);
    expect(() => (ws.Range('A1').RowHeight = 410)).toThrow(/1004/);
    expect(() => (ws.Range('A1').RowHeight = -1)).toThrow(/1004/);
  });
});

describe('Range.Validation (excel.validation, excel.validation.add, excel.xldvtype, excel.xldvalertstyle, excel.xlformatconditionoperator)', () => {
  test('Add(xlValidateList 3, xlValidAlertWarning 2, , "a,b") stores Office.js’s list rule; VBA’s defaults: dropdown, ShowInput and ShowError on', () => {
    const { ws, sheet } = book();
    const dv = ws.Range('A1:A2').Validation;
    dv.Add(3, 2, undefined, '产出指标,效益指标');
    expect(sheet.cells[cellKey(1, 0)].validation).toEqual({
      rule: { list: { inCellDropDown: true, source: '产出指标,效益指标' } },
      prompt: { showPrompt: true, title: '', message: '' },
      errorAlert: { showAlert: true, style: 'Warning', title: '', message: '' },
    });
    expect([dv.Type, dv.AlertStyle, dv.Formula1, dv.InCellDropdown, dv.ShowInput, dv.ShowError]).toEqual([3, 2, '产出指标,效益指标', true, true, true]);
    dv.InputTitle = '一级指标';
    dv.InputMessage = '请选择';
    dv.ErrorTitle = '一级指标';
    dv.ErrorMessage = '请从列表中选择';
    dv.InCellDropdown = false;
    expect(sheet.cells[cellKey(0, 0)].validation).toEqual({
      rule: { list: { inCellDropDown: false, source: '产出指标,效益指标' } },
      prompt: { showPrompt: true, title: '一级指标', message: '请选择' },
      errorAlert: { showAlert: true, style: 'Warning', title: '一级指标', message: '请从列表中选择' },
    });
  });

  test('Add(xlValidateDecimal 2, xlValidAlertStop 1, xlBetween 1, 0, 100) and (…, xlGreaterEqual 7, 0): Office.js decimal rules', () => {
    const { ws, sheet } = book();
    ws.Range('A1').Validation.Add(2, 1, 1, 0, 100);
    ws.Range('B1').Validation.Add(2, 1, 7, 0);
    expect(sheet.cells[cellKey(0, 0)].validation?.rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    expect(sheet.cells[cellKey(0, 1)].validation?.rule).toEqual({ decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect([ws.Range('A1').Validation.Operator, ws.Range('A1').Validation.Formula2, ws.Range('B1').Validation.Operator]).toEqual([1, '100', 7]);
    expect(() => ws.Range('C1').Validation.Add(2, 1, 1, 0)).toThrow(/Formula2/);
  });

  test('the same rule, prompt and alert as the Office.js host stores for the same settings', async () => {
    const { ws, sheet } = book();
    const dv = ws.Range('A1').Validation;
    dv.Add(2, 1, 1, 0, 100);
    dv.InputTitle = '计划';
    dv.InputMessage = '0到100';
    dv.ErrorTitle = '计划';
    dv.ErrorMessage = '请输入0到100之间的数字。';
    const data = emptyWorkbook();
    addSheet(data, 'Sheet1');
    await new ExcelHost(data).run(async (c) => {
      const v = ctx(c).workbook.worksheets.getItem('Sheet1').getRange('A1').dataValidation;
      v.rule = { decimal: { formula1: 0, formula2: 100, operator: 'Between' } };
      v.prompt = { showPrompt: true, title: '计划', message: '0到100' };
      v.errorAlert = { showAlert: true, style: 'Stop', title: '计划', message: '请输入0到100之间的数字。' };
      await c.sync();
    });
    expect(sheet.cells).toEqual(data.sheets[0].cells);
  });

  test('xlValidateInputOnly 0: a prompt without a rule; ShowInput/ShowError false switch them off', () => {
    const { ws, sheet } = book();
    const dv = ws.Range('A1').Validation;
    dv.Add(0);
    dv.ShowError = false;
    dv.InputTitle = '年度目标';
    expect(sheet.cells[cellKey(0, 0)].validation).toEqual({
      prompt: { showPrompt: true, title: '年度目标', message: '' },
      errorAlert: { showAlert: false, style: 'Stop', title: '', message: '' },
    });
    expect(dv.Type).toBe(0);
  });

  test('Add over an existing validation and properties without one fail (1004); Delete clears; limits of Formula1 and the prompt', () => {
    const { ws, sheet } = book();
    expect(() => ws.Range('A1').Validation.InputTitle).toThrow(/1004/);
    expect(() => (ws.Range('A1').Validation.ShowInput = true)).toThrow(/1004/);
    ws.Range('A1').Validation.Add(3, 1, 1, 'a,b');
    expect(() => ws.Range('A1:A3').Validation.Add(3, 1, 1, 'a,b')).toThrow(/1004/);
    expect(() => ws.Range('B1').Validation.Add(3, 1, 1, 'x'.repeat(256))).toThrow(/255/);
    expect(() => ws.Range('B1').Validation.Add(3)).toThrow(/Formula1/);
    expect(() => ws.Range('B1').Validation.Add(9, 1, 1, '1')).toThrow(/XlDVType/);
    expect(() => ws.Range('B1').Validation.Add(3, 4, 1, 'a')).toThrow(/XlDVAlertStyle/);
    expect(() => (ws.Range('A1').Validation.InputTitle = 'x'.repeat(33))).toThrow(/1004/);
    ws.Range('A1:A3').Validation.Delete();
    expect(sheet.cells).toEqual({});
  });
});

describe('Worksheet.PageSetup (excel.pagesetup, excel.xlpapersize, excel.xlpageorientation)', () => {
  test('PaperSize xlPaperA4 9, Orientation xlPortrait 1 / xlLandscape 2, Zoom False with FitToPagesWide 1 and FitToPagesTall False, print ranges absolute', () => {
    const { ws, sheet } = book();
    const ps = ws.PageSetup;
    ps.PaperSize = 9;
    ps.Orientation = 2;
    ps.Zoom = false;
    ps.FitToPagesWide = 1;
    ps.FitToPagesTall = false;
    ps.PrintArea = 'A1:F30';
    ps.PrintTitleRows = '1:3';
    expect(sheet.pageLayout).toEqual({ paperSize: 'A4', orientation: 'Landscape', zoom: { horizontalFitToPages: 1 }, printArea: '$A$1:$F$30', printTitleRows: '$1:$3' });
    const again = ws.PageSetup;
    expect([again.PaperSize, again.Orientation, again.Zoom, again.FitToPagesWide, again.FitToPagesTall, again.PrintArea, again.PrintTitleRows]).toEqual([9, 2, false, 1, false, '$A$1:$F$30', '$1:$3']);
    ps.Orientation = 1;
    expect(sheet.pageLayout?.orientation).toBe('Portrait');
  });

  test('the layout the Office.js renderer stores for the same setup', async () => {
    const { ws, sheet } = book();
    Object.assign(ws.PageSetup, { PaperSize: 9, Orientation: 1, Zoom: false, FitToPagesWide: 1, FitToPagesTall: false, PrintArea: '$A$1:$F$30', PrintTitleRows: '$1:$3' });
    const data = emptyWorkbook();
    addSheet(data, 'Sheet1');
    await new ExcelHost(data).run(async (c) => {
      const p = ctx(c).workbook.worksheets.getItem('Sheet1').pageLayout;
      p.paperSize = 'A4';
      p.orientation = 'Portrait';
      p.zoom = { horizontalFitToPages: 1 };
      p.setPrintArea('A1:F30');
      p.setPrintTitleRows('$1:$3');
      await c.sync();
    });
    expect(sheet.pageLayout).toEqual(data.sheets[0].pageLayout);
  });

  test('defaults (Letter, portrait, 100%); Zoom as a percentage (10–400); "" clears the print area; unknown constants refused', () => {
    const { ws, sheet } = book();
    const ps = ws.PageSetup;
    expect([ps.PaperSize, ps.Orientation, ps.Zoom, ps.PrintArea]).toEqual([1, 1, 100, '']);
    ps.Zoom = 80;
    expect(ps.Zoom).toBe(80);
    ps.PrintArea = 'B2:C3';
    ps.PrintArea = '';
    expect(sheet.pageLayout).toEqual({ zoom: { scale: 80 } });
    expect(() => (ps.Zoom = 5)).toThrow(/1004/);
    expect(() => (ps.PaperSize = 999)).toThrow(/1004/);
    expect(() => (ps.Orientation = 3)).toThrow(/1004/);
    expect(() => (ps.FitToPagesWide = 0)).toThrow(/1004/);
  });
});

test('on a protected sheet every write is refused (1004) and nothing changes', () => {
  const { data, ws } = book();
  data.sheets[0].protected = true;
  const before: HostWorkbookData = reopen(data);
  const r = ws.Range('A1:B2');
  const writes: (() => unknown)[] = [
    () => (r.Font.Name = '宋体'),
    () => (r.Font.Bold = true),
    () => (r.HorizontalAlignment = -4108),
    () => (r.VerticalAlignment = -4108),
    () => (r.WrapText = true),
    () => (r.Borders.Item(7).LineStyle = 1),
    () => (r.ColumnWidth = 10),
    () => (r.RowHeight = 20),
    () => r.Validation.Add(3, 1, 1, 'a'),
    () => r.Validation.Delete(),
    () => (ws.PageSetup.PaperSize = 9),
    () => (ws.PageSetup.PrintArea = 'A1:B2'),
  ];
  for (const w of writes) expect(w).toThrow(/受保护.*1004/);
  expect(data).toEqual(before);
});
