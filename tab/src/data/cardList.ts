import { infiniteQueryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../api/client';
import type { CardListItem } from '../api/contract';
import { queryKeys, type CardListKey } from './queryKeys';

/**
 * One page of a card list. `archivedMatch` (first page only) says, for an empty list of
 * active cards, that archived cards fit the same search and filters: the community is not
 * empty, its cards are only hidden.
 */
export interface CardListPage {
  cards: CardListItem[];
  nextCursor?: string;
  archivedMatch: boolean;
}

/** The query for one card list, a page at a time; the tab's start asks for the first page with it too. */
export function cardListQuery(api: ApiClient, communityKey: string, list: CardListKey) {
  return infiniteQueryOptions({
    queryKey: queryKeys.cardList(communityKey, list),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: CardListPage) => last.nextCursor,
    queryFn: async ({ pageParam }): Promise<CardListPage> => {
      const page = await api.listCards(communityKey, { ...list, cursor: pageParam });
      // An empty first page of active cards asks once more, for one archived card that fits:
      // the empty state then tells hidden cards from a community that has none.
      const archivedMatch =
        pageParam === undefined && page.cards.length === 0 && list.status === 'active'
          ? await api.listCards(communityKey, { ...list, status: 'archived', take: 1 }).then(
              (archived) => archived.cards.length > 0,
              // Without the answer the empty state is only less precise; the list itself is right.
              () => false,
            )
          : false;
      return { cards: page.cards, nextCursor: page.nextCursor, archivedMatch };
    },
  });
}
