/** Running the command line in-process, as the tests do, and the workbooks they check. */
import { promises as fs } from 'fs';
import path from 'path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/main';
import { writeSpec } from '../../src/cli/writeXlsx';
import { layoutForm, type FormData } from '../../src/core/layout';
import { cleanForm, clone } from './forms';

/** goalsheet with `args`: the exit code and what it wrote. `tty`: stdout is a terminal. */
export async function run(args: string[], tty = false, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: { write: (s: string) => (out += s), isTTY: tty }, stderr: { write: (s: string) => (err += s) }, env });
  return { code, out, err };
}

/** A workbook of `forms`, one a sheet (项目1, 项目2 …), written with exceljs as a unit would send it. */
export async function xlsx(dir: string, name: string, ...forms: FormData[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  forms.forEach((f, i) => writeSpec(wb.addWorksheet(`项目${i + 1}`), layoutForm(f)));
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
  return file;
}

/** The clean form with an error (VAL-004 at E10) and an info with a fix (VAL-007 at E12). */
export const broken = () => {
  const f = clone(cleanForm());
  f.indicators[0].value = '≥120';
  f.indicators[2].value = '>=90%';
  return f;
};
