import type { CloudAdapter } from 'botbuilder';
import { adaptiveCard } from '../cards/adaptive';
import { adapterAnnouncer } from './announcer';

describe('the thank-you announcer', () => {
  it('posts every message while one conversation hangs and another fails, logging the failure', async () => {
    const posted: string[] = [];
    const warnings: string[] = [];
    let allPosted: () => void = () => {};
    const done = new Promise<void>((resolve) => (allPosted = resolve));
    const adapter = {
      continueConversationAsync: async (
        _appId: string,
        reference: { conversation?: { id?: string } },
        logic: (context: unknown) => Promise<void>,
      ) => {
        const id = reference.conversation?.id ?? '';
        if (id === 'hangs') return new Promise<void>(() => {});
        if (id === 'fails') throw new Error('Forbidden');
        await logic({ sendActivity: async (activity: { text: string }) => posted.push(`${id}: ${activity.text}`) });
        if (posted.length === 6) allPosted();
      },
    } as unknown as CloudAdapter;
    const log = { info: () => {}, error: () => {}, warn: (event: string) => void warnings.push(event) };
    const announcer = adapterAnnouncer(adapter, 'bot', log);

    await announcer.announce({ conversation: { id: 'hangs' } as never }, 'Thanks!');
    await announcer.announce({ conversation: { id: 'fails' } as never }, 'Thanks!');
    for (let i = 0; i < 6; i++) await announcer.announce({ conversation: { id: `c${i}` } as never }, 'Thanks!');
    await done;

    expect(posted.sort()).toEqual(['c0: Thanks!', 'c1: Thanks!', 'c2: Thanks!', 'c3: Thanks!', 'c4: Thanks!', 'c5: Thanks!']);
    expect(warnings).toEqual(['announce.failed']);
  });

  it('posts the card after the thanks when there is one, the thanks alone otherwise', async () => {
    const sent: unknown[] = [];
    const adapter = {
      continueConversationAsync: async (_appId: string, _reference: unknown, logic: (context: unknown) => Promise<void>) =>
        logic({ sendActivity: async (activity: unknown) => void sent.push(activity) }),
    } as unknown as CloudAdapter;
    const announcer = adapterAnnouncer(adapter, 'bot', { info: () => {}, error: () => {}, warn: () => {} });
    const card = adaptiveCard(
      [],
      [{ type: 'Action.OpenUrl', title: 'Open in community', url: 'https://teams.microsoft.com/l/entity/a/b' }],
    );

    await announcer.announce({ conversation: { id: 'c1' } as never }, 'Thanks!', card);
    await announcer.announce({ conversation: { id: 'c2' } as never }, 'Thanks!');
    await new Promise((resolve) => setImmediate(resolve));

    expect(sent).toEqual([
      {
        type: 'message',
        text: 'Thanks!',
        textFormat: 'plain',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      },
      { type: 'message', text: 'Thanks!', textFormat: 'plain' },
    ]);
  });
});
