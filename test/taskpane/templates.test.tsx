/**
 * @jest-environment jsdom
 */
/** 新建项目表 in the pane, against the in-memory Excel host: choose, fill, insert, then the new sheet validates; save as template. */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { readSheet } from '../../src/core/form/parse';
import { USER_TEMPLATES_KEY } from '../../src/core/templates';
import { queueSheetList, readSheetData } from '../../src/excel/read';
import type { RequestContext } from '../../src/host/excel';
import { renderPane } from '../helpers/pane';
import { hostWith, SEED } from '../helpers/seed';

/** Type by pasting: the same change events as typing, without a render per keystroke. */
async function enter(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** Validate the active sheet and wait for the summary line. */
async function checkActive(user: ReturnType<typeof userEvent.setup>, summary: string) {
  await user.click(screen.getByRole('button', { name: '校验当前工作表' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent(summary));
}

function setup(forms = SEED.forms.slice(0, 2)) {
  const host = hostWith(forms);
  return { host, ...renderPane(host) };
}

test('choose a template, see its rows, fill the particulars, insert; the new sheet is active and valid once its blanks are filled', async () => {
  const { host, user } = setup();
  const existing = JSON.stringify(host.data.sheets);
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  await user.selectOptions(screen.getByRole('combobox', { name: '模板' }), '信息化系统运维（12 行指标）');
  const preview = screen.getByRole('table', { name: '指标预览' });
  expect(within(preview).getByText('系统正常运行率')).toBeInTheDocument();
  expect(within(preview).getAllByText('待填写')).toHaveLength(3); // two counts and the cost (no budget yet)

  await enter(user, screen.getByRole('textbox', { name: '填报单位' }), '邢台市人民政府办公室');
  await enter(user, screen.getByRole('textbox', { name: '项目名称' }), '市政府门户网站运维经费');
  const code = screen.getByRole('textbox', { name: '项目编码' });
  await enter(user, code, '13050022P0094501');
  expect(screen.getByText('已输入 16 位，共 21 位。')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: '插入新工作表' })).toBeDisabled();
  await enter(user, code, '0025');
  expect(screen.getByText('前 20 位已齐，校验位应为 F。')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: '补全校验位' }));
  expect(code).toHaveValue('13050022P00945010025F');
  expect(screen.getByText('校验位正确。')).toBeInTheDocument();
  await enter(user, screen.getByRole('textbox', { name: '预算数（万元）' }), '25');
  expect(within(preview).getByText('≤25万元')).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: '插入新工作表' }));
  await screen.findByText(/已插入工作表“市政府门户网站运维经费”。还需填写 7 处/);
  const sheet = host.sheet('市政府门户网站运维经费')!;
  expect(host.data.activeSheet).toBe(sheet.id);
  expect(host.data.selection).toBe('市政府门户网站运维经费!B5');
  expect(JSON.stringify(host.data.sheets.slice(0, 2))).toBe(existing);

  // The checklist takes the user to each blank.
  await user.click(screen.getByRole('button', { name: 'E11 数量指标 · 指标值' }));
  await waitFor(() => expect(host.data.selection).toBe('市政府门户网站运维经费!E11'));

  // Validate: the new sheet's findings are exactly its blanks.
  await user.click(screen.getByRole('tab', { name: '问题' }));
  await checkActive(user, '共 1 张表：错误 4，警告 0，提示 1');

  // A person fills the blanks in Excel; validation then finds nothing.
  for (const [cell, value] of [
    ['B5', '资金用途：用于市政府门户网站年度运行维护及安全防护服务费支出'],
    ['B7', 20], ['C7', 50], ['D7', 80],
    ['B8', '保障市政府门户网站全年安全稳定运行，故障2小时内响应，全年不发生重大网络安全事件。'],
    ['E10', '2套'], ['E11', '≥12次'],
  ] as const) await host.edit(sheet.name, cell, value);
  await checkActive(user, '共 1 张表：错误 0，警告 0，提示 0');
});

test('the national 申报表: the layout choice changes the preview and the fields, the inserted sheet is read as the national family and is valid once filled', async () => {
  const { host, user } = setup();
  const existing = JSON.stringify(host.data.sheets);
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  await user.selectOptions(screen.getByRole('combobox', { name: '模板' }), '信息化系统运维（12 行指标）');
  const layout = screen.getByRole('radiogroup', { name: '表样' });
  expect(within(layout).getByRole('radio', { name: '河北目标表' })).toBeChecked();
  const preview = screen.getByRole('table', { name: '指标预览' });
  expect(within(preview).getByRole('columnheader', { name: '指标确定依据' })).toBeInTheDocument();
  expect(screen.getByRole('textbox', { name: '项目编码' })).toBeInTheDocument();

  await user.click(within(layout).getByRole('radio', { name: '全国通用申报表' }));
  expect(within(layout).getByRole('radio', { name: '全国通用申报表' })).toBeChecked();
  expect(screen.getByText(/项目支出绩效目标申报表（财预〔2015〕88号式）/)).toBeInTheDocument();
  expect(within(preview).queryByRole('columnheader', { name: '指标确定依据' })).toBeNull();
  expect(within(preview).getByText('系统正常运行率')).toBeInTheDocument();
  // No project code on the national form: the field is gone, and cannot block inserting.
  expect(screen.queryByRole('textbox', { name: '项目编码' })).toBeNull();
  expect(screen.queryByRole('textbox', { name: '填报单位' })).toBeNull();

  await enter(user, screen.getByRole('textbox', { name: '实施单位' }), '邢台市人民政府办公室');
  await enter(user, screen.getByRole('textbox', { name: '项目名称' }), '市政府门户网站运维经费');
  await enter(user, screen.getByRole('textbox', { name: '预算数（万元）' }), '25');
  expect(screen.getByText('成本指标将写为“≤25万元”，年度资金总额和财政拨款同此数。')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: '插入新工作表' }));
  await screen.findByText(/已插入工作表“市政府门户网站运维经费”。还需填写 9 处/);
  const sheet = host.sheet('市政府门户网站运维经费')!;
  expect(host.data.activeSheet).toBe(sheet.id);
  expect(host.data.selection).toBe('市政府门户网站运维经费!A2'); // the （    年度） line
  expect(JSON.stringify(host.data.sheets.slice(0, 2))).toBe(existing);
  const values = Object.values(sheet.cells).map((c) => c.value);
  expect(values).toEqual(expect.arrayContaining(['项目支出绩效目标申报表', '实施单位', '邢台市人民政府办公室', 25, '≤25万元']));
  expect(values.filter((v) => typeof v === 'string' && /^(项目编码|资金用途|资金支出计划|绩效指标描述|指标确定依据)/.test(v))).toEqual([]);

  // Read back through Office.js as the pane reads it: the national family.
  const [read] = await host.run(async (c: RequestContext) => {
    const context = c as unknown as Excel.RequestContext;
    const list = queueSheetList(context);
    await context.sync();
    return readSheetData(context, list().all.filter((r) => r.name === sheet.name), true);
  });
  expect(readSheet(read.grid!, 'book').forms.map((f) => f.family)).toEqual(['national']);

  await user.click(screen.getByRole('button', { name: 'D9 年度目标' }));
  await waitFor(() => expect(host.data.selection).toBe('市政府门户网站运维经费!D9'));

  // Validate: the blanks a rule covers (年度目标 and two counts) are the findings.
  await user.click(screen.getByRole('tab', { name: '问题' }));
  await checkActive(user, '共 1 张表：错误 3，警告 0，提示 0');

  for (const [cell, value] of [
    ['A2', '（2026年度）'],
    ['B4', '邢台市人民政府办公室'],
    ['B9', '建成安全稳定、运行高效的政务信息化运维体系，三年内门户网站持续通过网络安全等级保护测评。'],
    ['D9', '保障市政府门户网站全年安全稳定运行，故障2小时内响应，全年不发生重大网络安全事件。'],
    ['E11', '2套'], ['E12', '≥12次'],
    ['A23', '填报人：王明'], ['C23', '联系电话：0319-2222222'], ['E23', '填报日期：2025年10月8日'],
  ] as const) await host.edit(sheet.name, cell, value);
  await checkActive(user, '共 1 张表：错误 0，警告 0，提示 0');
});

test('a wrong check character or a bad budget blocks inserting, with the reason at the field', async () => {
  const { user } = setup();
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  await enter(user, screen.getByRole('textbox', { name: '项目编码' }), '13050022P00945010025G');
  expect(screen.getByText('校验位不符，应为 F。')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: '插入新工作表' })).toBeDisabled();
  await user.clear(screen.getByRole('textbox', { name: '项目编码' }));
  await enter(user, screen.getByRole('textbox', { name: '预算数（万元）' }), '-3');
  expect(screen.getByText('请输入大于 0 的数字（万元）。')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: '插入新工作表' })).toBeDisabled();
});

test('save the active form as a template: kept in the workbook, listed beside the built-in ones, usable, deletable', async () => {
  const { host, user, view } = setup();
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  await enter(user, screen.getByRole('textbox', { name: '模板名称' }), '专项业务经费模板');
  await user.click(screen.getByRole('button', { name: '将当前表另存为模板' }));
  await screen.findByText('已保存模板“专项业务经费模板”。');
  const stored = JSON.parse(host.data.settings[USER_TEMPLATES_KEY] as string);
  expect(stored).toHaveLength(1);
  expect(stored[0].rows.map((r: { l3: string }) => r.l3)).toContain('参加人数');

  // A colleague opens the file: the template is there.
  view.unmount();
  host.reopen();
  renderPane(host);
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  const picker = screen.getByRole('combobox', { name: '模板' });
  await waitFor(() => expect(within(picker).getByRole('option', { name: '专项业务经费模板（9 行指标）' })).toBeInTheDocument());
  await user.selectOptions(picker, '专项业务经费模板（9 行指标）');
  await enter(user, screen.getByRole('textbox', { name: '预算数（万元）' }), '90');
  await user.click(screen.getByRole('button', { name: '插入新工作表' }));
  await screen.findByText(/已插入工作表“专项业务经费模板”/);
  const rows = Object.values(host.sheet('专项业务经费模板')!.cells).map((c) => c.value);
  expect(rows).toContain('≤90万元');
  expect(rows).toContain('≥2300人(次)');

  await user.click(screen.getByRole('button', { name: '删除此模板' }));
  await screen.findByText('已删除模板“专项业务经费模板”。');
  expect(host.data.settings[USER_TEMPLATES_KEY]).toBeUndefined();
});

test('the active sheet holds no form: saying so, nothing saved', async () => {
  const { host, user } = setup();
  host.data.activeSheet = host.data.sheets[1].id;
  host.data.sheets[1].cells = { '0,0': { value: '说明' } };
  host.data.sheets[1].merges = [];
  await user.click(screen.getByRole('tab', { name: '新建项目表' }));
  await user.click(screen.getByRole('button', { name: '将当前表另存为模板' }));
  await screen.findByText(`工作表“${host.data.sheets[1].name}”中没有找到绩效目标表。`);
  expect(host.data.settings[USER_TEMPLATES_KEY]).toBeUndefined();
});
