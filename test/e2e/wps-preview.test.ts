/**
 * @jest-environment node
 */
/**
 * The WPS 表格 add-in in a real browser (issue 13): the preview's WPS mode (`preview.html?host=wps`) holds the
 * workbook in the in-memory ET host and draws the add-in's real ribbon.xml, whose buttons call the add-in's real
 * callbacks (src/wps/ribbon.ts); the task pane is the same React pane over the WPS adapter.
 */
import path from 'path';
import type { Page } from 'playwright-core';
import { SEVERITY_FILL } from '../../src/core/marks';
import { fills, SCREENSHOTS, start, type Session } from './browser';

jest.setTimeout(90_000);

let session: Session;
beforeAll(async () => {
  session = await start();
});
afterAll(async () => {
  await session?.close();
});

const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const ribbon = (page: Page) => page.getByRole('toolbar', { name: '绩效目标', exact: true });

async function openWps() {
  const p = await session.newPage();
  await p.page.goto(`${session.url}?host=wps`);
  await ribbon(p.page).getByRole('button', { name: '打开助手' }).waitFor();
  await p.page.getByText(/已打开/).waitFor();
  return p;
}

test('the WPS ribbon from ribbon.xml: 打开助手 shows the pane; validate marks cells through the ET host; clear restores every fill', async () => {
  const { page, errors } = await openWps();
  expect(await ribbon(page).getByRole('button').allTextContents()).toEqual(['打开助手', '一键校验', '新建项目表']);
  // Each button's icon (GetImage's path in the add-in folder) is drawn.
  await page.waitForFunction(() => [...document.querySelectorAll('.wps-ribbon img')].every((i) => (i as HTMLImageElement).complete));
  expect(await ribbon(page).locator('img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth))).toEqual([32, 32, 32]);
  // In WPS the pane opens from the ribbon.
  expect(await page.getByRole('button', { name: '校验整个工作簿' }).isVisible()).toBe(false);
  await ribbon(page).getByRole('button', { name: '打开助手' }).click();
  await page.getByRole('button', { name: '校验整个工作簿' }).waitFor();

  await tab(page, '政务联络经费').click();
  const before = await fills(page);
  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  await page.getByRole('button', { name: /定位到 政务联络经费：\s*错误\s*E18 · SAT-001/ }).click();
  await page.locator('td.selected[data-cell="E18"]').waitFor();
  expect((await fills(page)).E18).toBe(rgb(SEVERITY_FILL.error));
  expect(await page.locator('td[data-cell="E18"] .note').textContent()).toContain('SAT-001');
  // The add-in's settings sheet is very hidden: no tab for it.
  expect(await tab(page, 'goalsheet.settings').count()).toBe(0);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'wps-1-marked.png') });

  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText(/已清除 \d+ 张工作表上的标记/).waitFor();
  expect(await fills(page)).toEqual(before);
  expect(await page.locator('td.has-note').count()).toBe(0);

  // 打开助手 again hides the pane, as WPS's toggle does.
  await ribbon(page).getByRole('button', { name: '打开助手' }).click();
  await page.getByRole('button', { name: '校验整个工作簿' }).waitFor({ state: 'hidden' });
  // Back to Excel: no ribbon, the pane shown at once.
  await page.getByRole('link', { name: '切换到 Excel' }).click();
  await page.getByRole('button', { name: '校验整个工作簿' }).waitFor();
  expect(await page.getByRole('toolbar', { name: '绩效目标', exact: true }).count()).toBe(0);
  await page.getByRole('link', { name: '切换到 WPS 表格' }).click();
  await ribbon(page).getByRole('button', { name: '打开助手' }).waitFor();
  expect(errors).toEqual([]);
});

test('一键校验 from the ribbon: the whole workbook marked without the pane, the counts in WPS\'s dialog', async () => {
  const { page, errors } = await openWps();
  await ribbon(page).getByRole('button', { name: '一键校验' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await expect(dialog.frameLocator('iframe').getByText('共 11 张表：错误 10，警告 6，提示 13').textContent()).resolves.toContain('错误 10');
  await tab(page, '政务联络经费').click();
  expect((await fills(page)).E18).toBe(rgb(SEVERITY_FILL.error));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'wps-2-ribbon-validate.png') });
  await dialog.getByRole('button', { name: '关闭' }).click();
  await dialog.waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
});

test('新建项目表 from the ribbon: the pane opens on its 新建项目表 tab; a template inserted through the ET host becomes the active sheet', async () => {
  const { page, errors } = await openWps();
  await ribbon(page).getByRole('button', { name: '新建项目表' }).click();
  await page.getByRole('combobox', { name: '模板' }).waitFor();
  expect(await page.getByRole('tab', { name: '新建项目表' }).getAttribute('aria-selected')).toBe('true');
  await page.getByRole('combobox', { name: '模板' }).selectOption({ label: '印刷出版（12 行指标）' });
  await page.getByRole('textbox', { name: '项目名称' }).fill('政府公报编印经费');
  await page.getByRole('textbox', { name: '项目编码' }).fill('13050022P00945010024');
  await page.getByRole('button', { name: '补全校验位' }).click();
  await page.getByRole('textbox', { name: '预算数（万元）' }).fill('10');
  await page.getByRole('button', { name: '插入新工作表' }).click();
  await page.getByText(/已插入工作表“政府公报编印经费”/).waitFor();
  expect(await tab(page, '政府公报编印经费').getAttribute('aria-selected')).toBe('true');
  expect(await page.locator('td[data-cell="A1"]').textContent()).toBe('项目支出绩效目标表');
  expect(await page.locator('td[data-cell="B3"]').textContent()).toBe('13050022P00945010024U');
  expect(await page.locator('td.selected').getAttribute('data-cell')).toBe('B2');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'wps-3-new-sheet.png') });
  expect(errors).toEqual([]);
});
