import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import { activityOf, targetOf, testJob } from '../../../test-support/schedulerFixtures';
import { GraphDeliveryCheck } from './deliveryCheck';
import { jobMarker } from './jobs';

/** The Graph delivery check over real HTTP, against the fake's channel message listing. */
describe('GraphDeliveryCheck', () => {
  let connector: FakeConnector;
  const channel = '19:busy@thread.tacv2';
  const job = (i: number) =>
    testJob(`post-${i}`, '2026-11-02T09:00:00.000Z', {
      tenantId: 'tenant-a',
      serviceUrl: connector.url,
      channelId: channel,
      teamAadGroupId: 'group-1',
    });
  const post = (i: number) =>
    fetch(`${connector.url}/v3/conversations/${encodeURIComponent(channel)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activityOf(job(i))),
    });
  const check = () => new GraphDeliveryCheck(async (tenantId) => `token-for-${tenantId}`, connector.url);
  const longAgo = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    connector = await startFakeConnector();
    for (let i = 0; i < 120; i++) await post(i);
  });
  afterAll(() => connector.close());

  it('finds a post on a later page of the listing', async () => {
    expect(await check().wasPosted(targetOf(job(100)), jobMarker('post-100'), longAgo)).toBe(true);
    expect(await check().wasPosted(targetOf(job(10)), jobMarker('post-10'), longAgo)).toBe(true);
    expect(connector.graphRequests.at(-1)).toEqual({
      path: `/v1.0/teams/group-1/channels/${channel}/messages`,
      token: 'token-for-tenant-a',
    });
  });

  it('says not posted once it has read back past the first attempt, and cannot tell before that', async () => {
    const before = connector.graphRequests.length;
    // Every message is older than "now minus the clock skew allowance": the first page is enough.
    expect(await check().wasPosted(targetOf(job(999)), jobMarker('post-999'), new Date(Date.now() + 3_600_000))).toBe(false);
    expect(connector.graphRequests.length - before).toBe(1);
    // Back to long ago: 120 messages end within three pages of 50, so the end says "not posted";
    // 200 do not, and three pages cannot reach back far enough to say.
    expect(await check().wasPosted(targetOf(job(999)), jobMarker('post-999'), longAgo)).toBe(false);
    for (let i = 120; i < 200; i++) await post(i);
    expect(await check().wasPosted(targetOf(job(999)), jobMarker('post-999'), longAgo)).toBeUndefined();
  });

  it('cannot tell without the team and channel, or when Graph refuses', async () => {
    const { teamAadGroupId: _, ...withoutTeam } = targetOf(job(1));
    expect(await check().wasPosted(withoutTeam, jobMarker('post-1'), longAgo)).toBeUndefined();
    const refused = new GraphDeliveryCheck(async () => '', connector.url);
    expect(await refused.wasPosted(targetOf(job(1)), jobMarker('post-1'), longAgo)).toBeUndefined();
  });
});
