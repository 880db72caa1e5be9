/** The pane's validation state: run, cancel, clear, fix, go to a cell, live mode. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SheetSummary } from '../core/engine';
import type { Options } from '../core/options';
import type { Finding } from '../core/rules/types';
import { dismissalOf, type ReviewedFinding } from '../core/dismissals';
import { CancelledError, type ValidationResult } from '../core/hostRun';
import type { PaneHost, Scope } from './paneHost';
import { STRINGS, type UiLocale } from './strings';

export type Stage = 'read' | 'check' | 'mark' | 'fix' | 'clear' | 'dismiss';

export interface ValidationState {
  findings: ReviewedFinding[];
  sheets: SheetSummary[];
  validated: boolean;
  stage?: Stage;
  error?: string;
  notice?: string;
  protectedSheets: string[];
  live: boolean;
}

const LIVE_DELAY_MS = 800;

export function useValidation(host: PaneHost, options: Options, locale: UiLocale) {
  const s = STRINGS[locale];
  const [state, setState] = useState<ValidationState>({ findings: [], sheets: [], validated: false, protectedSheets: [], live: false });
  const cancelRequested = useRef(false);
  const stopWatching = useRef<(() => Promise<void>) | undefined>(undefined);
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const lang = locale === 'en' ? 1 : 0;
  // The latest options, read when a run starts (settings change between runs).
  const opts = useRef<Options>(options);
  opts.current = { ...options, locale: locale === 'en' ? 'en' : 'zh-CN' };

  // One run at a time: a validation, a fix, a clear and a live re-check queue behind each other, so no run reads
  // what another is writing.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const serial = <T,>(job: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(job, job);
    queue.current = next.catch(() => undefined);
    return next;
  };

  const fail = useCallback((e: unknown) => {
    if (e instanceof CancelledError) setState((st) => ({ ...st, stage: undefined, notice: s.cancelled }));
    else setState((st) => ({ ...st, stage: undefined, error: host.explainError(e)[lang] }));
  }, [host, s, lang]);

  /** Merge a run's result: a partial run (one sheet) replaces only that sheet's findings. */
  const merge = (scope: Scope, result: ValidationResult) =>
    setState((st) => {
      const names = new Set(result.sheets.map((x) => x.name));
      const keep = scope === 'all' ? [] : st.findings.filter((f) => !names.has(f.sheet));
      const keepSheets = scope === 'all' ? [] : st.sheets.filter((x) => !names.has(x.name));
      return {
        ...st,
        stage: undefined,
        validated: true,
        findings: [...keep, ...result.findings],
        sheets: [...keepSheets, ...result.sheets],
        protectedSheets: result.protectedSheets,
      };
    });

  const runValidation = useCallback(
    async (scope: Scope) => {
      cancelRequested.current = false;
      setState((st) => ({ ...st, stage: 'read', error: undefined, notice: undefined }));
      try {
        const result = await host.validate(scope, opts.current, {
          stage: (stage) => setState((st) => ({ ...st, stage })),
          cancelled: () => cancelRequested.current,
        });
        merge(scope, result);
        return result;
      } catch (e) {
        fail(e);
        return undefined;
      }
    },
    [host, locale],
  );

  const validate = useCallback((scope: Scope) => serial(() => runValidation(scope)), [runValidation]);

  const cancel = useCallback(() => {
    cancelRequested.current = true;
  }, []);

  const clear = useCallback(() => serial(async () => {
    setState((st) => ({ ...st, stage: 'clear', error: undefined, notice: undefined }));
    try {
      const { sheets, skipped } = await host.clear();
      const notice = [s.cleared(sheets), ...skipped.map((x) => s.clearSkipped(x.sheet, x.reason, x.count))].join(' ');
      setState((st) => ({ ...st, stage: undefined, findings: [], sheets: [], validated: false, protectedSheets: [], notice }));
    } catch (e) {
      fail(e);
    }
  }), [host, s, fail]);

  const goTo = useCallback(
    async (f: Finding) => {
      try {
        const done = await host.select(f.sheet, f.cell);
        if (done === 'hidden') setState((st) => ({ ...st, notice: s.hiddenSheet(f.sheet) }));
      } catch (e) {
        fail(e);
      }
    },
    [host, fail, s],
  );

  /** Write (fixes, dismissals), then re-check the sheets of the findings it concerns, as one run. */
  const writeThenCheck = useCallback(
    (stage: Stage, write: () => Promise<unknown>, touched: Finding[]) => serial(async () => {
      setState((st) => ({ ...st, stage, error: undefined, notice: undefined }));
      try {
        await write();
      } catch (e) {
        fail(e);
        return;
      }
      for (const sheet of new Set(touched.map((f) => f.sheet))) await runValidation({ sheet });
    }),
    [runValidation, fail],
  );

  /** Write the fixes, then re-check the sheets they touched. */
  const fix = useCallback((fs: Finding[]) => writeThenCheck('fix', () => host.applyFixes(fs), fs), [host, writeThenCheck]);

  /** Keep the dismissals in the workbook, then re-check the sheets they are on (their marks go or come back). */
  const review = useCallback(
    (added: ReviewedFinding[], reason: string | undefined, removed: ReviewedFinding[]) =>
      writeThenCheck('dismiss', () => {
        const at = new Date().toISOString();
        return host.updateDismissals(reason === undefined ? [] : added.flatMap((f) => dismissalOf(f, reason, at) ?? []), removed);
      }, [...added, ...removed]),
    [host, writeThenCheck],
  );

  /** Dismiss findings with a reason (required: an empty one does nothing). */
  const dismiss = useCallback((fs: ReviewedFinding[], reason: string) => review(fs, reason, []), [review]);
  /** Bring dismissed findings back. */
  const restore = useCallback((fs: ReviewedFinding[]) => review([], undefined, fs), [review]);

  const setLive = useCallback(
    async (on: boolean) => {
      await stopWatching.current?.();
      stopWatching.current = undefined;
      if (on) {
        const names = state.sheets.filter((x) => x.status === 'checked').map((x) => x.name);
        stopWatching.current = await host.watch(names, (sheet) => {
          // Debounced per sheet: typing a few cells re-checks once.
          clearTimeout(pending.current.get(sheet));
          pending.current.set(sheet, setTimeout(() => void validate({ sheet }), LIVE_DELAY_MS));
        });
      }
      setState((st) => ({ ...st, live: on }));
    },
    [host, state.sheets, validate],
  );

  useEffect(() => () => {
    pending.current.forEach((t) => clearTimeout(t));
    void stopWatching.current?.();
  }, []);

  return { state, validate, cancel, clear, goTo, fix, dismiss, restore, setLive, notesSupported: host.notesSupported };
}
