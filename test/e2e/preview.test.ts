/**
 * @jest-environment node
 */
/** The real task pane in a real browser: the preview page in Debian's Chromium, as a person uses it. */
import { promises as fs, readFileSync } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { SEVERITY_FILL } from '../../src/core/marks';
import { fills, openPreview, SCREENSHOTS, start, type Session } from './browser';
import { tempDir } from '../helpers/forms';

jest.setTimeout(90_000);

let session: Session;
beforeAll(async () => {
  session = await start();
  await fs.mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await session?.close();
});

const rgb = (hex: string) => `rgb(${parseInt(hex.slice(1, 3), 16)}, ${parseInt(hex.slice(3, 5), 16)}, ${parseInt(hex.slice(5, 7), 16)})`;
const WHITE = 'rgb(255, 255, 255)';
const summary = (page: Page) => page.getByTestId('summary');
const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const selected = (page: Page) => page.locator('td.selected').getAttribute('data-cell');

test('validate the seed workbook: summary counts and fills on the expected cells; click, fix, clear', async () => {
  const { page, errors } = await openPreview(session);
  await page.screenshot({ path: path.join(SCREENSHOTS, '1-preview-light.png') });
  // What each sheet looks like before: every fill, to compare after 清除标记.
  const sheets = ['专项业务工作经费', '政务联络经费', '综合业务管理经费'];
  const before: Record<string, Record<string, string>> = {};
  for (const name of sheets) {
    await tab(page, name).click();
    before[name] = await fills(page);
  }

  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();

  // Click a finding: its sheet is shown and its cell selected, with the error fill and the note.
  await page.getByRole('button', { name: /定位到 政务联络经费：\s*错误\s*E18 · SAT-001/ }).click();
  await page.locator('td.selected[data-cell="E18"]').waitFor();
  expect(await tab(page, '政务联络经费').getAttribute('aria-selected')).toBe('true');
  const after = await fills(page);
  expect(after.E18).toBe(rgb(SEVERITY_FILL.error));
  expect(after.B7).toBe(rgb(SEVERITY_FILL.info)); // PLAN-004
  expect(await page.locator('td[data-cell="E18"] .note').textContent()).toContain('SAT-001');
  await page.locator('td[data-cell="E18"]').hover();
  await expect(page.locator('td[data-cell="E18"] .note').isVisible()).resolves.toBe(true);
  await page.screenshot({ path: path.join(SCREENSHOTS, '2-findings-marked.png') });

  // A fix writes the cell and the finding goes.
  await page.getByRole('button', { name: /修复为“>2万份”（综合业务管理经费!E11）/ }).click();
  await page.getByRole('button', { name: /定位到 综合业务管理经费：\s*提示\s*E11 · VAL-009/ }).waitFor({ state: 'detached' });
  await expect(summary(page).textContent()).resolves.toContain('提示 12');
  await tab(page, '综合业务管理经费').click();
  expect(await page.locator('td[data-cell="E11"]').textContent()).toBe('>2万份');

  // 清除标记: every fill as before.
  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText(/已清除 \d+ 张工作表上的标记/).waitFor();
  for (const name of sheets) {
    await tab(page, name).click();
    expect(await fills(page)).toEqual(before[name]);
  }
  expect(await page.locator('td.has-note').count()).toBe(0);
  expect(errors).toEqual([]);
});

test('insert a template: a new sheet tab with the form, active, first blank selected, checklist in the pane', async () => {
  const { page } = await openPreview(session);
  await page.getByRole('tab', { name: '新建项目表' }).click();
  await page.getByRole('combobox', { name: '模板' }).selectOption({ label: '印刷出版（12 行指标）' });
  await page.getByRole('textbox', { name: '项目名称' }).fill('《邢台市人民政府公报》经费');
  await page.getByRole('textbox', { name: '项目编码' }).fill('13050022P00945010024');
  await page.getByRole('button', { name: '补全校验位' }).click();
  await page.getByRole('textbox', { name: '预算数（万元）' }).fill('10');
  await page.getByRole('button', { name: '插入新工作表' }).click();
  // The sample already has a sheet of that name: the new one gets a unique name.
  await page.getByText(/已插入工作表“《邢台市人民政府公报》经费\(2\)”。还需填写 9 处/).waitFor();
  expect(await tab(page, '《邢台市人民政府公报》经费(2)').getAttribute('aria-selected')).toBe('true');
  expect(await selected(page)).toBe('B2');
  expect(await page.locator('td[data-cell="A1"]').textContent()).toBe('项目支出绩效目标表');
  expect(await page.locator('td[data-cell="B3"]').textContent()).toBe('13050022P00945010024U');
  expect(await page.locator('td[data-cell="E16"]').textContent()).toBe('≤10万元');
  expect(await page.locator('td[data-cell="A1"]').getAttribute('colspan')).toBe('6');
  await page.getByRole('button', { name: 'E10 数量指标 · 指标值' }).click();
  await page.locator('td.selected[data-cell="E10"]').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, '3-new-sheet.png') });
});

test('the national sample from the toolbar: every form read in the national layout and checked; a template inserted in that layout', async () => {
  const { page, errors } = await openPreview(session);
  await page.getByRole('button', { name: '示例（全国通用格式）' }).click();
  await page.getByText('已打开 示例-全国通用申报表.xlsx').waitFor();
  await tab(page, '政务联络经费').click();
  expect(await page.locator('td[data-cell="A1"]').textContent()).toBe('项目支出绩效目标申报表');
  expect(await page.locator('td[data-cell="A2"]').textContent()).toBe('（2022年度）');
  expect(await page.locator('td[data-cell="A1"]').getAttribute('colspan')).toBe('5');
  expect(await page.locator('td[data-cell="D7"]').count()).toBe(0); // 其他资金's amount merged C7:E7

  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 2，提示 2').waitFor();
  await page.getByRole('button', { name: /定位到 政务联络经费：\s*错误\s*E19 · SAT-001/ }).click();
  await page.locator('td.selected[data-cell="E19"]').waitFor();
  expect((await fills(page)).E19).toBe(rgb(SEVERITY_FILL.error));
  await page.screenshot({ path: path.join(SCREENSHOTS, '5-national-sample.png') });

  await page.getByRole('tab', { name: '新建项目表' }).click();
  await page.getByRole('combobox', { name: '模板' }).selectOption({ label: '印刷出版（12 行指标）' });
  await page.getByRole('radio', { name: '全国通用申报表' }).check();
  expect(await page.getByRole('textbox', { name: '项目编码' }).count()).toBe(0);
  await page.getByRole('textbox', { name: '实施单位' }).fill('邢台市人民政府办公室');
  await page.getByRole('textbox', { name: '项目名称' }).fill('政府公报编印经费');
  await page.getByRole('textbox', { name: '预算数（万元）' }).fill('10');
  await page.getByRole('button', { name: '插入新工作表' }).click();
  await page.getByText(/已插入工作表“政府公报编印经费”。还需填写 10 处/).waitFor();
  expect(await tab(page, '政府公报编印经费').getAttribute('aria-selected')).toBe('true');
  expect(await selected(page)).toBe('A2');
  expect(await page.locator('td[data-cell="A1"]').textContent()).toBe('项目支出绩效目标申报表');
  expect(await page.locator('td[data-cell="E4"]').textContent()).toBe('邢台市人民政府办公室');
  expect(await page.locator('td[data-cell="E17"]').textContent()).toBe('≤10万元');
  await page.screenshot({ path: path.join(SCREENSHOTS, '6-national-new-sheet.png') });
  expect(errors).toEqual([]);
});

test('fix all of one rule: filter by the rule, confirm in the dialog, the cells written and the findings gone', async () => {
  const { page } = await openPreview(session);
  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  await page.getByRole('combobox', { name: '按规则筛选' }).click();
  await page.getByRole('option', { name: 'VAL-009' }).click();
  await expect(page.getByRole('button', { name: /定位到/ }).count()).resolves.toBe(2);
  await page.getByRole('button', { name: '全部修复 VAL-009（2 处）' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.textContent()).resolves.toContain('VAL-009');
  await dialog.getByRole('button', { name: '确定' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 11').waitFor();
  await expect(page.getByRole('button', { name: /定位到/ }).count()).resolves.toBe(0);
  await tab(page, '联通云视频会议系统服务费').click();
  const e13 = page.locator('td[data-cell="E13"]');
  expect(await e13.evaluate((td) => td.firstChild?.textContent)).toBe('>7万元');
  // Its other findings (the cost row's) stay marked; the fixed rule's is gone from the note.
  expect(await e13.locator('.note').textContent()).toContain('COST-002');
  expect(await e13.locator('.note').textContent()).not.toContain('VAL-009');
});

test('keyboard only: check the workbook, go to a finding, fix it, clear the marks', async () => {
  const { page } = await openPreview(session);
  const press = async (key: string, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  };
  /** Tab forward until the focused element's accessible text matches. */
  const tabTo = async (match: RegExp) => {
    for (let i = 0; i < 200; i++) {
      await press('Tab');
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''}` : '';
      });
      if (match.test(label)) return;
    }
    throw new Error(`no focusable element matches ${match}`);
  };
  await tabTo(/^\s*校验整个工作簿/);
  await press('Enter');
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  await tabTo(/定位到 政务联络经费：\s*错误\s*E18/);
  await press('Enter');
  await page.locator('td.selected[data-cell="E18"]').waitFor();
  await tabTo(/修复为“>2万份”/);
  await press('Enter');
  await page.getByRole('button', { name: /定位到 综合业务管理经费：\s*提示\s*E11 · VAL-009/ }).waitFor({ state: 'detached' });
  await page.keyboard.press('Shift+Tab'); // focus may have moved with the removed button; walk back to the toolbar
  await tabTo(/^\s*清除标记/);
  await press('Enter');
  await page.getByText(/已清除 \d+ 张工作表上的标记/).waitFor();
});

test('accessibility: axe finds no serious or critical issue (pane idle, findings listed, new-sheet view)', async () => {
  const { page } = await openPreview(session);
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const scan = async () => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      // Fluent's focus manager (Tabster) adds hidden <i tabindex="0" data-tabster-dummy> focus guards on purpose: not content.
      const r = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    });
    return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };
  expect(await scan()).toEqual([]);
  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  expect(await scan()).toEqual([]);
  await page.getByRole('tab', { name: '新建项目表' }).click();
  expect(await scan()).toEqual([]);
});

test('open an .xlsx by the file picker and by dropping it; download the workbook with the marks in it', async () => {
  const dir = await tempDir();
  const mine = path.join(dir, '我的表.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('我的项目');
  ws.getCell('A1').value = '项目编码';
  ws.getCell('B1').value = '13050022P00945010015X';
  await wb.xlsx.writeFile(mine);

  const { page } = await openPreview(session);
  await page.locator('input[type="file"]').setInputFiles(mine);
  await page.getByText('已打开 我的表.xlsx').waitFor();
  expect(await page.getByRole('tab').filter({ hasText: '我的项目' }).count()).toBe(1);

  // Drag and drop the sample file back in.
  const bytes = readFileSync(path.join(__dirname, '../../assets/samples/示例-项目支出绩效目标表.xlsx')).toString('base64');
  const transfer = await page.evaluateHandle((b64) => {
    const dt = new DataTransfer();
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([data], '拖入的表.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    return dt;
  }, bytes);
  await page.dispatchEvent('.preview', 'drop', { dataTransfer: transfer });
  await page.getByText('已打开 拖入的表.xlsx').waitFor();

  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载工作簿' }).click()]);
  expect(download.suggestedFilename()).toBe('拖入的表.xlsx');
  const saved = path.join(dir, 'saved.xlsx');
  await download.saveAs(saved);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(saved);
  const marked = back.getWorksheet('政务联络经费')!;
  const cell = marked.getCell('E18');
  // The mark is a conditional format over E18 (the cell's own fill untouched), the explanation its note.
  expect(cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid').toBe(false);
  const formats = (marked as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
  const errorFormat = formats.find((f) => f.rules.some((r) => r.type === 'expression' && r.formulae?.[0] === 'ISTEXT("goalsheet:error")'));
  expect(errorFormat?.ref.split(' ')).toContain('E18');
  expect(errorFormat?.rules[0].style?.fill).toMatchObject({ bgColor: { argb: `FF${SEVERITY_FILL.error.slice(1)}` } });
  expect(String((cell.note as { texts?: { text: string }[] })?.texts?.map((t) => t.text).join('') ?? cell.note)).toContain('SAT-001');

  // Not an .xlsx: a clear message, the workbook kept.
  const bad = path.join(dir, '坏文件.xlsx');
  await fs.writeFile(bad, 'not a zip');
  await page.locator('input[type="file"]').setInputFiles(bad);
  await page.getByText(/无法打开 坏文件.xlsx/).waitFor();
  expect(await page.getByRole('tab').filter({ hasText: '政务联络经费' }).count()).toBe(1);
});

test('dark theme follows the system; nothing in the preview talks to the network', async () => {
  const { page } = await openPreview(session, 'dark');
  const bg = await page.locator('main').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe(WHITE);
  await page.getByRole('button', { name: '校验整个工作簿' }).click();
  await page.getByText('共 11 张表：错误 10，警告 6，提示 13').waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, '4-preview-dark.png') });
  expect(session.foreign).toEqual([]);
});
