/**
 * Follow the Office theme while the pane is open. Excel raises no theme-change
 * event for task panes (OfficeThemeChanged is Outlook's), so the theme is read
 * again when the pane regains focus or becomes visible, and every few seconds.
 */
import { FluentProvider, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';

export const THEME_POLL_MS = 3000;

/** Dark when the body background is dark; `fallback` when Office gives no colour. */
export function isDarkColour(bg: string | undefined, fallback: boolean): boolean {
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return fallback;
  const n = parseInt(bg.replace('#', ''), 16);
  const luminance = (0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255)) / 255;
  return luminance < 0.5;
}

export function ThemedRoot({ readBackground, children }: { readBackground: () => string | undefined; children: ReactNode }) {
  const systemDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const read = () => isDarkColour(readBackground(), systemDark());
  const [dark, setDark] = useState(read);

  useEffect(() => {
    const update = () => setDark(read());
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    window.addEventListener('focus', update);
    document.addEventListener('visibilitychange', update);
    media?.addEventListener?.('change', update);
    const timer = setInterval(update, THEME_POLL_MS);
    return () => {
      window.removeEventListener('focus', update);
      document.removeEventListener('visibilitychange', update);
      media?.removeEventListener?.('change', update);
      clearInterval(timer);
    };
    // Registered once: read() only closes over props fixed for the pane's life.
  }, []);

  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} data-theme={dark ? 'dark' : 'light'}>
      {children}
    </FluentProvider>
  );
}
