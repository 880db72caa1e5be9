/**
 * Rule settings, kept in the workbook so everyone who opens the file checks with the same rules. They come from
 * whoever sent the file: what they switch off or make milder is shown, and a reviewer can check with the
 * default rules instead (a choice kept for this person on this computer, not in the workbook).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { weakenedRules, type Options, type RuleSetting } from '../core/options';
import type { Severity } from '../core/rules/types';
import type { PaneHost } from './paneHost';

/** Where this person's choice to ignore workbooks' rule settings is kept (the pane's own storage). */
export const DEFAULT_RULES_KEY = 'goalsheet.defaultRules';

function storedChoice(): boolean {
  try {
    return globalThis.localStorage?.getItem(DEFAULT_RULES_KEY) === '1';
  } catch {
    return false; // storage refused (private mode, policy): the workbook's settings apply
  }
}

export function useSettings(host: PaneHost) {
  const [options, setOptions] = useState<Options>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<[string, string] | undefined>();
  const [defaultRules, setDefaultRulesState] = useState(storedChoice);

  useEffect(() => {
    host.loadOptions().then(
      (o) => {
        setOptions(o.options ?? {});
        setProblems(o.problems);
      },
      (e) => setError(host.explainError(e)),
    );
  }, [host]);

  const setDefaultRules = useCallback((on: boolean) => {
    setDefaultRulesState(on);
    try {
      if (on) globalThis.localStorage?.setItem(DEFAULT_RULES_KEY, '1');
      else globalThis.localStorage?.removeItem(DEFAULT_RULES_KEY);
    } catch {
      // kept for this session only
    }
  }, []);

  /** What the checks run with: the workbook's settings, or the defaults when this person chose so. */
  const effective = useMemo<Options>(() => (defaultRules ? {} : options), [defaultRules, options]);
  const weakened = useMemo(() => weakenedRules(options), [options]);

  const save = useCallback(
    async (next: Options) => {
      setOptions(next);
      try {
        await host.saveOptions(Object.keys(next).length ? next : undefined);
        setError(undefined);
      } catch (e) {
        setError(host.explainError(e));
      }
    },
    [host],
  );

  const setRule = useCallback(
    (id: string, setting: { enabled?: boolean; severity?: Severity }) => {
      const current = options.rules?.[id];
      const base: { enabled?: boolean; severity?: Severity } = typeof current === 'object' ? current : {};
      const rule: RuleSetting = { ...base, ...setting };
      return save({ ...options, rules: { ...options.rules, [id]: rule } });
    },
    [options, save],
  );

  const setSatisfactionMin = useCallback((n: number) => save({ ...options, satisfactionMin: n }), [options, save]);
  const reset = useCallback(() => save({}), [save]);

  return { options, effective, weakened, problems, defaultRules, setDefaultRules, setRule, setSatisfactionMin, reset, error };
}
