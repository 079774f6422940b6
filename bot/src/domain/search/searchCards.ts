import { SEARCH_LIMITS } from '../cards/limits';
import type { CardRepository } from '../cards/cardPorts';
import type { CardKind } from '../cards/knowledgeCard';
import type { CardFilter, CardStatusFilter } from '../cards/search';
import { ValidationError } from '../shared/errors';
import type { CardHit, CardHitPage, CardSearchEngine, KnowledgeGaps } from './searchPorts';
import { gapText, hasWords, parseQuery, type CardQuery } from './searchQuery';

/** What searching needs. */
export interface SearchPorts {
  cards: CardRepository;
  search: CardSearchEngine;
  gaps: KnowledgeGaps;
}

/** A search as the message extension asks for it. */
export interface SearchCardsQuery {
  communityId: string;
  text: string;
  skip?: number;
  count?: number;
  now: Date;
}

/**
 * The community's cards best matching what a person typed, ranked by relevance. An empty
 * query lists the newest cards. A search that finds nothing is counted as a knowledge gap.
 */
export async function searchCards(query: SearchCardsQuery, ports: SearchPorts): Promise<CardHitPage> {
  const skip = clamp(query.skip ?? 0, 0, SEARCH_LIMITS.skipMax);
  const take = clamp(query.count ?? SEARCH_LIMITS.pageSizeDefault, 1, SEARCH_LIMITS.pageSizeMax);
  const parsed = parseQuery(query.text, { status: 'active', now: query.now.toISOString() });
  if (!hasWords(parsed)) {
    const page = await ports.cards.recent(query.communityId, skip, take);
    return { hits: page.cards.map((card) => ({ card, matched: [] })), hasMore: page.hasMore, entitiesRead: page.entitiesRead };
  }
  const page = await ports.search.search(query.communityId, parsed, skip, take);
  await countGap(query.communityId, query.text, skip, page.hits, query.now, ports);
  return page;
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

/** One page of the tab's listing, and where the next one starts. */
export interface CardListPage {
  hits: CardHit[];
  /** Absent on the last page. Opaque outside the use case and storage. */
  continuation?: string;
  entitiesRead: number;
}

/** The tab shows up to this many cards a page. */
export const LIST_PAGE_MAX = 50;

/**
 * Lists a community's cards for the tab, a page at a time. Words or a tag go to the search
 * engine (ranked, with what matched); anything else reads storage's newest-first listing.
 * Each page continues where the last one ended.
 */
export async function listCards(query: ListCardsQuery, ports: SearchPorts): Promise<CardListPage> {
  const take = clamp(query.take, 1, LIST_PAGE_MAX);
  const filter: CardFilter = { status: query.status, kind: query.kind, tag: query.tag, now: query.now.toISOString() };
  const parsed = parseQuery(query.text ?? '', filter);
  if (!hasWords(parsed) && !query.tag) {
    const page = await ports.cards.browse(query.communityId, take, query.continuation, filter);
    return {
      hits: page.cards.map((card) => ({ card, matched: [] })),
      entitiesRead: page.entitiesRead,
      ...(page.continuation ? { continuation: page.continuation } : {}),
    };
  }
  const skip = query.continuation === undefined ? 0 : offsetOf(query.continuation);
  const page = await ports.search.search(query.communityId, parsed, skip, take);
  if (hasWords(parsed)) await countGap(query.communityId, query.text ?? '', skip, page.hits, query.now, ports);
  return { hits: page.hits, entitiesRead: page.entitiesRead, ...(page.hasMore ? { continuation: String(skip + take) } : {}) };
}

/** How many cards the "already in the community" hint offers. */
export const SIMILAR_MAX = 3;

/**
 * Cards that look like the same knowledge as a draft, with the words they share: searched
 * with the draft's whole text so a paraphrase is offered and an unrelated message is not.
 */
export async function similarCards(
  communityId: string,
  draft: { title: string; text: string },
  ports: Pick<SearchPorts, 'search'>,
): Promise<CardHit[]> {
  const text = `${draft.title}\n${draft.text}`.slice(0, SIMILAR_TEXT_MAX);
  if (!text.trim()) return [];
  // One more than shown: a draft of a card saved before finds that card, which the caller leaves out.
  return ports.search.similar(communityId, text, SIMILAR_MAX + 1);
}

/** A draft's text beyond this adds nothing to finding its duplicates. */
const SIMILAR_TEXT_MAX = 2_000;

/** A search that found nothing at its first page is a knowledge gap; paging past the end is not. */
async function countGap(
  communityId: string,
  typed: string,
  skip: number,
  hits: CardHit[],
  now: Date,
  ports: Pick<SearchPorts, 'gaps'>,
): Promise<void> {
  const text = gapText(typed);
  if (hits.length || skip > 0 || !text) return;
  await ports.gaps.record(communityId, text, now);
}

/** The tab pages deeper than the message extension: a tag may list thousands of cards. */
const LIST_OFFSET_MAX = 100_000;

/** The engine's listing continues at an offset; anything else was not handed out by it. */
function offsetOf(continuation: string): number {
  const offset = /^\d{1,6}$/.test(continuation) ? Number(continuation) : NaN;
  if (!Number.isInteger(offset) || offset > LIST_OFFSET_MAX) {
    throw new ValidationError([{ field: 'cursor', message: 'This list’s page position is not valid. Reload the list and try again.' }]);
  }
  return offset;
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export type { CardQuery };
