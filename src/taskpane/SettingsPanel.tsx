/** Per-rule on/off and severity, the satisfaction threshold, reset; saved in the workbook. */
import { Button, Caption1, Dropdown, Field, makeStyles, Option, SpinButton, Switch, tokens } from '@fluentui/react-components';
import { ruleSeverity, type Options } from '../core/options';
import { ruleTitle } from '../core/rules/messages';
import { RULES } from '../core/rules/registry';
import type { Severity } from '../core/rules/types';
import { STRINGS, type UiLocale } from './strings';

const useStyles = makeStyles({
  rules: { listStyleType: 'none', margin: 0, padding: 0 },
  rule: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, paddingBlock: tokens.spacingVerticalXXS },
  name: { flexGrow: 1, minWidth: 0 },
  severity: { minWidth: '90px' },
});

interface Props {
  options: Options;
  locale: UiLocale;
  onRule: (id: string, s: { enabled?: boolean; severity?: Severity }) => void;
  onSatisfactionMin: (n: number) => void;
  onReset: () => void;
}

export function SettingsPanel({ options, locale, onRule, onSatisfactionMin, onReset }: Props) {
  const s = STRINGS[locale];
  const styles = useStyles();
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  return (
    <section aria-label={s.tabs.settings}>
      <Caption1>{s.settings.title}</Caption1>
      <Field label={s.settings.satisfactionMin}>
        <SpinButton min={0} max={100} value={options.satisfactionMin ?? 80} onChange={(_, d) => {
          const v = d.value ?? Number(d.displayValue);
          if (Number.isFinite(v)) onSatisfactionMin(Math.max(0, Math.min(100, v as number)));
        }} />
      </Field>
      <ul className={styles.rules}>
        {RULES.map(({ meta }) => {
          const current = ruleSeverity(meta.id, options);
          const on = current !== 'off';
          const title = `${meta.id} ${ruleTitle(meta.id, lang)}`;
          return (
            <li key={meta.id} className={styles.rule}>
              <Switch checked={on} aria-label={`${s.settings.enabled}：${title}`} onChange={(_, d) => onRule(meta.id, { enabled: d.checked })} />
              <span className={styles.name}>{title}</span>
              <Dropdown className={styles.severity} disabled={!on} aria-label={`${s.settings.severity}：${title}`}
                value={on ? s.severity[current as Severity] : s.severity[meta.severity]}
                selectedOptions={[on ? current : meta.severity]}
                onOptionSelect={(_, d) => onRule(meta.id, { enabled: true, severity: d.optionValue as Severity })}>
                {(['error', 'warning', 'info'] as Severity[]).map((v) => (
                  <Option key={v} value={v}>{s.severity[v]}</Option>
                ))}
              </Dropdown>
            </li>
          );
        })}
      </ul>
      <Button onClick={onReset}>{s.settings.reset}</Button>
    </section>
  );
}
