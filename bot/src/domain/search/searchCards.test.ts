import type { CardRepository } from '../cards/cardPorts';
import { ValidationError } from '../shared/errors';
import { listCards, searchCards } from './searchCards';
import type { CardHitPage, CardSearchEngine, KnowledgeGaps } from './searchPorts';
import { gapText, parseQuery, type CardQuery } from './searchQuery';

const NOW = new Date('2026-06-01T00:00:00.000Z');

function ports(page: CardHitPage) {
  const asked: { query: CardQuery; skip: number; take: number }[] = [];
  const gaps: { communityId: string; text: string; at: Date }[] = [];
  const search: CardSearchEngine = {
    search: async (_c, query, skip, take) => (asked.push({ query, skip, take }), page),
    similar: async () => [],
  };
  const recorder: KnowledgeGaps = { record: async (communityId, text, at) => void gaps.push({ communityId, text, at }) };
  const cards = {
    recent: async () => ({ cards: [], hasMore: false, entitiesRead: 1 }),
    browse: async () => ({ cards: [], entitiesRead: 1 }),
  } as unknown as CardRepository;
  return { ports: { cards, search, gaps: recorder }, asked, gaps };
}

const EMPTY: CardHitPage = { hits: [], hasMore: false, entitiesRead: 0 };

describe('reading a query', () => {
  it('takes quoted phrases apart from the free words and knows when the last word is still being typed', () => {
    expect(parseQuery('"dead letter" queue retr')).toEqual({ text: 'queue retr', phrases: ['dead letter'], typing: true });
    expect(parseQuery('queue ')).toEqual({ text: 'queue', phrases: [], typing: false });
    expect(parseQuery('"unclosed phr')).toEqual({ text: '', phrases: ['unclosed phr'], typing: true });
  });

  it('counts a gap by its folded text', () => {
    expect(gapText('  Café   Wi-Fi? ')).toBe('cafe wi-fi');
  });
});

describe('searchCards', () => {
  it('counts a search that found nothing as a knowledge gap of its community, without who searched', async () => {
    const { ports: p, gaps } = ports(EMPTY);
    await searchCards({ communityId: 'c1', text: 'Kafka  Lag', now: NOW }, p);
    expect(gaps).toEqual([{ communityId: 'c1', text: 'kafka lag', at: NOW }]);
  });

  it('counts no gap for paging past the end, nor for an empty query, which lists the newest cards', async () => {
    const { ports: p, gaps, asked } = ports(EMPTY);
    await searchCards({ communityId: 'c1', text: 'kafka', skip: 10, now: NOW }, p);
    const newest = await searchCards({ communityId: 'c1', text: '   ', now: NOW }, p);
    expect(newest.entitiesRead).toBe(1);
    expect(gaps).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('searches active cards only, a bounded page', async () => {
    const { ports: p, asked } = ports(EMPTY);
    await searchCards({ communityId: 'c1', text: 'kafka', skip: 9_999, count: 500, now: NOW }, p);
    expect(asked[0]).toMatchObject({ skip: 500, take: 25, query: { filter: { status: 'active' } } });
  });
});

describe('listCards', () => {
  it('continues a search at the offset it handed out and refuses one it did not', async () => {
    const { ports: p, asked } = ports({ hits: [], hasMore: true, entitiesRead: 0 });
    const first = await listCards({ communityId: 'c1', text: 'kafka', status: 'active', take: 20, now: NOW }, p);
    expect(first.continuation).toBe('20');
    await listCards({ communityId: 'c1', text: 'kafka', status: 'active', take: 20, continuation: '20', now: NOW }, p);
    expect(asked[1].skip).toBe(20);
    await expect(
      listCards({ communityId: 'c1', text: 'kafka', status: 'active', take: 20, continuation: 'abc', now: NOW }, p),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('lists a tag through the engine, with no words and so no gap', async () => {
    const { ports: p, asked, gaps } = ports(EMPTY);
    await listCards({ communityId: 'c1', tag: 'ci', status: 'active', take: 20, now: NOW }, p);
    expect(asked[0].query.filter).toMatchObject({ tag: 'ci' });
    expect(gaps).toEqual([]);
  });
});
