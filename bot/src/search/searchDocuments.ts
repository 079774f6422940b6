import { summarize, type CardSummary, type KnowledgeCard } from '../domain/cards/knowledgeCard';

/**
 * What the search engine knows of a card: its listing summary (so results need no
 * further read), when it changed, and the searchable text of its conversation and authors.
 */
export interface SearchDocument {
  summary: CardSummary;
  updatedAt: string;
  /** The card's revision: a change is applied only over an older one. */
  revision: number;
  /** The harvested messages' text, each message's start, capped (see {@link searchTextOf}). */
  text: string;
  /** Names of the people whose messages the card holds. */
  authorNames: string[];
}

/** A card's document changed at `at` (ISO 8601), as recorded in the community's change log. */
export interface SearchDocumentChange {
  at: string;
  document: SearchDocument;
}

/** Where the engine reads a community's documents: Table storage, the source of truth. */
export interface SearchDocumentSource {
  /** Every document of a community. */
  load(communityId: string): Promise<{ documents: SearchDocument[]; entitiesRead: number }>;
  /** Documents changed at or after `since` (ISO 8601), oldest first. */
  changesSince(communityId: string, since: string): Promise<{ changes: SearchDocumentChange[]; entitiesRead: number }>;
}

/** Characters of one message that are searched: a long message's start says what it is about. */
export const SEARCH_MESSAGE_MAX = 2_000;
/** Characters of a card's conversation that are searched, across its messages. */
export const SEARCH_TEXT_MAX = 8_000;

/**
 * The searched text of a card's messages: the start of each (root and every chosen reply),
 * so a word that appears only in a reply is found, within a bound that keeps a document
 * row and its index small.
 */
export function searchTextOf(messages: { text: string }[]): string {
  const parts: string[] = [];
  let total = 0;
  for (const message of messages) {
    const part = message.text.slice(0, Math.min(SEARCH_MESSAGE_MAX, SEARCH_TEXT_MAX - total));
    if (!part) break;
    parts.push(part);
    total += part.length + 1;
  }
  return parts.join('\n');
}

/** What search knows of a card, from the card. */
export function searchDocumentOf(card: KnowledgeCard, revision: number): SearchDocument {
  return {
    summary: summarize(card),
    updatedAt: card.updatedAt,
    revision,
    text: searchTextOf(card.messages),
    authorNames: card.authors.map((a) => a.name),
  };
}
