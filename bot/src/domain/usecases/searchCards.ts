import { SEARCH_LIMITS } from '../limits';
import type { CardPage, CardRepository } from '../ports';
import { planSearch } from '../search';

/** A search as a person asked for it. */
export interface SearchCardsQuery {
  communityId: string;
  text: string;
  skip?: number;
  count?: number;
}

/**
 * Finds a community's cards by words of their title, summary and tags, every word a
 * prefix (for typeahead). An empty query lists the newest cards.
 */
export async function searchCards(query: SearchCardsQuery, ports: { cards: CardRepository }): Promise<CardPage> {
  const skip = clamp(query.skip ?? 0, 0, SEARCH_LIMITS.skipMax);
  const take = clamp(query.count ?? SEARCH_LIMITS.pageSizeDefault, 1, SEARCH_LIMITS.pageSizeMax);
  const plan = planSearch(query.text);
  return plan
    ? ports.cards.search(query.communityId, plan, skip, take)
    : ports.cards.recent(query.communityId, skip, take);
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
