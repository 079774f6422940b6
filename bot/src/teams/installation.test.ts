import { botHarness } from '../../../test-support/teamsHarness/botHarness';
import { ALEX, BOT, CHANNEL, SERVICE_URL, TEAM, teamEvent } from '../../../test-support/teamsHarness/teamsActivities';
import { CHANNEL_DELETED } from '../domain/installation/installation';
import { StorageUnavailableError } from '../domain/shared/errors';

/*
 * Teams' installation events run in-process: the real bot on in-memory ports, sent the
 * conversationUpdate activities Teams sends when the app is added to or removed from a
 * team, and when a team's channels or the team itself change.
 */

const TEAM_REF = { tenantId: CHANNEL.tenantId, teamId: CHANNEL.teamId };
const NOW = '2026-11-02T09:00:00.000Z';
const OTHER_CHANNEL = '19:releases@thread.tacv2';
const botAdded = () => teamEvent('teamMemberAdded', { membersAdded: [{ id: BOT.id }] });
const botRemoved = () => teamEvent('teamMemberRemoved', { membersRemoved: [{ id: BOT.id }] });

describe('installation events', () => {
  it('records the team when the app is added to it, and answers nothing in the conversation', async () => {
    const bot = botHarness({ now: NOW });

    const { invoke, sent } = await bot.send(botAdded());

    expect(invoke).toBeUndefined();
    expect(sent).toEqual([]);
    expect(bot.ports.installations.known(TEAM_REF)).toEqual({
      ...TEAM_REF,
      aadGroupId: TEAM.aadGroupId,
      name: TEAM.name,
      serviceUrl: SERVICE_URL,
      seenAt: NOW,
    });
    expect(bot.log.named('team.installed')).toHaveLength(1);
  });

  it('stops posts to the team when the app is removed, and takes them up again, but not in a deleted channel, when it is added back', async () => {
    const bot = botHarness({ now: NOW });
    await bot.send(botAdded());
    const { installations } = bot.ports;
    await installations.disable(CHANNEL.tenantId, CHANNEL.teamId, CHANNEL.channelId, 'Teams refused the post.', NOW);
    await bot.send(teamEvent('channelDeleted', { channel: { id: OTHER_CHANNEL, name: 'Releases' } }));

    await bot.send(botRemoved());
    expect(installations.known(TEAM_REF)).toMatchObject({ removedAt: NOW, removedReason: 'Commonplace was removed from this team.' });
    expect(bot.log.named('team.uninstalled')).toHaveLength(1);

    await bot.send(botAdded());
    expect(installations.known(TEAM_REF)?.removedAt).toBeUndefined();
    expect(installations.knownChannel(CHANNEL.tenantId, CHANNEL.teamId, CHANNEL.channelId)?.disabledAt).toBeUndefined();
    expect(installations.knownChannel(CHANNEL.tenantId, CHANNEL.teamId, OTHER_CHANNEL)).toMatchObject({
      disabledAt: NOW,
      disabledReason: CHANNEL_DELETED,
    });
  });

  it('leaves the installation as it is when someone other than the bot joins or leaves the team', async () => {
    const bot = botHarness({ now: NOW });
    await bot.send(botAdded());
    await bot.send(botRemoved());

    await bot.send(teamEvent('teamMemberAdded', { membersAdded: [{ id: ALEX.id }] }));
    expect(bot.ports.installations.known(TEAM_REF)?.removedReason).toBe('Commonplace was removed from this team.');

    await bot.send(botAdded());
    await bot.send(teamEvent('teamMemberRemoved', { membersRemoved: [{ id: ALEX.id }] }));
    expect(bot.ports.installations.known(TEAM_REF)?.removedAt).toBeUndefined();
  });

  it('keeps a renamed channel’s name, and stops a deleted channel’s posts for good', async () => {
    const bot = botHarness({ now: NOW });
    await bot.send(botAdded());

    await bot.send(teamEvent('channelRenamed', { channel: { id: OTHER_CHANNEL, name: 'Release train' } }));
    expect(bot.ports.installations.knownChannel(CHANNEL.tenantId, CHANNEL.teamId, OTHER_CHANNEL)).toEqual({
      ...TEAM_REF,
      channelId: OTHER_CHANNEL,
      name: 'Release train',
    });

    await bot.send(teamEvent('channelDeleted', { channel: { id: OTHER_CHANNEL } }));
    expect(bot.ports.installations.knownChannel(CHANNEL.tenantId, CHANNEL.teamId, OTHER_CHANNEL)).toMatchObject({
      name: 'Release train',
      disabledAt: NOW,
      disabledReason: CHANNEL_DELETED,
    });
  });

  it.each([
    ['teamArchived', 'The team was archived.', 'teamUnarchived'],
    ['teamDeleted', 'The team was deleted.', 'teamRestored'],
    ['teamHardDeleted', 'The team was deleted.', undefined],
  ])('records %s as the reason posts stop, until the team is back', async (gone, reason, back) => {
    const bot = botHarness({ now: NOW });
    await bot.send(botAdded());

    await bot.send(teamEvent(gone));
    expect(bot.ports.installations.known(TEAM_REF)).toMatchObject({ removedAt: NOW, removedReason: reason });

    if (back) {
      await bot.send(teamEvent(back));
      expect(bot.ports.installations.known(TEAM_REF)?.removedAt).toBeUndefined();
    }
  });

  it('logs an installation event storage could not record, and ends the turn without failing it', async () => {
    const bot = botHarness({ now: NOW });
    bot.ports.installations.markRemoved = async () => {
      throw new StorageUnavailableError('table 503 at commonplaceteams');
    };

    const { sent } = await bot.send(botRemoved());

    expect(sent).toEqual([]);
    expect(bot.log.named('installation.failed')).toEqual([
      expect.objectContaining({ level: 'error', fields: expect.objectContaining({ where: 'membersRemoved' }) }),
    ]);
    expect(bot.log.named('turn.failed')).toEqual([]);
  });
});
