import { CardAlreadyExistsError, type CardBrowsePage, type CardPage, type CardRepository } from '../../bot/src/domain/cards/cardPorts';
import {
  creationCredits,
  summarize,
  type CardSummary,
  type KnowledgeCard,
  type StoredCard,
} from '../../bot/src/domain/cards/knowledgeCard';
import { indexTermsFor, matchesFilter, matchesPlan, type CardFilter, type SearchPlan } from '../../bot/src/domain/cards/search';
import type { Contribution } from '../../bot/src/domain/contributors/contribution';
import { ConflictError, NotFoundError, ValidationError } from '../../bot/src/domain/shared/errors';
import { MemoryContributionRepository } from './memoryContributionRepository';
import { copy } from './versions';

interface Held {
  card: KnowledgeCard;
  /** The version people see, counted as Table storage counts a card's revisions: 1, 2, 3… */
  revision: number;
}

/** Where a listing page ends: the last card it showed, in listing order. */
interface Position {
  createdAt: string;
  id: string;
}

const CONTINUATION = /^m1\.([A-Za-z0-9_-]{1,4096})$/;

/**
 * A community's cards in memory, behaving as the Table repository does once its indexer
 * has caught up: the listing, the search and the contributions follow each write at once.
 * Creates and replaces are conditional in the same way (one create of an id wins, a
 * replace needs the version it read), and listings page by a continuation that never
 * repeats or skips a card.
 */
export class MemoryCardRepository implements CardRepository {
  private readonly held = new Map<string, Held>();
  /** Per community, each tag and when a card carrying it was last written. */
  private readonly tagUse = new Map<string, Map<string, string>>();

  constructor(readonly contributions: MemoryContributionRepository = new MemoryContributionRepository()) {}

  async create(card: KnowledgeCard): Promise<StoredCard> {
    const key = keyOf(card.communityId, card.id);
    if (this.held.has(key)) throw new CardAlreadyExistsError(card.id);
    this.held.set(key, { card: copy(card), revision: 1 });
    this.derive(card, creationCredits(card));
    return { ...copy(card), version: '1' };
  }

  async replace(card: KnowledgeCard, credits: Contribution[], previous: StoredCard): Promise<StoredCard> {
    const key = keyOf(card.communityId, card.id);
    const current = this.held.get(key);
    if (!current) throw new NotFoundError('card');
    if (String(current.revision) !== previous.version) throw new ConflictError('card');
    const revision = current.revision + 1;
    this.held.set(key, { card: copy(card), revision });
    this.derive(card, credits);
    return { ...copy(card), version: String(revision) };
  }

  async get(communityId: string, cardId: string): Promise<StoredCard | undefined> {
    const held = this.held.get(keyOf(communityId, cardId));
    return held && { ...copy(held.card), version: String(held.revision) };
  }

  async search(communityId: string, plan: SearchPlan, skip: number, take: number, filter?: CardFilter): Promise<CardPage> {
    const found = this.listing(communityId, filter, plan);
    return {
      cards: found.slice(skip, skip + take),
      hasMore: found.length > skip + take,
      entitiesRead: Math.min(found.length, skip + take + 1),
    };
  }

  async recent(communityId: string, skip: number, take: number, filter?: CardFilter): Promise<CardPage> {
    const found = this.listing(communityId, filter);
    return {
      cards: found.slice(skip, skip + take),
      hasMore: found.length > skip + take,
      entitiesRead: Math.min(found.length, skip + take + 1),
    };
  }

  async browse(
    communityId: string,
    plan: SearchPlan | undefined,
    take: number,
    continuation: string | undefined,
    filter?: CardFilter,
  ): Promise<CardBrowsePage> {
    const after = continuation === undefined ? undefined : positionOf(continuation);
    const found = this.listing(communityId, filter, plan);
    const start = after ? found.findIndex((c) => compareListing(c, after) > 0) : 0;
    const rest = start < 0 ? [] : found.slice(start);
    const cards = rest.slice(0, take);
    const last = cards.at(-1);
    return {
      cards,
      entitiesRead: cards.length,
      ...(rest.length > take && last ? { continuation: continuationOf({ createdAt: last.createdAt, id: last.id }) } : {}),
    };
  }

  async tags(communityId: string, max: number): Promise<string[]> {
    return [...(this.tagUse.get(communityId) ?? new Map<string, string>()).entries()]
      .sort(([tagA, usedA], [tagB, usedB]) => usedB.localeCompare(usedA) || tagA.localeCompare(tagB))
      .slice(0, max)
      .map(([tag]) => tag);
  }

  /** Every card of a community as stored, newest first, for a test to inspect. */
  stored(communityId: string): StoredCard[] {
    return [...this.held.values()]
      .filter(({ card }) => card.communityId === communityId)
      .sort((a, b) => compareListing(a.card, b.card))
      .map(({ card, revision }) => ({ ...copy(card), version: String(revision) }));
  }

  /** The community's cards a listing or search shows, newest first. */
  private listing(communityId: string, filter: CardFilter | undefined, plan?: SearchPlan): CardSummary[] {
    return [...this.held.values()]
      .filter(({ card }) => card.communityId === communityId && (!plan || foundBy(plan, indexTermsFor(card))))
      .map(({ card }) => summarize(copy(card)))
      .filter((summary) => matchesFilter(summary, filter))
      .sort(compareListing);
  }

  /** What the Table repository's indexer derives from a written card: tag use and contributions. */
  private derive(card: KnowledgeCard, credits: Contribution[]): void {
    const tags = this.tagUse.get(card.communityId) ?? new Map<string, string>();
    this.tagUse.set(card.communityId, tags);
    for (const tag of card.tags) tags.set(tag, card.updatedAt);
    this.contributions.record(card.communityId, credits, card.title);
  }
}

function keyOf(communityId: string, cardId: string): string {
  return `${communityId}\n${cardId}`;
}

/** Whether a plan finds a card with these terms: the driver as a prefix of a term (or the term itself), and every token. */
function foundBy(plan: SearchPlan, terms: string[]): boolean {
  const driven = plan.exact ? terms.includes(plan.driver) : terms.some((t) => t.startsWith(plan.driver));
  return driven && matchesPlan(plan, terms);
}

/** Listing order: newest first, then by id (as the listing's row keys sort). */
function compareListing(a: Position, b: Position): number {
  return b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function continuationOf(position: Position): string {
  return `m1.${Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url')}`;
}

/** @throws ValidationError for a continuation this repository did not hand out, worded as the Table repository words it. */
function positionOf(continuation: string): Position {
  const match = CONTINUATION.exec(continuation);
  let parsed: unknown;
  try {
    parsed = match ? JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((p) => typeof p === 'string')) {
    throw new ValidationError([{ field: 'cursor', message: 'This list’s page position is not valid. Reload the list and try again.' }]);
  }
  return { createdAt: parsed[0] as string, id: parsed[1] as string };
}
