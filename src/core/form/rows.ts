/**
 * Indicator rows: where a table's rows end (footers, notes, the next table),
 * how one row is read (split values joined, levels, blank template rows), and
 * list exports, where every row carries its project.
 */
import { normLabel } from '../text';
import { cellText, parseAmount, parseCell, parseSplit } from '../values';
import { SheetView } from './sheetView';
import type { FormPart, LayoutFamily } from './families';
import { field } from './fields';
import { FOOTER, classifyLabel, isNotApplicable, isTableMarker, level1Of, level2Of, parentOf, type HeaderKind } from './labels';
import type { Form, IndicatorRow } from './model';
import { familyOf, unitFromLabels, type Draft, type ReadOptions } from './draft';
import type { TableLayout } from './table';

/** Columns a row needs to be read at all (a table may print no 一级/二级 columns). */
const NEEDED: HeaderKind[] = ['h3', 'hvalue'];
function header(table: TableLayout, family: LayoutFamily, anchor?: string): Form['header'] {
  const missing = family.columns.filter((k) => table.cols[k] === undefined);
  const present = family.columns.filter((k) => table.cols[k] !== undefined).map((k) => table.cols[k]!);
  const inOrder = !family.ordered || present.every((c, i) => i === 0 || c > present[i - 1]);
  return {
    cell: anchor ?? table.cell, row: table.top, found: table.found, missing, inOrder,
    levels: table.cols.h1 !== undefined, secondLevel: table.cols.h2 !== undefined,
  };
}
export function readTable(view: SheetView, table: TableLayout, family: LayoutFamily, bottom: number, form: Form): void {
  form.header = header(table, family);
  // Without the columns that carry an indicator, rows cannot be read; FORM-002 says which are missing.
  if (NEEDED.some((k) => table.cols[k] === undefined)) return;
  for (const r of tableRows(view, table, bottom)) form.indicators.push(readRow(view, r, table, family));
  shiftLevels(form);
  if (form.indicators.some((row) => row.level1 === 'cost')) form.framework = '2021';
}
/**
 * A table whose 一级 column holds a heading (实施效果指标) and whose 二级 column holds the 一级
 * (产出指标, 效益指标): the levels are read one column to the right and the table has no 二级.
 */
function shiftLevels(form: Form): void {
  const rows = form.indicators;
  const shifted = rows.filter((r) => !r.level1Written && level1Of(normLabel(r.l2.text)));
  if (rows.length === 0 || shifted.length * 2 <= rows.length) return;
  for (const r of rows) {
    const l1 = level1Of(normLabel(r.l2.text));
    Object.assign(r, { l1: r.l2, level1: l1, level1Written: l1 !== undefined, level2: undefined });
  }
  form.header!.secondLevel = false;
}
/**
 * A table has ended after this many blank rows in a row: the empty rows after a form are not scanned down to a
 * stray cell far below (issue 11). Published forms leave at most a few blank rows inside a table.
 */
const MAX_BLANK_RUN = 50;

/** The rows of a table, from below its header to a footer, a note, the next table or the form's end. */
export function tableRows(view: SheetView, table: TableLayout, bottom: number): number[] {
  const cols = [...new Set([...Object.values(table.cols), ...Object.values(table.listCols)])].sort((a, b) => a - b);
  const out: number[] = [];
  let sawBlank = false;
  let blankRun = 0;
  for (let r = table.bottom + 1; r <= bottom; r++) {
    if (blankRun > MAX_BLANK_RUN) break;
    const own: number[] = [];
    const texts: string[] = [];
    for (const c of cols) {
      if (!view.isOwner(r, c)) continue;
      const t = view.label(r, c);
      if (t !== '') {
        own.push(c);
        texts.push(t);
      }
    }
    if (own.length === 0) {
      sawBlank = true;
      blankRun++;
      continue;
    }
    blankRun = 0;
    if (FOOTER.test(texts[0]) || texts.some((t) => /盖章|签章|签字|^(\d{4})?年月日$/.test(t))) break;
    if (texts.some((t) => {
      const k = classifyLabel(t);
      return k === 'h1' || isTableMarker(k);
    })) break;
    const a = view.area(r, own[0]);
    const wide = a.right - a.left >= 2;
    const l1 = table.cols.h1 === undefined ? '' : view.label(r, table.cols.h1);
    const l2 = table.cols.h2 === undefined ? '' : view.label(r, table.cols.h2);
    if (own.length === 1 && wide && !level1Of(texts[0])) break;
    if (sawBlank && !level1Of(l1) && !level2Of(l2) && table.cols.h1 !== undefined) break;
    sawBlank = false;
    out.push(r);
  }
  return out;
}
function readRow(view: SheetView, r: number, t: TableLayout, family: LayoutFamily): IndicatorRow {
  const { cols } = t;
  const l3 = field(view, r, cols.h3!);
  const value = field(view, r, cols.hvalue!);
  // Without 一级/二级 columns the levels are empty here and the rules about them stay silent (header.levels).
  const l1 = cols.h1 !== undefined ? field(view, r, cols.h1) : { text: '', cell: l3.cell };
  const l2 = cols.h2 !== undefined ? field(view, r, cols.h2) : { text: '', cell: l3.cell };
  const written = level1Of(normLabel(l1.text));
  const level2 = level2Of(normLabel(l2.text));
  const row: IndicatorRow = {
    row: r, l1, l2, l3, value, valueText: value.text, parsed: { kind: 'empty' },
    level1: written ?? (level2 && parentOf(level2)),
    level1Written: written !== undefined,
    level2,
    notApplicable: isNotApplicable(normLabel(l3.text)),
  };
  // Optional columns are set only where the table has them: a rule whose column is absent stays silent.
  if (cols.hdesc !== undefined) row.desc = field(view, r, cols.hdesc);
  if (cols.hbasis !== undefined) row.basis = field(view, r, cols.hbasis);
  if (cols.hcmp !== undefined) row.cmp = field(view, r, cols.hcmp);
  if (cols.hunit !== undefined) row.unit = field(view, r, cols.hunit);
  if (row.cmp || row.unit) ({ parsed: row.parsed, text: row.valueText } = parseSplit(row.cmp?.text ?? '', value.raw, row.unit?.text ?? ''));
  else row.parsed = parseCell(value.raw);
  if (t.moreValues.length) {
    row.also = t.moreValues.map((c) => {
      const f = field(view, r, c);
      return { value: f, valueText: f.text, parsed: parseCell(f.raw) };
    });
  }
  // A template row the unit left empty (no indicator, no value, no description) does not apply.
  if (family.blankRowsOptional && l3.text === '' && value.text === '' && (!row.desc || row.desc.text === '')) row.notApplicable = true;
  return row;
}
/** A list export: one row per indicator, the project in every row; consecutive rows of one project are one form. */
export function buildList(view: SheetView, d: Draft, table: TableLayout, limit: number, sheet: string, workbook: string, options: ReadOptions): Form[] {
  const { family, forced } = familyOf(d, table, true, options);
  const indicatorCols = NEEDED.map((k) => table.cols[k]);
  // Rows that carry no indicator (a unit's subtotal line) are not indicator rows.
  const all = indicatorCols.every((c) => c !== undefined) ? tableRows(view, table, limit) : [];
  const hasIndicator = (r: number) => [table.cols.h1, table.cols.h2, ...indicatorCols].some((c) => c !== undefined && view.text(r, c) !== '');
  const rows = all.filter(hasIndicator);
  // Without a unit column, the unit is the subtotal line printed above its projects ("505006 | 州民族特殊教育学校 | 30"):
  // the nearest one above a project's first row. Projects are taken top to bottom, so one pass down the table finds
  // them all; a search upwards from each project took time quadratic in the rows of a long export (issue 11).
  let scanned = table.bottom;
  let line: number | undefined;
  const unitLine = (first: number) => {
    while (scanned < first - 1) {
      scanned++;
      if (!hasIndicator(scanned) && view.text(scanned, table.listCols.name!) !== '') line = scanned;
    }
    return line;
  };
  const nameCol = table.listCols.name!;
  const groups: number[][] = [];
  let key: string | undefined;
  for (const r of rows) {
    const k = cellText(view.cell(r, nameCol));
    if (k !== key || groups.length === 0) groups.push([]);
    key = k;
    groups[groups.length - 1].push(r);
  }
  const unitWan = unitFromLabels(view, d, d.labels[0].row, table.bottom);
  return groups.map((g) => {
    const at = (col: number | undefined) => (col === undefined ? undefined : field(view, g[0], col));
    const unitRow = table.listCols.unit === undefined ? unitLine(g[0]) : undefined;
    const totalCell = at(table.listCols.total);
    const fiscalCell = at(table.listCols.fiscal);
    const form: Form = {
      sheet, workbook, index: 0, family: family.id,
      ...(forced ? { familyForced: true } : {}),
      firstCell: at(nameCol)!.cell,
      top: g[0],
      bottom: g[g.length - 1],
      left: table.left,
      right: table.right,
      framework: 'classic',
      name: at(nameCol),
      ...(table.listCols.unit !== undefined ? { unit: at(table.listCols.unit) } : unitRow !== undefined ? { unit: field(view, unitRow, table.listCols.name!) } : {}),
      ...(table.listCols.code !== undefined ? { code: at(table.listCols.code) } : {}),
      ...(table.listCols.goal !== undefined ? { goal: at(table.listCols.goal) } : {}),
      ...(totalCell ? { total: { ...totalCell, amount: parseAmount(totalCell.raw) } } : {}),
      ...(fiscalCell ? { fiscal: { ...fiscalCell, amount: parseAmount(fiscalCell.raw) } } : {}),
      sources: [],
      labelUnitWan: unitWan,
      indicators: g.map((r) => readRow(view, r, table, family)),
      missing: [],
    };
    form.header = header(table, family, at(table.cols.h1 ?? nameCol)!.cell);
    if (form.indicators.some((row) => row.level1 === 'cost')) form.framework = '2021';
    const has: Record<FormPart, boolean> = {
      code: !!form.code, name: true, total: !!form.total, use: false, plan: false, goal: !!form.goal, header: true,
    };
    form.missing = family.requires.filter((p) => !has[p]);
    return form;
  });
}
