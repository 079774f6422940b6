import type { CommunityRef } from '../../bot/src/domain/communities/community';
import {
  CHANNEL_DELETED,
  TEAM_GONE_REASONS,
  type InstalledChannels,
  type KnownTeam,
  type TeamInstallations,
} from '../../bot/src/domain/installation/installation';
import type { ReminderChannels } from '../../bot/src/domain/rituals/ritualPorts';

/** The installation record under test: the teams, and their channels as reminders see them. */
export interface InstallationRecord {
  teams: TeamInstallations;
  channels: InstalledChannels & ReminderChannels;
}

let teams = 0;
/** A team no other test of the run uses, with two of its channels as communities. */
function freshTeam(): { team: KnownTeam; general: CommunityRef; design: CommunityRef } {
  teams += 1;
  const tenantId = `install-tenant-${teams}`;
  const teamId = `19:team-${teams}@thread.tacv2`;
  const channel = (conversationId: string): CommunityRef => ({ scope: 'channel', tenantId, teamId, conversationId });
  return {
    team: {
      tenantId,
      teamId,
      aadGroupId: `group-${teams}`,
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      name: 'Platform',
      seenAt: '2026-11-01T09:00:00.000Z',
    },
    general: channel(teamId),
    design: channel('19:design@thread.tacv2'),
  };
}

/**
 * What the installation ports do together: reminders go into a channel once the bot is
 * in its team, stop when it leaves or the channel goes, and start again when it is back,
 * except in a channel that was deleted.
 */
export function describeInstallationsContract(name: string, open: () => Promise<InstallationRecord>): void {
  describe(`TeamInstallations, InstalledChannels and ReminderChannels contract: ${name}`, () => {
    let record: InstallationRecord;

    beforeAll(async () => {
      record = await open();
    });

    it('posts reminders in team channels only', async () => {
      const status = await record.channels.statusOf({ scope: 'groupChat', tenantId: 't', conversationId: '19:chat@thread.v2' });
      expect(status).toEqual({ state: 'disabled', detail: 'Reminders are posted in team channels only.' });
    });

    it('waits for a team the bot has not been added to, or knows no way to reach', async () => {
      const { team, general } = freshTeam();
      const waiting = { state: 'waiting', detail: 'Reminders start once Commonplace is added to this team.' };
      expect(await record.channels.statusOf(general)).toEqual(waiting);
      await record.teams.remember({ ...team, serviceUrl: undefined });
      expect(await record.channels.statusOf(general)).toEqual(waiting);
    });

    it('is active in every channel of a team the bot is in, and a later sighting without details keeps them', async () => {
      const { team, general, design } = freshTeam();
      await record.teams.remember(team);
      expect(await record.channels.statusOf(general)).toEqual({ state: 'active' });
      await record.teams.remember({ tenantId: team.tenantId, teamId: team.teamId, seenAt: '2026-11-02T09:00:00.000Z' });
      expect(await record.channels.statusOf(design)).toEqual({ state: 'active' });
    });

    it('stops when the bot leaves the team, saying why, and starts again when it is back', async () => {
      const { team, general } = freshTeam();
      await record.teams.markInstalled(team);
      await record.teams.markRemoved(team, TEAM_GONE_REASONS.archived, '2026-11-03T00:00:00.000Z');
      expect(await record.channels.statusOf(general)).toEqual({
        state: 'disabled',
        detail: `Reminders stopped: ${TEAM_GONE_REASONS.archived} Add the app to the team again to restart them.`,
      });
      await record.teams.remember({ ...team, seenAt: '2026-11-04T00:00:00.000Z' });
      expect((await record.channels.statusOf(general)).state).toBe('disabled');
      await record.teams.markInstalled({ ...team, seenAt: '2026-11-05T00:00:00.000Z' });
      expect(await record.channels.statusOf(general)).toEqual({ state: 'active' });
    });

    it('stops one channel, saying why, and keeps its name and the team’s other channels', async () => {
      const { team, general, design } = freshTeam();
      await record.teams.markInstalled(team);
      await record.channels.rename(team.tenantId, team.teamId, design.conversationId, 'Design');
      await record.channels.disable(team.tenantId, team.teamId, design.conversationId, 'the bot was blocked.', '2026-11-03T00:00:00.000Z');
      await record.channels.rename(team.tenantId, team.teamId, design.conversationId, 'Design reviews');
      expect(await record.channels.statusOf(design)).toEqual({ state: 'disabled', detail: 'Reminders stopped: the bot was blocked.' });
      expect(await record.channels.statusOf(general)).toEqual({ state: 'active' });
    });

    it('turns a team’s stopped channels back on, but never a deleted one', async () => {
      const { team, general, design } = freshTeam();
      await record.teams.markInstalled(team);
      await record.channels.disable(team.tenantId, team.teamId, general.conversationId, 'the bot was removed.', '2026-11-03T00:00:00.000Z');
      await record.channels.disable(team.tenantId, team.teamId, design.conversationId, CHANNEL_DELETED, '2026-11-03T00:00:00.000Z');
      await record.channels.enableTeam(team.tenantId, team.teamId);
      expect(await record.channels.statusOf(general)).toEqual({ state: 'active' });
      expect(await record.channels.statusOf(design)).toEqual({ state: 'disabled', detail: `Reminders stopped: ${CHANNEL_DELETED}` });
    });

    it('turns on only the channels of the team it is told of', async () => {
      const first = freshTeam();
      const second = freshTeam();
      const sameTenant = { ...second.team, tenantId: first.team.tenantId };
      const secondChannel: CommunityRef = { ...second.general, tenantId: first.team.tenantId };
      await record.teams.markInstalled(first.team);
      await record.teams.markInstalled(sameTenant);
      await record.channels.disable(
        sameTenant.tenantId,
        sameTenant.teamId,
        secondChannel.conversationId,
        'the bot was blocked.',
        '2026-11-03T00:00:00.000Z',
      );
      await record.channels.enableTeam(first.team.tenantId, first.team.teamId);
      expect((await record.channels.statusOf(secondChannel)).state).toBe('disabled');
    });
  });
}
