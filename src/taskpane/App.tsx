import {
  Body1, Button, Caption1, makeStyles, MessageBar, MessageBarBody, Spinner, Subtitle1, Switch, Tab, TabList, Text, tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Severity } from '../core/rules/types';
import type { PaneHost } from './paneHost';
import { FindingList } from './FindingList';
import { NewSheetPanel } from './NewSheetPanel';
import { SettingsPanel } from './SettingsPanel';
import { STRINGS, type UiLocale } from './strings';
import { useSettings } from './useSettings';
import { useTemplates } from './useTemplates';
import { useValidation } from './useValidation';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  progress: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
});

type Tab = 'findings' | 'templates' | 'settings';

export function App({ host, locale, initialTab = 'findings' }: { host: PaneHost; locale: UiLocale; initialTab?: Tab }) {
  const s = STRINGS[locale];
  const styles = useStyles();
  const [tab, setTab] = useState<Tab>(initialTab);
  useEffect(() => host.onRequest?.((request) => request === 'new' && setTab('templates')), [host]);
  const settings = useSettings(host);
  const templates = useTemplates(host, locale);
  const v = useValidation(host, settings.effective, locale);
  const { state } = v;
  const busy = state.stage !== undefined;
  const counts = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const f of state.findings) if (!f.dismissed) counts[f.severity]++;
  const dismissed = state.findings.filter((f) => f.dismissed).length;
  const forms = state.sheets.reduce((n, x) => n + x.forms, 0);
  const skipped = state.sheets.filter((x) => x.status === 'skipped').map((x) => x.name);
  const unrecognised = state.sheets.filter((x) => x.status === 'unrecognised').map((x) => x.name);
  const families = new Map(state.sheets.map((x) => [x.name, x.families ?? []]));
  const lang = locale === 'en' ? 1 : 0;

  return (
    <main className={styles.root} lang={locale}>
      <header>
        <Subtitle1 as="h1">{s.name}</Subtitle1>
        <Caption1 block>{s.version(__APP_VERSION__)}</Caption1>
      </header>
      <div className={styles.actions} role="toolbar" aria-label={s.name}>
        <Button appearance="primary" disabled={busy} onClick={() => void v.validate('all')}>{s.validateBook}</Button>
        <Button disabled={busy} onClick={() => void v.validate('active')}>{s.validateSheet}</Button>
        <Button disabled={busy} onClick={() => void v.clear()}>{s.clear}</Button>
      </div>
      <Switch label={s.live} checked={state.live} disabled={busy || !state.validated} title={s.liveHint} onChange={(_, d) => void v.setLive(d.checked)} />
      {busy && (
        <div className={styles.progress} role="status">
          <Spinner size="tiny" label={s.stage[state.stage!]} />
          {(state.stage === 'read' || state.stage === 'check') && <Button size="small" onClick={v.cancel}>{s.cancel}</Button>}
        </div>
      )}
      {state.error && (
        <MessageBar intent="error" role="alert"><MessageBarBody style={{ whiteSpace: 'pre-wrap', userSelect: 'text' }}>{state.error}</MessageBarBody></MessageBar>
      )}
      {settings.error && (
        <MessageBar intent="error" role="alert"><MessageBarBody>{settings.error[lang]}</MessageBarBody></MessageBar>
      )}
      {settings.problems.length > 0 && (
        <MessageBar intent="warning"><MessageBarBody>{s.settingsProblems(settings.problems.length, settings.problems.map((p) => p.split(' / ')[lang] ?? p).join('；'))}</MessageBarBody></MessageBar>
      )}
      {settings.weakened.length > 0 && (
        <MessageBar intent="warning" data-testid="weakened">
          <MessageBarBody>{settings.defaultRules ? s.defaultRulesOn(settings.weakened.length) : s.weakened(settings.weakened.length, settings.weakened.join('、'))}</MessageBarBody>
          <Button size="small" onClick={() => settings.setDefaultRules(!settings.defaultRules)}>{settings.defaultRules ? s.useWorkbookRules : s.useDefaultRules}</Button>
        </MessageBar>
      )}
      {state.notice && (
        <MessageBar intent="info" role="status"><MessageBarBody>{state.notice}</MessageBarBody></MessageBar>
      )}
      {!v.notesSupported && state.validated && <Caption1>{s.noNotes}</Caption1>}
      {host.fillsSupported === false && state.validated && <Caption1>{s.noFills}</Caption1>}
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as Tab)}>
        <Tab value="findings">{s.tabs.findings}</Tab>
        <Tab value="templates">{s.templates.tab}</Tab>
        <Tab value="settings">{s.tabs.settings}</Tab>
      </TabList>
      {tab === 'templates' ? (
        <NewSheetPanel templates={templates} locale={locale} />
      ) : tab === 'findings' ? (
        <section aria-label={s.tabs.findings}>
          {!state.validated ? (
            <Body1>{s.notValidated}</Body1>
          ) : (
            <>
              <Text as="p" role="status" aria-live="polite" data-testid="summary">{s.summary(forms, s.counts(counts)) + s.dismissedCount(dismissed)}</Text>
              {skipped.length > 0 && <Caption1 block>{s.skipped(skipped.join('、'))}</Caption1>}
              {unrecognised.length > 0 && <Caption1 block>{s.unrecognised(unrecognised.join('、'))}</Caption1>}
              {state.protectedSheets.length > 0 && (
                <MessageBar intent="warning"><MessageBarBody>{s.protectedSheets(state.protectedSheets.join('、'))}</MessageBarBody></MessageBar>
              )}
              {state.findings.length === 0 ? (
                <Body1>{s.noFindings}</Body1>
              ) : (
                <FindingList findings={state.findings} families={families} locale={locale} busy={busy} onSelect={(f) => void v.goTo(f)} onFix={(fs) => void v.fix(fs)} onDismiss={(fs, r) => void v.dismiss(fs, r)} onRestore={(fs) => void v.restore(fs)} />
              )}
            </>
          )}
        </section>
      ) : (
        <SettingsPanel options={settings.options} locale={locale} onRule={(id, x) => void settings.setRule(id, x)} onSatisfactionMin={(n) => void settings.setSatisfactionMin(n)} onReset={() => void settings.reset()} />
      )}
    </main>
  );
}
