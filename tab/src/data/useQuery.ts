import { createContext, createElement, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { QueryClient, QueryOptions, QueryState } from './queryClient';

const QueryClientContext = createContext<QueryClient | undefined>(undefined);

/** Provides the tab's cache to the views below. */
export function QueryClientProvider({ client, children }: { client: QueryClient; children: ReactNode }) {
  return createElement(QueryClientContext.Provider, { value: client }, children);
}

/** The tab's cache; only usable below {@link QueryClientProvider}. */
export function useQueryClient(): QueryClient {
  const client = useContext(QueryClientContext);
  if (!client) throw new Error('useQueryClient is used outside the QueryClientProvider.');
  return client;
}

/** What a view gets for a read. */
export interface QueryResult<T> extends QueryState<T> {
  isPending: boolean;
  isError: boolean;
  /** Reads it again (Retry). */
  refetch: () => Promise<void>;
}

/**
 * Shows one cache entry: read when the view opens it (unless a prefetch or another view
 * read it just now), and again whenever a change invalidates it, with every view showing
 * the same key re-rendered with the same answer.
 */
export function useQuery<T>(options: QueryOptions<T>): QueryResult<T> {
  const client = useQueryClient();
  const query = client.query(options);
  const state = useSyncExternalStore(query.subscribe, query.getState);
  useEffect(() => query.show(), [query]);
  return {
    ...state,
    isPending: state.status === 'pending',
    isError: state.error !== undefined,
    refetch: () => client.refetch(query.key),
  };
}
