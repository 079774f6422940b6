import { SEARCH_LIMITS } from './limits';
import type { CardBrowsePage, CardPage, CardRepository } from './cardPorts';
import type { CardKind } from './knowledgeCard';
import { planSearch, tagPlan, type CardStatusFilter } from './search';

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
  return plan ? ports.cards.search(query.communityId, plan, skip, take) : ports.cards.recent(query.communityId, skip, take);
}

/** A listing as the tab asks for it: words, tag, kind and status together. */
export interface ListCardsQuery {
  communityId: string;
  text?: string;
  tag?: string;
  kind?: CardKind;
  status: CardStatusFilter;
  /** Where the previous page left off; absent for the first page. */
  continuation?: string;
  take: number;
  now: Date;
}

/**
 * Lists a community's cards for the tab, a page at a time. Words read the search index,
 * a tag alone reads that tag's index entries, and anything else reads the newest-first
 * listing; each page continues where the last one ended, so every card is reached once.
 */
export async function listCards(query: ListCardsQuery, ports: { cards: CardRepository }): Promise<CardBrowsePage> {
  const take = clamp(query.take, 1, LIST_PAGE_MAX);
  const filter = { status: query.status, kind: query.kind, tag: query.tag, now: query.now.toISOString() };
  const plan = planSearch(query.text ?? '') ?? (query.tag ? tagPlan(query.tag) : undefined);
  return ports.cards.browse(query.communityId, plan, take, query.continuation, filter);
}

/** The tab shows up to this many cards a page. */
export const LIST_PAGE_MAX = 50;

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
