import { cardProblems } from '../../../test-support/adaptiveCards';
import { message } from '../../../test-support/builders';
import type { CardSummary } from '../domain/cards/knowledgeCard';
import { plain } from './adaptive';
import { harvestDialog, type HarvestDialogInput } from './harvestDialog';
import { knowledgeCardView, knowledgePreview } from './knowledgeCardView';
import { existingCardDialog, problemDialog, savedAnnouncement, savedAnnouncementCard, savedDialog } from './outcomeCards';

const summary: CardSummary = {
  id: '0123456789abcdef0123456789abcdef',
  title: 'Use *feature flags* [here](javascript:alert(1))',
  summary: '- not a list\n1. nor this',
  excerpt: 'Flags let you ship dark.',
  kind: 'decision',
  tags: ['release', 'flags'],
  authorNames: ['Ada Lovelace', 'Grace Hopper'],
  harvesterName: 'Linus_Torvalds',
  createdAt: '2026-11-01T12:00:00.000Z',
  sourceLink: 'https://teams.microsoft.com/l/message/19%3Ax/1?tenantId=t',
  archived: false,
  reviewDueAt: '2027-01-30T12:00:00.000Z',
  ownerId: 'aad-linus',
};

const dialogInput: HarvestDialogInput = {
  mode: 'create',
  values: { title: 'Use flags', summary: 'Ship dark', kind: 'decision', tags: ['release'], replyIds: ['r1'] },
  actedMessage: message({ text: 'We decided to use feature flags.' }),
  threadMessages: [message({ messageId: 'r1', text: 'Agreed' }), message({ messageId: 'r2', text: 'Me too' })],
  tagSuggestions: ['release', 'ops'],
  similar: [{ card: summary, matched: ['flags'] }],
  issues: [{ field: 'title', message: 'Give the card a title.' }],
  notice: 'Already saved.',
  state: { submissionId: '11111111-1111-4111-8111-111111111111' },
};

function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return [...(typeof o.text === 'string' ? [o.text] : []), ...Object.values(o).flatMap(texts)];
  }
  return [];
}

describe('Adaptive Card builders', () => {
  it('produce cards the official Adaptive Cards library accepts', () => {
    const cards = [
      harvestDialog(dialogInput),
      harvestDialog({ ...dialogInput, mode: 'update', similar: [], threadMessages: [], tagSuggestions: [], issues: [], notice: undefined }),
      knowledgeCardView(summary),
      knowledgeCardView({ ...summary, sourceLink: undefined, tags: [], authorNames: [], summary: '', excerpt: '' }),
      savedDialog(summary, 'Saved'),
      existingCardDialog(summary, [
        {
          author: 'Ada Lovelace',
          sentAt: '2026-11-01T10:00:00.000Z',
          blocks: [
            { type: 'text', markdown: '**Use** flags' },
            { type: 'code', code: 'npm ci' },
          ],
        },
      ]),
      problemDialog('Nothing was saved.'),
      savedAnnouncementCard('http://localhost:53000/?card=0123456789abcdef0123456789abcdef'),
    ];
    for (const card of cards) {
      expect(cardProblems(card)).toEqual([]);
      expect(card.version).toBe('1.5');
    }
  });

  it('pre-fills the harvest form and carries its state on the submit action', () => {
    const card = harvestDialog(dialogInput);
    const inputs = JSON.stringify(card.body);
    expect(inputs).toContain('"id":"title","label":"Title","value":"Use flags"');
    expect(inputs).toContain('"id":"replyIds","isMultiSelect":true,"style":"expanded","value":"r1"');
    expect(card.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Save to community',
        style: 'positive',
        data: { action: 'save', submissionId: '11111111-1111-4111-8111-111111111111' },
      },
    ]);
    expect(texts(card.body)).toEqual(expect.arrayContaining(['Already in the community:', 'Please check:', '• Give the card a title.']));
  });

  it("shows people's words as text, never as markdown", () => {
    const shown = texts(knowledgeCardView(summary).body).join('\n');
    expect(shown).toContain('Use \\*feature flags\\* \\[here\\](javascript:alert(1))');
    expect(shown).toContain('\\- not a list\n\\1. nor this');
    expect(plain('a_b')).toBe('a\\_b');
    expect(plain('Fix the deploy (v2.0) - today')).toBe('Fix the deploy (v2.0) - today');
    expect(plain('first\n  + second')).toBe('first\n  \\+ second');
  });

  it("shows a long card's beginning and says where the rest is", () => {
    const long = 'x'.repeat(20_000);
    const card = existingCardDialog(summary, [
      {
        author: 'Ada',
        sentAt: '',
        blocks: [
          { type: 'text', markdown: long },
          { type: 'code', code: 'more' },
        ],
      },
    ]);
    const shown = texts(card.body);
    expect(shown.join('').length).toBeLessThan(13_500);
    expect(shown[shown.length - 1]).toBe('This card continues: open the conversation to read the rest.');
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
  });

  it('puts the messages into a shared card: code line by line, links as links, each message under its author', () => {
    const view = knowledgeCardView(summary, [
      {
        author: 'Ada Lovelace',
        sentAt: '2026-11-01T10:00:00.000Z',
        blocks: [
          { type: 'text', markdown: 'Docs: [npm ci reference](https://docs.npmjs.com/cli/ci)' },
          { type: 'code', code: 'if (a && b) {\n  run(*args)\n}\n' },
        ],
      },
      { author: 'Grace Hopper', sentAt: '2026-11-01T10:05:00.000Z', blocks: [{ type: 'text', markdown: 'Also cache it.' }] },
    ]);
    expect(cardProblems(view)).toEqual([]);
    const shown = texts(view.body);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Docs: [npm ci reference](https://docs.npmjs.com/cli/ci)',
        'if (a && b) {',
        '\u00a0\u00a0run(\\*args)',
        '}',
        'Also cache it.',
      ]),
    );
    const authorAt = (name: string) => shown.findIndex((t) => t.startsWith(`**${name}**`));
    expect(authorAt('Ada Lovelace')).toBeLessThan(shown.indexOf('if (a && b) {'));
    expect(authorAt('Grace Hopper')).toBeGreaterThan(shown.indexOf('}'));
    expect(authorAt('Grace Hopper')).toBeLessThan(shown.indexOf('Also cache it.'));
    expect(shown).not.toContain(summary.excerpt);
  });

  it('keeps a shared card short, never cutting a link in half', () => {
    const link = '[the guide](https://example.com/guide)';
    const view = knowledgeCardView(summary, [
      {
        author: 'Ada',
        sentAt: '',
        blocks: [
          { type: 'text', markdown: `${'word '.repeat(495)}${link} and more` },
          { type: 'code', code: 'x\n'.repeat(5_000) },
        ],
      },
    ]);
    expect(JSON.stringify(view).length).toBeLessThan(8_000);
    expect(texts(view.body).join('\n')).not.toContain('[the guide](https://exa');
    expect(texts(view.body)).toContain('This card continues: open the conversation to read the rest.');
  });

  it('links back to the source conversation and previews safely', () => {
    expect(knowledgeCardView(summary).actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open conversation', url: summary.sourceLink }]);
    const preview = knowledgePreview({ ...summary, title: '<img src=x onerror=alert(1)>' });
    expect(preview.content.title).toBe('&lt;img src=x onerror=alert(1)>');
    expect(preview.content.subtitle).toBe('Decision · by Ada Lovelace, Grace Hopper');
  });

  it('escapes a preview once: && and > stay as written, a character reference stays literal', () => {
    const preview = knowledgePreview({ ...summary, title: 'a && b > c', summary: 'Run npm ci && npm test; &amp; is literal' });
    expect(preview.content.title).toBe('a && b > c');
    expect(preview.content.text).toBe('Run npm ci && npm test; &amp;amp; is literal');
  });

  it('never makes a link of anything but a Teams link', () => {
    for (const sourceLink of ['javascript:alert(1)', 'https://evil.example/l/message/1/2', 'data:text/html,x']) {
      expect(knowledgeCardView({ ...summary, sourceLink }).actions).toBeUndefined();
    }
  });

  it('thanks the credited authors by name', () => {
    const ada = { id: 'a', name: 'Ada' };
    const grace = { id: 'g', name: 'Grace' };
    const linus = { id: 'l', name: 'Linus' };
    expect(savedAnnouncement('Flags', [ada, grace], linus)).toBe('Saved to the community: Flags. Thanks to Ada and Grace for sharing it.');
    expect(savedAnnouncement('Flags', [ada, linus], linus)).toBe('Saved to the community: Flags. Thanks to Ada for sharing it.');
    expect(savedAnnouncement('Flags', [linus], linus)).toBe('Saved to the community: Flags. Thanks to Linus for sharing it.');
  });
});
