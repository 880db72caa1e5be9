/**
 * @jest-environment jsdom
 */
/**
 * The shared task pane over the WPS adapter (issue 13), in jsdom: the same pane code as in Excel
 * (test/taskpane/pane.test.tsx), here over the in-memory ET host — validate, go to a finding, fix, clear exactly;
 * live mode from SheetChange, never set off by the add-in's own writes however WPS reports them; the ribbon's
 * 新建项目表 request opening the pane's templates tab.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SEVERITY_FILL } from '../../src/core/marks';
import { displayedFill } from '../../src/host/edits';
import { EtHost, type EtFixtures } from '../../src/host/et';
import { cellKey, reopen, type HostWorkbookData } from '../../src/host/model';
import { App } from '../../src/taskpane/App';
import type { PaneHost } from '../../src/taskpane/paneHost';
import { wpsPaneHost, REQUEST_KEY } from '../../src/wps/paneHost';
import { seedBook } from '../helpers/seed';
import '../helpers/pane'; // ResizeObserver for jsdom

function setup(fixtures: Partial<EtFixtures> = {}) {
  const host = new EtHost(seedBook(), fixtures);
  const before = reopen(host.data);
  const storage = new Map<string, unknown>();
  const wps = { PluginStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: unknown) => void storage.set(k, v) } };
  const pane = wpsPaneHost(host.app, wps);
  let validations = 0;
  const counted: PaneHost = { ...pane, validate: (...a) => (validations++, pane.validate(...a)) };
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={counted} locale="zh-CN" />
    </FluentProvider>,
  );
  return { host, before, storage, user: userEvent.setup({ delay: null }), validations: () => validations };
}

const toolbar = () => within(screen.getByRole('toolbar'));
const findingsOf = (sheet: string) => within(screen.getByRole('region', { name: `${sheet} 第 1 张表` }));
const sheet = (data: HostWorkbookData, name: string) => data.sheets.find((s) => s.name === name)!;

test('WPS: validate the workbook, go to a finding, fix one, clear — the workbook as before but the fix', async () => {
  const { host, before, user } = setup();
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13'));
  expect(displayedFill(sheet(host.data, '政务联络经费'), 17, 4)).toBe(SEVERITY_FILL.error);

  await user.click(findingsOf('政务联络经费').getByRole('button', { name: /定位到 政务联络经费：\s*错误\s*E18 · SAT-001/ }));
  await waitFor(() => expect(host.selection).toBe('政务联络经费!E18'));
  expect(host.activeSheetName).toBe('政务联络经费');

  await user.click(findingsOf('综合业务管理经费').getByRole('button', { name: /修复为“>2万份”（综合业务管理经费!E11）/ }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('提示 12'));
  expect(sheet(host.data, '综合业务管理经费').cells[cellKey(10, 4)].value).toBe('>2万份');

  await user.click(toolbar().getByRole('button', { name: '清除标记' }));
  await screen.findByText(/已清除 \d+ 张工作表上的标记/);
  const expected = reopen(before);
  sheet(expected, '综合业务管理经费').cells[cellKey(10, 4)].value = '>2万份';
  expect({ ...host.data, nextSheetId: 0 }).toEqual({ ...expected, nextSheetId: 0, activeSheet: sheet(host.data, '政务联络经费').id, selection: '政务联络经费!E18' });
});

describe.each<[string, EtFixtures['ownWrites']]>([
  ['never', 'none'],
  ['at once', 'sync'],
  ['later', 'later'],
])('WPS live mode, own writes raising SheetChange %s', (_, ownWrites) => {
  test('a fix\'s own write starts no run; a person\'s edit is re-checked', async () => {
    const { host, user, validations } = setup({ ownWrites });
    await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
    await screen.findByTestId('summary');
    await user.click(screen.getByRole('switch', { name: '实时校验' }));
    await user.click(findingsOf('综合业务管理经费').getByRole('button', { name: /修复为“>2万份”（综合业务管理经费!E11）/ }));
    await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('提示 12'));
    const runs = validations();
    act(() => host.flush());
    await new Promise((r) => setTimeout(r, 1200));
    expect(validations()).toBe(runs);
    act(() => host.type('政务联络经费', 'E18', '≥90%'));
    await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('错误 9'), { timeout: 3000 });
    await user.click(screen.getByRole('switch', { name: '实时校验' }));
  });
});

test('WPS: the ribbon\'s 新建项目表 (a PluginStorage request) opens the pane\'s 新建项目表 tab', async () => {
  const { storage } = setup();
  expect(screen.getByRole('tab', { name: '新建项目表' })).toHaveAttribute('aria-selected', 'false');
  storage.set(REQUEST_KEY, 'new:1');
  await waitFor(() => expect(screen.getByRole('tab', { name: '新建项目表' })).toHaveAttribute('aria-selected', 'true'), { timeout: 2000 });
});

test('WPS: a rule switched off in the settings tab is saved in the workbook (its settings sheet), applies to the next run and after reopening', async () => {
  const { host, user } = setup();
  await user.click(screen.getByRole('tab', { name: '设置' }));
  await user.click(screen.getByRole('switch', { name: /启用：PLAN-004/ }));
  await waitFor(async () => expect(JSON.stringify((await wpsPaneHost(host.app).loadOptions()).options)).toContain('PLAN-004'));
  await user.click(screen.getByRole('tab', { name: '问题' }));
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('提示 2'));
  const again = host.reopen();
  const { options } = await wpsPaneHost(again.app).loadOptions();
  const result = await wpsPaneHost(again.app).validate('all', options ?? {});
  expect(result.findings.some((f) => f.ruleId === 'PLAN-004')).toBe(false);
});

test('WPS: a protected sheet is reported, its cells untouched', async () => {
  const { host, before, user } = setup();
  sheet(host.data, '政务联络经费').protected = true;
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await screen.findByText(/以下工作表受保护.*政务联络经费/);
  const { cells, notes } = sheet(before, '政务联络经费');
  expect(sheet(host.data, '政务联络经费')).toMatchObject({ cells, notes });
});

test('WPS without conditional formats in JS (docs/wps.md §6, 9): the pane says the cells get comments, not colours; with them it says nothing', async () => {
  const { user } = setup({ formatConditions: false });
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await screen.findByTestId('summary');
  expect(screen.getByText(/问题单元格以注释标出，不着色/)).toBeInTheDocument();
});

test('WPS with conditional formats: no such caption', async () => {
  const { user } = setup();
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await screen.findByTestId('summary');
  expect(screen.queryByText(/问题单元格以注释标出/)).toBeNull();
});
