import { draftFromMessage } from './draft';
import { cardIdForMessage, requireText, type CardFields, type HarvestedMessage, type StoredCard } from './knowledgeCard';
import type { CardRepository } from './cardPorts';
import type { Clock } from '../shared/clock';
import type { ThreadRepository } from '../threads/threadPorts';
import type { CardHit, CardSearchEngine } from '../search/searchPorts';
import { SIMILAR_MAX, similarCards } from '../search/searchCards';

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
  /** Cards that look like the same knowledge, with the words they share: reuse before duplicating. */
  similar: CardHit[];
  /** Tags the community already uses. */
  tagSuggestions: string[];
}

/** Ports the preparation needs. */
export interface PrepareHarvestPorts {
  cards: CardRepository;
  search: CardSearchEngine;
  threads: ThreadRepository;
  clock: Clock;
}

const TAG_SUGGESTIONS_MAX = 30;

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
    similarCards(request.communityId, { title: draft.title, text: request.actedMessage.text }, ports),
  ]);
  return {
    draft,
    existing,
    threadMessages: thread.filter((m) => m.messageId !== request.actedMessage.messageId),
    similar: similar.filter((s) => s.card.id !== cardId).slice(0, SIMILAR_MAX),
    tagSuggestions,
  };
}
