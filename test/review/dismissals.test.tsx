/**
 * @jest-environment jsdom
 */
/**
 * Issue 12: a finding dismissed (忽略) in the pane, with a required reason, is kept in the workbook
 * (goalsheet.dismissals), listed greyed under 已忽略 and not marked on the sheet; restoring brings it and its mark
 * back; a dismissal lapses when its cell's value changes.
 */
import '@testing-library/jest-dom';
import { screen, waitFor, within } from '@testing-library/react';
import {
  applyDismissals, cellFingerprint, cleanReason, DISMISSALS_KEY, MAX_DISMISSALS, MAX_REASON, readDismissals, type Dismissal,
} from '../../src/core/dismissals';
import type { Grid } from '../../src/core/grid';
import { SEVERITY_FILL } from '../../src/core/marks';
import type { Finding } from '../../src/core/rules/types';
import { displayedFill } from '../../src/host/edits';
import { renderPane } from '../helpers/pane';
import { hostWith } from '../helpers/seed';

const SHEET = '政务联络经费';
// Role queries compute every candidate's accessible name: scoped to the toolbar, one form's findings or the 已忽略
// group, they stay fast.
const toolbar = () => within(screen.getByRole('toolbar'));
const findingsOf = (sheet: string) => within(screen.getByRole('region', { name: `${sheet} 第 1 张表` }));
const dismissedGroup = () => screen.queryByLabelText('已忽略');
const stored = (host: ReturnType<typeof hostWith>) => {
  const raw = host.data.settings[DISMISSALS_KEY];
  return raw === undefined ? undefined : (JSON.parse(raw as string) as { version: number; items: Dismissal[] });
};

async function validated() {
  const host = hostWith();
  const { user } = renderPane(host);
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13'));
  return { host, user };
}

async function dismissE18(user: Awaited<ReturnType<typeof validated>>['user'], reason: string) {
  await user.click(findingsOf(SHEET).getByRole('button', { name: `忽略 SAT-001（${SHEET}!E18）` }));
  const input = findingsOf(SHEET).getByRole('textbox', { name: /忽略原因/ });
  if (reason) await user.type(input, reason);
  await user.click(findingsOf(SHEET).getByRole('button', { name: '确定忽略' }));
}

test('dismiss with a reason (an empty one is refused): listed under 已忽略, not counted, its mark and note gone; restore brings it back', async () => {
  const { host, user } = await validated();
  const sheet = () => host.sheet(SHEET)!;
  expect(displayedFill(sheet(), 17, 4)).toBe(SEVERITY_FILL.error);
  expect(sheet().notes.E18).toContain('SAT-001');

  // A reason is required: blanks are no reason.
  await dismissE18(user, '   ');
  expect(await screen.findByText('请填写忽略原因。')).toBeInTheDocument();
  expect(stored(host)).toBeUndefined();

  await user.type(findingsOf(SHEET).getByRole('textbox', { name: /忽略原因/ }), '  上级文件要求按分值填写  ');
  await user.click(findingsOf(SHEET).getByRole('button', { name: '确定忽略' }));
  await waitFor(() => expect(dismissedGroup()).not.toBeNull());
  const dismissed = within(dismissedGroup()!);
  expect(dismissed.getByText(`${SHEET} · E18 · SAT-001`)).toBeInTheDocument();
  expect(dismissed.getByText('原因：上级文件要求按分值填写')).toBeInTheDocument();
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('错误 9，警告 6，提示 13；已忽略 1'));
  // Not in the active list any more, and not on the sheet: no fill of ours, no note of ours.
  expect(findingsOf(SHEET).queryByRole('button', { name: `忽略 SAT-001（${SHEET}!E18）` })).toBeNull();
  expect(displayedFill(sheet(), 17, 4)).toBeUndefined();
  expect(sheet().notes.E18).toBeUndefined();
  expect(stored(host)).toMatchObject({ version: 1, items: [{ ruleId: 'SAT-001', sheet: SHEET, cell: 'E18', reason: '上级文件要求按分值填写' }] });

  // Validating again keeps the dismissal (and the cell unmarked).
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('已忽略 1'));
  expect(displayedFill(sheet(), 17, 4)).toBeUndefined();

  await user.click(within(dismissedGroup()!).getByRole('button', { name: `恢复 SAT-001（${SHEET}!E18）` }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13'));
  expect(dismissedGroup()).toBeNull();
  expect(displayedFill(sheet(), 17, 4)).toBe(SEVERITY_FILL.error);
  expect(sheet().notes.E18).toContain('SAT-001');
  expect(stored(host)).toBeUndefined();
});

test('restore all brings every dismissed finding back', async () => {
  const { host, user } = await validated();
  await dismissE18(user, '原因一');
  await waitFor(() => expect(dismissedGroup()).not.toBeNull());
  await user.click(findingsOf('市长热线经费').getByRole('button', { name: '忽略 VAL-002（市长热线经费!E15）' }));
  await user.type(findingsOf('市长热线经费').getByRole('textbox', { name: /忽略原因/ }), '原因二{Enter}');
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('错误 8，警告 6，提示 13；已忽略 2'));
  expect(stored(host)!.items).toHaveLength(2);
  await user.click(within(dismissedGroup()!).getByRole('button', { name: '全部恢复' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13'));
  expect(stored(host)).toBeUndefined();
  expect(displayedFill(host.sheet('市长热线经费')!, 14, 4)).toBe(SEVERITY_FILL.error);
});

test('a dismissal lapses when its cell changes: the finding is back and marked, the setting drops it', async () => {
  const { host, user } = await validated();
  await dismissE18(user, '已核实');
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('已忽略 1'));
  await host.edit(SHEET, 'E18', '3');
  await user.click(toolbar().getByRole('button', { name: '校验整个工作簿' }));
  await waitFor(() => expect(screen.getByTestId('summary')).toHaveTextContent('共 11 张表：错误 10，警告 6，提示 13'));
  expect(screen.getByTestId('summary')).not.toHaveTextContent('已忽略');
  expect(findingsOf(SHEET).getByRole('button', { name: `忽略 SAT-001（${SHEET}!E18）` })).toBeInTheDocument();
  expect(displayedFill(host.sheet(SHEET)!, 17, 4)).toBe(SEVERITY_FILL.error);
  expect(stored(host)).toBeUndefined();
});

describe('core/dismissals', () => {
  const grid: Grid = { sheet: 'S', top: 2, left: 1, merges: [], cells: [[{ text: '2', value: '2' }, { text: '2', value: 2 }], [undefined, { text: '', value: null }]] };
  const finding = (cell: string, ruleId = 'SAT-001'): Finding => ({ ruleId, severity: 'error', sheet: 'S', cell, message: 'm', workbook: 'w', form: 0 });

  test('the fingerprint tells text from number, is "" for empty cells and undefined for a sheet not read', () => {
    expect(cellFingerprint([grid], 'S', 'B3')).not.toBe(cellFingerprint([grid], 'S', 'C3'));
    expect(cellFingerprint([grid], 'S', 'B3')).toMatch(/^s1:[0-9a-f]{16}$/);
    expect(cellFingerprint([grid], 'S', 'B4')).toBe('');
    expect(cellFingerprint([grid], 'S', 'C4')).toBe('');
    expect(cellFingerprint([grid], 'S', 'Z99')).toBe('');
    expect(cellFingerprint([grid], 'T', 'B3')).toBeUndefined();
  });

  test('applyDismissals: matched by rule, cell and value; a changed value lapses; other sheets are kept unjudged', () => {
    const fp = (sheet: string, cell: string) => cellFingerprint([grid], sheet, cell);
    const d = (cell: string, value: string, sheet = 'S', ruleId = 'SAT-001'): Dismissal => ({ ruleId, sheet, cell, value, reason: 'r', at: '2026-01-01T00:00:00Z' });
    const { findings, alive } = applyDismissals(
      [finding('B3'), finding('C3'), finding('B3', 'VAL-001')],
      [d('B3', fp('S', 'B3')!), d('C3', 'stale'), d('A1', 'x', 'T')],
      fp,
    );
    expect(findings.map((f) => f.dismissed?.reason)).toEqual(['r', undefined, undefined]);
    expect(findings[0].dismissed).toEqual({ reason: 'r', at: '2026-01-01T00:00:00Z' });
    expect(alive.map((x) => x.cell)).toEqual(['B3', 'A1']);
  });

  test('the setting is untrusted: junk entries are dropped, reasons trimmed and capped, the count capped', () => {
    const ok = { ruleId: 'SAT-001', sheet: 'S', cell: '$e$18', value: '', reason: ` ${'长'.repeat(500)} `, at: 'now' };
    const { dismissals, invalid } = readDismissals({ items: [ok, null, 3, { ...ok, reason: '  ' }, { ...ok, cell: 'not a cell' }, { ...ok, ruleId: { x: 1 } }, { ...ok }] });
    expect(dismissals).toHaveLength(1); // the last one repeats the first's rule and cell
    expect(dismissals[0].cell).toBe('E18');
    expect([...dismissals[0].reason]).toHaveLength(MAX_REASON);
    expect(invalid).toBe(5);
    expect(readDismissals('nonsense')).toEqual({ dismissals: [], invalid: 1 });
    const many = Array.from({ length: MAX_DISMISSALS + 10 }, (_, i) => ({ ...ok, cell: `A${i + 1}` }));
    expect(readDismissals({ items: many }).dismissals).toHaveLength(MAX_DISMISSALS);
    expect(cleanReason(' a\n b ')).toBe('a b');
    expect(cleanReason(' \n ')).toBeUndefined();
  });
});
