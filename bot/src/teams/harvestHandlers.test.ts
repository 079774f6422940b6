import { randomUUID } from 'node:crypto';
import { cardProblems } from '../../../test-support/adaptiveCards';
import { botHarness } from '../../../test-support/teamsHarness/botHarness';
import { dialogCard, input, textOf, type CardJson } from '../../../test-support/teamsHarness/cardReading';
import {
  ADELE,
  ALEX,
  BOT,
  CHANNEL,
  MEGAN,
  channelData,
  channelMessage,
  personOf,
  playgroundPayload,
  saveToCommunity,
} from '../../../test-support/teamsHarness/teamsActivities';
import { cardIdForMessage } from '../domain/cards/knowledgeCard';
import { communityId } from '../domain/communities/community';
import { StorageUnavailableError } from '../domain/shared/errors';

/*
 * "Save to community" run in-process: the real teams-ai Application with the real
 * handlers, on in-memory ports, sent the invokes Teams and the Agents Playground send.
 */

const COMMUNITY = communityId({ scope: 'channel', tenantId: CHANNEL.tenantId, teamId: CHANNEL.teamId, conversationId: CHANNEL.channelId });
const MESSAGE_ID = '1730536200000';
const CARD_ID = cardIdForMessage(MESSAGE_ID);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const payload = playgroundPayload({ id: MESSAGE_ID, html: '<p>Deploys flake on Mondays. Warm the runner cache first.</p>' });

const open = (from = ALEX, message = payload) => saveToCommunity('composeExtension/fetchTask', from, message);
const submit = (data: Record<string, unknown>, from = ALEX, message = payload) =>
  saveToCommunity('composeExtension/submitAction', from, message, data);

/** What the dialog's main button submits, with the form's fields as a person filled them. */
function filled(card: CardJson, fields: Record<string, string>): Record<string, unknown> {
  return { ...card.actions![0].data, title: '', summary: '', kind: '', newTags: '', replyIds: '', ...fields };
}

/** The problem dialog: the same title and size as the harvest dialog, and one sentence. */
function problemAnswer(sentence: string) {
  return {
    status: 200,
    body: {
      task: {
        type: 'continue',
        value: {
          title: 'Save to community',
          width: 'medium',
          height: 'large',
          card: {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: {
              type: 'AdaptiveCard',
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              version: '1.5',
              body: [
                { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: sentence, wrap: true, weight: 'Bolder' }] },
              ],
            },
          },
        },
      },
    },
  };
}

/** Opens the dialog on the message and saves it with these fields; returns the answer. */
async function save(bot: ReturnType<typeof botHarness>, fields: Record<string, string>, from = ALEX) {
  const form = dialogCard((await bot.send(open(from))).invoke);
  return (await bot.send(submit(filled(form, fields), from))).invoke;
}

describe('"Save to community" fetchTask', () => {
  it('opens the pre-filled dialog on a new message, and stores nothing', async () => {
    const bot = botHarness();
    const { invoke, sent } = await bot.send(open());

    expect(invoke).toEqual({
      status: 200,
      body: {
        task: {
          type: 'continue',
          value: {
            title: 'Save to community',
            width: 'medium',
            height: 'large',
            card: { contentType: 'application/vnd.microsoft.card.adaptive', content: expect.objectContaining({ type: 'AdaptiveCard' }) },
          },
        },
      },
    });
    expect(sent).toEqual([]);
    const form = dialogCard(invoke);
    expect(cardProblems(form)).toEqual([]);
    expect(form.version).toBe('1.5');
    expect(textOf(form.body)).toContain('From **Alex Wilber**');
    expect(input(form, 'title')?.value).toBe('Deploys flake on Mondays.');
    expect(input(form, 'summary')?.value).toBe('Warm the runner cache first.');
    expect(input(form, 'kind')?.value).toBe('how-to');
    expect(input(form, 'replyIds')).toBeUndefined();
    expect(form.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Save to community',
        style: 'positive',
        data: { action: 'save', submissionId: expect.stringMatching(UUID) },
      },
    ]);
    expect(bot.ports.cards.stored(COMMUNITY)).toEqual([]);
  });

  it('opens the update form on a message already saved, naming who saved it', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Warm the runner cache before Monday deploys', kind: 'how-to', newTags: 'ci' });

    const form = dialogCard((await bot.send(open(MEGAN))).invoke);
    expect(cardProblems(form)).toEqual([]);
    expect(textOf(form.body)).toContain(
      'Alex Wilber already saved this message as "Warm the runner cache before Monday deploys". Change it below to update the card.',
    );
    expect(input(form, 'title')?.value).toBe('Warm the runner cache before Monday deploys');
    expect(input(form, 'tags')).toMatchObject({ value: 'ci', choices: [{ title: 'ci', value: 'ci' }] });
    expect(form.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Update card',
        style: 'positive',
        data: { action: 'update', submissionId: expect.stringMatching(UUID), cardId: CARD_ID, version: '1' },
      },
    ]);
  });

  it('offers the thread’s replies the bot kept, not its own posts, and forgets a reply deleted in Teams', async () => {
    const bot = botHarness();
    await bot.send(channelMessage({ id: '1730536260000', from: MEGAN, text: 'Use a remote backend with locking.', threadId: MESSAGE_ID }));
    await bot.send(channelMessage({ id: '1730536270000', from: ADELE, text: 'Thanks, that helped!', threadId: MESSAGE_ID }));
    await bot.send({
      ...channelMessage({ id: '1730536280000', from: ALEX, text: 'Saved to the community', threadId: MESSAGE_ID }),
      from: BOT,
    });

    const offered = () =>
      bot.send(open()).then(({ invoke }) => input(dialogCard(invoke), 'replyIds')?.choices as { title: string; value: string }[]);
    expect(await offered()).toEqual([
      { title: 'Megan Bowen: Use a remote backend with locking.', value: '1730536260000' },
      { title: 'Adele Vance: Thanks, that helped!', value: '1730536270000' },
    ]);

    await bot.send({
      type: 'messageDelete',
      id: '1730536270000',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      from: { id: ADELE.id, aadObjectId: ADELE.aadObjectId },
      recipient: BOT,
      conversation: { id: `${CHANNEL.channelId};messageid=${MESSAGE_ID}`, conversationType: 'channel', tenantId: CHANNEL.tenantId },
      replyToId: MESSAGE_ID,
      channelData: { ...channelData(), eventType: 'softDeleteMessage' },
    });
    await bot.send({
      ...channelMessage({ id: '1730536260000', from: MEGAN, text: 'Use a remote backend with state locking.', threadId: MESSAGE_ID }),
      type: 'messageUpdate',
      channelData: { ...channelData(), eventType: 'editMessage' },
    });
    expect(await offered()).toEqual([{ title: 'Megan Bowen: Use a remote backend with state locking.', value: '1730536260000' }]);
  });
});

describe('"Save to community" submitAction', () => {
  it('saves the card crediting the author by their Entra object id, though the Playground names them user-id-0, and thanks them in the thread', async () => {
    const bot = botHarness();
    await bot.send(channelMessage({ id: '1730536260000', from: MEGAN, text: 'Use a remote backend with locking.', threadId: MESSAGE_ID }));
    const form = dialogCard((await bot.send(open())).invoke);

    const answer = (
      await bot.send(
        submit(
          filled(form, {
            title: 'Warm the runner cache before Monday deploys',
            summary: 'The cache expires over the weekend.',
            kind: 'how-to',
            newTags: 'ci, deploys',
            replyIds: '1730536260000',
          }),
        ),
      )
    ).invoke;

    const saved = dialogCard(answer);
    expect(cardProblems(saved)).toEqual([]);
    expect(textOf(saved.body)).toContain('Saved to the community: Warm the runner cache before Monday deploys');
    expect(textOf(saved.body)).toContain('The cache expires over the weekend.');
    expect(saved.actions).toEqual([
      { type: 'Action.Submit', title: 'Share in this conversation', data: { action: 'share', cardId: CARD_ID } },
    ]);

    const [card] = bot.ports.cards.stored(COMMUNITY);
    expect(card).toMatchObject({
      id: CARD_ID,
      version: '1',
      title: 'Warm the runner cache before Monday deploys',
      summary: 'The cache expires over the weekend.',
      kind: 'how-to',
      tags: ['ci', 'deploys'],
      harvester: personOf(ALEX),
      authors: [personOf(ALEX), personOf(MEGAN)],
      submissionId: form.actions![0].data!.submissionId,
      source: { conversationId: CHANNEL.channelId, messageId: MESSAGE_ID, threadRootId: MESSAGE_ID },
    });
    expect(card.messages.map((m) => [m.messageId, m.author.id, m.text])).toEqual([
      [MESSAGE_ID, ALEX.aadObjectId, 'Deploys flake on Mondays. Warm the runner cache first.'],
      ['1730536260000', MEGAN.aadObjectId, 'Use a remote backend with locking.'],
    ]);
    expect(card.source.link).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
    // In the order storage lists them: by person, then by role.
    expect((await bot.ports.cards.contributions.list(COMMUNITY)).map((c) => [c.role, c.person.id])).toEqual([
      ['author', ALEX.aadObjectId],
      ['harvester', ALEX.aadObjectId],
      ['author', MEGAN.aadObjectId],
    ]);
    expect(bot.announcements).toEqual([
      {
        reference: expect.objectContaining({
          conversation: expect.objectContaining({ id: `${CHANNEL.channelId};messageid=${MESSAGE_ID}` }),
        }),
        text: 'Saved to the community: Warm the runner cache before Monday deploys. Thanks to Megan Bowen for sharing it.',
      },
    ]);
  });

  it('answers a retried submit as the first one, storing one card and thanking once', async () => {
    const bot = botHarness();
    const form = dialogCard((await bot.send(open())).invoke);
    const retried = submit(filled(form, { title: 'Rotate certificates early', kind: 'how-to' }));

    const first = await bot.send(retried);
    const second = await bot.send(retried);
    const third = await bot.send(retried);

    expect(textOf(dialogCard(first.invoke).body)).toContain('Saved to the community: Rotate certificates early');
    expect(second.invoke).toEqual(first.invoke);
    expect(third.invoke).toEqual(first.invoke);
    expect(bot.ports.cards.stored(COMMUNITY)).toHaveLength(1);
    expect(await bot.ports.cards.contributions.list(COMMUNITY)).toHaveLength(2);
    expect(bot.announcements).toHaveLength(1);
  });

  it('stores one card and thanks once when Teams’ retries arrive while the first submit is still running', async () => {
    const bot = botHarness();
    const form = dialogCard((await bot.send(open())).invoke);
    const retried = submit(filled(form, { title: 'Rotate certificates early', kind: 'how-to' }));

    const answers = await Promise.all([1, 2, 3].map(() => bot.send(retried)));

    for (const { invoke } of answers) {
      expect(textOf(dialogCard(invoke).body)).toContain('Saved to the community: Rotate certificates early');
      expect(invoke).toEqual(answers[0].invoke);
    }
    expect(bot.ports.cards.stored(COMMUNITY)).toHaveLength(1);
    expect(await bot.ports.cards.contributions.list(COMMUNITY)).toHaveLength(2);
    expect(bot.announcements).toHaveLength(1);
  });

  it('offers someone else who saves the same message the update form, and keeps the card as it was', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Rotate certificates early', kind: 'how-to' });
    const form = dialogCard((await bot.send(open(ADELE))).invoke);

    const answer = (await bot.send(submit({ action: 'save', submissionId: randomUUID(), title: 'My own title', kind: 'how-to' }, ADELE)))
      .invoke;

    const offered = dialogCard(answer);
    expect(textOf(offered.body)).toContain(
      'Alex Wilber already saved this message as "Rotate certificates early". Update that card with your changes?',
    );
    expect(input(offered, 'title')?.value).toBe('My own title');
    expect(offered.actions![0]).toMatchObject({ title: 'Update card', data: { action: 'update', cardId: CARD_ID, version: '1' } });
    expect(form.actions![0].title).toBe('Update card');
    expect(bot.ports.cards.stored(COMMUNITY).map((c) => [c.title, c.version])).toEqual([['Rotate certificates early', '1']]);
    expect(bot.announcements).toHaveLength(1);
  });

  it('updates the card from the update form, recording who changed which fields', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Tag release branches early', summary: 'Before the freeze.', kind: 'how-to' });
    const form = dialogCard((await bot.send(open(MEGAN))).invoke);

    const answer = (
      await bot.send(
        submit(
          filled(form, {
            title: 'Tag release branches early',
            summary: 'A day before the freeze, so hotfixes have a base.',
            kind: 'how-to',
          }),
          MEGAN,
        ),
      )
    ).invoke;

    expect(textOf(dialogCard(answer).body)).toContain('Updated in the community: Tag release branches early');
    const [card] = bot.ports.cards.stored(COMMUNITY);
    expect(card).toMatchObject({ version: '2', summary: 'A day before the freeze, so hotfixes have a base.', updatedBy: personOf(MEGAN) });
    expect(card.history).toEqual([
      { at: '2026-11-02T09:00:00.000Z', by: personOf(ALEX), action: 'created' },
      { at: '2026-11-02T09:00:00.000Z', by: personOf(MEGAN), action: 'edited', fields: ['summary'] },
    ]);
    expect(bot.announcements).toHaveLength(1);
  });

  it('answers a retried update as the first one, and writes it once', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Tag release branches early', kind: 'how-to' });
    const form = dialogCard((await bot.send(open(MEGAN))).invoke);
    const retried = submit(filled(form, { title: 'Tag release branches a day early', kind: 'how-to' }), MEGAN);

    const first = await bot.send(retried);
    const again = await bot.send(retried);

    expect(textOf(dialogCard(first.invoke).body)).toContain('Updated in the community: Tag release branches a day early');
    expect(again.invoke).toEqual(first.invoke);
    const [card] = bot.ports.cards.stored(COMMUNITY);
    expect(card.version).toBe('2');
    expect(card.history?.filter((change) => change.action === 'edited')).toHaveLength(1);
  });

  it('shows the card as it is now when someone else updated it first, and overwrites nothing', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Pin dependency versions', kind: 'how-to' });
    const megans = dialogCard((await bot.send(open(MEGAN))).invoke);
    const adeles = dialogCard((await bot.send(open(ADELE))).invoke);
    await bot.send(submit(filled(megans, { title: 'Pin dependency versions in the lockfile', kind: 'how-to' }), MEGAN));

    const answer = (await bot.send(submit(filled(adeles, { title: 'Pin every version', kind: 'decision' }), ADELE))).invoke;

    const now = dialogCard(answer);
    expect(textOf(now.body)).toContain(
      'Someone else changed this card while you were editing. This is the card as it is now: make your changes again.',
    );
    expect(input(now, 'title')?.value).toBe('Pin dependency versions in the lockfile');
    expect(now.actions![0]).toMatchObject({ title: 'Update card', data: { action: 'update', cardId: CARD_ID, version: '2' } });
    expect(bot.ports.cards.stored(COMMUNITY).map((c) => [c.title, c.kind, c.version])).toEqual([
      ['Pin dependency versions in the lockfile', 'how-to', '2'],
    ]);
  });

  it.each([
    [{ title: '   ' }, 'Give the card a title.'],
    [{ title: 'x'.repeat(121) }, 'The title is 121 characters; keep it to 120.'],
    [{ title: 'Tags', newTags: 'a,b,c,d,e,f,g,h,i' }, 'That is 9 tags; a card can have at most 8.'],
    [{ title: 'Kind', kind: 'poem' }, 'Choose what kind of knowledge this is.'],
    [{ title: 'Replies', replyIds: '1730536999999' }, 'One chosen reply is no longer available'],
  ])('answers %j with the form, its issue and what was typed, and stores nothing', async (fields, issue) => {
    const bot = botHarness();
    const form = dialogCard((await bot.send(open())).invoke);
    const data = filled(form, { kind: 'how-to', ...fields });

    const answer = (await bot.send(submit(data))).invoke;

    const again = dialogCard(answer);
    expect(textOf(again.body)).toContain('Please check:');
    expect(textOf(again.body)).toContain(`• ${issue}`);
    expect(input(again, 'title')?.value).toBe(fields.title);
    // The same submission: fixing the form and saving it again is still one save.
    expect(again.actions).toEqual([
      { type: 'Action.Submit', title: 'Save to community', style: 'positive', data: { action: 'save', submissionId: data.submissionId } },
    ]);
    expect(bot.ports.cards.stored(COMMUNITY)).toEqual([]);
    expect(await bot.ports.cards.contributions.list(COMMUNITY)).toEqual([]);
    expect(bot.announcements).toEqual([]);
  });

  it('answers an invalid update with the update form at the version the person saw, and changes nothing', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Keep Terraform state safe', kind: 'how-to' });
    const form = dialogCard((await bot.send(open(MEGAN))).invoke);

    const answer = (await bot.send(submit(filled(form, { title: '', kind: 'how-to' }), MEGAN))).invoke;

    const again = dialogCard(answer);
    expect(textOf(again.body)).toContain('• Give the card a title.');
    expect(again.actions![0]).toMatchObject({ title: 'Update card', data: { action: 'update', cardId: CARD_ID, version: '1' } });
    expect(bot.ports.cards.stored(COMMUNITY).map((c) => [c.title, c.version])).toEqual([['Keep Terraform state safe', '1']]);
  });

  it('opens a card offered as similar, shares it as a result, and goes back to the form', async () => {
    const bot = botHarness();
    await save(bot, { title: 'Warm the runner cache before Monday deploys', kind: 'how-to' });
    const other = playgroundPayload({ id: '1730536500000', html: '<p>Warm the runner cache again before deploys?</p>' });
    const form = dialogCard((await bot.send(open(MEGAN, other))).invoke);
    expect(textOf(form.body)).toContain('Already in the community:');

    const opened = dialogCard((await bot.send(submit({ action: 'open', cardId: CARD_ID }, MEGAN, other))).invoke);
    expect(textOf(opened.body)).toContain('Deploys flake on Mondays. Warm the runner cache first.');
    expect(opened.actions!.map((a) => [a.title, a.data])).toEqual([
      ['Share in this conversation', { action: 'share', cardId: CARD_ID }],
      ['Back to saving mine', { action: 'back' }],
    ]);

    const shared = (await bot.send(submit({ action: 'share', cardId: CARD_ID }, MEGAN, other))).invoke;
    expect(shared).toEqual({
      status: 200,
      body: {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: [
            { contentType: 'application/vnd.microsoft.card.adaptive', content: expect.objectContaining({ type: 'AdaptiveCard' }) },
          ],
        },
      },
    });
    expect(textOf(shared!.body.composeExtension.attachments[0].content.body)).toContain('Warm the runner cache before Monday deploys');

    const back = dialogCard((await bot.send(submit({ action: 'back' }, MEGAN, other))).invoke);
    expect(back.actions![0].title).toBe('Save to community');
  });

  it('says a card that is not in the community is gone, for open and share alike', async () => {
    const bot = botHarness();
    const missing = 'f'.repeat(32);
    for (const action of ['open', 'share']) {
      const { invoke } = await bot.send(submit({ action, cardId: missing }));
      expect(invoke).toEqual(problemAnswer('That card is no longer in this community.'));
    }
  });

  it('says a request it cannot read could not be read, never a server error, and stores nothing', async () => {
    const bot = botHarness();
    const unreadable = 'Teams sent a request Commonplace could not read. Close this and try again from the message\'s "…" menu.';
    expect((await bot.send(submit({ action: 'explode' }))).invoke).toEqual(problemAnswer(unreadable));
    const withoutMessage = submit({ action: 'save', title: 'x', kind: 'how-to' });
    delete (withoutMessage.value as Record<string, unknown>).messagePayload;
    expect((await bot.send(withoutMessage)).invoke).toEqual(problemAnswer(unreadable));
    const empty = playgroundPayload({ id: '1730536600000', html: '<p> </p><script>x()</script>' });
    expect(textOf(dialogCard((await bot.send(open(ALEX, empty))).invoke).body)).toContain('This message has no text to save.');
    expect(bot.ports.cards.stored(COMMUNITY)).toEqual([]);
  });

  it('answers a command it does not know with a message, not an error', async () => {
    const bot = botHarness();
    const unknown = open();
    (unknown.value as Record<string, unknown>).commandId = 'somethingElse';
    expect((await bot.send(unknown)).invoke).toEqual({
      status: 200,
      body: { composeExtension: { type: 'message', text: 'Commonplace does not know this command.' } },
    });
  });

  it('says storage is out of reach when it is, without its internal message, and logs it', async () => {
    const bot = botHarness();
    const form = dialogCard((await bot.send(open())).invoke);
    bot.ports.cards.create = async () => {
      throw new StorageUnavailableError('table 503 at commonplacecards');
    };

    const { invoke } = await bot.send(submit(filled(form, { title: 'Rotate certificates early', kind: 'how-to' })));

    expect(invoke).toEqual(
      problemAnswer('Commonplace cannot reach its storage right now. Nothing was saved; please try again in a minute.'),
    );
    expect(bot.log.named('storage.unavailable')).toHaveLength(1);
    expect(bot.announcements).toEqual([]);
  });
});
