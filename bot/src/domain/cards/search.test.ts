import type { CardSummary } from './knowledgeCard';
import { matchesFilter } from './search';

describe('filters', () => {
  const base: CardSummary = {
    id: 'c1',
    title: 't',
    summary: '',
    excerpt: '',
    kind: 'how-to',
    tags: ['ci'],
    authorNames: [],
    harvesterName: 'h',
    createdAt: '2026-01-01T00:00:00.000Z',
    archived: false,
    reviewDueAt: '2026-04-01T00:00:00.000Z',
    ownerId: 'o',
  };
  const now = '2026-05-01T00:00:00.000Z';

  it('leaves archived cards out unless archived ones are asked for', () => {
    expect(matchesFilter(base, undefined)).toBe(true);
    expect(matchesFilter({ ...base, archived: true }, undefined)).toBe(false);
    expect(matchesFilter({ ...base, archived: true }, { status: 'archived', now })).toBe(true);
    expect(matchesFilter(base, { status: 'archived', now })).toBe(false);
  });

  it('finds cards past their review date', () => {
    expect(matchesFilter(base, { status: 'needs-review', now })).toBe(true);
    expect(matchesFilter({ ...base, reviewDueAt: '2026-06-01T00:00:00.000Z' }, { status: 'needs-review', now })).toBe(false);
  });

  it('narrows by kind and tag', () => {
    expect(matchesFilter(base, { status: 'active', kind: 'how-to', tag: 'ci', now })).toBe(true);
    expect(matchesFilter(base, { status: 'active', kind: 'decision', now })).toBe(false);
    expect(matchesFilter(base, { status: 'active', tag: 'cd', now })).toBe(false);
  });
});
