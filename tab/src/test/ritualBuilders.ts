import type { OccurrenceView, RemindersStatus, RitualDetail, RitualItemView } from '../api/contract';
import { ANA, BEN } from './builders';

/*
 * Contract-valid rituals for component tests. Ritual tests freeze the clock at
 * {@link RITUAL_NOW} (a Tuesday) and view from Paris, so weeks and times are fixed.
 */

/** "Now" in ritual tests: Tuesday 10 March 2026, 09:00 UTC (10:00 in Paris, 09:00 in London). */
export const RITUAL_NOW = new Date('2026-03-10T09:00:00Z');
/** The viewer's time zone in ritual tests. */
export const VIEWER_ZONE = 'Europe/Paris';

/** One occurrence; its id is its original start, as the service names them. */
export function makeOccurrence(ritualId: string, startsAt: string, overrides: Partial<OccurrenceView> = {}): OccurrenceView {
  const ends = new Date(new Date(startsAt).getTime() + 3600_000).toISOString();
  return { id: startsAt, ritualId, startsAt, endsAt: ends, status: 'scheduled', ...overrides };
}

/** An AMA held from London on Tuesdays at 17:00 London time, with its next occurrences. */
export function makeRitual(overrides: Partial<RitualDetail> = {}): RitualDetail {
  const id = overrides.id ?? 'ritual-ama';
  const upcoming = overrides.upcoming ?? [makeOccurrence(id, '2026-03-10T17:00:00.000Z'), makeOccurrence(id, '2026-04-14T16:00:00.000Z')];
  const next = upcoming.find((o) => o.status !== 'skipped');
  return {
    id,
    kind: 'ama',
    title: 'Ask the platform team anything',
    description: 'Bring your questions about deployments, queues and certificates.',
    hosts: [BEN],
    featuredExpert: 'Dana Whitfield',
    meetingUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting',
    schedule: { firstStart: '2026-03-10T17:00', timeZone: 'Europe/London', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
    repeats: 'Every 2nd Tuesday of the month',
    reminderOffsets: [1440, 60],
    paused: false,
    version: 'W/"v1"',
    upcoming,
    past: [],
    ...(next ? { next } : {}),
    items: [],
    ...(next ? { itemsOccurrenceId: next.id } : {}),
    can: { manage: true, addItem: true },
    ...overrides,
  };
}

/** A question, problem or sign-up, by Ana unless told. */
export function makeItem(occurrenceId: string, overrides: Partial<RitualItemView> = {}): RitualItemView {
  return {
    id: 'item-1',
    occurrenceId,
    kind: 'question',
    text: 'How do we roll back a failed deployment?',
    author: ANA,
    createdAt: '2026-03-09T10:00:00.000Z',
    votes: 0,
    votedByMe: false,
    can: { delete: true },
    ...overrides,
  };
}

/** Reminders that are being posted. */
export const REMINDERS_ACTIVE: RemindersStatus = { state: 'active' };

/**
 * Freezes `Date` (only: timers stay real, so Testing Library and Fluent behave as usual).
 * Call in `beforeEach`; `jest.useRealTimers()` in `afterEach`.
 */
export function freezeDate(now: Date = RITUAL_NOW): void {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
