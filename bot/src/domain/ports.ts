import type { CardSummary, KnowledgeCard, StoredCard, HarvestedMessage } from './knowledgeCard';
import type { Person } from './person';
import type { SearchPlan } from './search';

/** A contribution as recorded for the contributors view. */
export interface Contribution {
  person: Person;
  role: 'harvester' | 'author';
  cardId: string;
  at: string;
}

/** What is written beside a card so it can be found and credited. */
export interface CardIndex {
  terms: string[];
  contributions: Contribution[];
}

/** One page of cards, and how many storage entities were read to produce it. */
export interface CardPage {
  cards: CardSummary[];
  /** Whether more results exist past this page. */
  hasMore: boolean;
  entitiesRead: number;
}

/** Raised by {@link CardRepository.create} when the card already exists. */
export class CardAlreadyExistsError extends Error {
  constructor(readonly cardId: string) {
    super(`Card ${cardId} already exists`);
    this.name = 'CardAlreadyExistsError';
  }
}

/** Storage of a community's cards, their search index and contributions. */
export interface CardRepository {
  /**
   * Stores a new card with its index and contributions, all or nothing.
   * @throws CardAlreadyExistsError when a card with the same id exists in the community.
   */
  create(card: KnowledgeCard, index: CardIndex): Promise<StoredCard>;
  /**
   * Replaces a card and its index, all or nothing, if it is still at `previous.version`.
   * @throws ConflictError when someone changed it in between.
   */
  replace(card: KnowledgeCard, index: CardIndex, previous: StoredCard): Promise<StoredCard>;
  get(communityId: string, cardId: string): Promise<StoredCard | undefined>;
  /** Cards matching a plan, newest first within each term, at most `take` of them after `skip`. */
  search(communityId: string, plan: SearchPlan, skip: number, take: number): Promise<CardPage>;
  /** Newest cards first. */
  recent(communityId: string, skip: number, take: number): Promise<CardPage>;
  /** Tags the community already uses, most recently used first. */
  tags(communityId: string, max: number): Promise<string[]>;
}

/** A channel message kept for a bounded time so a harvest can include its thread. */
export interface ThreadMessage extends HarvestedMessage {
  communityId: string;
  threadRootId: string;
  /** ISO 8601; after this the message is no longer offered and is purged. */
  expiresAt: string;
}

/** Storage of recent channel thread messages. */
export interface ThreadRepository {
  /** Inserts or replaces one message (edits arrive as the same message again). */
  save(message: ThreadMessage): Promise<void>;
  remove(communityId: string, threadRootId: string, messageId: string): Promise<void>;
  /** The thread's unexpired messages, oldest first. */
  list(communityId: string, threadRootId: string, now: Date): Promise<ThreadMessage[]>;
  /** Deletes every message that expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

/** Time, injected so tests control it. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };
