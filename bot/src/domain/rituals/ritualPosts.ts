import { nextOccurrences, occurrenceById } from './recurrence';
import type { Occurrence, Ritual } from './ritual';
import { ritualKind } from './ritualKinds';
import type { PlannedPost, RitualPostKind } from './ritualPorts';

const MINUTE = 60_000;

/** The AMA's top questions go up this long before it starts, so the host can prepare. */
export const AMA_TOP_QUESTIONS_LEAD_MINUTES = 10;

/** A follow-up or a Win of the Week opener is still worth posting this long after it was due. */
const LATE_POST_GRACE_MS = 24 * 60 * MINUTE;

/** How many occurrences ahead are planned at least, so a missed or failed plan has a spare. */
const OCCURRENCES_PLANNED = 2;

/** Most occurrences planned at once (a daily ritual with a week's reminder needs eight). */
const OCCURRENCES_PLANNED_MAX = 10;

/** Occurrences starting within the longest reminder plus this are planned, so every post is planned before it is due. */
const PLANNING_MARGIN_MS = 24 * 60 * MINUTE;

/** The moment a post is about: the due time its key carries, whenever it is actually sent. */
function dueAtOf(ritual: Ritual, occurrence: Occurrence, post: RitualPostKind, offsetMinutes = 0): Date {
  const start = Date.parse(occurrence.startsAt);
  switch (post) {
    case 'reminder':
      return new Date(start - offsetMinutes * MINUTE);
    case 'opening':
      return new Date(ritual.kind === 'ama' ? start - AMA_TOP_QUESTIONS_LEAD_MINUTES * MINUTE : start);
    case 'followUp':
      return new Date(Date.parse(occurrence.endsAt));
  }
}

/** The key of a planned post; it carries the due time, so a moved occurrence gets new posts. */
export function postKey(
  ritual: Pick<Ritual, 'communityId' | 'id'>,
  occurrenceId: string,
  post: RitualPostKind,
  offsetMinutes: number | undefined,
  dueAt: string,
): string {
  return [ritual.communityId, ritual.id, occurrenceId, `${post}${offsetMinutes ?? ''}`, dueAt].join('|');
}

/** Every post of one occurrence, on time: its reminders, the opener and, where the kind has one, the follow-up. */
export function postsOf(ritual: Ritual, occurrence: Occurrence): PlannedPost[] {
  const kind = ritualKind(ritual.kind);
  const plan: { post: RitualPostKind; offsetMinutes?: number }[] = [
    ...ritual.reminderOffsets.map((offsetMinutes) => ({ post: 'reminder' as const, offsetMinutes })),
    ...(ritual.kind === 'custom' ? [] : [{ post: 'opening' as const }]),
    ...(kind.followUp ? [{ post: 'followUp' as const }] : []),
  ];
  return plan.map(({ post, offsetMinutes }) => {
    const dueAt = dueAtOf(ritual, occurrence, post, offsetMinutes).toISOString();
    return {
      key: postKey(ritual, occurrence.id, post, offsetMinutes, dueAt),
      dueAt,
      tenantId: ritual.community.tenantId,
      communityId: ritual.communityId,
      ritualId: ritual.id,
      occurrenceId: occurrence.id,
      post,
      ...(offsetMinutes !== undefined ? { offsetMinutes } : {}),
    };
  });
}

/**
 * What to do with the posts of one occurrence whose moment had already passed when they
 * were first planned (the ritual was created, edited, moved or resumed at short notice):
 * they are not sent as if on time.
 * - Reminders: when another reminder is still ahead, the passed ones are skipped; when
 *   none is, only the one nearest the start goes out now (its text says the real time left).
 * - The AMA's top questions: when the start is still ahead they go out at the start,
 *   so the questions sent in meanwhile are in them; otherwise they are skipped.
 * - Other openers and follow-ups: skipped, except the Win of the Week opener, which still
 *   makes sense later that day.
 * A post planned in time is in the queue already; planning it again changes nothing, so
 * this only ever decides about posts planned late.
 */
function plannedLate(ritual: Ritual, occurrence: Occurrence, posts: PlannedPost[], now: number): PlannedPost[] {
  const start = Date.parse(occurrence.startsAt);
  const passed = (p: PlannedPost) => Date.parse(p.dueAt) <= now;
  const remindersAhead = posts.some((p) => p.post === 'reminder' && !passed(p));
  const lastPassedReminder = posts
    .filter((p) => p.post === 'reminder' && passed(p))
    .sort((a, b) => (a.offsetMinutes ?? 0) - (b.offsetMinutes ?? 0))[0];
  return posts.flatMap((p): PlannedPost[] => {
    if (!passed(p)) return [p];
    switch (p.post) {
      case 'reminder':
        return !remindersAhead && p === lastPassedReminder && now < start ? [p] : [];
      case 'opening':
        if (ritual.kind === 'winOfTheWeek') return [p];
        // Same key (it names the post), later time: the queue keeps whichever was planned first.
        return ritual.kind === 'ama' && now < start ? [{ ...p, dueAt: occurrence.startsAt }] : [];
      case 'followUp':
        return [];
    }
  });
}

/**
 * The posts to plan for a ritual now: those of its occurrences that are not over and
 * start soon enough for a reminder (at least the next two). The scheduler asks
 * {@link relevanceOf} again before sending each one.
 */
export function nextPosts(ritual: Ritual, now: Date): PlannedPost[] {
  if (ritual.paused) return [];
  const t = now.getTime();
  const since = new Date(t - LATE_POST_GRACE_MS - ritual.schedule.durationMinutes * MINUTE);
  const horizon = t + Math.max(0, ...ritual.reminderOffsets) * MINUTE + PLANNING_MARGIN_MS;
  const open = nextOccurrences(ritual.schedule, ritual.changes, since, OCCURRENCES_PLANNED_MAX + 4)
    .filter((o) => o.status !== 'skipped')
    .filter((o) => Date.parse(o.endsAt) + LATE_POST_GRACE_MS > t);
  let ahead = 0;
  const planned = open.filter((o) => {
    if (Date.parse(o.startsAt) <= t) return true;
    ahead++;
    return ahead <= OCCURRENCES_PLANNED || Date.parse(o.startsAt) <= horizon;
  });
  return planned
    .slice(0, OCCURRENCES_PLANNED_MAX)
    .flatMap((o) => plannedLate(ritual, o, postsOf(ritual, o), t))
    .filter((p) => relevanceOf(ritual, p, now).send);
}

/** Whether a due post should still go out, and why not when it should not. */
export type Relevance = { send: true; occurrence: Occurrence } | { send: false; reason: string };

/**
 * Decides, when a post falls due, whether it still should be sent: the ritual may have
 * been paused, edited or deleted since it was planned, the occurrence skipped or moved,
 * or the service may have been down until after the occurrence started.
 */
export function relevanceOf(ritual: Ritual | undefined, post: PlannedPost, now: Date): Relevance {
  if (!ritual) return { send: false, reason: 'the ritual was deleted' };
  if (ritual.paused) return { send: false, reason: 'the ritual is paused' };
  const occurrence = occurrenceById(ritual.schedule, ritual.changes, post.occurrenceId);
  if (!occurrence) return { send: false, reason: 'the occurrence is no longer in the schedule' };
  if (occurrence.status === 'skipped') return { send: false, reason: 'the occurrence was skipped' };
  if (post.post === 'reminder' && !ritual.reminderOffsets.includes(post.offsetMinutes ?? -1)) {
    return { send: false, reason: 'the reminder was removed from the ritual' };
  }
  if (post.post === 'opening' && ritual.kind === 'custom') return { send: false, reason: 'custom rituals have no opener' };
  if (post.post === 'followUp' && !ritualKind(ritual.kind).followUp) return { send: false, reason: 'this kind has no follow-up' };
  if (
    postKey(
      ritual,
      occurrence.id,
      post.post,
      post.offsetMinutes,
      dueAtOf(ritual, occurrence, post.post, post.offsetMinutes).toISOString(),
    ) !== post.key
  ) {
    return { send: false, reason: 'the occurrence was rescheduled' };
  }
  const start = Date.parse(occurrence.startsAt);
  const t = now.getTime();
  if (post.post === 'reminder' && t >= start) return { send: false, reason: 'the occurrence has started' };
  if (post.post === 'opening' && ritual.kind !== 'winOfTheWeek' && t >= Math.max(Date.parse(occurrence.endsAt), start + 15 * MINUTE)) {
    return { send: false, reason: 'the occurrence is over' };
  }
  if ((post.post === 'followUp' || ritual.kind === 'winOfTheWeek') && t > Date.parse(post.dueAt) + LATE_POST_GRACE_MS) {
    return { send: false, reason: 'it is more than a day late' };
  }
  return { send: true, occurrence };
}
