import { HISTORY_KEPT, needsReview, reviewDueAt, stewardshipOf, withChange, type CardChange } from './stewardship';
import { periodStart } from '../contributors/contributors';

const ADA = { id: 'ada', name: 'Ada' };
const GRACE = { id: 'grace', name: 'Grace' };

describe('stewardship', () => {
  it('reads a card saved before stewardship existed as owned and verified by its harvester when saved', () => {
    expect(stewardshipOf({ harvester: ADA, createdAt: '2026-01-01T00:00:00.000Z' })).toEqual({
      owner: ADA,
      reviewIntervalDays: 90,
      verifiedAt: '2026-01-01T00:00:00.000Z',
      verifiedBy: ADA,
      history: [{ at: '2026-01-01T00:00:00.000Z', by: ADA, action: 'created' }],
    });
  });

  it('is due for review one interval after its last verification, and never while archived', () => {
    const card = stewardshipOf({
      harvester: ADA,
      createdAt: '2026-01-01T00:00:00.000Z',
      owner: GRACE,
      reviewIntervalDays: 30,
      verifiedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(reviewDueAt(card)).toBe('2026-03-31T00:00:00.000Z');
    expect(needsReview(card, new Date('2026-03-30T23:59:59.000Z'))).toBe(false);
    expect(needsReview(card, new Date('2026-03-31T00:00:00.000Z'))).toBe(true);
    expect(needsReview({ ...card, archivedAt: '2026-03-15T00:00:00.000Z' }, new Date('2026-06-01T00:00:00.000Z'))).toBe(false);
  });

  it('keeps the latest changes only', () => {
    let history: CardChange[] = [{ at: '0', by: ADA, action: 'created' }];
    for (let i = 1; i <= HISTORY_KEPT + 5; i += 1) history = withChange(history, { at: String(i), by: GRACE, action: 'edited' });
    expect(history).toHaveLength(HISTORY_KEPT);
    expect(history[history.length - 1].at).toBe(String(HISTORY_KEPT + 5));
  });
});

describe('contributor periods', () => {
  it('starts months and calendar quarters on their first day, in UTC', () => {
    const now = new Date('2026-11-21T10:00:00.000Z');
    expect(periodStart('month', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periodStart('quarter', now)?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(periodStart('quarter', new Date('2026-03-31T23:00:00.000Z'))?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(periodStart('all', now)).toBeUndefined();
  });
});
