import { botHarness } from '../../../test-support/teamsHarness/botHarness';
import { dialogCard, textOf } from '../../../test-support/teamsHarness/cardReading';
import {
  ADELE,
  ALEX,
  BOT,
  CHANNEL,
  MEGAN,
  channelData,
  channelMessage,
  playgroundPayload,
  saveToCommunity,
} from '../../../test-support/teamsHarness/teamsActivities';
import type { TeamsUser } from '../../../test-support/activities';
import { communityId } from '../domain/communities/community';

/*
 * Question tracking run in-process: the real teams-ai Application on in-memory ports,
 * sent the channel messages Teams delivers with the channel's RSC permission and the
 * message-action invokes the Agents Playground sends.
 */

const COMMUNITY = communityId({ scope: 'channel', tenantId: CHANNEL.tenantId, teamId: CHANNEL.teamId, conversationId: CHANNEL.channelId });
const TEAM = { tenantId: CHANNEL.tenantId, teamId: CHANNEL.teamId };
const ROOT = '1730536200000';
const WEEK = '2026-11-02';

/** A post mentioning the bot, as the Playground requires for the bot to hear it. */
function question(text = 'How do I rotate the Terraform state keys?', from: TeamsUser = ALEX, id = ROOT): Record<string, unknown> {
  return {
    ...channelMessage({ id, from, text: `<at>Commonplace</at> ${text}`, timestamp: '2026-11-02T08:00:00.000Z' }),
    entities: [{ type: 'mention', text: '<at>Commonplace</at>', mentioned: { id: BOT.id, name: BOT.name } }],
  };
}

function reply(id: string, from: TeamsUser, timestamp: string, text = 'Use a remote backend with locking.'): Record<string, unknown> {
  return channelMessage({ id, from, text, threadId: ROOT, timestamp });
}

function edited(activity: Record<string, unknown>, text: string, timestamp: string): Record<string, unknown> {
  return { ...activity, type: 'messageUpdate', text, timestamp, channelData: { ...channelData(), eventType: 'editMessage' } };
}

function deleted(id: string, from: TeamsUser): Record<string, unknown> {
  return {
    type: 'messageDelete',
    id,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    from: { id: from.id, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: `${CHANNEL.channelId};messageid=${ROOT}`, conversationType: 'channel', tenantId: CHANNEL.tenantId },
    ...(id !== ROOT ? { replyToId: ROOT } : {}),
    channelData: { ...channelData(), eventType: 'softDeleteMessage' },
  };
}

/** A question message action invoke, as the Playground sends it from a message's "…" menu. */
function action(
  commandId: 'trackQuestion' | 'notQuestion' | 'markAnswer',
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  from: TeamsUser,
  payload: Record<string, unknown>,
  data?: Record<string, unknown>,
): Record<string, unknown> {
  const invoke = saveToCommunity(name, from, payload, data);
  return { ...invoke, value: { ...(invoke.value as Record<string, unknown>), commandId } };
}

/** The payload of a reply in the root's thread, its author named by their Entra object id as Teams does. */
function replyPayload(id: string, author: TeamsUser, sentAt: string): Record<string, unknown> {
  return {
    ...playgroundPayload({ id, html: '<p>Use a remote backend with locking.</p>', sentAt }),
    replyToId: ROOT,
    from: { user: { userIdentityType: 'aadUser', id: author.aadObjectId, displayName: author.name } },
  };
}

const rootPayload = playgroundPayload({ id: ROOT, html: '<p>Terraform state locking with blobs</p>', sentAt: '2026-11-02T08:00:00.000Z' });
const taskMessage = (answer: { body: any } | undefined) => answer?.body?.task?.type === 'message' && (answer.body.task.value as string);

describe('questions from channel messages', () => {
  it('tracks a question posted in the channel, asked by the poster’s Entra object id, without the bot’s mention in its terms', async () => {
    const bot = botHarness();
    await bot.send(question());
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({
      asker: { id: ALEX.aadObjectId, name: ALEX.name },
      askedAt: '2026-11-02T08:00:00.000Z',
      tracked: true,
      terms: ['rotate', 'terraform', 'state', 'keys'],
    });
    expect(await bot.ports.questionFigures.getWeek(COMMUNITY, WEEK)).toMatchObject({ asked: 1, waiting: 1, withoutResponse: 1 });
  });

  it('takes the first reply by someone else as the first response, and counts nothing twice when Teams delivers again', async () => {
    const bot = botHarness();
    await bot.send(question());
    await bot.send(reply('1730536260000', ALEX, '2026-11-02T08:05:00.000Z', 'Anyone?'));
    await bot.send(reply('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z'));
    await Promise.all([bot.send(question()), bot.send(reply('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z')), bot.send(question())]);
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.firstResponse).toEqual({
      by: { id: MEGAN.aadObjectId, name: MEGAN.name },
      messageId: '1730536270000',
      at: '2026-11-02T08:30:00.000Z',
    });
    expect(await bot.ports.questionFigures.getWeek(COMMUNITY, WEEK)).toMatchObject({ asked: 1, waiting: 1, withoutResponse: 0 });
  });

  it('finds a reply delivered before its root, and keeps an edit delivered before its original', async () => {
    const bot = botHarness();
    await bot.send(reply('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z'));
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toBeUndefined();
    await bot.send(question());
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.firstResponse?.messageId).toBe('1730536270000');

    const other = botHarness();
    await other.send(edited(question(), 'Rotated the keys, all good.', '2026-11-02T08:20:00.000Z'));
    await other.send(question());
    expect(await other.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false, contentFrom: 'edit' });
    expect((await other.ports.questionFigures.getWeek(COMMUNITY, WEEK))?.asked ?? 0).toBe(0);
  });

  it('re-judges an edited post, and stops tracking a deleted one', async () => {
    const bot = botHarness();
    await bot.send(
      channelMessage({ id: ROOT, from: ALEX, text: 'Terraform state keys rotate tonight.', timestamp: '2026-11-02T08:00:00.000Z' }),
    );
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toBeUndefined();
    await bot.send(
      edited(
        channelMessage({ id: ROOT, from: ALEX, text: '', timestamp: '2026-11-02T08:00:00.000Z' }),
        'Should the Terraform state keys rotate tonight?',
        '2026-11-02T08:10:00.000Z',
      ),
    );
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: true });
    await bot.send(deleted(ROOT, ALEX));
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false, deletedAt: expect.any(String) });
    expect(await bot.ports.questionFigures.getWeek(COMMUNITY, WEEK)).toMatchObject({ asked: 0, waiting: 0 });
  });

  it('leaves nothing for the bot’s own posts, a reply to an unknown root, or a channel message naming no team', async () => {
    const bot = botHarness();
    await bot.send({ ...question('Is this week’s AMA still on?'), from: BOT });
    await bot.send(reply('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z'));
    await bot.send(question('what can you do?', MEGAN, '1730536300000'));
    expect(await bot.ports.questions.get(COMMUNITY, '1730536300000')).toBeUndefined();
    const malformed = { ...question(), channelData: { tenant: { id: CHANNEL.tenantId } } };
    const { sent } = await bot.send(malformed);
    expect(sent.filter((a) => a.type === 'message')).toEqual([]);
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toBeUndefined();
    expect(bot.log.events.filter((e) => e.level === 'error')).toEqual([]);
  });
});

describe('"Track as a question" and "Not a question"', () => {
  it('lets the asker, named user-id-0 by the Playground, track what the rule missed', async () => {
    const bot = botHarness();
    const { invoke } = await bot.send(action('trackQuestion', 'composeExtension/fetchTask', ALEX, rootPayload));
    expect(taskMessage(invoke)).toBe('Tracked as a question. Commonplace will follow its replies until an answer is marked.');
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({
      asker: { id: ALEX.aadObjectId },
      tracked: true,
      explicit: { by: { id: ALEX.aadObjectId, name: ALEX.name } },
      terms: ['terraform', 'state', 'locking', 'blobs'],
    });
  });

  it('refuses another member, lets a team owner decide, and refuses a reply', async () => {
    const bot = botHarness();
    await bot.send(question());
    bot.ports.directory.add(TEAM, MEGAN.aadObjectId, 'member').add(TEAM, ADELE.aadObjectId, 'owner');
    const refused = await bot.send(action('notQuestion', 'composeExtension/fetchTask', MEGAN, rootPayload));
    expect(taskMessage(refused.invoke)).toBe(
      'Only the person who asked, or one of the community’s managers, can decide about this question and its answer.',
    );
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.tracked).toBe(true);
    const decided = await bot.send(action('notQuestion', 'composeExtension/fetchTask', ADELE, rootPayload));
    expect(taskMessage(decided.invoke)).toBe('Not a question: Commonplace will not track it, whatever later edits say.');
    expect(await bot.ports.questions.get(COMMUNITY, ROOT)).toMatchObject({ tracked: false, explicit: { by: { id: ADELE.aadObjectId } } });
    const onReply = await bot.send(
      action('trackQuestion', 'composeExtension/fetchTask', ALEX, replyPayload('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z')),
    );
    expect(taskMessage(onReply.invoke)).toBe('Only a post that starts a conversation can be a question; a reply never is.');
  });
});

describe('"Mark as answer"', () => {
  it('opens a dialog that changes nothing, marks the reply on submit (a retry included), and unmarks it', async () => {
    const bot = botHarness({ now: '2026-11-02T11:00:00.000Z' });
    await bot.send(question());
    await bot.send(reply('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z'));
    const answer = replyPayload('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z');

    const opened = dialogCard((await bot.send(action('markAnswer', 'composeExtension/fetchTask', ALEX, answer))).invoke);
    expect(textOf(opened.body)).toBe('Mark this reply by Megan Bowen as the answer to Alex Wilber’s question?');
    expect(opened.actions).toEqual([{ type: 'Action.Submit', title: 'Mark as the answer', data: { action: 'mark' } }]);
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.answer).toBeUndefined();

    for (let attempt = 0; attempt < 2; attempt++) {
      const { invoke } = await bot.send(action('markAnswer', 'composeExtension/submitAction', ALEX, answer, { action: 'mark' }));
      expect(taskMessage(invoke)).toBe('Marked as the answer. Thanks for closing the loop!');
    }
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.answer).toEqual({
      messageId: '1730536270000',
      by: { id: MEGAN.aadObjectId, name: MEGAN.name },
      at: '2026-11-02T08:30:00.000Z',
      markedBy: { id: ALEX.aadObjectId, name: ALEX.name },
      markedAt: '2026-11-02T11:00:00.000Z',
    });
    expect(await bot.ports.questionFigures.getWeek(COMMUNITY, WEEK)).toMatchObject({
      asked: 1,
      answered: 1,
      answeredWithinDay: 1,
      waiting: 0,
    });

    const reopened = dialogCard((await bot.send(action('markAnswer', 'composeExtension/fetchTask', ALEX, answer))).invoke);
    expect(reopened.actions).toEqual([{ type: 'Action.Submit', title: 'Unmark the answer', data: { action: 'unmark' } }]);
    const { invoke } = await bot.send(action('markAnswer', 'composeExtension/submitAction', ALEX, answer, { action: 'unmark' }));
    expect(taskMessage(invoke)).toBe('This reply is no longer marked as the answer.');
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.answer).toBeUndefined();
  });

  it('says why on a thread that is not a question, on a root post, and to someone who may not mark', async () => {
    const bot = botHarness();
    const answer = replyPayload('1730536270000', MEGAN, '2026-11-02T08:30:00.000Z');
    const untracked = dialogCard((await bot.send(action('markAnswer', 'composeExtension/fetchTask', ALEX, answer))).invoke);
    expect(textOf(untracked.body)).toContain('This conversation is not tracked as a question.');
    await bot.send(question());
    const onRoot = dialogCard((await bot.send(action('markAnswer', 'composeExtension/fetchTask', ALEX, rootPayload))).invoke);
    expect(textOf(onRoot.body)).toBe('Use "Mark as answer" on a reply in the question’s thread.');
    const { invoke } = await bot.send(action('markAnswer', 'composeExtension/submitAction', ADELE, answer, { action: 'mark' }));
    expect(taskMessage(invoke)).toBe(
      'Only the person who asked, or one of the community’s managers, can decide about this question and its answer.',
    );
    const malformed = await bot.send(action('markAnswer', 'composeExtension/submitAction', ALEX, answer, { action: 'toggle' }));
    expect(taskMessage(malformed.invoke)).toContain('Teams sent a request Commonplace could not read.');
    expect((await bot.ports.questions.get(COMMUNITY, ROOT))?.answer).toBeUndefined();
  });
});
