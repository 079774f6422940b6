import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from './api/client';
import type { CommunityView } from './api/contract';
import { ErrorState } from './components/ErrorState';
import { ThemeShell } from './components/ThemeShell';
import { QueryClient } from './data/queryClient';
import { queryKeys } from './data/queryKeys';
import { readingOf } from './data/reading';
import { QueryClientProvider, useQuery, useQueryClient } from './data/useQuery';
import { createFormatters, type Formatters } from './format/formatters';
import type { Host } from './host/host';
import { useHostTheme } from './host/useHostTheme';
import type { PageName } from './pages';
import { AppContextProvider, type AppContextValue } from './session/AppContext';
import { startSession, type SessionOutcome } from './session/startSession';
import { StartSkeleton } from './views/status/StartSkeleton';
import { StatusPage } from './views/status/StatusPage';
import { TabPage } from './views/TabPage';

const ConfigPage = lazy(() => import('./views/config/ConfigPage').then((m) => ({ default: m.ConfigPage })));

/**
 * The whole tab for a connected host: theme, locale, sign-in and community, then the page.
 * Tests render this with a fake host and API.
 */
export function App({ host, api, page }: { host: Host; api: ApiClient; page: PageName }) {
  const theme = useHostTheme(host);
  const format = useMemo(() => createFormatters(host.locale, host.timeZone), [host.locale, host.timeZone]);
  // The tab's one cache of server state, for as long as the tab is open.
  const [queryClient] = useState(() => new QueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeShell theme={theme} locale={format.locale}>
        <Session host={host} api={api} format={format} page={page} />
      </ThemeShell>
    </QueryClientProvider>
  );
}

function Session({ host, api, format, page }: { host: Host; api: ApiClient; format: Formatters; page: PageName }) {
  const queryClient = useQueryClient();
  const session = useQuery({
    queryKey: queryKeys.session,
    queryFn: () => startSession(host, api, queryClient),
  });
  const outcome = readingOf(session);

  if (outcome.status === 'loading') return <StartSkeleton />;
  if (outcome.status === 'error') {
    return (
      <StatusPage title="Commonplace could not open" testId="start-error">
        <ErrorState title="The community could not be loaded." error={outcome.error} onRetry={() => void session.refetch()} />
      </StatusPage>
    );
  }
  return <SessionOutcomeView outcome={outcome.data} host={host} api={api} format={format} page={page} />;
}

function SessionOutcomeView({
  outcome,
  ...rest
}: {
  outcome: SessionOutcome;
  host: Host;
  api: ApiClient;
  format: Formatters;
  page: PageName;
}) {
  if (outcome.kind === 'not-in-teams') {
    return (
      <StatusPage title="Open Commonplace in Microsoft Teams" testId="not-in-teams">
        <p>This page is the Commonplace tab of a Teams channel. It needs Teams to know who you are and which community you belong to.</p>
        <p>
          In Teams, go to the channel of your community of practice and select the <strong>Commonplace</strong> tab at the top. If the
          channel has no such tab yet, select <strong>+</strong> (Add a tab) and choose Commonplace.
        </p>
      </StatusPage>
    );
  }
  if (outcome.kind === 'no-channel') {
    return (
      <StatusPage title="Add Commonplace to a channel" testId="no-channel">
        <p>Commonplace keeps the knowledge of a community that lives in a Teams channel, so it only opens as a channel tab.</p>
        <p>
          In the channel of your community, select <strong>+</strong> (Add a tab) and choose Commonplace.
        </p>
      </StatusPage>
    );
  }
  return <SignedIn outcome={outcome} {...rest} />;
}

function SignedIn({
  outcome,
  host,
  api,
  format,
  page,
}: {
  outcome: Extract<SessionOutcome, { kind: 'ready' }>;
  host: Host;
  api: ApiClient;
  format: Formatters;
  page: PageName;
}) {
  const [community, setCommunity] = useState<CommunityView>(outcome.community);
  useEffect(() => setCommunity(outcome.community), [outcome.community]);
  const refreshCommunity = useCallback(async () => {
    setCommunity(await api.resolveCommunity(outcome.channel));
  }, [api, outcome.channel]);

  const value = useMemo<AppContextValue>(
    () => ({
      host,
      api,
      format,
      me: outcome.me,
      channel: outcome.channel,
      community,
      development: outcome.development,
      setCommunity,
      refreshCommunity,
    }),
    [host, api, format, outcome, community, refreshCommunity],
  );

  return (
    <AppContextProvider value={value}>
      {page === 'config' ? (
        <Suspense fallback={<StartSkeleton />}>
          <ConfigPage />
        </Suspense>
      ) : (
        <TabPage />
      )}
    </AppContextProvider>
  );
}
