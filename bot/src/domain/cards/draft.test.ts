import { draftFromMessage, guessKind } from './draft';
import type { HarvestedMessage } from './knowledgeCard';

function message(text: string, html = `<p>${text}</p>`): HarvestedMessage {
  return { messageId: '1', author: { id: 'u1', name: 'Ada' }, sentAt: '2026-11-01T10:00:00.000Z', text, html };
}

describe('draftFromMessage', () => {
  it('draws the title from the first sentence and the summary from the rest', () => {
    const draft = draftFromMessage(message('Deploys fail on Mondays. The cache expires over the weekend; warm it first.'));
    expect(draft.title).toBe('Deploys fail on Mondays.');
    expect(draft.summary).toBe('The cache expires over the weekend; warm it first.');
    expect(draft.tags).toEqual([]);
  });

  it('keeps long first lines within the title limit', () => {
    const draft = draftFromMessage(message('word '.repeat(100)));
    expect(draft.title.length).toBeLessThanOrEqual(120);
    expect(draft.title.endsWith('…')).toBe(true);
  });

  it('uses the title limit for a long first sentence and carries on in the summary, so no word falls between them', () => {
    const text =
      'When the nightly build fails because the artifact cache is full, clear the cache from the pipeline settings page and rerun the build. ' +
      'Then tell the release channel so nobody retries by hand.';
    const draft = draftFromMessage(message(text));
    expect(draft.title).toBe(
      'When the nightly build fails because the artifact cache is full, clear the cache from the pipeline settings page and…',
    );
    expect(draft.summary).toBe('…rerun the build. Then tell the release channel so nobody retries by hand.');
    const words = (s: string) => s.replace(/…/g, ' ').split(/\s+/).filter(Boolean);
    expect([...words(draft.title), ...words(draft.summary)]).toEqual(words(text));
  });

  it('keeps a first sentence that fits the title whole', () => {
    const sentence = `${'x'.repeat(60)} ${'y'.repeat(58)}.`;
    expect(draftFromMessage(message(`${sentence} More.`))).toMatchObject({ title: sentence, summary: 'More.' });
  });

  it('does not repeat a one-line message as its summary', () => {
    expect(draftFromMessage(message('Use feature flags')).summary).toBe('');
  });
});

describe('guessKind', () => {
  it('recognises code, links and decisions', () => {
    expect(guessKind(message('run this', '<pre><code>npm ci</code></pre>'))).toBe('snippet');
    expect(guessKind(message('https://example.com/guide'))).toBe('link');
    expect(guessKind(message('We decided to use trunk-based development for every service.'))).toBe('decision');
    expect(guessKind(message('Restart the agent, then clear the cache.'))).toBe('how-to');
  });
});
