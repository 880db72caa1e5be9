import { Body1, Caption1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { STRINGS, type UiLocale } from './strings';

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
});

/** Until the validation pane lands the page says only what the add-in is and will do: nothing here pretends to work. */
export function App({ locale }: { locale: UiLocale }) {
  const s = STRINGS[locale];
  const styles = useStyles();
  return (
    <main className={styles.root} lang={locale}>
      <Subtitle1 as="h1">{s.name}</Subtitle1>
      <Caption1>{s.version(__APP_VERSION__)}</Caption1>
      <Body1>{s.comingSoon}</Body1>
      <Body1>{s.cliNow}</Body1>
    </main>
  );
}
