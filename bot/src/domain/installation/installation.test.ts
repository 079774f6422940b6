import {
  CHANNEL_DELETED,
  channelDeleted,
  channelRenamed,
  teamJoined,
  teamLeft,
  type InstallationPorts,
  type KnownTeam,
} from './installation';

function recordingPorts(): { ports: InstallationPorts; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  return {
    calls,
    ports: {
      teams: { remember: record('remember'), markInstalled: record('markInstalled'), markRemoved: record('markRemoved') },
      channels: { rename: record('rename'), disable: record('disable'), enableTeam: record('enableTeam') },
    },
  };
}

const TEAM: KnownTeam = {
  tenantId: 'tenant-1',
  teamId: '19:team@thread.tacv2',
  serviceUrl: 'https://smba.example/',
  seenAt: '2026-11-22T09:00:00.000Z',
};

describe('installation use cases', () => {
  it('records a team the bot joins, then turns its channels back on', async () => {
    const { ports, calls } = recordingPorts();
    await teamJoined(TEAM, ports);
    expect(calls).toEqual([
      ['markInstalled', TEAM],
      ['enableTeam', 'tenant-1', '19:team@thread.tacv2'],
    ]);
  });

  it("says in people's words why a team gets no more posts", async () => {
    const { ports, calls } = recordingPorts();
    const at = '2026-11-22T10:00:00.000Z';
    await teamLeft(TEAM, 'removed', at, ports);
    await teamLeft(TEAM, 'archived', at, ports);
    await teamLeft(TEAM, 'deleted', at, ports);
    expect(calls.map((c) => c[2])).toEqual(['Commonplace was removed from this team.', 'The team was archived.', 'The team was deleted.']);
    expect(calls.every((c) => c[0] === 'markRemoved' && c[3] === at)).toBe(true);
  });

  it("stops a deleted channel for good and keeps a renamed one's name", async () => {
    const { ports, calls } = recordingPorts();
    await channelDeleted(TEAM, '19:gone@thread.tacv2', '2026-11-22T11:00:00.000Z', ports);
    await channelRenamed(TEAM, '19:kept@thread.tacv2', 'Platform guild', ports);
    expect(calls).toEqual([
      ['disable', 'tenant-1', '19:team@thread.tacv2', '19:gone@thread.tacv2', CHANNEL_DELETED, '2026-11-22T11:00:00.000Z'],
      ['rename', 'tenant-1', '19:team@thread.tacv2', '19:kept@thread.tacv2', 'Platform guild'],
    ]);
  });
});
