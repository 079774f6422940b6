import { aRitual } from '../../../../test-support/builders';
import type { Ritual } from './ritual';
import { nextPosts, relevanceOf } from './ritualPosts';

const ama = aRitual();

const at = (iso: string) => new Date(iso);

describe('ritual posts', () => {
  it('plans the reminders, the top questions and the follow-up of the next two occurrences', () => {
    const posts = nextPosts(ama, at('2026-11-02T09:00:00.000Z'));
    const first = posts.filter((p) => p.occurrenceId === '2026-11-10T16:00:00.000Z');
    expect(first.map((p) => [p.post, p.offsetMinutes, p.dueAt])).toEqual([
      ['reminder', 1440, '2026-11-09T16:00:00.000Z'],
      ['reminder', 60, '2026-11-10T15:00:00.000Z'],
      ['opening', undefined, '2026-11-10T15:50:00.000Z'],
      ['followUp', undefined, '2026-11-10T17:00:00.000Z'],
    ]);
    expect(new Set(posts.map((p) => p.occurrenceId))).toEqual(new Set(['2026-11-10T16:00:00.000Z', '2026-12-08T16:00:00.000Z']));
    expect(new Set(posts.map((p) => p.key)).size).toBe(posts.length);
  });

  it('plans nothing for a paused ritual', () => {
    expect(nextPosts({ ...ama, paused: true }, at('2026-11-02T09:00:00.000Z'))).toEqual([]);
  });

  it('opens a Win of the Week every week and plans no reminders or follow-up for it', () => {
    const wotw: Ritual = {
      ...ama,
      kind: 'winOfTheWeek',
      reminderOffsets: [],
      schedule: { firstStart: '2026-11-02T09:30', timeZone: 'Asia/Kolkata', durationMinutes: 0, rule: 'FREQ=WEEKLY;BYDAY=MO' },
    };
    const posts = nextPosts(wotw, at('2026-11-02T00:00:00.000Z'));
    expect(posts.map((p) => [p.post, p.dueAt])).toEqual([
      ['opening', '2026-11-02T04:00:00.000Z'],
      ['opening', '2026-11-09T04:00:00.000Z'],
    ]);
  });

  describe('when a post falls due', () => {
    const now = at('2026-11-09T16:00:00.000Z');
    const reminder = nextPosts(ama, at('2026-11-02T09:00:00.000Z')).find((p) => p.post === 'reminder' && p.offsetMinutes === 1440)!;

    it('sends it when nothing changed', () => {
      expect(relevanceOf(ama, reminder, now)).toMatchObject({ send: true });
    });

    it('still sends a reminder missed while down if its occurrence has not started', () => {
      expect(relevanceOf(ama, reminder, at('2026-11-10T15:59:00.000Z'))).toMatchObject({ send: true });
    });

    it.each([
      ['the ritual was deleted', undefined, now],
      ['the ritual is paused', { ...ama, paused: true }, now],
      [
        'the occurrence was skipped',
        {
          ...ama,
          changes: [{ occurrenceId: '2026-11-10T16:00:00.000Z', kind: 'skipped' as const, reason: 'Offsite', by: ama.createdBy, at: '' }],
        },
        now,
      ],
      [
        'the occurrence was rescheduled',
        {
          ...ama,
          changes: [
            {
              occurrenceId: '2026-11-10T16:00:00.000Z',
              kind: 'moved' as const,
              movedTo: '2026-11-12T17:00',
              reason: 'Room',
              by: ama.createdBy,
              at: '',
            },
          ],
        },
        now,
      ],
      ['the reminder was removed from the ritual', { ...ama, reminderOffsets: [60] }, now],
      ['the occurrence has started', ama, at('2026-11-10T16:00:00.000Z')],
    ] as const)('drops it when %s', (reason, ritual, when) => {
      expect(relevanceOf(ritual as Ritual | undefined, reminder, when)).toEqual({ send: false, reason });
    });

    it('re-plans a moved occurrence at its new time', () => {
      const moved: Ritual = {
        ...ama,
        changes: [
          {
            occurrenceId: '2026-11-10T16:00:00.000Z',
            kind: 'moved',
            movedTo: '2026-11-12T17:00',
            reason: 'Room',
            by: ama.createdBy,
            at: '',
          },
        ],
      };
      const posts = nextPosts(moved, at('2026-11-02T09:00:00.000Z')).filter((p) => p.occurrenceId === '2026-11-10T16:00:00.000Z');
      expect(posts[0]).toMatchObject({ post: 'reminder', dueAt: '2026-11-11T16:00:00.000Z' });
      expect(posts[0].key).not.toBe(reminder.key);
    });
  });

  describe('for an occurrence planned at short notice', () => {
    // Created at 19:36 Paris time for 19:40, weekly, with a 15-minute reminder.
    const late: Ritual = {
      ...ama,
      reminderOffsets: [15],
      schedule: { firstStart: '2026-11-10T19:40', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=WEEKLY;BYDAY=TU' },
    };
    const created = at('2026-11-10T18:36:00.000Z');
    const first = (posts: ReturnType<typeof nextPosts>) => posts.filter((p) => p.occurrenceId === '2026-11-10T18:40:00.000Z');

    it('sends the passed reminder now, and the top questions at the start rather than at once', () => {
      expect(first(nextPosts(late, created)).map((p) => [p.post, p.dueAt])).toEqual([
        ['reminder', '2026-11-10T18:25:00.000Z'],
        ['opening', '2026-11-10T18:40:00.000Z'],
        ['followUp', '2026-11-10T19:40:00.000Z'],
      ]);
    });

    it('keeps the top questions’ key, so one planned in time is not posted again', () => {
      const inTime = first(nextPosts(late, at('2026-11-10T18:00:00.000Z'))).find((p) => p.post === 'opening')!;
      const planLate = first(nextPosts(late, created)).find((p) => p.post === 'opening')!;
      expect(planLate.key).toBe(inTime.key);
      expect(relevanceOf(late, planLate, at('2026-11-10T18:40:00.000Z'))).toMatchObject({ send: true });
    });

    it('skips passed reminders when a later one is still ahead, and sends only the nearest otherwise', () => {
      const three = { ...late, reminderOffsets: [1440, 60, 5] };
      expect(
        first(nextPosts(three, created))
          .filter((p) => p.post === 'reminder')
          .map((p) => p.offsetMinutes),
      ).toEqual([5]);
      const none = first(nextPosts(three, at('2026-11-10T18:37:00.000Z'))).filter((p) => p.post === 'reminder');
      expect(none.map((p) => p.offsetMinutes)).toEqual([5]);
      const tooLate = first(nextPosts(three, at('2026-11-10T18:39:00.000Z'))).filter((p) => p.post === 'reminder');
      expect(tooLate.map((p) => p.offsetMinutes)).toEqual([5]);
      expect(
        first(nextPosts({ ...three, reminderOffsets: [1440, 60] }, at('2026-11-10T18:39:00.000Z')))
          .filter((p) => p.post === 'reminder')
          .map((p) => p.offsetMinutes),
      ).toEqual([60]);
    });

    it('posts nothing as if on time for a session already under way', () => {
      const posts = first(nextPosts(late, at('2026-11-10T18:45:00.000Z')));
      expect(posts.map((p) => p.post)).toEqual(['followUp']);
    });
  });

  it('plans every reminder of a daily ritual before it is due', () => {
    const daily: Ritual = {
      ...ama,
      reminderOffsets: [1440, 60],
      schedule: { firstStart: '2026-11-02T09:00', timeZone: 'UTC', durationMinutes: 15, rule: 'FREQ=DAILY' },
    };
    // Just after a session ended, the day-before reminder of the session after next is still ahead.
    const posts = nextPosts(daily, at('2026-11-03T09:15:01.000Z'));
    expect(posts.some((p) => p.occurrenceId === '2026-11-05T09:00:00.000Z' && p.offsetMinutes === 1440)).toBe(true);
    expect(posts.every((p) => Date.parse(p.dueAt) > Date.parse('2026-11-03T09:15:01.000Z') || p.post === 'followUp')).toBe(true);
  });
});
