import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { validateCardFields, type CardKind, type KnowledgeCard, type StoredCard } from '../knowledgeCard';
import { distinctPeople, type Person } from '../person';
import type { CardRepository, Clock } from '../ports';
import { stewardshipOf, withChange, type CardAction } from '../stewardship';
import type { CommunityRole } from '../communityProfile';

/** Someone acting on a community's cards, with their role there. */
export interface Actor {
  person: Person;
  role: CommunityRole;
}

/** Curation (edit, archive, restore) is for the card's harvester, its owner and community managers. */
export function canCurate(card: KnowledgeCard, actor: Actor): boolean {
  const { owner } = stewardshipOf(card);
  return actor.role === 'manager' || actor.person.id === card.harvester.id || actor.person.id === owner.id;
}

/** Confirming a card is still right is for its owner and community managers. */
export function canVerify(card: KnowledgeCard, actor: Actor): boolean {
  return actor.role === 'manager' || actor.person.id === stewardshipOf(card).owner.id;
}

/** People who may own a card: those it already names. */
export function possibleOwners(card: KnowledgeCard): Person[] {
  const { owner } = stewardshipOf(card);
  return distinctPeople([owner, card.harvester, ...card.authors]);
}

/** Which card, at which version, by whom. */
export interface CardCommand {
  communityId: string;
  cardId: string;
  expectedVersion: string;
  actor: Actor;
}

/** Changes to a card's fields; what is left out stays as it is. */
export interface CardEdits {
  title?: string;
  summary?: string;
  kind?: CardKind;
  tags?: string[];
  ownerId?: string;
  reviewIntervalDays?: number;
}

/** Ports curation needs. */
export interface CurationPorts {
  cards: CardRepository;
  clock: Clock;
}

/**
 * Edits a card's title, summary, kind, tags, owner or review interval, recording who
 * changed which fields and when.
 * @throws NotFoundError, ForbiddenError, ValidationError, ConflictError
 */
export async function editCard(command: CardCommand & { edits: CardEdits }, ports: CurationPorts): Promise<StoredCard> {
  return curate(command, ports, 'edit this card', canCurate, (card) => {
    const { edits } = command;
    const fields = validateCardFields({
      title: edits.title ?? card.title,
      summary: edits.summary ?? card.summary,
      kind: edits.kind ?? card.kind,
      tags: edits.tags ?? card.tags,
    });
    const stewardship = stewardshipOf(card);
    let owner = stewardship.owner;
    if (edits.ownerId !== undefined && edits.ownerId !== owner.id) {
      const next = possibleOwners(card).find((p) => p.id === edits.ownerId);
      if (!next) throw new ValidationError([{ field: 'ownerId', message: 'Choose the owner from the people this card credits.' }]);
      owner = next;
    }
    const reviewIntervalDays = edits.reviewIntervalDays ?? stewardship.reviewIntervalDays;
    const changed = [
      ...(['title', 'summary', 'kind'] as const).filter((f) => fields[f] !== card[f]),
      ...(fields.tags.join('\n') !== card.tags.join('\n') ? ['tags'] : []),
      ...(owner.id !== stewardship.owner.id ? ['owner'] : []),
      ...(reviewIntervalDays !== stewardship.reviewIntervalDays ? ['reviewIntervalDays'] : []),
    ];
    if (!changed.length) return undefined;
    return { card: { ...card, ...fields, owner, reviewIntervalDays }, action: 'edited', fields: changed };
  });
}

/** Archives a card: it leaves lists and search, and can be restored. */
export async function archiveCard(command: CardCommand, ports: CurationPorts): Promise<StoredCard> {
  return curate(command, ports, 'archive this card', canCurate, (card, now, actor) =>
    stewardshipOf(card).archivedAt ? undefined : { card: { ...card, archivedAt: now, archivedBy: actor }, action: 'archived' },
  );
}

/** Restores an archived card. */
export async function restoreCard(command: CardCommand, ports: CurationPorts): Promise<StoredCard> {
  return curate(command, ports, 'restore this card', canCurate, (card) => {
    if (!stewardshipOf(card).archivedAt) return undefined;
    const { archivedAt: _at, archivedBy: _by, ...rest } = card;
    return { card: rest, action: 'restored' };
  });
}

/** The owner confirms the card is still right: its review clock starts again. */
export async function verifyCard(command: CardCommand, ports: CurationPorts): Promise<StoredCard> {
  return curate(command, ports, 'confirm this card', canVerify, (card, now, actor) => {
    if (stewardshipOf(card).archivedAt) {
      throw new ValidationError([{ field: 'card', message: 'Restore the card before confirming it.' }]);
    }
    return { card: { ...card, verifiedAt: now, verifiedBy: actor }, action: 'verified' };
  });
}

type Change = { card: KnowledgeCard; action: CardAction; fields?: string[] } | undefined;

/**
 * Reads, authorizes, applies one change and writes it back at the version the person
 * saw. A change that changes nothing writes nothing and returns the card as it is.
 */
async function curate(
  command: CardCommand,
  ports: CurationPorts,
  what: string,
  allowed: (card: KnowledgeCard, actor: Actor) => boolean,
  change: (card: KnowledgeCard, now: string, actor: Person) => Change,
): Promise<StoredCard> {
  const previous = await ports.cards.get(command.communityId, command.cardId);
  if (!previous) throw new NotFoundError('Card');
  if (!allowed(previous, command.actor)) throw new ForbiddenError(what);
  if (previous.version !== command.expectedVersion) throw new ConflictError('Card');
  const at = ports.clock.now().toISOString();
  const { version: _version, ...card } = previous;
  const result = change(card, at, command.actor.person);
  if (!result) return previous;
  const history = withChange(stewardshipOf(card).history, {
    at,
    by: command.actor.person,
    action: result.action,
    ...(result.fields ? { fields: result.fields } : {}),
  });
  const next: KnowledgeCard = { ...result.card, history, updatedAt: at, updatedBy: command.actor.person };
  return ports.cards.replace(next, [{ person: command.actor.person, role: 'curator', cardId: next.id, at, title: next.title }], previous);
}
