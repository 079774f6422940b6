import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import type { ThemeName } from '../host/host';
import { fluentTheme } from '../host/theme';

const useStyles = makeStyles({
  // Fluent gives the provider's class to every portal's mount node too (menus, listboxes,
  // drawers, dialogs), a layer over the whole page: only what is right for both goes here.
  provider: {
    // A layer never paints over the page, whatever a portal holds; the page paints itself below.
    backgroundColor: 'transparent',
    // Long words (URLs, tag runs) wrap instead of widening the page on phones.
    overflowWrap: 'break-word',
  },
  // The page itself: it fills the window in the theme's page colour. On a portal's layer the
  // same would paint over the page, so it lives on this element alone.
  page: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'dv', 'ku', 'sd', 'ug']);

function direction(locale: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(locale.split('-')[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
}

/**
 * The Fluent provider in the Teams theme and locale. Also colours the document itself so
 * overscroll and the area below short pages match the theme.
 */
export function ThemeShell({ theme, locale, children }: { theme: ThemeName; locale: string; children: ReactNode }) {
  const styles = useStyles();
  const fluent = fluentTheme(theme);
  useEffect(() => {
    const html = document.documentElement;
    html.lang = locale;
    html.style.colorScheme = theme === 'default' ? 'light' : 'dark';
    html.style.backgroundColor = fluent.colorNeutralBackground2;
  }, [theme, locale, fluent]);
  return (
    <FluentProvider theme={fluent} dir={direction(locale)} className={styles.provider} data-theme={theme} data-testid="app-shell">
      <div className={styles.page}>{children}</div>
    </FluentProvider>
  );
}
