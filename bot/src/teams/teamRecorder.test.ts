import type { TurnContext } from 'botbuilder';
import type { KnownTeam } from '../domain/installation/installation';
import type { Logger } from '../logging';
import { teamRecorder } from './teamRecorder';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('teamRecorder', () => {
  it("records when a team was seen by the service's clock", async () => {
    const remembered: KnownTeam[] = [];
    const record = teamRecorder(
      { remember: async (team) => void remembered.push(team) },
      { now: () => new Date('2026-03-04T05:06:07Z') },
      silent,
    );
    const activity = {
      type: 'message',
      conversation: { id: '19:general@thread.tacv2', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2', name: 'Platform' } },
    };
    await record({ activity } as unknown as TurnContext);
    expect(remembered).toEqual([
      { tenantId: 'tenant-1', teamId: '19:team@thread.tacv2', name: 'Platform', seenAt: '2026-03-04T05:06:07.000Z' },
    ]);
  });
});
