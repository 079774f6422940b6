import { useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client';
import type { CardListItem, CardStatus } from '../../api/contract';
import { cardListQuery, readCardPage } from '../../data/cardList';
import { hashKey } from '../../data/queryClient';
import type { CardListKey } from '../../data/queryKeys';
import { useQuery, useQueryClient } from '../../data/useQuery';

/** What the knowledge view asks for. `q` is already debounced. */
export interface CardQuery {
  q: string;
  tag: string;
  kind: string;
  status: CardStatus;
}

/**
 * The card list: first page loading or failed, or pages loaded so far. `archivedMatch` says,
 * for an empty list of active cards, that archived cards fit the same search and filters.
 */
export type CardListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; cards: CardListItem[]; nextCursor?: string; loadingMore: boolean; moreError?: unknown; archivedMatch?: boolean };

/** The filters as the service receives them: empty ones are left out, so equal lists share one cache entry. */
export function cardListKey(query: CardQuery): CardListKey {
  return { q: query.q.trim() || undefined, tag: query.tag || undefined, kind: query.kind || undefined, status: query.status };
}

/** Loading the next page of one list (by its key), and how that went. */
interface MoreState {
  list: string;
  loading: boolean;
  error?: unknown;
}

/**
 * Pages through `GET cards` for a query. Each query is its own cache entry, so an answer
 * to an older query never shows under a newer one, and a change anywhere in the tab that
 * invalidates the card lists reads this one again.
 */
export function useCardList(api: ApiClient, communityKey: string, query: CardQuery) {
  const client = useQueryClient();
  const list = useMemo(() => cardListKey(query), [query]);
  const options = cardListQuery(api, communityKey, list);
  const listId = hashKey(options.queryKey);
  const result = useQuery(options);
  const [more, setMore] = useState<MoreState>();
  const loadingMore = more?.list === listId && more.loading;

  const state = useMemo<CardListState>(() => {
    const pages = result.data;
    if (!pages) return result.status === 'error' ? { status: 'error', error: result.error } : { status: 'loading' };
    // A card saved meanwhile can shift the pages; one already shown is not shown twice.
    const seen = new Set<string>();
    const cards: CardListItem[] = [];
    for (const card of pages.flatMap((page) => page.cards)) {
      if (seen.has(card.id)) continue;
      seen.add(card.id);
      cards.push(card);
    }
    return {
      status: 'ready',
      cards,
      nextCursor: pages.at(-1)?.nextCursor,
      loadingMore,
      moreError: more?.list === listId ? more.error : undefined,
      archivedMatch: pages[0]?.archivedMatch,
    };
  }, [result.data, result.status, result.error, loadingMore, more, listId]);

  const retry = () => void result.refetch();

  const loadMore = () => {
    const cursor = result.data?.at(-1)?.nextCursor;
    if (!cursor || loadingMore || result.fetching) return;
    setMore({ list: listId, loading: true });
    const next = async (pages: typeof result.data) => [...(pages ?? []), await readCardPage(api, communityKey, list, cursor)];
    void client.fetch(options.queryKey, next).then(() => {
      const after = client.getQueryState(options.queryKey);
      setMore({ list: listId, loading: false, error: after?.error });
    });
  };

  return { state, retry, loadMore };
}
