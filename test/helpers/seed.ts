/** The seed forms (the published forms the product was designed from), and host workbooks made of them. */
import { readFileSync } from 'fs';
import path from 'path';
import { layoutForm, type FormData } from '../../src/core/layout';
import { ExcelHost } from '../../src/host/excel';
import { workbookFromSpecs } from '../../src/host/fromSpec';
import type { HostWorkbookData } from '../../src/host/model';

export const SEED: { forms: FormData[] } = JSON.parse(readFileSync(path.join(__dirname, '../../assets/samples/seed-forms.json'), 'utf8'));

/** A workbook with one sheet per form, each named after its form, laid out as published. */
export function seedBook(forms: FormData[] = SEED.forms): HostWorkbookData {
  return workbookFromSpecs(forms.map((f) => ({ name: f.name, specs: [layoutForm(f)] })));
}

export const hostWith = (forms: FormData[] = SEED.forms) => new ExcelHost(seedBook(forms));
