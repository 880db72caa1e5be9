/**
 * Issue 13, first slice: the WPS adapter reads the active workbook through the ET object model into the same
 * grids the Excel adapter reads, so the engine gives the same findings. The in-memory ET host follows
 * docs/wps.md: 1-based Worksheets.Item, Visible -1/0/2, BGR colours; what WPS leaves undocumented (the JS shape
 * of a multi-cell Value2, empty cells, Count/UsedRange as property or method) is a fixture, and the reader must
 * give the same result under every one of them.
 */
import { checkForms } from '../../src/core/engine';
import { readSheet } from '../../src/core/form/parse';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, type RequestContext } from '../../src/host/excel';
import { bgr, etApplication, type EtFixtures } from '../../src/host/et';
import { cellKey, reopen } from '../../src/host/model';
import { readEtWorkbook } from '../../src/wps/read';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const key = (f: { sheet: string; cell: string; ruleId: string; severity: string }) => `${f.sheet}!${f.cell} ${f.ruleId} ${f.severity}`;

function findingsThroughEt(fixtures: Partial<EtFixtures>) {
  const sheets = readEtWorkbook(etApplication(seedBook(), fixtures));
  const results = sheets.flatMap((s) => (s.grid ? [readSheet(s.grid, 'workbook')] : []));
  return checkForms(results.flatMap((r) => r.forms), {}, results).map(key);
}

test.each<[string, Partial<EtFixtures>]>([
  ['Value2 as row arrays, empty cells undefined', { value2: 'rows', empty: undefined }],
  ['Value2 as one flat array, empty cells null', { value2: 'flat', empty: null }],
  ['empty cells as "", Count and UsedRange as methods', { empty: '', methods: true }],
])('the seed workbook through the ET host (%s): the findings the Excel adapter gives', async (_, fixtures) => {
  const host = new ExcelHost(seedBook());
  const excel = await host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v))));
  expect(findingsThroughEt(fixtures).sort()).toEqual(excel.findings.map(key).sort());
});

test('the ET host as documented: 1-based Item, Visible -1/0/2 (very hidden sheets are not read), BGR colours', () => {
  const book = seedBook();
  book.sheets[1].visibility = 'Hidden';
  book.sheets[2].visibility = 'VeryHidden';
  book.sheets[0].cells[cellKey(0, 0)] = { ...book.sheets[0].cells[cellKey(0, 0)], fill: '#F4B6B6' };
  const before = reopen(book);
  const app = etApplication(book);
  expect(app.ActiveWorkbook.Worksheets.Item(1).Name).toBe(book.sheets[0].name);
  expect(() => app.ActiveWorkbook.Worksheets.Item(0)).toThrow(/1-based/);
  expect([1, 2, 3].map((i) => app.ActiveWorkbook.Worksheets.Item(i).Visible)).toEqual([-1, 0, 2]);
  expect(app.ActiveWorkbook.Worksheets.Item(1).Range('A1').Interior.Color).toBe(0xb6b6f4);
  expect(bgr('#123456')).toBe(0x563412);
  const read = readEtWorkbook(app);
  expect(read.map((s) => s.name)).toEqual(book.sheets.filter((s) => s.visibility !== 'VeryHidden').map((s) => s.name));
  // Reading changes nothing.
  expect(book).toEqual(before);
});

test('a sheet too large to be a form sheet is refused with the add-in\'s reason; an empty sheet reads empty', () => {
  const book = seedBook();
  book.sheets[0].cells[cellKey(1_048_575, 16_383)] = { value: '备注' };
  book.sheets[1].cells = {};
  book.sheets[1].merges = [];
  const [far, empty] = readEtWorkbook(etApplication(book));
  expect(far.refused?.[0]).toMatch(/已用区域有 1048576 行 × 16384 列/);
  expect(empty.grid?.cells.flat().filter(Boolean)).toEqual([]);
});

test('a number in a column too narrow for it: its text is rendered from its format, not Range.Text\'s "####" (VBA Range.Text: "the Text property will modify the displayed value")', () => {
  const book = seedBook();
  const sheet = book.sheets[0];
  sheet.cells[cellKey(40, 0)] = { value: 0.95, numberFormat: '0%' };
  sheet.cells[cellKey(40, 1)] = { value: '#N/A' };
  sheet.cells[cellKey(40, 2)] = { error: '#DIV/0!' };
  const app = etApplication(book);
  const range = Object.getPrototypeOf(app.ActiveWorkbook.Worksheets.Item(1).Range('A1'));
  const text = Object.getOwnPropertyDescriptor(range, 'Text')!;
  // WPS showing the cell in a narrow column.
  Object.defineProperty(range, 'Text', { configurable: true, get(this: { area: { top: number } }) { return this.area.top === 40 ? '####' : text.get!.call(this); } });
  try {
    const [first] = readEtWorkbook(app);
    const row = first.grid!.cells[40 - first.grid!.top];
    expect(row[0]).toEqual({ text: '95%', value: 0.95, format: '0%' });
  } finally {
    Object.defineProperty(range, 'Text', text);
  }
  const [again] = readEtWorkbook(app);
  const row = again.grid!.cells[40 - again.grid!.top];
  // An error cell is told by its text; a text that reads like one is taken for one (WPS's Value2 for errors is undocumented).
  expect(row[1]).toMatchObject({ error: '#N/A' });
  expect(row[2]).toMatchObject({ error: '#DIV/0!', text: '#DIV/0!' });
});

test('a value of a type Value2 is not documented to give (a JS Date, an object): read as the text WPS shows, never thrown on', () => {
  const book = seedBook();
  book.sheets[0].cells[cellKey(40, 0)] = { value: 45291, numberFormat: 'yyyy-mm-dd' };
  const app = etApplication(book);
  const proto = Object.getPrototypeOf(app.ActiveWorkbook.Worksheets.Item(1).Range('A1'));
  const value2 = Object.getOwnPropertyDescriptor(proto, 'Value2')!;
  Object.defineProperty(proto, 'Value2', {
    configurable: true,
    get(this: unknown) {
      const v = value2.get!.call(this);
      return Array.isArray(v) ? v.map((row: unknown[]) => row.map((x) => (x === 45291 ? new Date(Date.UTC(2023, 11, 31)) : x))) : v;
    },
  });
  try {
    const [first] = readEtWorkbook(app);
    expect(first.grid!.cells[40 - first.grid!.top][0]).toMatchObject({ text: '2023-12-31', value: '2023-12-31' });
  } finally {
    Object.defineProperty(proto, 'Value2', value2);
  }
});
