/** Rule settings, kept in the workbook so everyone who opens the file checks with the same rules. */
import { useCallback, useEffect, useState } from 'react';
import type { Options, RuleSetting } from '../core/options';
import type { Severity } from '../core/rules/types';
import { explainError, loadOptions, saveOptions } from '../excel/actions';
import type { ExcelEnv } from './env';

export function useSettings(env: ExcelEnv) {
  const [options, setOptions] = useState<Options>({});
  const [error, setError] = useState<[string, string] | undefined>();

  useEffect(() => {
    env.run(loadOptions).then((o) => setOptions(o ?? {}), (e) => setError(explainError(e)));
  }, [env]);

  const save = useCallback(
    async (next: Options) => {
      setOptions(next);
      try {
        await env.run((c) => saveOptions(c, Object.keys(next).length ? next : undefined));
        setError(undefined);
      } catch (e) {
        setError(explainError(e));
      }
    },
    [env],
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

  return { options, setRule, setSatisfactionMin, reset, error };
}
