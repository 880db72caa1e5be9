/** Findings grouped by sheet and form, filterable by severity and rule; a click selects the cell. */
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Caption1, Dialog, DialogActions, DialogBody,
  DialogContent, DialogSurface, DialogTitle, DialogTrigger, Dropdown, makeStyles, Option, tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { FAMILY_BY_ID, type FamilyId } from '../core/form/families';
import type { Finding, Severity } from '../core/rules/types';
import { STRINGS, type UiLocale } from './strings';

const useStyles = makeStyles({
  filters: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalXS },
  go: { flexGrow: 1, justifyContent: 'flex-start', textAlign: 'start', fontWeight: tokens.fontWeightRegular, height: 'auto', padding: tokens.spacingVerticalXS },
  meta: { display: 'flex', columnGap: tokens.spacingHorizontalXS, alignItems: 'center', marginBottom: tokens.spacingVerticalXXS },
  message: { display: 'block' },
  // Read by screen readers, not shown: the button's name starts with where it goes, then says what it shows.
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

interface Props {
  findings: Finding[];
  /** Each sheet's forms' layout families, in form order. */
  families?: Map<string, FamilyId[]>;
  locale: UiLocale;
  busy: boolean;
  onSelect: (f: Finding) => void;
  onFix: (fs: Finding[]) => void;
}

export function FindingList({ findings, families, locale, busy, onSelect, onFix }: Props) {
  const s = STRINGS[locale];
  const styles = useStyles();
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [rule, setRule] = useState<string>('all');
  const rules = useMemo(() => [...new Set(findings.map((f) => f.ruleId))].sort(), [findings]);
  const shown = findings.filter((f) => (severity === 'all' || f.severity === severity) && (rule === 'all' || f.ruleId === rule));
  const bySheet = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = bySheet.get(f.sheet);
    if (list) list.push(f);
    else bySheet.set(f.sheet, [f]);
  }
  const groups = [...bySheet].map(([sheet, list]) => ({ sheet, list, forms: [...new Set(list.map((f) => f.form))] }));
  const fixableOfRule = rule === 'all' ? [] : shown.filter((f) => f.fix);
  const sevLabel = (v: string) => (v === 'all' ? s.all : s.severity[v as Severity]);

  return (
    <>
      <div className={styles.filters}>
        <Dropdown aria-label={s.filterSeverity} value={sevLabel(severity)} selectedOptions={[severity]} onOptionSelect={(_, d) => setSeverity(d.optionValue as Severity | 'all')}>
          {['all', 'error', 'warning', 'info'].map((v) => (
            <Option key={v} value={v}>{sevLabel(v)}</Option>
          ))}
        </Dropdown>
        <Dropdown aria-label={s.filterRule} value={rule === 'all' ? s.allRules : rule} selectedOptions={[rule]} onOptionSelect={(_, d) => setRule(d.optionValue ?? 'all')}>
          <Option value="all">{s.allRules}</Option>
          {rules.map((r) => (
            <Option key={r} value={r}>{r}</Option>
          ))}
        </Dropdown>
      </div>
      {fixableOfRule.length > 1 && (
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button disabled={busy}>{s.fixAll(rule, fixableOfRule.length)}</Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{s.fixAll(rule, fixableOfRule.length)}</DialogTitle>
              <DialogContent>{s.fixAllConfirm(rule, fixableOfRule.length)}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" onClick={() => onFix(fixableOfRule)}>{s.confirm}</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button>{s.cancel}</Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
      <Accordion multiple collapsible defaultOpenItems={[...bySheet.keys()]}>
        {groups.map(({ sheet, list, forms }) => (
          <AccordionItem key={sheet} value={sheet}>
            <AccordionHeader>{`${sheet}（${list.length}）`}</AccordionHeader>
            <AccordionPanel>
              {forms.map((form) => (
                <section key={form} aria-label={`${sheet} ${s.form(form)}`}>
                  <FormCaption
                    several={forms.length > 1}
                    form={s.form(form)}
                    family={families?.get(sheet)?.[form]}
                    locale={locale}
                  />
                  <ul className={styles.list}>
                    {list.filter((f) => f.form === form).map((f) => (
                      <li key={`${f.ruleId}-${f.cell}-${f.message}`} className={styles.row}>
                        <Button appearance="subtle" className={styles.go} onClick={() => onSelect(f)}>
                          <span className={styles.hidden}>{s.goTo(f.sheet)}</span>
                          <span>
                            <span className={styles.meta}>
                              <Badge appearance="tint" color={BADGE[f.severity]}>{s.severity[f.severity]}</Badge>
                              <Caption1>{`${f.cell} · ${f.ruleId}`}</Caption1>
                            </span>
                            <span className={styles.message}>{f.message}</span>
                          </span>
                        </Button>
                        {f.fix && (
                          <Button size="small" disabled={busy} title={s.fixTo(f.fix.newValue)} aria-label={`${s.fixTo(f.fix.newValue)}（${f.sheet}!${f.cell}）`} onClick={() => onFix([f])}>
                            {s.fix}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </>
  );
}

/** "第 2 张表 · 全国通用申报表": which form, where a sheet has several, and the layout it was read in. */
function FormCaption({ several, form, family, locale }: { several: boolean; form: string; family?: FamilyId; locale: UiLocale }) {
  const name = family && FAMILY_BY_ID.get(family)?.name[locale === 'en' ? 1 : 0];
  const text = [several ? form : '', name ?? ''].filter(Boolean).join(' · ');
  return text ? <Caption1>{text}</Caption1> : null;
}
