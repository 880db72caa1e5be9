/**
 * The in-memory ET host, behaviour by behaviour, each with its source (docs/wps.md: ① WPS, ② VBA reference). What
 * neither documents is a fixture of the host, exercised both ways by the adapter's tests (test/wps/*.test.ts).
 */
import { EtHost } from '../../src/host/et';
import { cellKey, reopen } from '../../src/host/model';
import { XL_EXPRESSION } from '../../src/wps/xl';
import { seedBook } from '../helpers/seed';

const host = () => new EtHost(seedBook());

test('① Worksheets.Item is 1-based (the template\'s Cells.Item(1,1)); ② Item also takes a sheet\'s name (Sheets.Item: "the name or index number")', () => {
  const { app, data } = host();
  expect(app.ActiveWorkbook.Worksheets.Item(1).Name).toBe(data.sheets[0].name);
  expect(app.ActiveWorkbook.Worksheets.Item(data.sheets[2].name).Index).toBe(3);
  expect(() => app.ActiveWorkbook.Worksheets.Item(0)).toThrow(/1-based/);
});

test('② Value2: one value for one cell, an array for more; assigning an array of rows fills cell by cell, a string is typed input', () => {
  const h = host();
  const ws = h.app.ActiveWorkbook.Worksheets.Item(1);
  expect(typeof ws.Range('A1').Value2).toBe('string');
  const block = ws.Range('A1:B2').Value2 as unknown[][];
  expect(block).toHaveLength(2);
  expect(block[0]).toHaveLength(2);
  ws.Range('H1:I1').Value2 = [['100%', "'100%"]];
  const sheet = h.data.sheets[0];
  expect(sheet.cells[cellKey(0, 7)]).toMatchObject({ value: 1, numberFormat: '0%' });
  expect(sheet.cells[cellKey(0, 8)].value).toBe('100%');
});

test('① SheetChange(Sh, Target) for a person\'s edit, Target.Address() a method (表格事件); RemoveApiEventListener stops it', () => {
  const h = host();
  const heard: string[] = [];
  const fn = (sh: { Name: string }, target: { Address(): string }) => heard.push(`${sh.Name}!${target.Address()}`);
  h.app.ApiEvent.AddApiEventListener('SheetChange', fn);
  h.type(h.data.sheets[0].name, 'E18', '95%');
  expect(heard).toEqual([`${h.data.sheets[0].name}!$E$18`]);
  h.app.ApiEvent.RemoveApiEventListener('SheetChange', fn);
  h.type(h.data.sheets[0].name, 'E18', '90%');
  expect(heard).toHaveLength(1);
});

test('② FormatConditions.Add(xlExpression, operator ignored, formula): a format over the range, listed by every range it meets; SetFirstPriority puts it first; Delete removes it', () => {
  const h = host();
  const ws = h.app.ActiveWorkbook.Worksheets.Item(1);
  const theirs = ws.Range('A1').FormatConditions.Add(XL_EXPRESSION, 3, '=TRUE');
  theirs.Interior.Color = 0x00ff00;
  const fc = ws.Range('B2,D4').FormatConditions.Add(XL_EXPRESSION, 99, '=ISTEXT("x")');
  fc.Interior.Color = 0x0000ff; // BGR: red
  expect(h.data.sheets[0].conditionalFormats!.map((f) => f.formula)).toEqual(['=TRUE', '=ISTEXT("x")']);
  fc.SetFirstPriority();
  expect(h.data.sheets[0].conditionalFormats![0]).toMatchObject({ formula: '=ISTEXT("x")', fill: '#FF0000', areas: [{ top: 1, left: 1, bottom: 1, right: 1 }, { top: 3, left: 3, bottom: 3, right: 3 }] });
  expect(ws.Range('D4').FormatConditions.Count).toBe(1);
  expect(ws.Cells.FormatConditions.Count).toBe(2);
  expect(fc.AppliesTo.Address()).toBe('$B$2,$D$4');
  fc.Delete();
  theirs.Delete();
  expect(h.data.sheets[0].conditionalFormats).toBeUndefined();
});

test('② Range.Comment is Nothing (null) without a comment; AddComment on a commented cell fails; Comment.Text() is a method; Worksheet.Comments lists them 1-based', () => {
  const h = host();
  const ws = h.app.ActiveWorkbook.Worksheets.Item(1);
  expect(ws.Range('C3').Comment).toBeNull();
  const c = ws.Range('C3').AddComment('请核实');
  expect(c.Text()).toBe('请核实');
  expect(() => ws.Range('C3').AddComment('again')).toThrow(/already has a comment/);
  expect(ws.Comments.Count).toBe(1);
  expect(ws.Comments.Item(1).Parent.Address()).toBe('$C$3');
  c.Delete();
  expect(ws.Comments.Count).toBe(0);
});

test('② Sheets.Add makes the new sheet active; Worksheet.Delete asks first (nothing deleted) unless DisplayAlerts is false; a hidden sheet cannot be activated; Select needs the active sheet', () => {
  const h = host();
  const before = reopen(h.data);
  const sheets = h.app.ActiveWorkbook.Worksheets;
  const added = sheets.Add(undefined, sheets.Item(3));
  expect(added.Index).toBe(4);
  expect(h.app.ActiveSheet.Name).toBe(added.Name);
  added.Range('A1').Value2 = 'x';
  expect(added.Delete()).toBe(false);
  h.app.DisplayAlerts = false;
  expect(added.Delete()).toBe(true);
  expect(h.data.sheets.map((s) => s.name)).toEqual(before.sheets.map((s) => s.name));
  const second = sheets.Item(2);
  second.Visible = 0;
  expect(() => second.Activate()).toThrow(/hidden/);
  expect(() => sheets.Item(3).Range('A1').Select()).toThrow(/not the active sheet/);
  sheets.Item(3).Activate();
  expect(sheets.Item(3).Range('A1').Select()).toBe(true);
});

test('writes to a protected sheet fail (② run-time error 1004; how WPS reports it is not documented, §6, 7); an address over 255 characters is refused', () => {
  const h = host();
  h.data.sheets[0].protected = true;
  const ws = h.app.ActiveWorkbook.Worksheets.Item(1);
  expect(() => (ws.Range('A1').Value2 = 'x')).toThrow(/protected/);
  expect(() => ws.Range('A1').AddComment('x')).toThrow(/protected/);
  expect(() => ws.Range('A1').FormatConditions.Add(XL_EXPRESSION, undefined, '=TRUE')).toThrow(/protected/);
  expect(() => ws.Range(Array.from({ length: 100 }, (_, i) => `A${i + 1}`).join(','))).toThrow(/255/);
});

test('fixtures for what WPS leaves undocumented: Count/UsedRange as methods, FormatConditions missing, own writes raising SheetChange at once or later', () => {
  const methods = new EtHost(seedBook(), { methods: true });
  expect(typeof methods.app.ActiveWorkbook.Worksheets.Count).toBe('function');
  const none = new EtHost(seedBook(), { formatConditions: false });
  expect(() => none.app.ActiveWorkbook.Worksheets.Item(1).Range('A1').FormatConditions).toThrow(TypeError);
  for (const ownWrites of ['sync', 'later'] as const) {
    const h = new EtHost(seedBook(), { ownWrites });
    const heard: string[] = [];
    h.app.ApiEvent.AddApiEventListener('SheetChange', (sh) => heard.push(sh.Name));
    h.app.ActiveWorkbook.Worksheets.Item(1).Range('H1').Value2 = 1;
    expect(heard).toHaveLength(ownWrites === 'sync' ? 1 : 0);
    h.flush();
    expect(heard).toHaveLength(1);
  }
});
