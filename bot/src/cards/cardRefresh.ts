import { communityId, parseCommunityId, type CommunityRef } from '../domain/communities/community';
import { isWellFormedId } from '../domain/shared/ids';

/** The verb of a shared card's refresh: Teams sends it back in an `adaptiveCard/action` invoke. */
export const CARD_REFRESH_VERB = 'commonplace.refreshCard';

/** A refresh as it comes back from Teams, checked: which card, in which community. */
export interface CardRefreshRequest {
  cardId: string;
  community: CommunityRef;
}

/**
 * The `refresh` of a card put into a conversation: whoever opens the conversation later
 * has Teams ask the bot for the card as it is now (Universal Actions, Adaptive Cards 1.4+).
 * No `userIds`: Teams then refreshes automatically for everyone in a conversation of up to
 * 60 members; in a larger one it offers "Refresh card" in the message's menu instead, and
 * the card's "Open in community" leads to the current card either way. Naming people
 * would refresh it for them alone, leaving everyone else in a small chat the old copy.
 * The data names the community as well as the card, since a card can be forwarded to a
 * conversation of another community.
 */
export function cardRefresh(cardId: string, community: CommunityRef): Record<string, unknown> {
  return { action: { type: 'Action.Execute', verb: CARD_REFRESH_VERB, data: { cardId, community: communityId(community) } } };
}

/** The card and community a refresh's data names, or undefined for data Commonplace did not make. */
export function readCardRefreshData(data: unknown): CardRefreshRequest | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { cardId, community } = data as Record<string, unknown>;
  if (!isWellFormedId(cardId, { keySafe: true }) || !isWellFormedId(community)) return undefined;
  const ref = parseCommunityId(community);
  return ref && { cardId, community: ref };
}
