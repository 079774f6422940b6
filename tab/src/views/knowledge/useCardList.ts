import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../../api/client';
import type { CardListItem, CardStatus } from '../../api/contract';
import { cardListQuery } from '../../data/cardList';
import type { CardListKey } from '../../data/queryKeys';

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

/** The filters as the service receives them: empty ones are left out, so equal lists share one key. */
export function cardListKey(query: CardQuery): CardListKey {
  return { q: query.q.trim() || undefined, tag: query.tag || undefined, kind: query.kind || undefined, status: query.status };
}

/**
 * Pages through `GET cards` for a query. Each query is its own cache entry, so an answer
 * to an older query never shows under a newer one, and a change anywhere in the tab that
 * invalidates the card lists reads this one again.
 */
export function useCardList(api: ApiClient, communityKey: string, query: CardQuery) {
  const list = useMemo(() => cardListKey(query), [query]);
  const result = useInfiniteQuery(cardListQuery(api, communityKey, list));
  const { data, error, refetch, fetchNextPage, hasNextPage, isFetchingNextPage, isFetchNextPageError } = result;

  const state = useMemo<CardListState>(() => {
    if (!data) return result.status === 'error' ? { status: 'error', error } : { status: 'loading' };
    // A card saved meanwhile can shift the pages; one already shown is not shown twice.
    const seen = new Set<string>();
    const cards = data.pages.flatMap((page) => page.cards).filter((card) => !seen.has(card.id) && seen.add(card.id));
    return {
      status: 'ready',
      cards,
      nextCursor: data.pages.at(-1)?.nextCursor,
      loadingMore: isFetchingNextPage,
      moreError: isFetchNextPageError ? error : undefined,
      archivedMatch: data.pages[0]?.archivedMatch,
    };
  }, [data, error, result.status, isFetchingNextPage, isFetchNextPageError]);

  const retry = useCallback(() => void refetch(), [refetch]);
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage]);

  return { state, retry, loadMore };
}
