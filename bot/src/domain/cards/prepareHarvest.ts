import { draftFromMessage } from './draft';
import { cardIdForMessage, requireText, type CardFields, type CardSummary, type HarvestedMessage, type StoredCard } from './knowledgeCard';
import type { CardRepository } from './cardPorts';
import type { Clock } from '../shared/clock';
import type { ThreadRepository } from '../threads/threadPorts';
import { indexTermsFor } from './search';

/** The message a person opened "Save to community" on, and where it sits. */
export interface HarvestRequest {
  communityId: string;
  actedMessage: HarvestedMessage;
  /** Root of the channel thread the message belongs to, when in a channel. */
  threadRootId?: string;
}

/** Everything the harvest dialog shows. */
export interface HarvestPreparation {
  draft: CardFields;
  /** The card this message already became, if it was saved before. */
  existing?: StoredCard;
  /** Other messages of the thread a person may include, oldest first. */
  threadMessages: HarvestedMessage[];
  /** Cards that look like the same knowledge: reuse before duplicating. */
  similar: CardSummary[];
  /** Tags the community already uses. */
  tagSuggestions: string[];
}

/** Ports the preparation needs. */
export interface PrepareHarvestPorts {
  cards: CardRepository;
  threads: ThreadRepository;
  clock: Clock;
}

const TAG_SUGGESTIONS_MAX = 30;
const SIMILAR_MAX = 3;

/**
 * Gathers what the "Save to community" dialog needs, reading storage in parallel
 * because Teams gives the whole invoke five seconds.
 */
export async function prepareHarvest(request: HarvestRequest, ports: PrepareHarvestPorts): Promise<HarvestPreparation> {
  requireText(request.actedMessage);
  const draft = draftFromMessage(request.actedMessage);
  const cardId = cardIdForMessage(request.actedMessage.messageId);
  const [existing, thread, tagSuggestions, similar] = await Promise.all([
    ports.cards.get(request.communityId, cardId),
    request.threadRootId ? ports.threads.list(request.communityId, request.threadRootId, ports.clock.now()) : [],
    ports.cards.tags(request.communityId, TAG_SUGGESTIONS_MAX),
    findSimilar(request.communityId, draft.title, ports.cards),
  ]);
  return {
    draft,
    existing,
    threadMessages: thread.filter((m) => m.messageId !== request.actedMessage.messageId),
    similar: similar.filter((s) => s.id !== cardId).slice(0, SIMILAR_MAX),
    tagSuggestions,
  };
}

const SIMILAR_PROBE_TERMS = 3;
const SIMILAR_PROBE_SIZE = 10;

/**
 * Cards sharing the most distinctive words of a title. Each probe reads a bounded
 * page, so this costs the same in a community of any size.
 */
export async function findSimilar(communityId: string, title: string, cards: CardRepository): Promise<CardSummary[]> {
  const probes = indexTermsFor({ title, summary: '', tags: [] })
    .sort((a, b) => b.length - a.length)
    .slice(0, SIMILAR_PROBE_TERMS);
  if (!probes.length) return [];
  const pages = await Promise.all(probes.map((term) => cards.search(communityId, { tokens: [term], driver: term }, 0, SIMILAR_PROBE_SIZE)));
  const tally = new Map<string, { card: CardSummary; hits: number }>();
  for (const page of pages) {
    for (const card of page.cards) {
      const entry = tally.get(card.id) ?? { card, hits: 0 };
      entry.hits += 1;
      tally.set(card.id, entry);
    }
  }
  const needed = Math.min(2, probes.length);
  return [...tally.values()]
    .filter((e) => e.hits >= needed)
    .sort((a, b) => b.hits - a.hits || b.card.createdAt.localeCompare(a.card.createdAt))
    .map((e) => e.card);
}
