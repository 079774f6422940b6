import { useEffect, useMemo, useState } from 'react';
import { App } from './App';
import { createApiClient } from './api/client';
import { ThemeShell } from './components/ThemeShell';
import type { Host } from './host/host';
import { systemTheme, themeFromUrl } from './host/theme';
import type { PageName } from './pages';
import { StartSkeleton } from './views/status/StartSkeleton';

/**
 * Connects to the host, then renders the app. Until Teams answers (or the wait for it
 * runs out) a skeleton in the best-guess theme fills the page.
 */
export function Root({ page, connect }: { page: PageName; connect: () => Promise<Host> }) {
  const [host, setHost] = useState<Host>();
  useEffect(() => {
    let live = true;
    void connect().then((h) => {
      if (live) setHost(h);
    });
    return () => {
      live = false;
    };
  }, [connect]);
  const api = useMemo(() => (host ? createApiClient({ getToken: host.getToken }) : undefined), [host]);

  if (!host || !api) {
    return (
      <ThemeShell theme={themeFromUrl() ?? systemTheme()} locale={navigator.language || 'en-US'}>
        <StartSkeleton />
      </ThemeShell>
    );
  }
  return <App host={host} api={api} page={page} />;
}
