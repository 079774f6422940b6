import {
  durationText,
  firstDayOfWeek,
  groupByWeek,
  occurrenceLabel,
  ownLocalTime,
  ownStartTime,
  remindersText,
  wallClock,
  zoneCity,
} from './ritualTime';

const paris = { locale: 'en-GB', timeZone: 'Europe/Paris' };

describe('ritual times', () => {
  it('shows the viewer’s time, and the ritual’s own when its zone differs', () => {
    expect(occurrenceLabel('2026-12-08T17:00:00Z', 'Europe/Paris', paris)).toBe('Tue 8 Dec, 18:00');
    expect(occurrenceLabel('2026-12-08T17:00:00Z', 'Europe/London', paris)).toBe('Tue 8 Dec, 18:00 (17:00 in London)');
    // Nothing to add when the clocks there read the same.
    expect(occurrenceLabel('2026-12-08T17:00:00Z', 'Europe/Berlin', paris)).toBe('Tue 8 Dec, 18:00');
    // Across midnight the weekday says which day it is over there.
    expect(ownLocalTime('2026-12-08T17:00:00Z', 'Asia/Tokyo', paris)).toBe('Wed 02:00 in Tokyo');
    expect(occurrenceLabel('2026-12-08T17:00:00Z', 'America/New_York', { locale: 'en-US', timeZone: 'America/Los_Angeles' })).toBe(
      'Tue, Dec 8, 9:00 AM (12:00 PM in New York)',
    );
  });

  it('reads instants on a zone’s clock, across daylight-saving changes', () => {
    expect(wallClock('2026-03-10T17:00:00Z', 'Europe/London')).toEqual({ date: '2026-03-10', time: '17:00' });
    expect(wallClock('2026-04-14T16:00:00Z', 'Europe/London')).toEqual({ date: '2026-04-14', time: '17:00' });
    expect(wallClock('2026-03-10T23:30:00Z', 'Asia/Tokyo')).toEqual({ date: '2026-03-11', time: '08:30' });
  });

  it('names zones by their city', () => {
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
    expect(ownStartTime('2026-03-10T17:00', 'Europe/London', 'en-GB')).toBe('17:00 London time');
  });

  it('groups by the viewer’s week, starting the week as the locale does', () => {
    const now = new Date('2026-03-10T09:00:00Z'); // a Tuesday
    const occurrences = ['2026-03-15T20:00:00Z', '2026-03-16T08:00:00Z', '2026-03-24T08:00:00Z', '2027-01-05T08:00:00Z'].map(
      (startsAt) => ({ startsAt }),
    );
    const groups = groupByWeek(occurrences, now, paris);
    expect(groups.map((g) => [g.label, g.items.length])).toEqual([
      ['This week', 1],
      ['Next week', 1],
      ['Week of 23 Mar', 1],
      ['Week of 4 Jan 2027', 1],
    ]);
    // In the United States the week starts on Sunday, so Sunday the 15th is next week.
    expect(firstDayOfWeek('en-US')).toBe(7);
    const us = groupByWeek(occurrences.slice(0, 2), now, { locale: 'en-US', timeZone: 'America/New_York' });
    expect(us.map((g) => [g.label, g.items.length])).toEqual([['Next week', 2]]);
  });

  it('words reminders and lengths', () => {
    expect(remindersText([60, 1440])).toBe('1 day and 1 hour before');
    expect(remindersText([10080, 1440, 15])).toBe('1 week, 1 day and 15 minutes before');
    expect(remindersText([])).toBe('No reminders');
    expect(durationText(45)).toBe('45 minutes');
    expect(durationText(90)).toBe('1 hour 30 minutes');
    expect(durationText(120)).toBe('2 hours');
  });
});
