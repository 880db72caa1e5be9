/**
 * The in-memory host's workbook drawn like Excel: sheet tabs, cells with
 * merges, fills, borders and fonts, notes on hover, the selection. Redrawn
 * after every sync, so the pane's marks and clicks show at once.
 */
import { useEffect, useReducer, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { parseAddress } from '../core/address';
import { toA1 } from '../core/grid';
import { displayedFill } from '../host/edits';
import { cellText } from '../host/excel';
import type { ViewHost } from './hosts';
import { cellKey, type HostCell, type HostSheet } from '../host/model';

const DEFAULT_COL_PX = 64;
const DEFAULT_ROW_PX = 20;
const MIN_ROWS = 30;
const MIN_COLS = 8;
const colName = (c: number) => toA1(0, c).replace(/\d+$/, '');

function extent(sheet: HostSheet): { rows: number; cols: number } {
  let rows = MIN_ROWS;
  let cols = MIN_COLS;
  for (const k of Object.keys(sheet.cells)) {
    const [r, c] = k.split(',').map(Number);
    rows = Math.max(rows, r + 2);
    cols = Math.max(cols, c + 2);
  }
  for (const m of sheet.merges) {
    rows = Math.max(rows, m.bottom + 2);
    cols = Math.max(cols, m.right + 2);
  }
  return { rows, cols };
}

/** `fill`: what Excel shows, conditional formats included. */
function cellStyle(cell: HostCell | undefined, fill: string | undefined, edges: { top: boolean; bottom: boolean; left: boolean; right: boolean }): CSSProperties {
  const line = (on: boolean) => (on ? '1px solid #000' : '1px solid #E1E1E1');
  return {
    background: fill ?? '#FFFFFF',
    color: cell?.fontColor ?? '#000000',
    fontWeight: cell?.bold ? 700 : 400,
    fontFamily: cell?.fontName ? `"${cell.fontName}", "SimSun", "Songti SC", serif` : undefined,
    fontSize: cell?.fontSize ? `${(cell.fontSize * 4) / 3}px` : undefined,
    textAlign: cell?.hAlign === 'Center' ? 'center' : cell?.hAlign === 'Right' ? 'right' : typeof cell?.value === 'number' && !cell.hAlign ? 'right' : 'left',
    verticalAlign: cell?.vAlign === 'Top' ? 'top' : cell?.vAlign === 'Center' ? 'middle' : 'bottom',
    whiteSpace: cell?.wrap ? 'pre-wrap' : 'pre',
    borderTop: line(edges.top),
    borderBottom: line(edges.bottom),
    borderLeft: line(edges.left),
    borderRight: line(edges.right),
  };
}

export function WorkbookView({ host, labels }: { host: ViewHost; labels: { sheets: string; workbook: string; edit: string } }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const [editing, setEditing] = useState<{ cell: string; text: string }>();
  useEffect(() => host.subscribe(redraw), [host]);

  const data = host.data;
  const visible = data.sheets.filter((s) => s.visibility === 'Visible');
  const sheet = visible.find((s) => s.id === data.activeSheet) ?? visible[0];
  if (!sheet) return <section aria-label={labels.workbook} />;
  const selected = parseAddress(data.selection);
  const selection = selected?.sheet === sheet.name ? selected.area : undefined;
  const { rows, cols } = extent(sheet);
  const merged = new Map(sheet.merges.map((m) => [cellKey(m.top, m.left), m]));
  const covered = new Set<string>();
  for (const m of sheet.merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(cellKey(r, c));
  const border = (r: number, c: number) => sheet.cells[cellKey(r, c)]?.borders ?? {};
  const widths = Array.from({ length: cols }, (_, c) => (sheet.columnWidths?.[c] ? (sheet.columnWidths[c] * 4) / 3 : DEFAULT_COL_PX));

  const commit = async () => {
    if (!editing) return;
    const text = editing.text;
    setEditing(undefined);
    await host.edit(sheet.name, editing.cell, /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text);
  };
  const onEditKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') void commit();
    if (e.key === 'Escape') setEditing(undefined);
  };

  return (
    <section className="book" aria-label={labels.workbook}>
      {/* Focusable so the sheet can be scrolled from the keyboard. */}
      <div className="grid-scroll" tabIndex={0} role="region" aria-label={`${labels.workbook}: ${sheet.name}`}>
        <table className="grid" aria-label={sheet.name}>
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, c) => (
              <col key={c} style={{ width: Math.round(w) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="corner" aria-label={sheet.name} />
              {widths.map((_, c) => (
                <th scope="col" key={c}>{colName(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r} style={{ height: sheet.rowHeights?.[r] ? (sheet.rowHeights[r] * 4) / 3 : DEFAULT_ROW_PX }}>
                <th scope="row">{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const key = cellKey(r, c);
                  if (covered.has(key)) return null;
                  const m = merged.get(key);
                  const area = m ?? { top: r, left: c, bottom: r, right: c };
                  const cell = sheet.cells[key];
                  const a1 = toA1(r, c);
                  const note = sheet.notes[a1];
                  const edges = {
                    top: !!border(area.top, area.left).top || (area.top > 0 && !!border(area.top - 1, area.left).bottom),
                    bottom: !!border(area.bottom, area.left).bottom || !!border(area.bottom + 1, area.left).top,
                    left: !!border(area.top, area.left).left || (area.left > 0 && !!border(area.top, area.left - 1).right),
                    right: !!border(area.top, area.right).right || !!border(area.top, area.right + 1).left,
                  };
                  const selected = !!selection && selection.top === r && selection.left === c;
                  return (
                    <td
                      key={c}
                      data-cell={a1}
                      rowSpan={m ? m.bottom - m.top + 1 : undefined}
                      colSpan={m ? m.right - m.left + 1 : undefined}
                      style={cellStyle(cell, displayedFill(sheet, r, c), edges)}
                      className={[selected ? 'selected' : '', note ? 'has-note' : ''].join(' ').trim() || undefined}
                      aria-current={selected || undefined}
                      onClick={() => host.selectCell(sheet.name, a1)}
                      onDoubleClick={() => setEditing({ cell: a1, text: cell?.value === undefined ? '' : String(cell.value) })}
                    >
                      {editing?.cell === a1 ? (
                        <input className="cell-editor" aria-label={labels.edit} autoFocus value={editing.text} onChange={(e) => setEditing({ cell: a1, text: e.target.value })} onKeyDown={onEditKey} onBlur={() => void commit()} />
                      ) : (
                        cellText(cell)
                      )}
                      {note && <span className="note" role="note">{note}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="tabs" role="tablist" aria-label={labels.sheets}>
        {visible.map((s) => (
          <button key={s.id} type="button" role="tab" aria-selected={s.id === sheet.id} onClick={() => host.showSheet(s.name)}>
            {s.name}
          </button>
        ))}
      </div>
    </section>
  );
}
