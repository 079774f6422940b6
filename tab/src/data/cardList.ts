import type { ApiClient } from '../api/client';
import type { CardListItem } from '../api/contract';
import type { QueryOptions } from './queryClient';
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

/** One page of a list: the first without a cursor, the next ones with the cursor the service handed out. */
export async function readCardPage(api: ApiClient, communityKey: string, list: CardListKey, cursor?: string): Promise<CardListPage> {
  const page = await api.listCards(communityKey, { ...list, cursor });
  // An empty first page of active cards asks once more, for one archived card that fits:
  // the empty state then tells hidden cards from a community that has none.
  const archivedMatch =
    cursor === undefined && page.cards.length === 0 && list.status === 'active'
      ? await api.listCards(communityKey, { ...list, status: 'archived', take: 1 }).then(
          (archived) => archived.cards.length > 0,
          // Without the answer the empty state is only less precise; the list itself is right.
          () => false,
        )
      : false;
  return { cards: page.cards, nextCursor: page.nextCursor, archivedMatch };
}

/**
 * One card list, as the pages loaded so far. Read again (after a change), it reads as many
 * pages as it showed, so the list does not shrink under the person. The tab's start asks
 * for the first page with it too.
 */
export function cardListQuery(api: ApiClient, communityKey: string, list: CardListKey): QueryOptions<CardListPage[]> {
  return {
    queryKey: queryKeys.cardList(communityKey, list),
    queryFn: async (previous) => {
      const pages = [await readCardPage(api, communityKey, list)];
      for (let cursor = pages[0]?.nextCursor; cursor && pages.length < (previous?.length ?? 1); cursor = pages.at(-1)?.nextCursor) {
        pages.push(await readCardPage(api, communityKey, list, cursor));
      }
      return pages;
    },
  };
}
