import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { ThemeName } from './host';

/** The Fluent theme matching a Teams theme. */
export function fluentTheme(name: ThemeName): Theme {
  if (name === 'dark') return teamsDarkTheme;
  if (name === 'contrast') return teamsHighContrastTheme;
  return teamsLightTheme;
}

/** Reads a Teams theme name, tolerating the older spellings some clients send. */
export function parseTheme(value: string | null | undefined): ThemeName | undefined {
  switch ((value ?? '').trim().toLowerCase()) {
    case 'default':
    case 'light':
      return 'default';
    case 'dark':
      return 'dark';
    case 'contrast':
    case 'highcontrast':
    case 'high-contrast':
      return 'contrast';
    default:
      return undefined;
  }
}

/** The theme the operating system asks for, for when there is no Teams to say. */
export function systemTheme(win: Window = window): ThemeName {
  if (typeof win.matchMedia !== 'function') return 'default';
  if (win.matchMedia('(forced-colors: active)').matches) return 'contrast';
  return win.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

/** `?theme=` of the page's URL, which end-to-end runs use to pin a theme outside Teams. */
export function themeFromUrl(search: string = window.location.search): ThemeName | undefined {
  return parseTheme(new URLSearchParams(search).get('theme'));
}
