/**
 * Findings grouped by sheet and form, filterable by severity and rule; a click selects the cell. Any finding can be
 * dismissed with a reason (kept in the workbook); dismissed ones are listed greyed under 已忽略, to be restored.
 */
import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, Caption1, Dialog, DialogActions, DialogBody,
  DialogContent, DialogSurface, DialogTitle, DialogTrigger, Dropdown, Field, Input, makeStyles, mergeClasses, Option, tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { FAMILY_BY_ID, type FamilyId } from '../core/form/families';
import type { Finding, Severity } from '../core/rules/types';
import { cleanReason, MAX_REASON, type ReviewedFinding } from '../core/dismissals';
import { STRINGS, type UiLocale } from './strings';

const useStyles = makeStyles({
  filters: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalXS },
  go: { flexGrow: 1, justifyContent: 'flex-start', textAlign: 'start', fontWeight: tokens.fontWeightRegular, height: 'auto', padding: tokens.spacingVerticalXS },
  meta: { display: 'flex', columnGap: tokens.spacingHorizontalXS, alignItems: 'center', marginBottom: tokens.spacingVerticalXXS },
  message: { display: 'block' },
  // Read by screen readers, not shown: the button's name starts with where it goes, then says what it shows.
  reasonForm: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS, paddingInlineStart: tokens.spacingHorizontalL },
  reasonActions: { display: 'flex', columnGap: tokens.spacingHorizontalS },
  dismissed: { color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalM },
  greyed: { color: tokens.colorNeutralForeground3 },
  dismissedHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

interface Props {
  findings: ReviewedFinding[];
  /** Each sheet's forms' layout families, in form order. */
  families?: Map<string, FamilyId[]>;
  locale: UiLocale;
  busy: boolean;
  onSelect: (f: Finding) => void;
  onFix: (fs: Finding[]) => void;
  /** Dismiss with a reason (already trimmed and capped); restore dismissed ones. */
  onDismiss?: (fs: ReviewedFinding[], reason: string) => void;
  onRestore?: (fs: ReviewedFinding[]) => void;
}

const findingKey = (f: Finding) => `${f.sheet}!${f.cell}|${f.ruleId}|${f.message}`;

export function FindingList({ findings: all, families, locale, busy, onSelect, onFix, onDismiss, onRestore }: Props) {
  const s = STRINGS[locale];
  const styles = useStyles();
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [rule, setRule] = useState<string>('all');
  // The finding whose reason is being typed, the reason, and whether an empty one was refused.
  const [dismissing, setDismissing] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState(false);
  const findings = useMemo(() => all.filter((f) => !f.dismissed), [all]);
  const dismissed = useMemo(() => all.filter((f) => f.dismissed), [all]);
  const rules = useMemo(() => [...new Set(findings.map((f) => f.ruleId))].sort(), [findings]);
  const startDismiss = (f: Finding) => {
    setDismissing(findingKey(f));
    setReason('');
    setRefused(false);
  };
  const confirmDismiss = (f: ReviewedFinding) => {
    const r = cleanReason(reason);
    if (!r) {
      setRefused(true);
      return;
    }
    setDismissing(undefined);
    onDismiss?.([f], r);
  };
  const shown = findings.filter((f) => (severity === 'all' || f.severity === severity) && (rule === 'all' || f.ruleId === rule));
  const bySheet = new Map<string, ReviewedFinding[]>();
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
                    {list.filter((f) => f.form === form).map((f) => [
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
                        {onDismiss && f.fingerprint !== undefined && (
                          <Button size="small" appearance="subtle" disabled={busy} aria-label={s.dismissLabel(f.ruleId, `${f.sheet}!${f.cell}`)} onClick={() => startDismiss(f)}>
                            {s.dismiss}
                          </Button>
                        )}
                      </li>,
                      dismissing === findingKey(f) && (
                        <li key={`${f.ruleId}-${f.cell}-${f.message}-reason`} className={styles.reasonForm}>
                          <Field label={s.dismissReason} hint={s.dismissHint} required validationState={refused ? 'error' : 'none'} validationMessage={refused ? s.reasonRequired : undefined}>
                            <Input
                              value={reason}
                              maxLength={MAX_REASON}
                              autoFocus
                              onChange={(_, d) => {
                                setReason(d.value);
                                setRefused(false);
                              }}
                              onKeyDown={(e) => {
                                if (e.key === 'Enter') confirmDismiss(f);
                                if (e.key === 'Escape') setDismissing(undefined);
                              }}
                            />
                          </Field>
                          <span className={styles.reasonActions}>
                            <Button size="small" appearance="primary" disabled={busy} onClick={() => confirmDismiss(f)}>{s.dismissConfirm}</Button>
                            <Button size="small" onClick={() => setDismissing(undefined)}>{s.cancel}</Button>
                          </span>
                        </li>
                      ),
                    ])}
                  </ul>
                </section>
              ))}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
      {dismissed.length > 0 && (
        <section aria-label={s.dismissedRegion} className={styles.dismissed}>
          <div className={styles.dismissedHead}>
            <Caption1>{s.dismissedGroup(dismissed.length)}</Caption1>
            {onRestore && <Button size="small" disabled={busy} onClick={() => onRestore(dismissed)}>{s.restoreAll}</Button>}
          </div>
          <ul className={styles.list}>
            {dismissed.map((f) => (
              <li key={`${f.sheet}-${f.ruleId}-${f.cell}-${f.message}`} className={styles.row}>
                <Button appearance="subtle" className={mergeClasses(styles.go, styles.greyed)} onClick={() => onSelect(f)}>
                  <span className={styles.hidden}>{s.goTo(f.sheet)}</span>
                  <span>
                    <span className={styles.meta}>
                      <Badge appearance="outline" color="subtle">{s.severity[f.severity]}</Badge>
                      <Caption1>{`${f.sheet} · ${f.cell} · ${f.ruleId}`}</Caption1>
                    </span>
                    <span className={styles.message}>{f.message}</span>
                    <Caption1 className={styles.message}>{s.reason(f.dismissed!.reason)}</Caption1>
                  </span>
                </Button>
                {onRestore && (
                  <Button size="small" disabled={busy} aria-label={s.restoreLabel(f.ruleId, `${f.sheet}!${f.cell}`)} onClick={() => onRestore([f])}>
                    {s.restore}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** "第 2 张表 · 全国通用申报表": which form, where a sheet has several, and the layout it was read in. */
function FormCaption({ several, form, family, locale }: { several: boolean; form: string; family?: FamilyId; locale: UiLocale }) {
  const name = family && FAMILY_BY_ID.get(family)?.name[locale === 'en' ? 1 : 0];
  const text = [several ? form : '', name ?? ''].filter(Boolean).join(' · ');
  return text ? <Caption1>{text}</Caption1> : null;
}
