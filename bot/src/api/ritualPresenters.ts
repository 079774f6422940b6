import { describeRule } from '../domain/rituals/recurrence';
import type { Occurrence, Ritual, RitualItem } from '../domain/rituals/ritual';
import { mayRemoveItem } from '../domain/rituals/ritualItems';
import type { RitualActor } from '../domain/rituals/ritualRules';
import type { OccurrenceView, RitualDetail, RitualItemView, RitualView } from './contract';

/** An occurrence, as UTC instants. */
export function presentOccurrence(ritualId: string, occurrence: Occurrence): OccurrenceView {
  return {
    id: occurrence.id,
    ritualId,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    status: occurrence.status,
    ...(occurrence.reason ? { reason: occurrence.reason } : {}),
    ...(occurrence.happeningNow ? { happeningNow: true } : {}),
  };
}

/** A ritual in the list, with its next occurrence. */
export function presentRitual(ritual: Ritual, upcoming: Occurrence[]): RitualView {
  const next = upcoming.find((o) => o.status !== 'skipped');
  return {
    id: ritual.id,
    kind: ritual.kind,
    title: ritual.title,
    description: ritual.description,
    hosts: ritual.hosts,
    ...(ritual.featuredExpert ? { featuredExpert: ritual.featuredExpert } : {}),
    ...(ritual.meetingUrl ? { meetingUrl: ritual.meetingUrl } : {}),
    schedule: ritual.schedule,
    repeats: describeRule(ritual.schedule.rule),
    reminderOffsets: ritual.reminderOffsets,
    ...(ritual.slots !== undefined ? { slots: ritual.slots } : {}),
    paused: ritual.paused,
    ...(next ? { next: presentOccurrence(ritual.id, next) } : {}),
    version: ritual.version ?? '',
  };
}

/** A question, problem or sign-up, as the caller sees it. */
export function presentItem(item: RitualItem, actor: RitualActor): RitualItemView {
  return {
    id: item.id,
    occurrenceId: item.occurrenceId,
    kind: item.kind,
    text: item.text,
    author: item.author,
    createdAt: item.createdAt,
    votes: item.voterIds.length,
    votedByMe: item.voterIds.includes(actor.person.id),
    can: { delete: mayRemoveItem(item, actor) },
  };
}

/** The whole ritual, with the items of one occurrence. */
export function presentRitualDetail(
  ritual: Ritual,
  upcoming: Occurrence[],
  items: { occurrenceId?: string; items: RitualItem[]; collects: boolean },
  actor: RitualActor,
  past: Occurrence[] = [],
): RitualDetail {
  // A session that is over is a record: nothing is added to it.
  const over = past.some((o) => o.id === items.occurrenceId);
  return {
    ...presentRitual(ritual, upcoming),
    upcoming: upcoming.map((o) => presentOccurrence(ritual.id, o)),
    past: past.map((o) => presentOccurrence(ritual.id, o)),
    items: items.items.map((i) => presentItem(i, actor)),
    ...(items.occurrenceId ? { itemsOccurrenceId: items.occurrenceId } : {}),
    can: { manage: actor.role === 'manager', addItem: items.collects && Boolean(items.occurrenceId) && !over },
  };
}
