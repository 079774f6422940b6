import type { CardSummary, KnowledgeCard, StoredCard, HarvestedMessage } from './knowledgeCard';
import type { CommunityProfile, TeamRole } from './communityProfile';
import type { Person } from './person';
import type { CardFilter, SearchPlan } from './search';

/** A contribution as recorded for the contributors view. */
export interface Contribution {
  person: Person;
  role: 'harvester' | 'author' | 'curator';
  /** The card's title when the contribution was made, so lists need no second read. */
  title?: string;
  cardId: string;
  at: string;
}

/** One page of cards, and how many storage entities were read to produce it. */
export interface CardPage {
  cards: CardSummary[];
  /** Whether more results exist past this page. */
  hasMore: boolean;
  entitiesRead: number;
}

/** One page of the tab's listing, and where the next one starts. */
export interface CardBrowsePage {
  cards: CardSummary[];
  /** Storage's own position after this page; absent on the last page. Opaque outside storage. */
  continuation?: string;
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
   * Stores a new card. It is then indexed by its terms (`indexTermsFor`) and its credits
   * (`creationCredits`) are recorded: both follow from the card itself, so the write
   * a person waits for carries neither.
   * @throws CardAlreadyExistsError when a card with the same id exists in the community.
   */
  create(card: KnowledgeCard): Promise<StoredCard>;
  /**
   * Replaces a card if it is still at `previous.version`, then brings its index up to
   * date and records `credits`, the contributions this change makes.
   * @throws ConflictError when someone changed it in between.
   */
  replace(card: KnowledgeCard, credits: Contribution[], previous: StoredCard): Promise<StoredCard>;
  get(communityId: string, cardId: string): Promise<StoredCard | undefined>;
  /**
   * Cards matching a plan, newest first within each term, at most `take` of them after `skip`.
   * Without a filter, archived cards are left out.
   */
  search(communityId: string, plan: SearchPlan, skip: number, take: number, filter?: CardFilter): Promise<CardPage>;
  /** Newest cards first; without a filter, archived cards are left out. */
  recent(communityId: string, skip: number, take: number, filter?: CardFilter): Promise<CardPage>;
  /**
   * One page of the tab's listing: the newest cards, or with a plan the cards it finds,
   * continuing where the previous page's `continuation` left off, so paging reaches
   * every card once whatever the community's size. Without a filter, archived cards
   * are left out.
   * @throws ValidationError when `continuation` is not one this repository handed out.
   */
  browse(
    communityId: string,
    plan: SearchPlan | undefined,
    take: number,
    continuation: string | undefined,
    filter?: CardFilter,
  ): Promise<CardBrowsePage>;
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

/**
 * The time of day, injected so tests control it: everything that reads the current time
 * (what is stored, shown, due or expired) reads it here. The composition root passes one.
 */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Milliseconds since an arbitrary origin, only ever moving forward: for how long something
 * has been kept or spent (a cache entry's age, a rate limit's refill), which must not jump
 * when the system clock is set. Never a time of day.
 */
export type ElapsedMs = () => number;

/** The process's monotonic clock. */
export const monotonicMs: ElapsedMs = () => performance.now();

/** Storage of community profiles. */
export interface CommunityRepository {
  get(communityId: string): Promise<CommunityProfile | undefined>;
  /**
   * Writes a profile if it is still at `profile.version` (or does not exist yet when it has none).
   * @throws ConflictError when someone changed it in between.
   */
  save(profile: CommunityProfile): Promise<CommunityProfile>;
}

/** A Teams team, as the bot saw it. */
export interface TeamRef {
  tenantId: string;
  /** The team's thread id (`19:…@thread.tacv2`), as channelData and the tab's context give it. */
  teamId: string;
}

/** Who belongs to a team, and as what. */
export interface TeamDirectory {
  /** The person's role in the team, or undefined when they are not in it (or the app does not know the team). */
  roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined>;
}

/** Contributions over a span of months. */
export interface ContributionRepository {
  /** Contributions from `fromMonth` (yyyy-mm, inclusive) on; all of them when absent. */
  list(communityId: string, fromMonth?: string): Promise<Contribution[]>;
}
