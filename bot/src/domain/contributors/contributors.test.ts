import { ADA, GRACE, LINUS, card, message } from '../../../../test-support/builders';
import { MemoryCardRepository } from '../../../../test-support/memory/memoryCardRepository';
import type { Person } from '../shared/person';
import { contributorsReport, periodStart } from './contributors';

const COMMUNITY = 't|channel|team|chan';

/** A card harvested at a time, from messages by its authors. */
function harvested(n: number, at: string, harvester: Person, authors: Person[]) {
  const messages = authors.map((author, i) => message({ messageId: `m${n}-${i}`, author, sentAt: at }));
  return card({
    communityId: COMMUNITY,
    title: `Card ${n}`,
    createdAt: at,
    updatedAt: at,
    harvester,
    messages,
    authors,
    source: { conversationId: 'c', messageId: `m${n}-0` },
  });
}

describe('periodStart', () => {
  it('starts months and quarters on their first day in UTC', () => {
    const now = new Date('2026-11-20T12:00:00.000Z');
    expect(periodStart('month', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(periodStart('quarter', now)?.toISOString()).toBe('2026-10-01T00:00:00.000Z');
    expect(periodStart('all', now)).toBeUndefined();
  });
});

describe('contributorsReport', () => {
  async function community() {
    const cards = new MemoryCardRepository();
    await cards.create(harvested(1, '2026-09-15T10:00:00.000Z', ADA, [ADA]));
    await cards.create(harvested(2, '2026-10-05T10:00:00.000Z', GRACE, [ADA, LINUS]));
    const third = await cards.create(harvested(3, '2026-11-03T10:00:00.000Z', GRACE, [GRACE]));
    await cards.replace(
      { ...third, title: 'Card 3, curated' },
      [{ person: LINUS, role: 'curator', cardId: third.id, at: '2026-11-04T10:00:00.000Z' }],
      third,
    );
    return { contributions: cards.contributions };
  }
  const now = new Date('2026-11-20T12:00:00.000Z');

  it('counts each person’s cards by role over all time, most contributions first', async () => {
    const report = await contributorsReport({ communityId: COMMUNITY, period: 'all', now }, await community());
    expect(report.totals).toEqual({ cards: 3, people: 3 });
    expect(report.people.map((p) => [p.person.name, p.harvested, p.authored, p.curated])).toEqual([
      ['Ada Lovelace', 1, 2, 0],
      ['Grace Hopper', 2, 1, 0],
      ['Linus Torvalds', 0, 1, 1],
    ]);
    expect(report.from).toBeUndefined();
  });

  it('keeps to the calendar quarter or month, and lists each person’s latest contributions first', async () => {
    const quarter = await contributorsReport({ communityId: COMMUNITY, period: 'quarter', now }, await community());
    expect(quarter.from).toBe('2026-10-01T00:00:00.000Z');
    expect(quarter.totals).toEqual({ cards: 2, people: 3 });
    const month = await contributorsReport({ communityId: COMMUNITY, period: 'month', now }, await community());
    expect(month.people.map((p) => p.person.name)).toEqual(['Grace Hopper', 'Linus Torvalds']);
    expect(month.people[1].recent).toEqual([
      { cardId: expect.any(String), title: 'Card 3, curated', role: 'curator', at: '2026-11-04T10:00:00.000Z' },
    ]);
  });

  it('reports nobody for a community without contributions', async () => {
    const report = await contributorsReport({ communityId: 'quiet', period: 'month', now }, await community());
    expect(report).toEqual({ period: 'month', from: '2026-11-01T00:00:00.000Z', totals: { cards: 0, people: 0 }, people: [] });
  });
});
