import type { CardStatus, ContributorPeriod } from '../api/contract';

/** One card list: the filters as the service receives them, empty ones left out. */
export interface CardListKey {
  q?: string;
  tag?: string;
  kind?: string;
  status: CardStatus;
}

/**
 * Every key of the query cache, from the widest to the narrowest, so a change can
 * invalidate a whole family (every card list of a community, say) in one call.
 */
export const queryKeys = {
  session: ['session'] as const,
  community: (communityKey: string) => ['community', communityKey] as const,
  cards: (communityKey: string) => ['community', communityKey, 'cards'] as const,
  cardLists: (communityKey: string) => ['community', communityKey, 'cards', 'list'] as const,
  cardList: (communityKey: string, list: CardListKey) => ['community', communityKey, 'cards', 'list', list] as const,
  card: (communityKey: string, cardId: string) => ['community', communityKey, 'cards', 'detail', cardId] as const,
  tags: (communityKey: string) => ['community', communityKey, 'tags'] as const,
  contributorLists: (communityKey: string) => ['community', communityKey, 'contributors'] as const,
  contributors: (communityKey: string, period: ContributorPeriod) => ['community', communityKey, 'contributors', period] as const,
  rituals: (communityKey: string) => ['community', communityKey, 'rituals'] as const,
  ritualList: (communityKey: string) => ['community', communityKey, 'rituals', 'list'] as const,
  ritual: (communityKey: string, ritualId: string) => ['community', communityKey, 'rituals', 'detail', ritualId] as const,
};
