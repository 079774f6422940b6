import { MemoryInstallations } from '../../../../test-support/memory/memoryInstallations';
import type { CommunityRef } from '../communities/community';
import { CHANNEL_DELETED, channelDeleted, channelRenamed, teamJoined, teamLeft, type KnownTeam } from './installation';

const TEAM: KnownTeam = {
  tenantId: 'tenant-1',
  teamId: '19:team@thread.tacv2',
  serviceUrl: 'https://smba.example/',
  seenAt: '2026-11-22T09:00:00.000Z',
};
const channel = (conversationId: string): CommunityRef => ({
  scope: 'channel',
  tenantId: TEAM.tenantId,
  teamId: TEAM.teamId,
  conversationId,
});
const GENERAL = channel('19:general@thread.tacv2');
const AT = '2026-11-22T10:00:00.000Z';

/** The installation ports in memory, which also answer whether reminders go into a channel. */
function installationPorts() {
  const installations = new MemoryInstallations();
  return { teams: installations, channels: installations };
}

describe('installation use cases', () => {
  it('starts reminders in the channels of a team the bot joins', async () => {
    const ports = installationPorts();
    expect((await ports.channels.statusOf(GENERAL)).state).toBe('waiting');
    await teamJoined(TEAM, ports);
    expect(await ports.channels.statusOf(GENERAL)).toEqual({ state: 'active' });
    expect(ports.teams.known(TEAM)).toMatchObject({ serviceUrl: TEAM.serviceUrl, seenAt: TEAM.seenAt });
  });

  it("stops them when the bot leaves, saying in people's words why", async () => {
    for (const [how, why] of [
      ['removed', 'Commonplace was removed from this team.'],
      ['archived', 'The team was archived.'],
      ['deleted', 'The team was deleted.'],
    ] as const) {
      const ports = installationPorts();
      await teamJoined(TEAM, ports);
      await teamLeft(TEAM, how, AT, ports);
      expect(await ports.channels.statusOf(GENERAL)).toEqual({
        state: 'disabled',
        detail: `Reminders stopped: ${why} Add the app to the team again to restart them.`,
      });
      expect(ports.teams.known(TEAM)).toMatchObject({ removedAt: AT, removedReason: why });
    }
  });

  it('turns stopped channels back on when the bot is back, but never a deleted channel', async () => {
    const ports = installationPorts();
    const refused = channel('19:refused@thread.tacv2');
    const gone = channel('19:gone@thread.tacv2');
    await teamJoined(TEAM, ports);
    await ports.channels.disable(TEAM.tenantId, TEAM.teamId, refused.conversationId, 'the bot was blocked.', AT);
    await channelDeleted(TEAM, gone.conversationId, AT, ports);
    await teamLeft(TEAM, 'archived', AT, ports);
    await teamJoined({ ...TEAM, seenAt: '2026-11-23T09:00:00.000Z' }, ports);
    expect(await ports.channels.statusOf(refused)).toEqual({ state: 'active' });
    expect(await ports.channels.statusOf(gone)).toEqual({ state: 'disabled', detail: `Reminders stopped: ${CHANNEL_DELETED}` });
  });

  it('does not restart a stopped channel because it was renamed', async () => {
    const ports = installationPorts();
    await teamJoined(TEAM, ports);
    await ports.channels.disable(TEAM.tenantId, TEAM.teamId, GENERAL.conversationId, 'the bot was blocked.', AT);
    await channelRenamed(TEAM, GENERAL.conversationId, 'Platform guild', ports);
    expect(await ports.channels.statusOf(GENERAL)).toEqual({ state: 'disabled', detail: 'Reminders stopped: the bot was blocked.' });
  });
});
