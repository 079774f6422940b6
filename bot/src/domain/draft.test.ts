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
    expect(draft.title.length).toBeLessThanOrEqual(80);
    expect(draft.title.endsWith('…')).toBe(true);
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
