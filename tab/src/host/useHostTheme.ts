import { useEffect, useState } from 'react';
import type { Host, ThemeName } from './host';

/** The host's theme, following live changes (Teams settings, the operating system). */
export function useHostTheme(host: Host): ThemeName {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  useEffect(() => {
    setTheme(host.theme);
    return host.onThemeChange(setTheme);
  }, [host]);
  return theme;
}
