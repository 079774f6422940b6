import { RRule } from 'rrule';
import type { Person } from '../shared/person';
import {
  choiceFromRule,
  describeRule,
  nextOccurrences,
  occurrenceById,
  occurrencesBetween,
  ruleFromChoice,
  validateOccurrenceChange,
  validateSchedule,
  type RepeatChoice,
} from './recurrence';
import type { OccurrenceChange, RitualSchedule } from './ritual';
import { RITUAL_LIMITS } from './ritualKinds';

const host: Person = { id: 'u1', name: 'Ada' };

function schedule(overrides: Partial<RitualSchedule> = {}): RitualSchedule {
  return { firstStart: '2025-01-01T10:00', timeZone: 'UTC', durationMinutes: 60, rule: 'FREQ=WEEKLY;BYDAY=MO', ...overrides };
}

/** Start instants of the occurrences in [from, to). */
function startsBetween(s: RitualSchedule, from: string, to: string): string[] {
  return occurrencesBetween(s, [], new Date(from), new Date(to)).map((o) => o.startsAt);
}

function change(occurrenceId: string, kind: 'skipped' | 'moved', reason: string, movedTo?: string): OccurrenceChange {
  return { occurrenceId, kind, reason, by: host, at: '2025-01-01T00:00:00.000Z', ...(movedTo ? { movedTo } : {}) };
}

describe('occurrences keep their local wall time across daylight-saving changes', () => {
  it('Europe/Paris: 17:00 on Sundays around the last Sundays of March and October', () => {
    const s = schedule({ firstStart: '2025-03-16T17:00', timeZone: 'Europe/Paris', rule: 'FREQ=WEEKLY;BYDAY=SU' });
    expect(startsBetween(s, '2025-03-20T00:00:00Z', '2025-04-10T00:00:00Z')).toEqual([
      '2025-03-23T16:00:00.000Z', // CET, +01:00
      '2025-03-30T15:00:00.000Z', // CEST from 01:00Z that morning
      '2025-04-06T15:00:00.000Z',
    ]);
    expect(startsBetween(s, '2025-10-15T00:00:00Z', '2025-11-05T00:00:00Z')).toEqual([
      '2025-10-19T15:00:00.000Z',
      '2025-10-26T16:00:00.000Z', // back to CET that morning
      '2025-11-02T16:00:00.000Z',
    ]);
  });

  it('America/New_York: 09:00 on Sundays around the 2nd Sunday of March and the 1st of November', () => {
    const s = schedule({ firstStart: '2025-01-05T09:00', timeZone: 'America/New_York', rule: 'FREQ=WEEKLY;BYDAY=SU' });
    expect(startsBetween(s, '2025-03-01T00:00:00Z', '2025-03-17T00:00:00Z')).toEqual([
      '2025-03-02T14:00:00.000Z', // EST, -05:00
      '2025-03-09T13:00:00.000Z', // EDT, -04:00, the day it starts
      '2025-03-16T13:00:00.000Z',
    ]);
    expect(startsBetween(s, '2025-10-25T00:00:00Z', '2025-11-10T00:00:00Z')).toEqual([
      '2025-10-26T13:00:00.000Z',
      '2025-11-02T14:00:00.000Z', // EST again
      '2025-11-09T14:00:00.000Z',
    ]);
  });

  it('Australia/Sydney: the southern hemisphere changes in April and October', () => {
    const s = schedule({ firstStart: '2025-01-05T10:00', timeZone: 'Australia/Sydney', rule: 'FREQ=WEEKLY;BYDAY=SU' });
    expect(startsBetween(s, '2025-03-29T00:00:00Z', '2025-04-07T00:00:00Z')).toEqual([
      '2025-03-29T23:00:00.000Z', // AEDT, +11:00
      '2025-04-06T00:00:00.000Z', // AEST, +10:00 from 6 April
    ]);
    expect(startsBetween(s, '2025-09-27T00:00:00Z', '2025-10-06T00:00:00Z')).toEqual([
      '2025-09-28T00:00:00.000Z', // AEST
      '2025-10-04T23:00:00.000Z', // AEDT from 5 October
    ]);
  });

  it('Asia/Kolkata: +05:30 all year, so the instant never moves', () => {
    const s = schedule({ firstStart: '2025-03-19T18:00', timeZone: 'Asia/Kolkata', rule: 'FREQ=WEEKLY;BYDAY=WE' });
    expect(startsBetween(s, '2025-03-20T00:00:00Z', '2025-04-10T00:00:00Z')).toEqual([
      '2025-03-26T12:30:00.000Z',
      '2025-04-02T12:30:00.000Z',
      '2025-04-09T12:30:00.000Z',
    ]);
    expect(startsBetween(s, '2025-10-20T00:00:00Z', '2025-11-06T00:00:00Z')).toEqual([
      '2025-10-22T12:30:00.000Z',
      '2025-10-29T12:30:00.000Z',
      '2025-11-05T12:30:00.000Z',
    ]);
  });

  it('Australia/Adelaide: a half-hour zone with DST (+10:30 / +09:30)', () => {
    const s = schedule({ firstStart: '2025-01-05T09:00', timeZone: 'Australia/Adelaide', rule: 'FREQ=WEEKLY;BYDAY=SU' });
    expect(startsBetween(s, '2025-03-29T00:00:00Z', '2025-04-07T00:00:00Z')).toEqual([
      '2025-03-29T22:30:00.000Z', // ACDT, +10:30
      '2025-04-05T23:30:00.000Z', // ACST, +09:30
    ]);
    expect(startsBetween(s, '2025-09-27T00:00:00Z', '2025-10-06T00:00:00Z')).toEqual([
      '2025-09-27T23:30:00.000Z',
      '2025-10-04T22:30:00.000Z',
    ]);
  });

  it('moves a wall time inside the spring-forward gap to after the gap, and keeps it findable by id', () => {
    const s = schedule({ firstStart: '2025-03-23T02:30', timeZone: 'Europe/Paris', rule: 'FREQ=WEEKLY;BYDAY=SU', durationMinutes: 30 });
    const occurrences = occurrencesBetween(s, [], new Date('2025-03-20T00:00:00Z'), new Date('2025-04-10T00:00:00Z'));
    expect(occurrences.map((o) => o.startsAt)).toEqual([
      '2025-03-23T01:30:00.000Z', // 02:30 CET
      '2025-03-30T01:30:00.000Z', // 02:30 does not exist; read with +01:00, it is 03:30 CEST
      '2025-04-06T00:30:00.000Z', // 02:30 CEST
    ]);
    expect(occurrences[1]).toEqual({
      id: '2025-03-30T01:30:00.000Z',
      startsAt: '2025-03-30T01:30:00.000Z',
      endsAt: '2025-03-30T02:00:00.000Z',
      status: 'scheduled',
    });
    expect(occurrenceById(s, [], '2025-03-30T01:30:00.000Z')?.startsAt).toBe('2025-03-30T01:30:00.000Z');
  });

  it('reads a fall-back wall time that happens twice as the first of the two', () => {
    const s = schedule({ firstStart: '2025-11-01T01:30', timeZone: 'America/New_York', rule: 'FREQ=DAILY' });
    expect(startsBetween(s, '2025-11-01T00:00:00Z', '2025-11-04T00:00:00Z')).toEqual([
      '2025-11-01T05:30:00.000Z', // EDT
      '2025-11-02T05:30:00.000Z', // 01:30 EDT, not the 01:30 EST an hour later
      '2025-11-03T06:30:00.000Z', // EST
    ]);
  });
});

describe('rule shapes', () => {
  it('monthly on the 2nd Tuesday', () => {
    const s = schedule({ firstStart: '2025-01-01T17:00', rule: 'FREQ=MONTHLY;BYDAY=2TU' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-05-01T00:00:00Z')).toEqual([
      '2025-01-14T17:00:00.000Z',
      '2025-02-11T17:00:00.000Z',
      '2025-03-11T17:00:00.000Z',
      '2025-04-08T17:00:00.000Z',
    ]);
  });

  it('monthly on the last Friday', () => {
    const s = schedule({ firstStart: '2025-01-01T12:00', rule: 'FREQ=MONTHLY;BYDAY=-1FR' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-05-01T00:00:00Z')).toEqual([
      '2025-01-31T12:00:00.000Z',
      '2025-02-28T12:00:00.000Z',
      '2025-03-28T12:00:00.000Z',
      '2025-04-25T12:00:00.000Z',
    ]);
  });

  it('every two weeks', () => {
    const s = schedule({ firstStart: '2025-01-01T10:00', rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-02-20T00:00:00Z')).toEqual([
      '2025-01-01T10:00:00.000Z',
      '2025-01-15T10:00:00.000Z',
      '2025-01-29T10:00:00.000Z',
      '2025-02-12T10:00:00.000Z',
    ]);
  });

  it('quarterly on the 1st Thursday, counting quarters from the first start', () => {
    const s = schedule({ firstStart: '2025-01-01T10:00', rule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([
      '2025-01-02T10:00:00.000Z',
      '2025-04-03T10:00:00.000Z',
      '2025-07-03T10:00:00.000Z',
      '2025-10-02T10:00:00.000Z',
    ]);
  });

  it('weekly', () => {
    const s = schedule({ firstStart: '2025-01-01T10:00', rule: 'FREQ=WEEKLY;BYDAY=MO' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-01-21T00:00:00Z')).toEqual([
      '2025-01-06T10:00:00.000Z',
      '2025-01-13T10:00:00.000Z',
      '2025-01-20T10:00:00.000Z',
    ]);
  });

  it('a 5th Tuesday only in months that have one, with no rollover', () => {
    const s = schedule({ firstStart: '2025-01-01T17:00', rule: 'FREQ=MONTHLY;BYDAY=5TU' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([
      '2025-04-29T17:00:00.000Z',
      '2025-07-29T17:00:00.000Z',
      '2025-09-30T17:00:00.000Z',
      '2025-12-30T17:00:00.000Z',
    ]);
  });

  it('a yearly 29 February happens in leap years only', () => {
    const s = schedule({ firstStart: '2024-02-29T12:00', rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' });
    expect(startsBetween(s, '2024-01-01T00:00:00Z', '2033-01-01T00:00:00Z')).toEqual([
      '2024-02-29T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '2032-02-29T12:00:00.000Z',
    ]);
    expect(nextOccurrences(s, [], new Date('2096-03-01T00:00:00Z'), 1).map((o) => o.startsAt)).toEqual(['2104-02-29T12:00:00.000Z']); // 2100 is no leap year
  });

  it('monthly on the 29th has a February date only in leap years', () => {
    const s = schedule({ firstStart: '2024-01-29T09:00', rule: 'FREQ=MONTHLY;BYMONTHDAY=29' });
    expect(startsBetween(s, '2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z')).toEqual([
      '2024-01-29T09:00:00.000Z',
      '2024-02-29T09:00:00.000Z',
      '2024-03-29T09:00:00.000Z',
    ]);
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-04-01T00:00:00Z')).toEqual([
      '2025-01-29T09:00:00.000Z',
      '2025-03-29T09:00:00.000Z',
    ]);
  });

  it('accepts the rule with a leading RRULE: and in lower case', () => {
    const s = schedule({ firstStart: '2025-01-01T17:00', rule: 'RRULE:freq=monthly;byday=2tu' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')).toEqual(['2025-01-14T17:00:00.000Z']);
  });

  it('stops at the end date, which is inclusive and read in the ritual’s zone', () => {
    const s = schedule({ firstStart: '2025-01-06T23:30', timeZone: 'Europe/Paris', until: '2025-01-20' });
    expect(startsBetween(s, '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z')).toEqual([
      '2025-01-06T22:30:00.000Z',
      '2025-01-13T22:30:00.000Z',
      '2025-01-20T22:30:00.000Z',
    ]);
  });

  it('stops at a date-only UNTIL in the rule after that whole day, and honours COUNT', () => {
    expect(
      startsBetween(schedule({ rule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20250113' }), '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z'),
    ).toEqual(['2025-01-06T10:00:00.000Z', '2025-01-13T10:00:00.000Z']);
    expect(startsBetween(schedule({ rule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=2' }), '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z')).toEqual([
      '2025-01-06T10:00:00.000Z',
      '2025-01-13T10:00:00.000Z',
    ]);
  });

  it('honours the limit and the half-open range', () => {
    const s = schedule({ rule: 'FREQ=DAILY' });
    expect(occurrencesBetween(s, [], new Date('2025-01-01T10:00:00Z'), new Date('2025-01-10T10:00:00Z'), 3).map((o) => o.startsAt)).toEqual(
      ['2025-01-01T10:00:00.000Z', '2025-01-02T10:00:00.000Z', '2025-01-03T10:00:00.000Z'],
    );
    expect(startsBetween(s, '2025-01-01T10:00:00Z', '2025-01-03T10:00:00Z')).toHaveLength(2);
  });

  it('has no occurrences for a schedule that does not read, rather than throwing', () => {
    const bad = schedule({ timeZone: 'Mars/Olympus' });
    expect(occurrencesBetween(bad, [], new Date('2025-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toEqual([]);
    expect(nextOccurrences(bad, [], new Date('2025-01-01T00:00:00Z'), 3)).toEqual([]);
    expect(occurrenceById(bad, [], '2025-01-06T10:00:00.000Z')).toBeUndefined();
  });

  it('never has rrule walk centuries towards year 9999 for a rule that never matches', () => {
    // rrule walks every period from DTSTART until a date passes the window, or year 9999: for a rule
    // that matches nothing, how far it walks is how far DTSTART is from year 9999.
    const walks = jest.spyOn(RRule.prototype, 'between');
    try {
      // Every 7 days from a Wednesday never lands on a Monday.
      expect(nextOccurrences(schedule({ rule: 'FREQ=DAILY;INTERVAL=7;BYDAY=MO' }), [], new Date('2025-01-01T00:00:00Z'), 3)).toEqual([]);
      const yearsWalked = walks.mock.contexts.map((rule) => 9999 - (rule as RRule).options.dtstart.getUTCFullYear());
      expect(yearsWalked.length).toBeGreaterThan(0);
      expect(Math.max(...yearsWalked)).toBeLessThan(400);
      walks.mockClear();
      // No month has a 30th of February: rrule is not asked at all.
      expect(nextOccurrences(schedule({ rule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' }), [], new Date('2025-01-01T00:00:00Z'), 3)).toEqual(
        [],
      );
      expect(walks).not.toHaveBeenCalled();
    } finally {
      walks.mockRestore();
    }
  });
});

describe('nextOccurrences on old rituals', () => {
  it('is right for a monthly ritual that started 5 years ago, across a DST change', () => {
    const s = schedule({ firstStart: '2020-01-14T17:00', timeZone: 'Europe/Paris', rule: 'FREQ=MONTHLY;BYDAY=2TU' });
    expect(nextOccurrences(s, [], new Date('2025-06-01T00:00:00Z'), 6).map((o) => o.startsAt)).toEqual([
      '2025-06-10T15:00:00.000Z',
      '2025-07-08T15:00:00.000Z',
      '2025-08-12T15:00:00.000Z',
      '2025-09-09T15:00:00.000Z',
      '2025-10-14T15:00:00.000Z',
      '2025-11-11T16:00:00.000Z',
    ]);
  });

  it('keeps the phase of a two-weekly ritual that started 5 years ago', () => {
    // 2020-01-01 + 142 × 14 days = 2025-06-11.
    const s = schedule({ firstStart: '2020-01-01T10:00', rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' });
    expect(nextOccurrences(s, [], new Date('2025-06-01T00:00:00Z'), 3).map((o) => o.startsAt)).toEqual([
      '2025-06-11T10:00:00.000Z',
      '2025-06-25T10:00:00.000Z',
      '2025-07-09T10:00:00.000Z',
    ]);
  });

  it('includes an occurrence starting exactly at `after`', () => {
    const s = schedule({ firstStart: '2020-01-06T10:00' });
    expect(nextOccurrences(s, [], new Date('2025-01-06T10:00:00Z'), 1)[0].startsAt).toBe('2025-01-06T10:00:00.000Z');
  });

  it('agrees with rrule walking from DTSTART, for rules whose phase depends on the first start', () => {
    const rules = [
      'FREQ=DAILY;INTERVAL=3',
      'FREQ=DAILY;INTERVAL=5;BYDAY=MO,FR',
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU',
      'FREQ=WEEKLY;INTERVAL=2',
      'FREQ=MONTHLY;INTERVAL=5;BYDAY=-1FR',
      'FREQ=MONTHLY;INTERVAL=2',
      'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1',
      'FREQ=YEARLY;INTERVAL=3;BYMONTH=3,9;BYDAY=1SU',
      'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO',
      'FREQ=YEARLY',
      'FREQ=WEEKLY;BYDAY=TH;COUNT=200',
    ];
    for (const rule of rules) {
      const firstStart = '2019-05-31T08:15';
      const after = new Date('2024-12-30T00:00:00Z');
      const expected = new RRule({ ...RRule.parseString(rule), dtstart: new Date('2019-05-31T08:15:00Z') })
        .between(after, new Date('2040-01-01T00:00:00Z'), true)
        .slice(0, 8)
        .map((d) => d.toISOString());
      const actual = nextOccurrences(schedule({ firstStart, rule }), [], after, 8).map((o) => o.startsAt);
      expect({ rule, actual }).toEqual({ rule, actual: expected });
    }
  });
});

describe('skipped and moved occurrences', () => {
  // Mondays 10:00 in Paris (09:00Z in winter): 6, 13, 20, 27 January, 3 and 10 February 2025.
  const s = schedule({ firstStart: '2025-01-06T10:00', timeZone: 'Europe/Paris', durationMinutes: 45 });
  const changes = [
    change('2025-01-13T09:00:00.000Z', 'skipped', 'Team offsite'),
    change('2025-01-20T09:00:00.000Z', 'moved', 'Room taken', '2025-01-29T14:00'),
  ];

  it('lists a skipped one with its reason and a moved one at its new time, in order', () => {
    expect(nextOccurrences(s, changes, new Date('2025-01-10T00:00:00Z'), 4)).toEqual([
      {
        id: '2025-01-13T09:00:00.000Z',
        startsAt: '2025-01-13T09:00:00.000Z',
        endsAt: '2025-01-13T09:45:00.000Z',
        status: 'skipped',
        reason: 'Team offsite',
      },
      { id: '2025-01-27T09:00:00.000Z', startsAt: '2025-01-27T09:00:00.000Z', endsAt: '2025-01-27T09:45:00.000Z', status: 'scheduled' },
      {
        id: '2025-01-20T09:00:00.000Z',
        startsAt: '2025-01-29T13:00:00.000Z',
        endsAt: '2025-01-29T13:45:00.000Z',
        status: 'moved',
        reason: 'Room taken',
      },
      { id: '2025-02-03T09:00:00.000Z', startsAt: '2025-02-03T09:00:00.000Z', endsAt: '2025-02-03T09:45:00.000Z', status: 'scheduled' },
    ]);
  });

  it('finds both by id', () => {
    expect(occurrenceById(s, changes, '2025-01-13T09:00:00.000Z')).toMatchObject({ status: 'skipped', reason: 'Team offsite' });
    expect(occurrenceById(s, changes, '2025-01-20T09:00:00.000Z')).toMatchObject({ status: 'moved', startsAt: '2025-01-29T13:00:00.000Z' });
    expect(occurrenceById(s, changes, '2025-01-27T09:00:00.000Z')).toMatchObject({ status: 'scheduled' });
  });

  it('does not find instants the rule does not produce, or other spellings of an id', () => {
    expect(occurrenceById(s, changes, '2025-01-14T09:00:00.000Z')).toBeUndefined();
    expect(occurrenceById(s, changes, '2025-01-29T13:00:00.000Z')).toBeUndefined(); // the moved-to time is not an id
    expect(occurrenceById(s, changes, '2025-01-13T09:00:00Z')).toBeUndefined();
    expect(occurrenceById(s, changes, 'not a date')).toBeUndefined();
  });

  it('takes a moved one out of its original slot and into the range it moved to', () => {
    expect(occurrencesBetween(s, changes, new Date('2025-01-19T00:00:00Z'), new Date('2025-01-26T00:00:00Z'))).toEqual([]);
    const moved = occurrencesBetween(s, changes, new Date('2025-01-29T00:00:00Z'), new Date('2025-01-30T00:00:00Z'));
    expect(moved.map((o) => [o.id, o.startsAt, o.status])).toEqual([['2025-01-20T09:00:00.000Z', '2025-01-29T13:00:00.000Z', 'moved']]);
  });

  it('finds an occurrence moved from weeks later to before the next one', () => {
    const early = [change('2025-03-03T09:00:00.000Z', 'moved', 'Speaker only free then', '2025-01-08T10:00')];
    expect(nextOccurrences(s, early, new Date('2025-01-07T00:00:00Z'), 2).map((o) => [o.id, o.startsAt])).toEqual([
      ['2025-03-03T09:00:00.000Z', '2025-01-08T09:00:00.000Z'],
      ['2025-01-13T09:00:00.000Z', '2025-01-13T09:00:00.000Z'],
    ]);
  });
});

describe('validateSchedule', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const issuesOf = (overrides: Partial<RitualSchedule>) => validateSchedule(schedule(overrides), now);

  it('accepts a good schedule, including UTC and an RRULE: prefix', () => {
    expect(issuesOf({})).toEqual([]);
    expect(issuesOf({ timeZone: 'Europe/Paris', rule: 'RRULE:FREQ=MONTHLY;BYDAY=2TU', until: '2025-12-31' })).toEqual([]);
    expect(issuesOf({ firstStart: '2020-01-06T10:00' })).toEqual([]); // started long ago, still going
  });

  it('names an unknown time zone', () => {
    expect(issuesOf({ timeZone: 'Mars/Olympus' })).toEqual([
      { field: 'schedule.timeZone', message: '“Mars/Olympus” is not a time zone we know. Pick one from the list.' },
    ]);
    expect(issuesOf({ timeZone: '' })).toEqual([{ field: 'schedule.timeZone', message: 'Choose a time zone.' }]);
  });

  it.each([
    ['every tuesday', '“EVERY TUESDAY” is not NAME=value.'],
    ['FREQ=FORTNIGHTLY', 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY takes weekdays like MO, 2TU or -1FR.'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be a whole number of at least 1.'],
    ['FREQ=WEEKLY;COUNT=0', 'COUNT must be at least 1.'],
    ['FREQ=MONTHLY;BYMONTH=13', 'BYMONTH takes month numbers from 1 to 12.'],
    ['FREQ=YEARLY;BYMONTH=-1', 'BYMONTH takes month numbers from 1 to 12.'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY takes days from 1 to 31, or -1 to -31 counting from the end.'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY takes days from 1 to 366, or -1 to -366.'],
    ['FREQ=YEARLY;BYWEEKNO=-54', 'BYWEEKNO takes weeks from 1 to 53, or -1 to -53.'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1,x', 'BYSETPOS takes positions from 1 to 366, or -1 to -366.'],
    ['FREQ=WEEKLY;BYDAY=2TU', 'numbered weekdays like 2TU need FREQ=MONTHLY or FREQ=YEARLY.'],
    ['FREQ=MONTHLY;BYDAY=6TU', 'a month has at most five of each weekday.'],
    ['BYDAY=TU', 'it needs FREQ, for example FREQ=WEEKLY.'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'FREQ appears more than once.'],
    ['FREQ=WEEKLY;COLOR=BLUE', 'COLOR is not something a repeat rule can contain.'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20250301', 'use COUNT or UNTIL, not both.'],
  ])('rejects the unreadable rule %s', (rule, reason) => {
    expect(issuesOf({ rule })).toEqual([{ field: 'schedule.rule', message: `The repeat rule is not valid: ${reason}` }]);
  });

  it('rejects rules that repeat more than once a day', () => {
    for (const rule of ['FREQ=HOURLY', 'FREQ=MINUTELY;INTERVAL=30']) {
      expect(issuesOf({ rule })).toEqual([{ field: 'schedule.rule', message: 'A ritual can repeat at most once a day.' }]);
    }
    expect(issuesOf({ rule: 'FREQ=DAILY;BYHOUR=9,17' })[0].message).toMatch(/^The repeat rule is not valid: leave out BYHOUR/);
  });

  it('rejects DTSTART inside the rule', () => {
    for (const rule of [
      'DTSTART:20250101T100000Z\nRRULE:FREQ=WEEKLY',
      'FREQ=WEEKLY;DTSTART=20250101T100000Z',
      'DTSTART;TZID=Europe/Paris:20250101T100000',
    ]) {
      expect(issuesOf({ rule })).toEqual([
        {
          field: 'schedule.rule',
          message: 'The repeat rule is not valid: leave out DTSTART and TZID; the first date and the time zone above set them.',
        },
      ]);
    }
  });

  it('rejects an end before the first occurrence, in either form', () => {
    expect(issuesOf({ until: '2024-12-31' })).toEqual([
      { field: 'schedule.until', message: 'The end date is before the first occurrence.' },
    ]);
    expect(issuesOf({ rule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20241231T235959Z' })).toEqual([
      { field: 'schedule.rule', message: 'The end date in the repeat rule (UNTIL) is before the first occurrence.' },
    ]);
    expect(issuesOf({ until: '2025-13-01' })).toEqual([{ field: 'schedule.until', message: 'Give the end date as a real date.' }]);
    expect(issuesOf({ until: '2025-01-01', rule: 'FREQ=DAILY' })).toEqual([]); // the first day itself is fine
  });

  it('rejects a first occurrence more than a year away', () => {
    expect(issuesOf({ firstStart: '2027-01-04T10:00' })).toEqual([
      { field: 'schedule.firstStart', message: 'The next occurrence is more than a year away. Pick a first date within the next year.' },
    ]);
    // 29 February: the next one after 2024 is in 2028.
    expect(issuesOf({ firstStart: '2024-02-29T12:00', rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29' })[0].field).toBe('schedule.firstStart');
  });

  it('rejects a rule that never produces a date', () => {
    const never = {
      field: 'schedule.rule',
      message: 'This rule never produces a date in the next year. Check the days and months it asks for, and its end.',
    };
    expect(issuesOf({ rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' })).toEqual([never]);
    expect(issuesOf({ rule: 'FREQ=DAILY;INTERVAL=7;BYDAY=MO' })).toEqual([never]); // from a Wednesday, never a Monday
    expect(issuesOf({ firstStart: '2020-01-06T10:00', rule: 'FREQ=WEEKLY;COUNT=3' })).toEqual([never]); // all in the past
  });

  it.each([['2025-02-30T10:00'], ['2025-01-01 10:00'], ['2025-01-01T24:00'], [''], ['1850-01-01T10:00']])(
    'rejects the first start %p',
    (firstStart) => {
      const issues = issuesOf({ firstStart });
      expect(issues).toHaveLength(1);
      expect(issues[0].field).toBe('schedule.firstStart');
    },
  );

  it.each([[-1], [1.5], [RITUAL_LIMITS.durationMinutesMax + 1], [Number.NaN]])('rejects the duration %p', (durationMinutes) => {
    expect(issuesOf({ durationMinutes })).toEqual([
      { field: 'schedule.durationMinutes', message: `Give the length in whole minutes, from 0 to ${RITUAL_LIMITS.durationMinutesMax}.` },
    ]);
  });

  it('reports every field at once', () => {
    const issues = validateSchedule({ firstStart: 'soon', timeZone: 'Nowhere', durationMinutes: -5, rule: 'FREQ=SECONDLY' }, now);
    expect(issues.map((i) => i.field).sort()).toEqual([
      'schedule.durationMinutes',
      'schedule.firstStart',
      'schedule.rule',
      'schedule.timeZone',
    ]);
  });
});

describe('validateOccurrenceChange', () => {
  // Mondays 10:00 in Paris.
  const s = schedule({ firstStart: '2025-01-06T10:00', timeZone: 'Europe/Paris' });
  const id = '2025-01-20T09:00:00.000Z';

  it('accepts a skip and a move within the limit', () => {
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'skipped', reason: 'Holiday' })).toEqual([]);
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'moved', movedTo: '2025-03-21T10:00', reason: 'Room' })).toEqual([]); // 60 days
  });

  it('rejects an id the rule does not produce', () => {
    expect(validateOccurrenceChange(s, { occurrenceId: '2025-01-21T09:00:00.000Z', kind: 'skipped', reason: 'x' })).toEqual([
      { field: 'occurrenceId', message: 'This occurrence is not in the ritual’s schedule.' },
    ]);
  });

  it('rejects a move too far away, a missing or unreal time, and a time the clocks skip', () => {
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'moved', movedTo: '2025-03-22T10:00', reason: 'x' })).toEqual([
      { field: 'movedTo', message: `Move it at most ${RITUAL_LIMITS.moveMaxDays} days from its original date.` },
    ]);
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'moved', reason: 'x' })[0].field).toBe('movedTo');
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'moved', movedTo: '2025-02-30T10:00', reason: 'x' })[0].field).toBe(
      'movedTo',
    );
    expect(
      validateOccurrenceChange(s, { occurrenceId: '2025-03-24T09:00:00.000Z', kind: 'moved', movedTo: '2025-03-30T02:30', reason: 'x' }),
    ).toEqual([
      { field: 'movedTo', message: 'The clocks go forward then, so that time does not exist in Europe/Paris. Pick another time.' },
    ]);
  });

  it('wants a reason of 1 to 200 characters after trimming', () => {
    expect(validateOccurrenceChange(s, { occurrenceId: id, kind: 'skipped', reason: '   ' })).toEqual([
      { field: 'reason', message: 'Tell members why.' },
    ]);
    expect(
      validateOccurrenceChange(s, { occurrenceId: id, kind: 'skipped', reason: 'x'.repeat(RITUAL_LIMITS.reasonMaxLength + 1) }),
    ).toEqual([{ field: 'reason', message: `Keep the reason to ${RITUAL_LIMITS.reasonMaxLength} characters.` }]);
    expect(
      validateOccurrenceChange(s, { occurrenceId: id, kind: 'skipped', reason: ` ${'x'.repeat(RITUAL_LIMITS.reasonMaxLength)} ` }),
    ).toEqual([]);
  });
});

describe('repeat choices', () => {
  it('builds the rules the ritual kinds use', () => {
    expect(ruleFromChoice({ every: 'month', weekday: 'TU', nth: 2 })).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(ruleFromChoice({ every: 'month', weekday: 'FR', nth: -1 })).toBe('FREQ=MONTHLY;BYDAY=-1FR');
    expect(ruleFromChoice({ every: 'twoWeeks', weekday: 'WE' })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE');
    expect(ruleFromChoice({ every: 'quarter', weekday: 'TH', nth: 1 })).toBe('FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH');
    expect(ruleFromChoice({ every: 'week', weekday: 'MO' })).toBe('FREQ=WEEKLY;BYDAY=MO');
  });

  it('round-trips every choice', () => {
    const choices: RepeatChoice[] = [];
    for (const weekday of ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const) {
      choices.push({ every: 'week', weekday }, { every: 'twoWeeks', weekday });
      for (const nth of [1, 2, 3, 4, 5, -1] as const) choices.push({ every: 'month', weekday, nth }, { every: 'quarter', weekday, nth });
    }
    for (const choice of choices) expect(choiceFromRule(ruleFromChoice(choice))).toEqual(choice);
  });

  it('reads equivalent spellings and gives up on what the form cannot show', () => {
    expect(choiceFromRule('RRULE:byday=+2tu;freq=monthly;interval=1')).toEqual({ every: 'month', weekday: 'TU', nth: 2 });
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=MO,TU',
      'FREQ=MONTHLY;BYDAY=2TU;COUNT=3',
      'FREQ=MONTHLY;BYDAY=-2FR',
      'FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO',
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO',
      'FREQ=DAILY',
      'not a rule',
    ]) {
      expect(choiceFromRule(rule)).toBeUndefined();
    }
  });

  it('describes rules in sentences', () => {
    expect(describeRule('FREQ=MONTHLY;BYDAY=2TU')).toBe('Every 2nd Tuesday of the month');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=WE')).toBe('Every other Wednesday');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO')).toBe('Every week on Monday');
    expect(describeRule('FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH')).toBe('Every quarter on the 1st Thursday');
    expect(describeRule('FREQ=MONTHLY;INTERVAL=3;BYDAY=-1TH')).toBe('Every quarter on the last Thursday');
    expect(describeRule('FREQ=MONTHLY;BYDAY=-1FR')).toBe('On the last Friday of every month');
    expect(describeRule('FREQ=MONTHLY;BYDAY=3SU')).toBe('Every 3rd Sunday of the month');
  });

  it('falls back to rrule’s text, or the rule itself when it does not read', () => {
    expect(describeRule('FREQ=DAILY')).toBe('Every day');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231')).toBe('Every week on Monday, Wednesday until December 31, 2026');
    expect(describeRule('every so often')).toBe('every so often');
  });
});
