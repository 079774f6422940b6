import { QueryClient } from '@tanstack/react-query';

/**
 * The tab's one cache of what the service said. A read fails at once into its error state
 * with a Retry button, as people asked for; a view shows what it last read while it reads
 * again, and a change invalidates what it touched instead of patching copies by hand.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        // Teams moves focus in and out of the tab's frame all the time; a read on each would
        // redraw what people are working on. Reads happen on opening a view and after changes.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
