import { sameQuestion, type Question } from './question';
import { bucketOf, percentileMinutes, weekOf, DURATION_BUCKETS_MINUTES } from './questionFigures';

describe('question figures', () => {
  it('puts a time in the week of its Monday (UTC), Sundays included', () => {
    expect(weekOf('2026-11-02T00:00:00.000Z')).toBe('2026-11-02');
    expect(weekOf('2026-11-08T23:59:59.999Z')).toBe('2026-11-02');
    expect(weekOf('2026-11-09T00:00:00.000Z')).toBe('2026-11-09');
    expect(weekOf('2027-01-01T12:00:00.000Z')).toBe('2026-12-28');
  });

  it('buckets durations by their upper bound, with one open bucket after the last', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(5 * 60_000)).toBe(0);
    expect(bucketOf(5 * 60_000 + 1)).toBe(1);
    expect(bucketOf(24 * 60 * 60_000)).toBe(DURATION_BUCKETS_MINUTES.indexOf(1440));
    expect(bucketOf(90 * 24 * 60 * 60_000)).toBe(DURATION_BUCKETS_MINUTES.length);
  });

  it('reads the median and p90 from the buckets', () => {
    const buckets = new Array<number>(DURATION_BUCKETS_MINUTES.length + 1).fill(0);
    expect(percentileMinutes(buckets, 0.5)).toBeUndefined();
    buckets[bucketOf(10 * 60_000)] = 5; // five within 15 minutes
    buckets[bucketOf(3 * 60 * 60_000)] = 4; // four within 4 hours
    buckets[DURATION_BUCKETS_MINUTES.length] = 1; // one after more than 30 days
    expect(percentileMinutes(buckets, 0.5)).toBe(15);
    expect(percentileMinutes(buckets, 0.9)).toBe(240);
    expect(percentileMinutes(buckets, 1)).toBe(Infinity);
  });

  it('sees two states of a question as the same whatever order their fields were set in', () => {
    const a: Question = { communityId: 'c', messageId: 'm', tracked: true, terms: ['x'], escalatedSteps: 0, asker: { id: 'p', name: 'P' } };
    const b: Question = {
      asker: { name: 'P', id: 'p' },
      escalatedSteps: 0,
      terms: ['x'],
      tracked: true,
      messageId: 'm',
      communityId: 'c',
      version: 'v9',
    };
    expect(sameQuestion(a, b)).toBe(true);
    expect(sameQuestion(a, { ...b, terms: ['y'] })).toBe(false);
  });
});
