import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import { allRows, schedulerHarness, testJob, type SchedulerHarness, type TestDestination } from '../../../test-support/schedulerFixtures';
import { GraphDeliveryCheck } from './deliveryCheck';
import { jobMarker } from './jobs';

/** How Teams' answers are handled: retries, Retry-After, permanent failures, ambiguous answers. */
describe('Scheduler sending (Azurite, fake Bot Connector)', () => {
  let connector: FakeConnector;
  let h: SchedulerHarness;
  const channel = '19:channel@thread.tacv2';
  const to = (): TestDestination => ({ tenantId: 'tenant-a', serviceUrl: connector.url, channelId: channel, teamAadGroupId: 'group-1' });
  const at = (offsetMs: number) => new Date(h.clock.now().getTime() + offsetMs).toISOString();
  const graphCheck = () => new GraphDeliveryCheck(async () => 'test-token', connector.url);
  const fault = (status: number, extra: { retryAfter?: string; code?: string; deliver?: boolean; times?: number } = {}) =>
    connector.inject({
      match: (r) => r.conversationId === channel,
      fault: {
        status,
        retryAfter: extra.retryAfter,
        deliver: extra.deliver,
        body: { error: { code: extra.code ?? 'Injected', message: 'injected' } },
      },
      times: extra.times,
    });

  beforeEach(async () => {
    connector = await startFakeConnector();
    h = await schedulerHarness();
  });
  afterEach(() => connector.close());

  it('calls unreachable once when Teams says the bot cannot post there any more, and stops', async () => {
    const { scheduler, handler, log } = h.instance('a');
    fault(403, { code: 'BotDisabledByAdmin', times: 10 });
    await h.queue.schedule([testJob('forbidden', at(-1_000), to())]);
    await scheduler.tick();
    h.clock.advance(3_600_000);
    await scheduler.tick();

    expect(connector.requests).toHaveLength(1);
    expect(handler.unreachableTargets).toEqual([
      { target: expect.objectContaining({ channelKey: `tenant-a/${channel}` }), reason: '403 BotDisabledByAdmin' },
    ]);
    expect(await h.queue.loggedOutcome('forbidden')).toEqual({ status: 'failed', reason: 'unreachable: 403 BotDisabledByAdmin' });
    expect(handler.finishedJobs).toHaveLength(1);
    expect(log.named('job.failed')).toHaveLength(1);
    expect(await allRows(h.tables.jobs)).toEqual([]);
  });

  it('treats a 400 naming the roster as unreachable, and any other 400 as a refused post', async () => {
    const { scheduler, handler } = h.instance('a');
    fault(400, { code: 'BotNotInConversationRoster' });
    fault(400, { code: 'BadArgument' });
    await h.queue.schedule([testJob('roster', at(-2_000), to())]);
    await scheduler.tick();
    await h.queue.schedule([testJob('bad', at(-1_000), to())]);
    await scheduler.tick();

    expect(handler.unreachableTargets.map((u) => u.reason)).toEqual(['400 BotNotInConversationRoster']);
    expect(await h.queue.loggedOutcome('bad')).toEqual({ status: 'failed', reason: 'rejected: 400 BadArgument' });
    expect(connector.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says before posting again', async () => {
    const { scheduler } = h.instance('a');
    fault(429, { retryAfter: '3' });
    await h.queue.schedule([testJob('throttled', at(-1_000), to())]);
    await scheduler.tick();

    expect(connector.requests.map((r) => r.status)).toEqual([429, 201]);
    // The jittered back-off alone would have been 500 ms.
    expect(h.clock.sleeps).toContain(3_000);
    expect(connector.delivered(jobMarker('throttled'))).toHaveLength(1);
  });

  it('gives the job back until Retry-After has passed when that is beyond its lease', async () => {
    const { scheduler } = h.instance('a');
    fault(429, { retryAfter: '120' });
    await h.queue.schedule([testJob('long-wait', at(-1_000), to())]);
    const throttledAt = h.clock.now().getTime();
    await scheduler.tick();
    const [row] = (await allRows(h.tables.jobs)).filter((r) => !String(r.rowKey).startsWith('~'));
    expect(row).toMatchObject({ claimedBy: '', leaseUntil: new Date(throttledAt + 120_000).toISOString(), sendingSince: '' });

    h.clock.advance(60_000);
    await scheduler.tick();
    expect(connector.requests).toHaveLength(1);
    h.clock.advance(61_000);
    await scheduler.tick();
    expect(connector.requests.map((r) => r.status)).toEqual([429, 201]);
  });

  it('backs off with jitter on 412 and 5xx, checking after an answer that may hide a post', async () => {
    const { scheduler, log } = h.instance('a', { deliveryCheck: graphCheck() });
    fault(412);
    fault(502);
    fault(500);
    await h.queue.schedule([testJob('flaky', at(-1_000), to())]);
    await scheduler.tick();

    expect(connector.requests.map((r) => r.status)).toEqual([412, 502, 500, 201]);
    // Full jitter at random 0.5: half of 1, 2 and 4 seconds.
    expect(h.clock.sleeps).toEqual([500, 1_000, 2_000]);
    expect(connector.graphRequests).toHaveLength(2);
    expect(log.named('job.in_doubt_reposted')).toEqual([]);
    expect((await h.queue.loggedOutcome('flaky'))?.status).toBe('posted');
  });

  it('does not post again when a gateway error hid a post that went through', async () => {
    const { scheduler, log } = h.instance('a', { deliveryCheck: graphCheck() });
    fault(504, { deliver: true });
    await h.queue.schedule([testJob('hidden', at(-1_000), to())]);
    await scheduler.tick();

    expect(connector.requests).toHaveLength(1);
    expect(connector.delivered(jobMarker('hidden'))).toHaveLength(1);
    expect(await h.queue.loggedOutcome('hidden')).toEqual({ status: 'posted', deduplicated: true });
    expect(log.named('job.deduplicated')).toHaveLength(1);
  });

  it('gives up after its attempts and tries again on a later claim, then fails for good', async () => {
    const { scheduler } = h.instance('a', { scheduler: { maxClaims: 2 } });
    fault(429, { times: 100 });
    await h.queue.schedule([testJob('hopeless', at(-1_000), to())]);
    await scheduler.tick();
    expect(connector.requests).toHaveLength(5);
    h.clock.advance(60_000);
    await scheduler.tick();
    expect(connector.requests).toHaveLength(10);
    expect(await h.queue.loggedOutcome('hopeless')).toEqual({ status: 'failed', reason: 'gave up after 2 attempts: 429 Injected' });
    expect(await allRows(h.tables.jobs)).toEqual([]);
  });
});
