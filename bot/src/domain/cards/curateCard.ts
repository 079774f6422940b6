import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import { validateCardFields, type CardKind, type KnowledgeCard, type StoredCard } from './knowledgeCard';
import type { Person } from '../shared/person';
import type { CardRepository } from './cardPorts';
import type { Clock } from '../shared/clock';
import type { TeamDirectory, TeamRef } from '../communities/communityPorts';
import { stewardshipOf, withChange, type CardAction } from './stewardship';
import type { CommunityRole } from '../communities/communityProfile';

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

/**
 * Reassigning a card's owner is for community managers: the owner is the one asked to
 * review it, so who that is is the community's call (someone left, someone took over).
 */
export function canReassign(_card: KnowledgeCard, actor: Actor): boolean {
  return actor.role === 'manager';
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
  reviewIntervalDays?: number;
}

/** Ports curation needs. */
export interface CurationPorts {
  cards: CardRepository;
  clock: Clock;
}

/**
 * Edits a card's title, summary, kind, tags or review interval, recording who changed
 * which fields and when.
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
    const reviewIntervalDays = edits.reviewIntervalDays ?? stewardship.reviewIntervalDays;
    const changed = [
      ...(['title', 'summary', 'kind'] as const).filter((f) => fields[f] !== card[f]),
      ...(fields.tags.join('\n') !== card.tags.join('\n') ? ['tags'] : []),
      ...(reviewIntervalDays !== stewardship.reviewIntervalDays ? ['reviewIntervalDays'] : []),
    ];
    if (!changed.length) return undefined;
    return { card: { ...card, ...fields, reviewIntervalDays }, action: 'edited', fields: changed };
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

/** Ports a reassignment needs: the team's directory tells who may own a card. */
export interface ReassignPorts extends CurationPorts {
  directory: TeamDirectory;
}

/**
 * A manager makes someone else the card's owner: the person asked to review it from now
 * on. The new owner must belong to the community's team.
 * @throws NotFoundError, ForbiddenError, ValidationError, ConflictError
 */
export async function reassignOwner(command: CardCommand & { team: TeamRef; owner: Person }, ports: ReassignPorts): Promise<StoredCard> {
  const { owner } = command;
  // Only a manager's request is worth a directory lookup; anyone else is refused below.
  if (command.actor.role === 'manager' && !(await ports.directory.roleOf(command.team, owner.id))) {
    throw new ValidationError([
      { field: 'owner', message: `${owner.name} is not a member of this community's team, so cannot own its cards.` },
    ]);
  }
  return curate(command, ports, "change this card's owner", canReassign, (card) =>
    stewardshipOf(card).owner.id === owner.id ? undefined : { card: { ...card, owner }, action: 'reassigned', owner },
  );
}

type Change = { card: KnowledgeCard; action: CardAction; fields?: string[]; owner?: Person } | undefined;

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
  if (!previous) throw new NotFoundError('card');
  if (!allowed(previous, command.actor)) throw new ForbiddenError('card', what);
  if (previous.version !== command.expectedVersion) throw new ConflictError('card');
  const at = ports.clock.now().toISOString();
  const { version: _version, ...card } = previous;
  const result = change(card, at, command.actor.person);
  if (!result) return previous;
  const history = withChange(stewardshipOf(card).history, {
    at,
    by: command.actor.person,
    action: result.action,
    ...(result.fields ? { fields: result.fields } : {}),
    ...(result.owner ? { owner: result.owner } : {}),
  });
  const next: KnowledgeCard = { ...result.card, history, updatedAt: at, updatedBy: command.actor.person };
  return ports.cards.replace(next, [{ person: command.actor.person, role: 'curator', cardId: next.id, at, title: next.title }], previous);
}
