import { startCardFromUrl } from '../pages';
import type { Host, ThemeName } from './host';
import { systemTheme, themeFromUrl } from './theme';

/**
 * The host outside Teams (local development): no token, the browser's language, and the
 * theme from `?theme=` or else the operating system's, followed live; the card to open from `?card=`.
 */
export function browserHost(win: Window = window): Host {
  const pinned = themeFromUrl(win.location.search);
  return {
    inTeams: false,
    locale: win.navigator.language || 'en-US',
    theme: pinned ?? systemTheme(win),
    startCardId: startCardFromUrl(win.location.search),
    getToken: async () => undefined,
    onThemeChange(handler: (theme: ThemeName) => void) {
      if (pinned || typeof win.matchMedia !== 'function') return () => undefined;
      const queries = [win.matchMedia('(prefers-color-scheme: dark)'), win.matchMedia('(forced-colors: active)')];
      const listener = () => handler(systemTheme(win));
      queries.forEach((q) => q.addEventListener?.('change', listener));
      return () => queries.forEach((q) => q.removeEventListener?.('change', listener));
    },
    openLink(url: string) {
      win.open(url, '_blank', 'noopener,noreferrer');
    },
  };
}
