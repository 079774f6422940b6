import { ValidationError } from '../shared/errors';
import {
  authorsOf,
  validateCardFields,
  type CardSource,
  type HarvestedMessage,
  type KnowledgeCard,
  type RawCardFields,
  type StoredCard,
  cardIdForMessage,
  requireText,
} from './knowledgeCard';
import { CARD_LIMITS } from './limits';
import type { Person } from '../shared/person';
import { CardAlreadyExistsError, type CardRepository } from './cardPorts';
import { type Clock } from '../shared/clock';
import { type ThreadRepository } from '../threads/threadPorts';

/** A person's request to save a message (and chosen replies) as a card. */
export interface SaveCardCommand {
  communityId: string;
  harvester: Person;
  /** Identifies one dialog submission, so a retry of it is recognised. */
  submissionId: string;
  source: CardSource;
  actedMessage: HarvestedMessage;
  /** Thread messages the person ticked, by id. */
  replyIds: string[];
  fields: RawCardFields;
}

/** What became of a save. */
export type SaveCardOutcome =
  /** A new card was stored. */
  | { outcome: 'saved'; card: StoredCard }
  /** This same submission had already stored the card: a retry, nothing new was written. */
  | { outcome: 'retried'; card: StoredCard }
  /** The message was already saved by another submission; the person may update it instead. */
  | { outcome: 'exists'; card: StoredCard };

/** Ports the save use case needs. */
export interface SaveCardPorts {
  cards: CardRepository;
  threads: ThreadRepository;
  clock: Clock;
}

/**
 * Saves a message, and the replies a person chose, as a knowledge card, crediting
 * every author (the repository indexes it and records the credits once it is stored).
 * One message becomes at most one card, however often it is saved.
 */
export async function saveCard(command: SaveCardCommand, ports: SaveCardPorts): Promise<SaveCardOutcome> {
  const fields = validateCardFields(command.fields);
  const now = ports.clock.now();
  const messages = await gatherMessages(command, ports.threads, now);
  const at = now.toISOString();
  const card: KnowledgeCard = {
    title: fields.title,
    summary: fields.summary,
    kind: fields.kind,
    tags: fields.tags,
    id: cardIdForMessage(command.source.messageId),
    communityId: command.communityId,
    messages,
    authors: authorsOf(messages),
    harvester: command.harvester,
    source: command.source,
    createdAt: at,
    updatedAt: at,
    updatedBy: command.harvester,
    submissionId: command.submissionId,
  };
  try {
    return { outcome: 'saved', card: await ports.cards.create(card) };
  } catch (error) {
    if (!(error instanceof CardAlreadyExistsError)) throw error;
    const existing = await ports.cards.get(command.communityId, card.id);
    if (!existing) throw error;
    return existing.submissionId === command.submissionId ? { outcome: 'retried', card: existing } : { outcome: 'exists', card: existing };
  }
}

/**
 * The acted-on message plus the chosen replies, oldest first, checked against
 * what a card can hold. Nothing is cut silently: too much content is refused with
 * the numbers a person needs to choose less.
 */
export async function gatherMessages(
  command: Pick<SaveCardCommand, 'communityId' | 'source' | 'actedMessage' | 'replyIds'>,
  threads: ThreadRepository,
  now: Date,
): Promise<HarvestedMessage[]> {
  const { actedMessage, replyIds } = command;
  requireText(actedMessage);
  if (!replyIds.length) return checkedContent([actedMessage]);
  const wanted = [...new Set(replyIds.filter((id) => id && id !== actedMessage.messageId))];
  if (wanted.length > CARD_LIMITS.repliesMax) {
    throw new ValidationError([
      { field: 'replies', message: `That is ${wanted.length} replies; a card can include at most ${CARD_LIMITS.repliesMax}.` },
    ]);
  }
  let chosen: HarvestedMessage[] = [];
  if (wanted.length) {
    const rootId = command.source.threadRootId;
    const available = rootId ? await threads.list(command.communityId, rootId, now) : [];
    const byId = new Map(available.map((m) => [m.messageId, m]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length) {
      throw new ValidationError([
        {
          field: 'replies',
          message:
            missing.length === 1
              ? 'One chosen reply is no longer available (it was deleted or is older than the thread history kept). Open the dialog again.'
              : `${missing.length} chosen replies are no longer available (deleted or older than the thread history kept). Open the dialog again.`,
        },
      ]);
    }
    chosen = wanted.map((id) => byId.get(id)!).map(stripThreadFields);
  }
  return checkedContent([actedMessage, ...chosen].sort((a, b) => a.sentAt.localeCompare(b.sentAt)));
}

/** The messages, if together they fit a card; otherwise a refusal that says by how much. */
function checkedContent(messages: HarvestedMessage[]): HarvestedMessage[] {
  const total = messages.reduce((sum, m) => sum + m.html.length, 0);
  if (total > CARD_LIMITS.contentMaxLength) {
    throw new ValidationError([
      {
        field: 'replies',
        message: `Together these messages are ${total.toLocaleString('en-US')} characters; a card holds ${CARD_LIMITS.contentMaxLength.toLocaleString('en-US')}. Choose fewer replies.`,
      },
    ]);
  }
  return messages;
}

function stripThreadFields(message: HarvestedMessage): HarvestedMessage {
  const { messageId, author, sentAt, html, text, shortenedFrom } = message;
  return shortenedFrom === undefined ? { messageId, author, sentAt, html, text } : { messageId, author, sentAt, html, text, shortenedFrom };
}
