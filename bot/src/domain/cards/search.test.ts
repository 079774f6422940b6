import { SEARCH_LIMITS } from './limits';
import { indexTermsFor, matchesFilter, matchesPlan, planSearch, tagPlan, wordsOf } from './search';
import type { CardSummary } from './knowledgeCard';

describe('search terms', () => {
  it('lower-cases, strips accents and splits on punctuation', () => {
    expect(wordsOf('Café-Résumé: déploiement, K8s!')).toEqual(['cafe', 'resume', 'deploiement', 'k8s']);
  });

  it('splits ASCII text the same way as any other text', () => {
    const ascii = 'Deploy K8s_v2.0 -- the (FLAKY) step #3!';
    expect(wordsOf(ascii)).toEqual(['deploy', 'k8s', 'v2', '0', 'the', 'flaky', 'step', '3']);
    // One accent sends the same words down the Unicode path.
    expect(wordsOf(`${ascii} é`)).toEqual([...wordsOf(ascii), 'e']);
  });

  it('indexes each tag whole, then tags, title and summary words once, without stop words', () => {
    expect(indexTermsFor({ tags: ['ci-cd'], title: 'How to fix the flaky deploy', summary: 'Retry the deploy step' })).toEqual([
      '#ci-cd',
      'ci',
      'cd',
      'fix',
      'flaky',
      'deploy',
      'retry',
      'step',
    ]);
  });

  it('bounds the number of terms per card', () => {
    const summary = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    expect(indexTermsFor({ tags: [], title: 'x', summary })).toHaveLength(SEARCH_LIMITS.termsPerCardMax);
  });
});

describe('planSearch', () => {
  it('returns undefined for an empty or stop-word-only query', () => {
    expect(planSearch('   ')).toBeUndefined();
    expect(planSearch('the and of')).toBeUndefined();
  });

  it('drives the search with the longest token and drops tokens implied by others', () => {
    expect(planSearch('dep Deploy kube')).toEqual({ tokens: ['deploy', 'kube'], driver: 'deploy' });
  });

  it('matches when every token prefixes some term', () => {
    const plan = planSearch('depl kub')!;
    expect(matchesPlan(plan, ['deployment', 'kubernetes'])).toBe(true);
    expect(matchesPlan(plan, ['deployment', 'docker'])).toBe(false);
  });
});

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

  it('lists a tag by its exact index term', () => {
    expect(tagPlan('ci')).toEqual({ tokens: [], driver: '#ci', exact: true });
  });
});
