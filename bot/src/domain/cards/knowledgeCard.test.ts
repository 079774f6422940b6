import { ValidationError } from '../shared/errors';
import { cardIdForMessage, creationCredits, excerpt, normalizeTag, validateCardFields } from './knowledgeCard';
import { CARD_LIMITS } from './limits';

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('validateCardFields', () => {
  it('normalizes a valid card', () => {
    expect(
      validateCardFields({ title: '  Fix   flaky deploys ', summary: ' Retry the step. ', kind: 'how-to', tags: '#CI, Deploy Tools, ci' }),
    ).toEqual({
      title: 'Fix flaky deploys',
      summary: 'Retry the step.',
      kind: 'how-to',
      tags: ['ci', 'deploy-tools'],
    });
  });

  it('accepts tags as an array and as an empty value', () => {
    expect(validateCardFields({ title: 'T', kind: 'link', tags: ['a', 'b,c'] }).tags).toEqual(['a', 'b', 'c']);
    expect(validateCardFields({ title: 'T', kind: 'link', tags: '' }).tags).toEqual([]);
  });

  it('reports every problem at once, in words for people', () => {
    const issues = issuesOf(() =>
      validateCardFields({
        title: 'x'.repeat(CARD_LIMITS.titleMaxLength + 1),
        summary: 's'.repeat(CARD_LIMITS.summaryMaxLength + 1),
        kind: 'poem',
        tags: Array.from({ length: CARD_LIMITS.tagsMax + 1 }, (_, i) => `t${i}`),
      }),
    );
    expect(issues.map((i) => i.field)).toEqual(['title', 'summary', 'kind', 'tags']);
    expect(issues[0].message).toBe(`The title is ${CARD_LIMITS.titleMaxLength + 1} characters; keep it to ${CARD_LIMITS.titleMaxLength}.`);
    expect(issues[3].message).toContain(`at most ${CARD_LIMITS.tagsMax}`);
  });

  it('rejects an empty title', () => {
    expect(issuesOf(() => validateCardFields({ title: '   ', kind: 'how-to' }))).toEqual([
      { field: 'title', message: 'Give the card a title.' },
    ]);
  });

  it('rejects tags with forbidden characters or too long', () => {
    expect(issuesOf(() => validateCardFields({ title: 'T', kind: 'how-to', tags: 'ok, bad/tag' }))[0].message).toContain('"bad/tag"');
    expect(issuesOf(() => validateCardFields({ title: 'T', kind: 'how-to', tags: 'x'.repeat(41) }))[0].message).toContain('too long');
    expect(issuesOf(() => validateCardFields({ title: 'T', kind: 'how-to', tags: 42 }))[0].field).toBe('tags');
  });
});

describe('card helpers', () => {
  it('derives one stable, key-safe id per message', () => {
    expect(cardIdForMessage('1700000000000')).toBe(cardIdForMessage('1700000000000'));
    expect(cardIdForMessage('1700000000000')).not.toBe(cardIdForMessage('1700000000001'));
    expect(cardIdForMessage('a/b#c?d')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('cuts excerpts at word boundaries and marks the cut', () => {
    expect(excerpt('short', 10)).toBe('short');
    expect(excerpt('the quick brown fox jumps over', 20)).toBe('the quick brown fox…');
  });

  it('normalizes tags', () => {
    expect(normalizeTag('  ##Machine Learning ')).toBe('machine-learning');
    // Full-width letters and digits, as some keyboards type them, become the plain ones.
    expect(normalizeTag('ＫＵＢＥ８Ｓ Tips')).toBe('kube8s-tips');
    expect(normalizeTag('Café Crème')).toBe('café-crème');
  });
});

describe('creationCredits', () => {
  it('credits the harvester, then each author, at the moment the card was saved, under its title', () => {
    const ada = { id: 'ada', name: 'Ada' };
    const grace = { id: 'grace', name: 'Grace' };
    const card = { id: 'c1', title: 'Rotate keys', createdAt: '2026-11-01T12:00:00.000Z', harvester: grace, authors: [ada, grace] };
    expect(creationCredits(card)).toEqual([
      { person: grace, role: 'harvester', cardId: 'c1', at: card.createdAt, title: 'Rotate keys' },
      { person: ada, role: 'author', cardId: 'c1', at: card.createdAt, title: 'Rotate keys' },
      { person: grace, role: 'author', cardId: 'c1', at: card.createdAt, title: 'Rotate keys' },
    ]);
  });
});
