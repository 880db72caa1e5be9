/**
 * @jest-environment node
 */
/**
 * The 审核意见 workbook `goalsheet review` writes, opened in the browser preview as a reviewer would open it:
 * its four sheets are there and readable (and the README's screenshot of it is taken here).
 */
import { promises as fs } from 'fs';
import path from 'path';
import { runCli } from '../../src/cli/main';
import { openPreview, SCREENSHOTS, start, type Session } from './browser';
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

test('the 审核意见 workbook of the two sample workbooks opens in the preview with its four sheets', async () => {
  const dir = await tempDir();
  const out = path.join(dir, '审核意见.xlsx');
  // Paths as a reviewer types them, relative to where the command runs.
  const samples = path.relative(process.cwd(), path.join(__dirname, '../../assets/samples'));
  const code = await runCli(['review', path.join(samples, '示例-项目支出绩效目标表.xlsx'), path.join(samples, '示例-全国通用申报表.xlsx'), '-o', out], {
    stdout: { write: () => undefined },
    stderr: { write: () => undefined },
    env: {},
  });
  expect(code).toBe(0);
  const { page } = await openPreview(session);
  await page.locator('input[type="file"]').setInputFiles(out);
  await page.getByText('已打开 审核意见.xlsx').waitFor();
  const tabs = await page.getByRole('tablist').first().getByRole('tab').allTextContents();
  expect(tabs).toEqual(expect.arrayContaining(['审核意见', '汇总', '按单位', '重复项目']));
  // The first block: a form's grade and the reviewers' sections.
  for (const text of ['总体目标', '产出指标', '效益指标', '满意度指标', '需补充完善事项']) await page.locator('td', { hasText: text }).first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, '5-review-workbook.png') });
  await page.getByRole('tab', { name: '汇总', exact: true }).click();
  await page.locator('td', { hasText: '等级' }).first().waitFor();
  await page.screenshot({ path: path.join(SCREENSHOTS, '6-review-summary.png') });
});
