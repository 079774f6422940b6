import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import {
  activityOf,
  allRows,
  memoryLogger,
  RecordingHandler,
  schedulerHarness,
  TestClock,
  testJob,
  type SchedulerHarness,
  type TestDestination,
} from '../../../test-support/schedulerFixtures';
import { GraphDeliveryCheck, noDeliveryCheck } from './deliveryCheck';
import { startScheduler } from './index';
import { jobMarker, type ScheduledJob } from './jobs';
import { shardOf } from './jobRows';

const LEASE_MS = 60_000;
/** The scheduler's default conversation lease. */
const CONVERSATION_LEASE_MS = 30_000;

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setImmediate(r));
}

describe('Scheduler (Azurite, fake Bot Connector)', () => {
  let connector: FakeConnector;
  let h: SchedulerHarness;
  const to = (n: number, tenantId = 'tenant-a'): TestDestination => ({
    tenantId,
    serviceUrl: connector.url,
    channelId: `19:channel-${n}@thread.tacv2`,
    teamAadGroupId: 'group-1',
  });
  const at = (offsetMs: number) => new Date(h.clock.now().getTime() + offsetMs).toISOString();
  const graphCheck = () => new GraphDeliveryCheck(async () => 'test-token', connector.url);
  const pendingRows = async () => (await allRows(h.tables.jobs)).filter((r) => !String(r.rowKey).startsWith('~'));

  /** Claims a job as an instance that then stops, optionally after marking that it began posting. */
  const abandon = async (job: ScheduledJob, sending: boolean) => {
    const row = (await h.queue.due(shardOf(job.key), h.clock.now().toISOString(), 50)).rows.find((r) => r.job.key === job.key)!;
    const claimed = await h.queue.claim(row, 'crashed', at(LEASE_MS));
    if (claimed === 'lost') throw new Error('could not claim');
    if (sending) await h.queue.markSending(claimed, h.clock.now().toISOString(), at(LEASE_MS));
  };

  beforeEach(async () => {
    connector = await startFakeConnector();
    h = await schedulerHarness();
  });
  afterEach(() => connector.close());

  it('posts a job when it is due, including one missed while down, and not before', async () => {
    const { scheduler, handler } = h.instance('a');
    const missed = testJob('missed', at(-2 * 3_600_000), to(1));
    const later = testJob('later', at(5 * 60_000), to(1));
    await h.queue.schedule([missed, later]);

    await scheduler.tick();
    expect(connector.delivered().map((r) => r.markers)).toEqual([[jobMarker('missed')]]);
    expect(connector.delivered()[0]).toMatchObject({ conversationId: to(1).channelId, tenantId: 'tenant-a' });
    expect(await h.queue.loggedOutcome('missed')).toEqual({ status: 'posted', activityId: connector.delivered()[0].id });
    expect(handler.finishedJobs).toEqual([{ key: 'missed', outcome: { status: 'posted', activityId: connector.delivered()[0].id } }]);

    h.clock.advance(5 * 60_000);
    await scheduler.tick();
    expect(connector.delivered(jobMarker('later'))).toHaveLength(1);
    expect(await pendingRows()).toEqual([]);
  });

  it('posts every job exactly once with two schedulers ticking at the same time', async () => {
    const a = h.instance('a');
    const b = h.instance('b');
    const jobs = Array.from({ length: 40 }, (_, i) => testJob(`job-${i}`, at(-1_000), to(i % 8, i % 2 ? 'tenant-a' : 'tenant-b')));
    await h.queue.schedule(jobs);
    // One instance at a time posts into a conversation: the other gives its jobs there back
    // until the holder's conversation lease could be over.
    for (let round = 0; round < 10 && connector.requests.length < jobs.length; round++) {
      await Promise.all([a.scheduler.tick(), b.scheduler.tick()]);
      h.clock.advance(CONVERSATION_LEASE_MS + 1_000);
    }

    for (const job of jobs) expect(connector.delivered(jobMarker(job.key))).toHaveLength(1);
    expect(connector.requests).toHaveLength(40);
    const outcomes = await Promise.all(jobs.map((j) => h.queue.loggedOutcome(j.key)));
    expect(outcomes.every((o) => o?.status === 'posted')).toBe(true);
    expect(connector.violations()).toEqual([]);
    // They did race: both read the same due rows, and the loser of each claim stood back.
    const lost = [...a.log.named('job.claim_lost'), ...b.log.named('job.claim_lost')];
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((e) => e.fields.stage === 'claim')).toBe(true);
  });

  it('takes over a job claimed by an instance that stopped before sending, once its lease is over', async () => {
    const { scheduler, log } = h.instance('a');
    const job = testJob('abandoned', at(-1_000), to(1));
    await h.queue.schedule([job]);
    await abandon(job, false);

    await scheduler.tick();
    expect(connector.requests).toHaveLength(0);

    h.clock.advance(LEASE_MS + 1);
    await scheduler.tick();
    expect(connector.delivered(jobMarker('abandoned'))).toHaveLength(1);
    expect(log.named('job.taken_over')).toEqual([
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ from: 'crashed', inDoubt: false }) }),
    ]);
    expect(await h.queue.loggedOutcome('abandoned')).toMatchObject({ status: 'posted' });
  });

  it('fences out an instance that stalled while another took its job over: its mark-sending is refused', async () => {
    const job = testJob('stalled', at(-1_000), to(1));
    await h.queue.schedule([job]);
    let resumeA!: () => void;
    let resumeB!: () => void;
    const a = h.instance('a');
    // B's clock runs a lease ahead of A's: B sees A's lease as over while A does not.
    const b = h.instance('b', { clock: new TestClock(h.clock.now().getTime() + LEASE_MS + 1) });
    a.handler.blocks.set('stalled', new Promise<void>((r) => (resumeA = r)));
    b.handler.blocks.set('stalled', new Promise<void>((r) => (resumeB = r)));

    const aTick = a.scheduler.tick();
    await until(() => a.handler.prepared.includes('stalled'));
    const bTick = b.scheduler.tick();
    await until(() => b.handler.prepared.includes('stalled'));

    resumeA();
    await aTick;
    expect(connector.requests).toHaveLength(0);
    expect(a.log.named('job.claim_lost')).toEqual([expect.objectContaining({ fields: expect.objectContaining({ stage: 'send' }) })]);

    resumeB();
    await bTick;
    expect(connector.delivered(jobMarker('stalled'))).toHaveLength(1);
    expect(b.log.named('job.taken_over')).toHaveLength(1);
    expect((await h.queue.loggedOutcome('stalled'))?.status).toBe('posted');
  });

  it('gives a job back, unposted, when its own lease ran out while it was being prepared', async () => {
    const { scheduler, handler, log } = h.instance('a');
    let resume!: () => void;
    handler.blocks.set('slow', new Promise<void>((r) => (resume = r)));
    await h.queue.schedule([testJob('slow', at(-1_000), to(1))]);
    const tick = scheduler.tick();
    await until(() => handler.prepared.includes('slow'));
    h.clock.advance(LEASE_MS + 1);
    resume();
    await tick;
    expect(connector.requests).toHaveLength(0);
    expect(log.named('job.retry_later')).toHaveLength(1);

    handler.blocks.clear();
    await scheduler.tick();
    expect(connector.delivered(jobMarker('slow'))).toHaveLength(1);
  });

  it('does not post again a job whose earlier post went out before its instance stopped', async () => {
    const { scheduler, log } = h.instance('a', { deliveryCheck: graphCheck() });
    const job = testJob('in-doubt', at(-1_000), to(1));
    await h.queue.schedule([job]);
    await abandon(job, true);
    // The stopped instance's post did reach Teams.
    await fetch(`${connector.url}/v3/conversations/${encodeURIComponent(to(1).channelId)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activityOf(job), conversation: { id: to(1).channelId, tenantId: 'tenant-a' } }),
    });

    h.clock.advance(LEASE_MS + 1);
    await scheduler.tick();
    expect(connector.delivered(jobMarker('in-doubt'))).toHaveLength(1);
    expect(connector.requests).toHaveLength(1);
    expect(await h.queue.loggedOutcome('in-doubt')).toEqual({ status: 'posted', deduplicated: true });
    expect(log.named('job.deduplicated')).toHaveLength(1);
    expect(connector.graphRequests).toEqual([{ path: `/v1.0/teams/group-1/channels/${to(1).channelId}/messages`, token: 'test-token' }]);
  });

  it('posts an in-doubt job that never reached Teams, warning only when it cannot tell', async () => {
    const checked = h.instance('a', { deliveryCheck: graphCheck() });
    const blind = h.instance('b');
    const notThere = testJob('not-there', at(-1_000), to(1));
    await h.queue.schedule([notThere]);
    await abandon(notThere, true);
    h.clock.advance(LEASE_MS + 1);
    await checked.scheduler.tick();
    expect(connector.delivered(jobMarker('not-there'))).toHaveLength(1);
    expect(connector.graphRequests).toHaveLength(1);
    expect(checked.log.named('job.in_doubt_reposted')).toEqual([]);

    const cannotTell = testJob('cannot-tell', at(0), to(2));
    await h.queue.schedule([cannotTell]);
    await abandon(cannotTell, true);
    h.clock.advance(LEASE_MS + 1);
    await blind.scheduler.tick();
    expect(connector.delivered(jobMarker('cannot-tell'))).toHaveLength(1);
    expect(blind.log.named('job.in_doubt_reposted')).toEqual([expect.objectContaining({ level: 'warn' })]);
  });

  it('records a dropped job with its reason and tells the handler', async () => {
    const { scheduler, handler, log } = h.instance('a');
    handler.drops.set('started', 'the occurrence has already started');
    await h.queue.schedule([testJob('started', at(-1_000), to(1))]);
    await scheduler.tick();

    expect(connector.requests).toHaveLength(0);
    const outcome = { status: 'dropped', reason: 'the occurrence has already started' };
    expect(await h.queue.loggedOutcome('started')).toEqual(outcome);
    expect(handler.finishedJobs).toEqual([{ key: 'started', outcome }]);
    expect(log.named('job.dropped')).toEqual([expect.objectContaining({ fields: expect.objectContaining({ reason: outcome.reason }) })]);
    expect(await pendingRows()).toEqual([]);
  });

  it('tries a job whose preparation fails again later, and gives up after its claims', async () => {
    const { scheduler, handler, log } = h.instance('a', { scheduler: { maxClaims: 2 } });
    handler.failing.add('unprepared');
    await h.queue.schedule([testJob('unprepared', at(-1_000), to(1))]);
    await scheduler.tick();
    await scheduler.tick();
    expect(handler.prepared).toEqual(['unprepared']);
    expect(log.named('job.retry_later')).toHaveLength(1);

    h.clock.advance(60_000);
    await scheduler.tick();
    expect(handler.prepared).toEqual(['unprepared', 'unprepared']);
    expect(await h.queue.loggedOutcome('unprepared')).toEqual({
      status: 'failed',
      reason: 'could not be prepared: the ritual could not be read',
    });
    expect(connector.requests).toHaveLength(0);
  });

  it('refuses a post that does not carry the job marker', async () => {
    const { scheduler, handler, log } = h.instance('a');
    handler.withoutMarker.add('unmarked');
    await h.queue.schedule([testJob('unmarked', at(-1_000), to(1))]);
    await scheduler.tick();

    expect(connector.requests).toHaveLength(0);
    expect(await h.queue.loggedOutcome('unmarked')).toEqual({ status: 'failed', reason: 'the post does not carry the job marker' });
    expect(log.named('job.failed')).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  it('schedules a key once: again at the same time, at another time while pending, or after it finished', async () => {
    const { scheduler } = h.instance('a');
    const job = testJob('once', at(60_000), to(1));
    await h.queue.schedule([job, job]);
    await h.queue.schedule([job, { ...job, dueAt: at(120_000) }]);
    expect((await pendingRows()).map((r) => r.dueAt)).toEqual([job.dueAt]);

    h.clock.advance(60_000);
    await scheduler.tick();
    await h.queue.schedule([job, { ...job, dueAt: at(60_000) }]);
    expect(await allRows(h.tables.jobs)).toEqual([]);
    h.clock.advance(60_000);
    await scheduler.tick();
    expect(connector.delivered(jobMarker('once'))).toHaveLength(1);
  });

  it('finishes a job whose instance recorded the outcome but stopped before cleaning up, without posting again', async () => {
    const first = h.instance('a');
    first.handler.finishFailures = 1;
    await h.queue.schedule([testJob('half-done', at(-1_000), to(1))]);
    await first.scheduler.tick();
    expect(await h.queue.loggedOutcome('half-done')).toMatchObject({ status: 'posted' });
    expect(await pendingRows()).toHaveLength(1);

    const second = h.instance('b');
    h.clock.advance(LEASE_MS + 1);
    await second.scheduler.tick();
    expect(second.handler.finishedJobs).toEqual([{ key: 'half-done', outcome: expect.objectContaining({ status: 'posted' }) }]);
    expect(second.log.named('job.already_finished')).toHaveLength(1);
    expect(connector.requests).toHaveLength(1);
    expect(await allRows(h.tables.jobs)).toEqual([]);
  });

  it('is put together by startScheduler, which leaves it stopped when the configuration disables it', async () => {
    const handler = new RecordingHandler();
    let queueSeen: unknown;
    const log = memoryLogger();
    const { scheduler, queue } = startScheduler({
      tables: h.tables,
      handler: (q) => ((queueSeen = q), handler),
      clock: h.clock,
      log,
      config: { enabled: false, tickSeconds: 10, leaseSeconds: 60, tenantSendsPerSecond: 20 },
      deliveryCheck: noDeliveryCheck,
    });
    expect(queueSeen).toBe(queue);
    await queue.schedule([testJob('wired', at(-1_000), to(1))]);
    expect(log.named('scheduler.started')).toEqual([]);
    await scheduler.tick();
    expect(connector.delivered(jobMarker('wired'))).toHaveLength(1);
    await scheduler.stop();
  });

  it('purges log entries older than 45 days and keeps the rest', async () => {
    const old = testJob('old', at(-50 * 86_400_000), to(1));
    const recent = testJob('recent', at(-40 * 86_400_000), to(1));
    await h.queue.record(old, { status: 'posted' }, at(-46 * 86_400_000), 'a');
    await h.queue.record(recent, { status: 'posted' }, at(-44 * 86_400_000), 'a');
    expect(await h.queue.purgeLog(h.clock.now())).toBe(1);
    expect(await h.queue.loggedOutcome('old')).toBeUndefined();
    expect(await h.queue.loggedOutcome('recent')).toEqual({ status: 'posted' });
  });
});
