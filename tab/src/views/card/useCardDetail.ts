import { useQuery } from '../../data/useQuery';
import { cardQuery } from '../../data/queries';
import { queryKeys } from '../../data/queryKeys';
import { useVersionedChange } from '../../data/useVersionedChange';
import { useApp } from '../../session/AppContext';

/** The message people see when their change met someone else's. */
export const CONFLICT_MESSAGE = 'Someone else changed this card; here is the latest version.';

/**
 * Loads a card and runs changes to it, each with the version the person saw. After a
 * change the card lists, tags and contributors are read again, so everything the tab
 * shows agrees with the card.
 */
export function useCardDetail(cardId: string) {
  const { api, community } = useApp();
  const query = cardQuery(api, community.key, cardId);
  const card = useQuery(query);
  const changes = useVersionedChange(card.data, {
    queryKey: query.queryKey,
    read: () => api.getCard(community.key, cardId),
    shownIn: [queryKeys.cardLists(community.key), queryKeys.tags(community.key), queryKeys.contributorLists(community.key)],
    conflictMessage: CONFLICT_MESSAGE,
    fieldErrors: (error) => error.fieldErrors,
  });
  return { card, ...changes };
}
