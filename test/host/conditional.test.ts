/**
 * The in-memory host's conditional formats, notes, comments and row edits, each against what the Office.js
 * reference (learn.microsoft.com/javascript/api/excel/…) says, or what Excel is reported to do.
 */
import { displayedFill } from '../../src/host/edits';
import { ExcelHost, type ChangedEvent, type RequestContext } from '../../src/host/excel';
import { workbookFromSpecs } from '../../src/host/fromSpec';
import { cellKey } from '../../src/host/model';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;

function book() {
  const data = workbookFromSpecs([{ name: '表', specs: [] }, { name: '另表', specs: [] }]);
  const s = data.sheets[0];
  s.cells[cellKey(2, 1)] = { value: '甲', fill: '#00B050' };
  s.cells[cellKey(9, 1)] = { value: '乙' };
  s.notes.B3 = '注释';
  s.comments = { B10: '讨论' };
  s.merges = [{ top: 5, left: 0, bottom: 6, right: 2 }];
  return new ExcelHost(data);
}

describe('conditional formats (ExcelApi 1.6; RangeAreas 1.9)', () => {
  // excel.conditionalformatcollection#add: "Adds a new conditional format to the collection at the first/top priority."
  test('add puts a custom format at the top priority over every area; it shows over the cells\' own fill, which it leaves', async () => {
    const host = book();
    await host.run(async (c) => {
      const ws = ctx(c).workbook.worksheets.getItem('表');
      const first = ws.getRanges('B3,B10:B11').conditionalFormats.add('Custom');
      first.custom.rule.formula = '=ISTEXT("a")';
      first.custom.format.fill.color = '#FFE08A';
      const second = ws.getRange('B3').conditionalFormats.add('Custom');
      second.custom.rule.formula = '=TRUE';
      second.custom.format.fill.color = '#F4B6B6';
      await c.sync();
    });
    const s = host.sheet('表')!;
    expect(s.conditionalFormats!.map((f) => [f.formula, f.areas.length])).toEqual([['=TRUE', 1], ['=ISTEXT("a")', 2]]);
    expect(displayedFill(s, 2, 1)).toBe('#F4B6B6'); // the top format wins
    expect(displayedFill(s, 10, 1)).toBe('#FFE08A');
    expect(displayedFill(s, 4, 1)).toBeUndefined();
    expect(s.cells[cellKey(2, 1)].fill).toBe('#00B050');
  });

  // excel.range#conditionalformats: "The collection of ConditionalFormats that intersect the range";
  // excel.conditionalformat#customornullobject: a null object when the format is not custom; `custom` fails on a
  // mixed collection (office-js#2180).
  test('a range lists the formats that meet it; customOrNullObject is null on another type, custom fails there', async () => {
    const host = book();
    host.sheet('表')!.conditionalFormats = [
      { id: '{cf-1}', type: 'CellValue', formula: '', areas: [{ top: 0, left: 0, bottom: 3, right: 3 }] },
      { id: '{cf-2}', type: 'Custom', formula: '=ISTEXT("x")', fill: '#FFFFFF', areas: [{ top: 20, left: 0, bottom: 20, right: 0 }] },
    ];
    const listed = await host.run(async (c) => {
      const list = ctx(c).workbook.worksheets.getItem('表').getRange('A1:D4').conditionalFormats;
      list.load('items/type,items/customOrNullObject/rule/formula');
      await c.sync();
      return list.items.map((f) => [f.type, f.customOrNullObject.isNullObject]);
    });
    expect(listed).toEqual([['CellValue', true]]);
    await expect(
      host.run(async (c) => {
        const list = ctx(c).workbook.worksheets.getItem('表').getRange().conditionalFormats;
        list.load('items/custom/rule/formula');
        await c.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
  });

  test('delete removes a format; a protected sheet refuses adding and deleting (AccessDenied); old hosts lack the API', async () => {
    const host = book();
    host.sheet('表')!.conditionalFormats = [{ id: '{cf-1}', type: 'Custom', formula: '=TRUE', fill: '#FFFFFF', areas: [{ top: 0, left: 0, bottom: 0, right: 0 }] }];
    const remove = () =>
      host.run(async (c) => {
        const list = ctx(c).workbook.worksheets.getItem('表').getRange().conditionalFormats;
        list.load('items/id');
        await c.sync();
        list.items.forEach((f) => f.delete());
        await c.sync();
      });
    host.sheet('表')!.protected = true;
    await expect(remove()).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(host.run(async (c) => void (ctx(c).workbook.worksheets.getItem('表').getRange('A1').conditionalFormats.add('Custom'), await c.sync()))).rejects.toMatchObject({ code: 'AccessDenied' });
    host.sheet('表')!.protected = false;
    await remove();
    expect(host.sheet('表')!.conditionalFormats).toBeUndefined();
    const old = new ExcelHost(book().data, { apiVersion: 8 });
    await expect(old.run(async (c) => void (ctx(c).workbook.worksheets.getItem('表').getRange('A1').conditionalFormats.load('items'), await c.sync()))).resolves.toBeUndefined();
    await expect(old.run(async (c) => void (ctx(c).workbook.worksheets.getItem('表').getRanges('A1,B2'), await c.sync()))).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  // office-js#5198: getRanges fails with InvalidArgument ("The argument is invalid or missing or has an incorrect
  // format.") for an address list of 8,207 characters; shorter lists worked.
  test('getRanges refuses an address list over 8,192 characters', async () => {
    const host = book();
    const cells = Array.from({ length: 1500 }, (_, i) => `B${2 * i + 1}`).join(',');
    expect(cells.length).toBeGreaterThan(8192);
    await expect(host.run(async (c) => void (ctx(c).workbook.worksheets.getItem('表').getRanges(cells).load('address'), await c.sync()))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('a rule the host cannot evaluate does not show: only constant rules (=TRUE, =ISTEXT("…")) are evaluated', () => {
    const host = book();
    const s = host.sheet('表')!;
    s.conditionalFormats = [{ id: '{cf-1}', type: 'Custom', formula: '=$A$1>0', fill: '#123456', areas: [{ top: 2, left: 1, bottom: 2, right: 1 }] }];
    expect(displayedFill(s, 2, 1)).toBe('#00B050');
  });
});

describe('notes and comments listed where they are (Workbook.notes 1.18, Workbook.comments 1.10, getLocation)', () => {
  test('items with content; getLocation gives each one\'s cell, with its sheet', async () => {
    const host = book();
    host.sheet('另表')!.notes.C4 = '另一条';
    const [notes, comments] = await host.run(async (c) => {
      const n = ctx(c).workbook.notes;
      n.load('items/content');
      const m = ctx(c).workbook.comments;
      m.load('items/content');
      await c.sync();
      const places = [...n.items, ...m.items].map((x) => x.getLocation().load('address'));
      await c.sync();
      return [n.items.map((x, i) => [x.content, places[i].address]), m.items.map((x, i) => [x.content, places[n.items.length + i].address])];
    });
    expect(notes).toEqual([['注释', '表!B3'], ['另一条', '另表!C4']]);
    expect(comments).toEqual([['讨论', '表!B10']]);
  });
});

describe('rows inserted and deleted as Excel does (cells, formats, notes, comments, merges and conditional formats move)', () => {
  test('rows inserted above move everything below; inside an area it grows; onChanged says RowInserted', async () => {
    const host = book();
    const s = host.sheet('表')!;
    s.conditionalFormats = [{ id: '{cf-1}', type: 'Custom', formula: '=TRUE', fill: '#F4B6B6', areas: [{ top: 2, left: 1, bottom: 2, right: 1 }, { top: 8, left: 1, bottom: 10, right: 1 }] }];
    const events: ChangedEvent[] = [];
    await host.run(async (c) => {
      ctx(c).workbook.worksheets.getItem('表').onChanged.add(async (e) => void events.push(e as unknown as ChangedEvent));
      await c.sync();
    });
    await host.insertRows('表', 1, 2); // above everything
    await host.insertRows('表', 12, 1); // inside B11:B13 (B9:B11 moved down by two); 乙 at B12 moves to B13
    expect(s.cells[cellKey(4, 1)]).toEqual({ value: '甲', fill: '#00B050' });
    expect(s.cells[cellKey(12, 1)]).toEqual({ value: '乙' });
    expect(s.notes).toEqual({ B5: '注释' });
    expect(s.comments).toEqual({ B13: '讨论' });
    expect(s.merges).toEqual([{ top: 7, left: 0, bottom: 8, right: 2 }]);
    expect(s.conditionalFormats![0].areas).toEqual([{ top: 4, left: 1, bottom: 4, right: 1 }, { top: 10, left: 1, bottom: 13, right: 1 }]);
    expect(events.map((e) => [e.changeType, e.address])).toEqual([['RowInserted', '1:2'], ['RowInserted', '12:12']]);
  });

  test('rows deleted take their cells, notes and formats with them; areas crossing them shrink', async () => {
    const host = book();
    const s = host.sheet('表')!;
    s.conditionalFormats = [
      { id: '{cf-1}', type: 'Custom', formula: '=TRUE', fill: '#F4B6B6', areas: [{ top: 2, left: 1, bottom: 2, right: 1 }] },
      { id: '{cf-2}', type: 'Custom', formula: '=TRUE', fill: '#FFE08A', areas: [{ top: 5, left: 1, bottom: 9, right: 1 }] },
    ];
    await host.deleteRows('表', 3, 4); // rows 3–6: B3 with its note and format, the top of the merge and of B6:B10
    expect(s.cells[cellKey(2, 1)]).toBeUndefined();
    expect(s.cells[cellKey(5, 1)]).toEqual({ value: '乙' });
    expect(s.notes).toEqual({});
    expect(s.merges).toEqual([{ top: 2, left: 0, bottom: 2, right: 2 }]); // A6:C7 lost row 6: A7:C7 is left, now A3:C3
    expect(s.conditionalFormats!.map((f) => [f.id, f.areas])).toEqual([['{cf-2}', [{ top: 2, left: 1, bottom: 5, right: 1 }]]]);
  });

  test('a copied sheet carries cells, notes and conditional formats, with new format ids', () => {
    const host = book();
    host.sheet('表')!.conditionalFormats = [{ id: '{cf-1}', type: 'Custom', formula: '=TRUE', fill: '#F4B6B6', areas: [{ top: 2, left: 1, bottom: 2, right: 1 }] }];
    host.copySheet('表', '表 (2)');
    const [a, b] = [host.sheet('表')!, host.sheet('表 (2)')!];
    expect(host.data.sheets.map((x) => x.name)).toEqual(['表', '表 (2)', '另表']);
    expect(b.id).not.toBe(a.id);
    expect([b.cells, b.notes, b.merges]).toEqual([a.cells, a.notes, a.merges]);
    expect(b.conditionalFormats!.map((f) => ({ ...f, id: undefined }))).toEqual(a.conditionalFormats!.map((f) => ({ ...f, id: undefined })));
    expect(b.conditionalFormats![0].id).not.toBe(a.conditionalFormats![0].id);
  });
});
