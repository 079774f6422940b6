import type { OpenedCommunity } from '../communities/communities';
import { communityId as idOf } from '../communities/community';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { Clock } from '../shared/clock';
import { nextOccurrences, occurrencesBetween } from './recurrence';
import type { Occurrence, Ritual } from './ritual';
import { RITUAL_LIMITS } from './ritualKinds';
import type { PostPlanner, RitualRepository } from './ritualPorts';
import { nextPosts } from './ritualPosts';
import {
  assertMayManage,
  checkedFields,
  withOccurrenceChange,
  withoutOccurrenceChange,
  type RitualActor,
  type RitualFields,
} from './ritualRules';

/** Ports the ritual use cases need. */
export interface RitualPorts {
  rituals: RitualRepository;
  planner: PostPlanner;
  clock: Clock;
  newId: () => string;
}

/** The community a ritual command acts in, and who acts. */
export interface RitualScope {
  community: OpenedCommunity;
  actor: RitualActor;
}

/** A ritual and its next occurrences, the one under way first. */
export interface RitualWithUpcoming {
  ritual: Ritual;
  upcoming: Occurrence[];
  /** Its occurrences that are over, newest first (only when one ritual is opened). */
  past?: Occurrence[];
}

/** How many past occurrences a ritual's page offers to look back at. */
export const PAST_OCCURRENCES_SHOWN = 12;

const MINUTE = 60_000;

/**
 * The occurrence under way (it stays "happening now" until its end) and the next ones,
 * `count` in all.
 */
export function currentAndNext(ritual: Ritual, now: Date, count: number): Occurrence[] {
  if (ritual.paused) return [];
  const t = now.getTime();
  const since = new Date(t - ritual.schedule.durationMinutes * MINUTE);
  return nextOccurrences(ritual.schedule, ritual.changes, since, count + 2)
    .filter((o) => Date.parse(o.endsAt) > t || Date.parse(o.startsAt) >= t)
    .slice(0, count)
    .map((o) => (Date.parse(o.startsAt) <= t && o.status !== 'skipped' ? { ...o, happeningNow: true } : o));
}

/**
 * The occurrences that are over, newest first, since the ritual was created (earlier
 * dates of its rule never happened here). Looks back in widening windows, so a daily
 * ritual a few years old costs no more than a monthly one.
 */
export function pastOccurrences(ritual: Ritual, now: Date, count = PAST_OCCURRENCES_SHOWN): Occurrence[] {
  const t = now.getTime();
  const created = Date.parse(ritual.createdAt);
  const duration = ritual.schedule.durationMinutes * MINUTE;
  const over = (o: Occurrence) => Date.parse(o.endsAt) <= t && Date.parse(o.endsAt) > created;
  for (const days of [31, 366, 5 * 366]) {
    const from = Math.max(created - duration, t - days * 24 * 60 * MINUTE);
    const found = occurrencesBetween(ritual.schedule, ritual.changes, new Date(from), new Date(t)).filter(over);
    if (found.length >= count || from === created - duration) return found.slice(-count).reverse();
  }
  return occurrencesBetween(ritual.schedule, ritual.changes, new Date(t - 5 * 366 * 24 * 60 * MINUTE), new Date(t))
    .filter(over)
    .slice(-count)
    .reverse();
}

/** The community's rituals and the next occurrences of all of them, soonest first. */
export async function listRituals(
  scope: RitualScope,
  ports: Pick<RitualPorts, 'rituals' | 'clock'>,
): Promise<{ rituals: RitualWithUpcoming[]; upcoming: { ritualId: string; occurrence: Occurrence }[] }> {
  const now = ports.clock.now();
  const rituals = (await ports.rituals.list(idOf(scope.community.ref))).map((ritual) => ({
    ritual,
    upcoming: currentAndNext(ritual, now, 6),
  }));
  const upcoming = rituals
    .flatMap((r) => r.upcoming.map((occurrence) => ({ ritualId: r.ritual.id, occurrence })))
    .sort((a, b) => a.occurrence.startsAt.localeCompare(b.occurrence.startsAt))
    .slice(0, RITUAL_LIMITS.upcomingShown);
  return { rituals, upcoming };
}

/** One ritual with its next occurrences. @throws NotFoundError */
export async function openRitual(
  scope: RitualScope,
  ritualId: string,
  ports: Pick<RitualPorts, 'rituals' | 'clock'>,
): Promise<RitualWithUpcoming> {
  const ritual = await requireRitual(scope, ritualId, ports);
  const now = ports.clock.now();
  return { ritual, upcoming: currentAndNext(ritual, now, 6), past: pastOccurrences(ritual, now) };
}

/**
 * Creates a ritual and plans its first reminders.
 * @throws ForbiddenError, ValidationError
 */
export async function createRitual(scope: RitualScope, fields: RitualFields, ports: RitualPorts): Promise<Ritual> {
  assertMayManage(scope.actor, 'create rituals');
  const now = ports.clock.now();
  const checked = checkedFields(fields, now);
  const communityId = idOf(scope.community.ref);
  const existing = await ports.rituals.list(communityId);
  if (existing.length >= RITUAL_LIMITS.ritualsPerCommunityMax) {
    throw new ValidationError([
      {
        field: 'kind',
        message: `A community can keep at most ${RITUAL_LIMITS.ritualsPerCommunityMax} rituals. Delete one you no longer hold first.`,
      },
    ]);
  }
  const at = now.toISOString();
  const ritual: Ritual = {
    ...checked,
    id: ports.newId(),
    communityId,
    community: scope.community.ref,
    paused: false,
    changes: [],
    createdBy: scope.actor.person,
    createdAt: at,
    updatedBy: scope.actor.person,
    updatedAt: at,
  };
  // Planned first: a post planned for a ritual that then fails to save is dropped when due,
  // whereas a saved ritual without its posts would stay silent.
  await ports.planner.schedule(nextPosts(ritual, now));
  return ports.rituals.create(ritual);
}

/** Edits a ritual; reminders follow the new schedule. @throws NotFoundError, ForbiddenError, ValidationError, ConflictError */
export async function updateRitual(
  scope: RitualScope,
  ritualId: string,
  version: string,
  fields: RitualFields,
  ports: RitualPorts,
): Promise<Ritual> {
  return change(scope, ritualId, version, 'edit rituals', ports, (ritual, now) => {
    const checked = checkedFields(fields, now);
    const scheduleChanged = JSON.stringify(checked.schedule) !== JSON.stringify(ritual.schedule);
    // Skips and moves name occurrences of the old rule; under a new rule they would point at nothing.
    return { ...ritual, ...checked, changes: scheduleChanged ? [] : ritual.changes };
  });
}

/** Pauses or resumes a ritual's reminders. */
export async function setRitualPaused(
  scope: RitualScope,
  ritualId: string,
  version: string,
  paused: boolean,
  ports: RitualPorts,
): Promise<Ritual> {
  return change(scope, ritualId, version, paused ? 'pause rituals' : 'resume rituals', ports, (ritual) => ({ ...ritual, paused }));
}

/** Skips or moves one occurrence, with a reason members see. */
export async function changeOccurrence(
  scope: RitualScope,
  ritualId: string,
  version: string,
  request: { occurrenceId: string; kind: 'skipped' | 'moved'; movedTo?: string; reason: string },
  ports: RitualPorts,
): Promise<Ritual> {
  return change(scope, ritualId, version, 'reschedule rituals', ports, (ritual, now) =>
    withOccurrenceChange(ritual, {
      occurrenceId: request.occurrenceId,
      kind: request.kind,
      ...(request.kind === 'moved' && request.movedTo ? { movedTo: request.movedTo } : {}),
      reason: request.reason,
      by: scope.actor.person,
      at: now.toISOString(),
    }),
  );
}

/** Puts a skipped or moved occurrence back where the rule has it. */
export async function undoOccurrenceChange(
  scope: RitualScope,
  ritualId: string,
  version: string,
  occurrenceId: string,
  ports: RitualPorts,
): Promise<Ritual> {
  return change(scope, ritualId, version, 'reschedule rituals', ports, (ritual) => withoutOccurrenceChange(ritual, occurrenceId));
}

/** Deletes a ritual; its planned posts find it gone and are dropped. */
export async function deleteRitual(scope: RitualScope, ritualId: string, version: string, ports: RitualPorts): Promise<void> {
  assertMayManage(scope.actor, 'delete rituals');
  const ritual = await requireRitual(scope, ritualId, ports);
  await ports.rituals.remove({ ...ritual, version });
}

async function change(
  scope: RitualScope,
  ritualId: string,
  version: string,
  action: string,
  ports: RitualPorts,
  apply: (ritual: Ritual, now: Date) => Ritual,
): Promise<Ritual> {
  assertMayManage(scope.actor, action);
  const current = await requireRitual(scope, ritualId, ports);
  const now = ports.clock.now();
  const next = { ...apply({ ...current, version }, now), updatedBy: scope.actor.person, updatedAt: now.toISOString() };
  await ports.planner.schedule(nextPosts(next, now));
  return ports.rituals.replace(next);
}

async function requireRitual(scope: RitualScope, ritualId: string, ports: Pick<RitualPorts, 'rituals'>): Promise<Ritual> {
  const ritual = await ports.rituals.get(idOf(scope.community.ref), ritualId);
  if (!ritual) throw new NotFoundError('ritual');
  return ritual;
}
