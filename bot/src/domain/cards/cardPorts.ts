import type { Contribution } from '../contributors/contribution';
import type { CardSummary, KnowledgeCard, StoredCard } from './knowledgeCard';
import type { CardFilter } from './search';

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

/** Storage of a community's cards, their listing and contributions (search is the search engine's: domain/search). */
export interface CardRepository {
  /**
   * Stores a new card. Its listing and search rows are then derived and its credits
   * (`creationCredits`) recorded: both follow from the card itself, so the write
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
  /** Newest cards first; without a filter, archived cards are left out. */
  recent(communityId: string, skip: number, take: number, filter?: CardFilter): Promise<CardPage>;
  /**
   * One page of the tab's listing, newest first, continuing where the previous page's
   * `continuation` left off, so paging reaches every card once whatever the community's
   * size. Without a filter, archived cards are left out; a tag filter is the search engine's.
   * @throws ValidationError when `continuation` is not one this repository handed out.
   */
  browse(communityId: string, take: number, continuation: string | undefined, filter?: CardFilter): Promise<CardBrowsePage>;
  /** Tags the community already uses, most recently used first. */
  tags(communityId: string, max: number): Promise<string[]>;
}
