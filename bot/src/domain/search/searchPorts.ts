import type { CardSummary } from '../cards/knowledgeCard';
import type { CardQuery } from './searchQuery';

/** A card a search found, and why. */
export interface CardHit {
  card: CardSummary;
  /**
   * Words of the card's title, summary, excerpt or tags that matched the query, as they
   * are written there, so a list can highlight them and a hint can say why it is shown.
   */
  matched: string[];
}

/** One page of ranked results. */
export interface CardHitPage {
  hits: CardHit[];
  /** Whether more results exist past this page. */
  hasMore: boolean;
  /** Storage entities read to answer (zero when the community's index was current in memory). */
  entitiesRead: number;
}

/**
 * The full-text index of a community's cards: ranked by relevance, forgiving of typos,
 * inflections and accents. Table storage stays the source of truth; the index follows it.
 */
export interface CardSearchEngine {
  /** Cards matching the query, best first, at most `take` after `skip`. Without words, the newest matching the filter. */
  search(communityId: string, query: CardQuery, skip: number, take: number): Promise<CardHitPage>;
  /**
   * Cards that look like the same knowledge as a text (a draft's title and message):
   * any of its distinctive words may match, and only cards sharing enough of them are returned.
   */
  similar(communityId: string, text: string, max: number): Promise<CardHit[]>;
}

/**
 * Searches that found nothing, counted per community by their folded text (never who
 * searched), so a community can see what people look for and do not find.
 */
export interface KnowledgeGaps {
  /** Counts one more search for `text` at `at`. Never fails the search: problems are the adapter's to log. */
  record(communityId: string, text: string, at: Date): Promise<void>;
}

/** A counted gap. */
export interface KnowledgeGap {
  text: string;
  count: number;
  lastSeenAt: string;
}
