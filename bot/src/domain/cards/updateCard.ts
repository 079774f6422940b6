import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../shared/errors';
import {
  authorsOf,
  validateCardFields,
  type HarvestedMessage,
  type KnowledgeCard,
  type RawCardFields,
  type StoredCard,
} from './knowledgeCard';
import type { Person } from '../shared/person';
import type { CardRepository } from './cardPorts';
import type { Clock } from '../shared/clock';
import type { Contribution } from '../contributors/contribution';
import type { ThreadRepository } from '../threads/threadPorts';
import { stewardshipOf, withChange } from './stewardship';
import { gatherMessages } from './saveCard';

/** A person's request to update a saved card from the harvest dialog. */
export interface UpdateCardCommand {
  communityId: string;
  cardId: string;
  /** The version the person saw; a newer one means someone else changed the card. */
  expectedVersion: string;
  actor: Person;
  fields: RawCardFields;
  /** When given, the card's content is harvested again from this message and these replies. */
  reharvest?: { actedMessage: HarvestedMessage; replyIds: string[] };
}

/** Ports the update use case needs. */
export interface UpdateCardPorts {
  cards: CardRepository;
  threads: ThreadRepository;
  clock: Clock;
}

/**
 * Updates a card's fields (and optionally its harvested content), crediting any new author.
 * @throws NotFoundError when the card does not exist in the community.
 * @throws ConflictError when it changed since `expectedVersion`.
 */
export async function updateCard(command: UpdateCardCommand, ports: UpdateCardPorts): Promise<StoredCard> {
  const fields = validateCardFields(command.fields);
  const previous = await ports.cards.get(command.communityId, command.cardId);
  if (!previous) throw new NotFoundError('card');
  const now = ports.clock.now();
  const messages = command.reharvest
    ? await gatherMessages(
        {
          communityId: command.communityId,
          source: previous.source,
          actedMessage: command.reharvest.actedMessage,
          replyIds: command.reharvest.replyIds,
        },
        ports.threads,
        now,
      )
    : previous.messages;
  const at = now.toISOString();
  const authors = authorsOf(messages);
  const { version: _version, ...unversioned } = previous;
  const changed = changedFields(previous, { ...fields, messages });
  const history = changed.length
    ? withChange(stewardshipOf(previous).history, { at, by: command.actor, action: 'edited', fields: changed })
    : previous.history;
  const card: KnowledgeCard = {
    ...unversioned,
    ...fields,
    messages,
    authors,
    ...(history ? { history } : {}),
    updatedAt: at,
    updatedBy: command.actor,
  };
  const alreadyCredited = new Set(previous.authors.map((a) => a.id));
  const newAuthors: Contribution[] = authors
    .filter((a) => !alreadyCredited.has(a.id))
    .map((person) => ({ person, role: 'author', cardId: card.id, at }));
  return ports.cards.replace(card, newAuthors, { ...previous, version: command.expectedVersion });
}

/** Which of a card's fields an update changes, named as the card's history names them. */
function changedFields(before: KnowledgeCard, after: Pick<KnowledgeCard, 'title' | 'summary' | 'kind' | 'tags' | 'messages'>): string[] {
  const sameMessages =
    before.messages.length === after.messages.length &&
    before.messages.every((m, i) => m.messageId === after.messages[i].messageId && m.html === after.messages[i].html);
  return [
    ...(['title', 'summary', 'kind'] as const).filter((f) => before[f] !== after[f]),
    ...(before.tags.join('\n') !== after.tags.join('\n') ? ['tags'] : []),
    ...(sameMessages ? [] : ['messages']),
  ];
}

/** What became of an update from the harvest dialog. */
export type HarvestUpdateOutcome =
  /** The card was updated. */
  | { outcome: 'updated'; card: StoredCard }
  /** The input breaks a rule: the form shows the card at the version the person saw, with the issues. */
  | { outcome: 'invalid'; issues: FieldIssue[]; card: StoredCard }
  /** Someone else changed the card since the person opened it: nothing was written. */
  | { outcome: 'changed' };

/**
 * An update from the harvest dialog: problems a person can fix in the form, and a lost
 * race, are outcomes the dialog answers; a card that is gone is not.
 * @throws NotFoundError when the card does not exist in the community
 */
export async function updateHarvestedCard(command: UpdateCardCommand, ports: UpdateCardPorts): Promise<HarvestUpdateOutcome> {
  try {
    return { outcome: 'updated', card: await updateCard(command, ports) };
  } catch (error) {
    if (error instanceof ConflictError) {
      // Teams sends a slow submit again: the card may already be this very update.
      const current = await ports.cards.get(command.communityId, command.cardId);
      return current && isSameUpdate(current, command) ? { outcome: 'updated', card: current } : { outcome: 'changed' };
    }
    if (!(error instanceof ValidationError)) throw error;
    const card = await ports.cards.get(command.communityId, command.cardId);
    if (!card) throw new NotFoundError('card');
    // The form keeps the version the person saw, so saving it again cannot overwrite a newer change.
    return { outcome: 'invalid', issues: error.issues, card: { ...card, version: command.expectedVersion } };
  }
}

/** Whether a card is already what an update asks for, written by the same person. */
function isSameUpdate(card: StoredCard, command: UpdateCardCommand): boolean {
  const fields = validateCardFields(command.fields);
  const sameFields =
    card.title === fields.title &&
    card.summary === fields.summary &&
    card.kind === fields.kind &&
    card.tags.join('\n') === fields.tags.join('\n');
  const wanted = command.reharvest && new Set([command.reharvest.actedMessage.messageId, ...command.reharvest.replyIds.filter(Boolean)]);
  const sameMessages = !wanted || (card.messages.length === wanted.size && card.messages.every((m) => wanted.has(m.messageId)));
  return card.updatedBy.id === command.actor.id && sameFields && sameMessages;
}
