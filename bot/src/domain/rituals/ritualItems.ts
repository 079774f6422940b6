import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import { occurrenceById } from './recurrence';
import type { Occurrence, Ritual, RitualItem } from './ritual';
import { RITUAL_LIMITS, ritualKind } from './ritualKinds';
import type { RitualItemRepository, RitualRepository } from './ritualPorts';
import type { RitualActor } from './ritualRules';

/** Ports the item use cases need. */
export interface RitualItemPorts {
  rituals: RitualRepository;
  ritualItems: RitualItemRepository;
  clock: Clock;
  /** A stable id for an item, from what makes it the same item (so a retried submit adds it once). */
  itemId: (parts: string[]) => string;
}

/** Where an item goes: a community's ritual and one of its occurrences. */
export interface ItemScope {
  communityId: string;
  ritualId: string;
  occurrenceId: string;
  actor: RitualActor;
}

/** What a ritual's kind collects, as an item kind; undefined when it collects nothing. */
export function itemKindOf(ritual: Ritual): RitualItem['kind'] | undefined {
  switch (ritualKind(ritual.kind).collects) {
    case 'questions':
      return 'question';
    case 'problems':
      return 'problem';
    case 'signups':
      return 'signup';
    default:
      return undefined;
  }
}

/** Items most voted first, then oldest first. */
export function byVotes(items: RitualItem[]): RitualItem[] {
  return [...items].sort((a, b) => b.voterIds.length - a.voterIds.length || a.createdAt.localeCompare(b.createdAt));
}

/** Whether someone may remove an item: its author or a manager. */
export function mayRemoveItem(item: RitualItem, actor: RitualActor): boolean {
  return actor.role === 'manager' || item.author.id === actor.person.id;
}

/** The occurrence's items, most voted first (sign-ups in the order people signed up). */
export async function listItems(
  scope: ItemScope,
  ports: Pick<RitualItemPorts, 'rituals' | 'ritualItems'>,
): Promise<{ ritual: Ritual; items: RitualItem[] }> {
  const { ritual } = await openOccurrence(scope, ports);
  const items = await ports.ritualItems.list(scope.communityId, scope.ritualId, scope.occurrenceId);
  return { ritual, items: itemKindOf(ritual) === 'signup' ? items : byVotes(items) };
}

/**
 * Adds a question, problem or sign-up to an occurrence that has not ended. The same
 * person adding the same text again gets the same item, so a retried submit adds it once.
 * @throws NotFoundError, ValidationError
 */
export async function addItem(scope: ItemScope, text: string, ports: RitualItemPorts): Promise<RitualItem> {
  assertItemText(text);
  const { ritual, occurrence } = await openOccurrence(scope, ports);
  const kind = itemKindOf(ritual);
  if (!kind) throw new ValidationError([{ field: 'text', message: 'This ritual does not collect questions, problems or sign-ups.' }]);
  const now = ports.clock.now();
  if (occurrence.status === 'skipped')
    throw new ValidationError([{ field: 'text', message: 'This session was skipped, so it takes nothing new.' }]);
  if (now.getTime() >= Date.parse(occurrence.endsAt)) {
    throw new ValidationError([{ field: 'text', message: 'This session is over. Add it to the next one instead.' }]);
  }
  const existing = await ports.ritualItems.list(scope.communityId, scope.ritualId, scope.occurrenceId);
  const normalized = kind === 'signup' ? '' : text.toLocaleLowerCase();
  const id = ports.itemId([scope.occurrenceId, scope.actor.person.id, kind, normalized]);
  const again = existing.find((i) => i.id === id);
  if (again) return again;
  if (kind === 'signup' && existing.length >= (ritual.slots ?? RITUAL_LIMITS.slotsDefault)) {
    throw new ValidationError([
      { field: 'text', message: 'Every slot is taken for this session. Ask the host, or sign up for the next one.' },
    ]);
  }
  if (existing.length >= RITUAL_LIMITS.itemsPerOccurrenceMax) {
    throw new ValidationError([
      { field: 'text', message: `This session already has ${RITUAL_LIMITS.itemsPerOccurrenceMax} entries. Upvote one instead.` },
    ]);
  }
  let item: RitualItem;
  try {
    item = await ports.ritualItems.create({
      id,
      communityId: scope.communityId,
      ritualId: scope.ritualId,
      occurrenceId: scope.occurrenceId,
      kind,
      text,
      author: scope.actor.person,
      createdAt: now.toISOString(),
      voterIds: [],
    });
  } catch (error) {
    // The same submit arriving twice at once: the first one's item is the answer.
    if (!(error instanceof ConflictError)) throw error;
    const raced = await ports.ritualItems.get(scope.communityId, scope.ritualId, scope.occurrenceId, id);
    if (!raced) throw error;
    return raced;
  }
  if (kind === 'signup') await keepWithinSlots(ritual, item, ports);
  return item;
}

/**
 * Two people taking the last slot at the same moment both get in at first; the later
 * sign-up is then withdrawn and told the slots are full.
 */
async function keepWithinSlots(ritual: Ritual, item: RitualItem, ports: Pick<RitualItemPorts, 'ritualItems'>): Promise<void> {
  const all = await ports.ritualItems.list(item.communityId, item.ritualId, item.occurrenceId);
  const ordered = [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const place = ordered.findIndex((i) => i.id === item.id);
  if (place >= (ritual.slots ?? RITUAL_LIMITS.slotsDefault)) {
    await ports.ritualItems.remove(item);
    throw new ValidationError([
      { field: 'text', message: 'Every slot is taken for this session. Ask the host, or sign up for the next one.' },
    ]);
  }
}

/** Adds or withdraws the person's vote; voting twice counts once. Retries a lost race a few times. @throws NotFoundError */
export function voteOnItem(
  scope: ItemScope,
  itemId: string,
  up: boolean,
  ports: Pick<RitualItemPorts, 'rituals' | 'ritualItems'>,
): Promise<RitualItem> {
  return vote(scope, itemId, () => up, ports);
}

/**
 * An item's upvote button pressed: adds or withdraws the person's vote as the button
 * says, so the same press arriving twice (a retry, a double click) counts once. A button
 * that does not say (on cards sent before buttons did) flips the vote, as the item was
 * when the press arrived: a write retried after losing a race keeps that choice.
 * @throws NotFoundError when the ritual, the session or the item is not there
 */
export function voteFromButton(
  scope: ItemScope,
  press: { itemId?: string; up?: boolean },
  ports: Pick<RitualItemPorts, 'rituals' | 'ritualItems'>,
): Promise<RitualItem> {
  const me = scope.actor.person.id;
  return vote(scope, press.itemId, (item) => press.up ?? !item.voterIds.includes(me), ports);
}

async function vote(
  scope: ItemScope,
  itemId: string | undefined,
  decide: (item: RitualItem) => boolean,
  ports: Pick<RitualItemPorts, 'rituals' | 'ritualItems'>,
): Promise<RitualItem> {
  await openOccurrence(scope, ports);
  if (!itemId) throw new NotFoundError('item');
  let up: boolean | undefined;
  for (let attempt = 0; ; attempt++) {
    const item = await ports.ritualItems.get(scope.communityId, scope.ritualId, scope.occurrenceId, itemId);
    if (!item) throw new NotFoundError('item');
    up ??= decide(item);
    const me = scope.actor.person.id;
    const has = item.voterIds.includes(me);
    if (has === up) return item;
    const voterIds = up ? [...item.voterIds, me] : item.voterIds.filter((v) => v !== me);
    try {
      return await ports.ritualItems.replace({ ...item, voterIds });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 4) throw error;
    }
  }
}

/** Removes an item: its author or a manager. @throws NotFoundError, ForbiddenError */
export async function removeItem(scope: ItemScope, itemId: string, ports: Pick<RitualItemPorts, 'rituals' | 'ritualItems'>): Promise<void> {
  await openOccurrence(scope, ports);
  const item = await ports.ritualItems.get(scope.communityId, scope.ritualId, scope.occurrenceId, itemId);
  if (!item) return;
  if (!mayRemoveItem(item, scope.actor)) throw new ForbiddenError('item', 'remove someone else’s entry');
  await ports.ritualItems.remove(item);
}

/** An item's text is something, and fits the limit every edge shows. @throws ValidationError */
function assertItemText(text: string): void {
  if (!text.trim()) throw new ValidationError([{ field: 'text', message: 'Write something first.' }]);
  if (text.length > RITUAL_LIMITS.itemMaxLength) {
    throw new ValidationError([{ field: 'text', message: `Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.` }]);
  }
}

/** The ritual and the occurrence a scope names. @throws NotFoundError for a ritual or occurrence that is not there */
export async function openOccurrence(
  scope: ItemScope,
  ports: Pick<RitualItemPorts, 'rituals'>,
): Promise<{ ritual: Ritual; occurrence: Occurrence }> {
  const ritual = await ports.rituals.get(scope.communityId, scope.ritualId);
  if (!ritual) throw new NotFoundError('ritual');
  const occurrence = occurrenceById(ritual.schedule, ritual.changes, scope.occurrenceId);
  if (!occurrence) throw new NotFoundError('occurrence');
  return { ritual, occurrence };
}
