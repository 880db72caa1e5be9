/**
 * A draft form: the labels the segmenter gave one form, with its tables. What
 * every assembler of a draft needs: which table is the annual one, which
 * family the draft is in, and the unit its amounts are written in.
 */
import { SheetView } from './sheetView';
import { detectFamily, FAMILY_BY_ID, type Evidence, type FamilyId, type LayoutFamily } from './families';
import type { Label } from './fields';
import { isTableMarker, qualifierOf, type HeaderKind, type LabelKind } from './labels';
import type { TableLayout } from './table';

export interface ReadOptions {
  /** Read every form in this family instead of recognising it (--config "layout"). */
  layout?: FamilyId;
}
export interface Draft {
  labels: Label[];
  kinds: Set<LabelKind>;
  /** Header bands of the tables seen so far, top to bottom. */
  tables: TableLayout[];
}

/** The table to check: the one marked annual, else the one not marked long-term, else the last. */
export function annualTable(d: Draft): { table?: TableLayout; next?: number } {
  const marked = d.tables.map((t) => {
    let q = t.q;
    for (const l of d.labels) {
      if (l.kind !== 'tableLong' && l.kind !== 'tableAnnual') continue;
      const beside = l.area.top <= t.top && l.area.bottom >= t.top && l.col < t.left;
      const above = l.row < t.top && l.row >= t.top - 2;
      if (beside || above) {
        const lq = qualifierOf(l.norm);
        q = { ...q, long: q.long || lq.long, annual: q.annual || lq.annual };
      }
    }
    return q;
  });
  let i = marked.findIndex((q) => q.annual && !q.long);
  if (i < 0) i = marked.findIndex((q) => !q.long);
  if (i < 0) i = d.tables.length - 1;
  const next = d.tables[i + 1];
  // The next table's marker row (if any) ends this one too.
  const nextTop = next ? Math.min(next.top, ...d.labels.filter((l) => isTableMarker(l.kind) && l.row > d.tables[i].bottom).map((l) => l.row)) : undefined;
  return { table: d.tables[i], next: nextTop };
}
interface Common {
  family: LayoutFamily;
  forced: boolean;
}
export function familyOf(d: Draft, table: TableLayout | undefined, list: boolean, options: ReadOptions): Common {
  if (options.layout && FAMILY_BY_ID.has(options.layout)) return { family: FAMILY_BY_ID.get(options.layout)!, forced: true };
  const evidence: Evidence = {
    kinds: d.kinds,
    texts: d.labels.map((l) => l.norm),
    columns: new Set(Object.keys(table?.cols ?? {}) as HeaderKind[]),
    headerTexts: table?.headerTexts ?? [],
    tables: Math.max(d.tables.length, table?.groups ?? 0),
    list,
  };
  return { family: detectFamily(evidence), forced: false };
}
/** "项目资金(万元)", "预算数(万元)", or a "金额单位：元" line within the form settles amounts typed without a unit. */
export function unitFromLabels(view: SheetView, d: Draft, top: number, bottom: number): number | undefined {
  for (const l of d.labels) {
    const text = l.norm;
    const m = /\((万元|元)\)/.exec(text) ?? (l.kind === 'unitLine' ? /(万元|元)$/.exec(text) : null);
    if (m && (l.kind === 'total' || l.kind === 'fiscal' || l.kind === 'other' || l.kind === 'budget' || l.kind === 'unitLine')) {
      return m[1] === '万元' ? 1 : 1e-4;
    }
  }
  // A note above the form ("单位：万元"), or any heading of the block above the table ("投入目标(万元)",
  // "年初安排金额(万元)"): the header block holds no money but the amounts.
  for (let r = Math.max(view.top, top - 2); r <= Math.min(bottom, view.bottom); r++) {
    const row = view.grid.cells[r - view.top];
    if (!row) continue;
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      // Only a short text that names 元 can name the unit; most cells are passed over here.
      if (!cell || typeof cell.value !== 'string' || cell.text.length > 30 || !cell.text.includes('元')) continue;
      const label = view.label(r, view.left + i);
      const m = /单位:?(万元|元)$/.exec(label) ?? /\((万元|元)\)$/.exec(label);
      if (m) return m[1] === '万元' ? 1 : 1e-4;
    }
  }
  return undefined;
}
