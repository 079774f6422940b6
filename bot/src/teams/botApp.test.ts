import { botHarness } from '../../../test-support/teamsHarness/botHarness';
import { communityId } from '../domain/communities/community';
import { ALEX, BOT, CHANNEL, MEGAN, SERVICE_URL, channelMessage } from '../../../test-support/teamsHarness/teamsActivities';

/*
 * How the bot answers messages and invokes it has no handler for, run in-process: the
 * real bot on in-memory ports, sent what Teams sends.
 */

const HELP = /^Commonplace keeps what your community learns\./;
const mention = { type: 'mention', mentioned: BOT, text: '<at>Commonplace</at>' };
const inThread = (text: string, withMention = true) => ({
  ...channelMessage({
    id: String(1730540000000 + text.length),
    from: MEGAN,
    text: `<at>Commonplace</at> ${text}`,
    threadId: '1730536200000',
  }),
  entities: withMention ? [mention] : [],
});

describe('messages to the bot', () => {
  it('answers an @mention in a channel with help only when asked for it', async () => {
    const bot = botHarness();
    expect((await bot.send(inThread('thanks, saving this'))).sent).toEqual([]);
    const asked = await bot.send(inThread('help'));
    expect(asked.sent).toHaveLength(1);
    expect(asked.sent[0].text).toMatch(HELP);
    expect((await bot.send(inThread('help', false))).sent).toEqual([]);
  });

  it('answers anything in a personal chat with help', async () => {
    const bot = botHarness();
    const { sent } = await bot.send({
      type: 'message',
      id: '1730541000000',
      channelId: 'msteams',
      serviceUrl: SERVICE_URL,
      from: { id: ALEX.id, name: ALEX.name, aadObjectId: ALEX.aadObjectId },
      recipient: BOT,
      conversation: { id: 'a:personal-chat', conversationType: 'personal', tenantId: CHANNEL.tenantId },
      channelData: { tenant: { id: CHANNEL.tenantId } },
      text: 'hello',
    });
    expect(sent.map((a) => a.text)).toEqual([expect.stringMatching(HELP)]);
  });

  it('keeps channel messages for harvesting without answering them', async () => {
    const bot = botHarness();
    const { sent } = await bot.send(
      channelMessage({ id: '1730536260000', from: MEGAN, text: 'Use a remote backend with locking.', threadId: '1730536200000' }),
    );
    expect(sent).toEqual([]);
    const community = communityId({
      scope: 'channel',
      tenantId: CHANNEL.tenantId,
      teamId: CHANNEL.teamId,
      conversationId: CHANNEL.channelId,
    });
    const kept = await bot.ports.threads.list(community, '1730536200000', new Date('2026-11-02T09:00:00.000Z'));
    expect(kept.map((m) => [m.messageId, m.author.id, m.text])).toEqual([
      ['1730536260000', MEGAN.aadObjectId, 'Use a remote backend with locking.'],
    ]);
  });
});

describe('invokes the bot has no handler for', () => {
  it('answers them with a 400 rather than leaving Teams waiting', async () => {
    const bot = botHarness();
    const { invoke } = await bot.send({
      ...channelMessage({ id: '1730542000000', from: MEGAN, text: '' }),
      type: 'invoke',
      name: 'actionableMessage/executeAction',
      value: {},
    });
    expect(invoke).toEqual({ status: 400, body: { error: 'This request is not supported.' } });
  });
});
