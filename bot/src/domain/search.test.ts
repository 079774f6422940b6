import { SEARCH_LIMITS } from './limits';
import { indexTermsFor, matchesPlan, planSearch, wordsOf } from './search';

describe('search terms', () => {
  it('lower-cases, strips accents and splits on punctuation', () => {
    expect(wordsOf('Café-Résumé: déploiement, K8s!')).toEqual(['cafe', 'resume', 'deploiement', 'k8s']);
  });

  it('indexes tags, title and summary words once, without stop words', () => {
    expect(indexTermsFor({ tags: ['ci-cd'], title: 'How to fix the flaky deploy', summary: 'Retry the deploy step' })).toEqual([
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
