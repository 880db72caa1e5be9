import type { Area, Cell, Grid } from '../grid';
import { cellText } from '../values';
import { normLabel } from '../text';

/**
 * A grid with merged areas resolved: any cell of a merged area reads as the
 * area's top-left cell. All coordinates are absolute.
 */
export class SheetView {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly mergeAt = new Map<number, Area>();
  private readonly labels = new Map<number, string>();

  constructor(readonly grid: Grid) {
    this.top = grid.top;
    this.left = grid.left;
    this.bottom = grid.top + grid.cells.length - 1;
    let width = 0;
    for (const row of grid.cells) if (row && row.length > width) width = row.length;
    this.right = grid.left + width - 1;
    for (const m of grid.merges) {
      // Only the part inside the used range matters; clamping keeps huge merges cheap.
      const top = Math.max(m.top, this.top);
      const bottom = Math.min(m.bottom, this.bottom);
      const left = Math.max(m.left, this.left);
      const right = Math.min(m.right, this.right);
      if ((bottom - top + 1) * (right - left + 1) > 1_000_000) continue;
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.mergeAt.set(key(r, c), m);
    }
  }

  /** The merged area holding (row, col), or the cell itself. */
  area(row: number, col: number): Area {
    return this.mergeAt.get(key(row, col)) ?? { top: row, left: col, bottom: row, right: col };
  }

  /** True when (row, col) is the top-left of its area, i.e. where its value lives. */
  isOwner(row: number, col: number): boolean {
    const m = this.mergeAt.get(key(row, col));
    return !m || (m.top === row && m.left === col);
  }

  /** The cell at (row, col) after merge resolution. */
  cell(row: number, col: number): Cell | undefined {
    const m = this.mergeAt.get(key(row, col));
    const r = m ? m.top : row;
    const c = m ? m.left : col;
    return this.grid.cells[r - this.top]?.[c - this.left];
  }

  /** The raw cell at (row, col), ignoring merges (only owners hold values). */
  rawCell(row: number, col: number): Cell | undefined {
    return this.grid.cells[row - this.top]?.[col - this.left];
  }

  text(row: number, col: number): string {
    return cellText(this.cell(row, col));
  }

  /** Normalised label text of (row, col), cached per owner cell. */
  label(row: number, col: number): string {
    const a = this.area(row, col);
    const k = key(a.top, a.left);
    let l = this.labels.get(k);
    if (l === undefined) {
      // normLabel drops every space and folds NFKC, so it needs no normText pass first (one memo lookup, not two).
      const raw = this.rawCell(a.top, a.left);
      l = raw ? normLabel(raw.text !== '' || raw.value === null ? raw.text : String(raw.value)) : '';
      this.labels.set(k, l);
    }
    return l;
  }
}

function key(row: number, col: number): number {
  return row * 20000 + col;
}
