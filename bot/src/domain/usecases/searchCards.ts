import { SEARCH_LIMITS } from '../limits';
import type { CardPage, CardRepository } from '../ports';
import type { CardKind } from '../knowledgeCard';
import { planSearch, tagPlan, type CardStatusFilter } from '../search';

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

/** A listing as the tab asks for it: words, tag, kind and status together. */
export interface ListCardsQuery {
  communityId: string;
  text?: string;
  tag?: string;
  kind?: CardKind;
  status: CardStatusFilter;
  skip: number;
  take: number;
  now: Date;
}

/**
 * Lists a community's cards for the tab. Words read the search index, a tag alone
 * reads that tag's index entries, and anything else reads the newest-first listing:
 * each reads a bounded range, however large the community.
 */
export async function listCards(query: ListCardsQuery, ports: { cards: CardRepository }): Promise<CardPage> {
  const skip = clamp(query.skip, 0, SEARCH_LIMITS.skipMax);
  const take = clamp(query.take, 1, LIST_PAGE_MAX);
  const filter = { status: query.status, kind: query.kind, tag: query.tag, now: query.now.toISOString() };
  const plan = planSearch(query.text ?? '');
  if (plan) return ports.cards.search(query.communityId, plan, skip, take, filter);
  if (query.tag) return ports.cards.search(query.communityId, tagPlan(query.tag), skip, take, filter);
  return ports.cards.recent(query.communityId, skip, take, filter);
}

/** The tab shows up to this many cards a page. */
export const LIST_PAGE_MAX = 50;

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
