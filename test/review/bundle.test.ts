/**
 * Issue 12: reviewers need the command line without this checkout. `npm run build:bundle` writes one file,
 * dist/goalsheet.cjs, that runs on Node ≥ 20 with nothing installed; an unbuilt checkout says how to build.
 */
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { writeSpec } from '../../src/cli/writeXlsx';
import { layoutForm } from '../../src/core/layout';
import { cleanForm, clone, tempDir } from '../helpers/forms';

const ROOT = path.join(__dirname, '../..');

test('the single-file build runs alone, outside the checkout, with the same results as the checkout', async () => {
  const dir = await tempDir();
  // From the tsc output, which `npm test` builds first.
  execFileSync('node', [path.join(ROOT, 'scripts/build-cli-bundle.js'), '--out', path.join(dir, 'bin')], { stdio: 'pipe' });
  const wb = new ExcelJS.Workbook();
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  writeSpec(wb.addWorksheet('项目1'), layoutForm(f));
  const file = path.join(dir, '单位.xlsx');
  await wb.xlsx.writeFile(file);
  // Nothing to resolve modules from: not the checkout's node_modules, not a global one.
  const env = { PATH: process.env.PATH ?? '', NODE_PATH: '' };
  const run = (...args: string[]) => spawnSync('node', [path.join(dir, 'bin/goalsheet.cjs'), ...args], { cwd: dir, env, encoding: 'utf8' });
  const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(run('--version').stdout.trim()).toBe(pkg.version);
  const alone = run('check', file, '--format', 'json');
  let inProcess = '';
  await runCli(['check', file, '--format', 'json'], { stdout: { write: (s: string) => (inProcess += s) }, stderr: { write: () => undefined }, env: {} });
  expect(alone.status).toBe(1);
  expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(inProcess));
  // No sample workbook inside: with no path it asks for one.
  const none = run('check');
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('请指定要检查的文件或文件夹');
}, 60_000);

test('an unbuilt checkout says how to build, with exit 2 and no stack trace', async () => {
  const dir = await tempDir();
  await fs.mkdir(path.join(dir, 'bin'));
  await fs.copyFile(path.join(ROOT, 'bin/goalsheet.js'), path.join(dir, 'bin/goalsheet.js'));
  const r = spawnSync('node', [path.join(dir, 'bin/goalsheet.js'), 'check'], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('goalsheet 尚未编译：请在项目目录中运行 npm run build:cli');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
