import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Child } from '../../../scripts/local/processes';
import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import { rateViolations } from '../../../test-support/rateCheck';
import { createSchedulerTables, testJob } from '../../../test-support/schedulerFixtures';
import { schedulerProcessEvents, startSchedulerProcess } from '../../../test-support/schedulerProcesses';
import { testStorage, uniqueTablePrefix } from '../../../test-support/storage';
import { openTables, type Tables } from '../storage/tables';
import { jobMarker, type ScheduledJob } from './jobs';
import { TEAMS_CONVERSATION_WINDOWS } from './rateLimiter';
import { TableJobQueue } from './tableJobQueue';

/*
 * Teams counts a conversation's windows per bot, not per instance. Two scheduler
 * processes on one Azurite post a burst into one channel, through a fake Bot Connector
 * over loopback that answers 30% of posts with 429 or 5xx (one kind of 5xx after taking
 * the post); midway the one posting is killed and a third starts. Every request that
 * arrived counts, whatever it was answered.
 */

const JOBS = 80;
const LEASE_MS = 10_000;
const CONVERSATION_LEASE_MS = 4_000;
const TICK_MS = 200;
/** Few jobs per claim, so none waits out its claim in the conversation's queue. */
const BATCH_SIZE = 8;

describe('two scheduler instances posting into one conversation (processes, Azurite, fake Bot Connector)', () => {
  let connector: FakeConnector;
  let tables: Tables;
  let prefix: string;
  let logDir: string;
  const children: Child[] = [];

  const startInstance = (id: string): Child =>
    startSchedulerProcess({
      id,
      prefix,
      connectorUrl: connector.url,
      logDir,
      leaseMs: LEASE_MS,
      tickMs: TICK_MS,
      conversationLeaseMs: CONVERSATION_LEASE_MS,
      batchSize: BATCH_SIZE,
    });
  const eventsOf = (id: string) => schedulerProcessEvents(logDir, id);

  beforeAll(async () => {
    connector = await startFakeConnector();
    prefix = uniqueTablePrefix();
    tables = openTables(testStorage(), prefix);
    await createSchedulerTables(tables);
    logDir = mkdtempSync(path.join(tmpdir(), 'commonplace-windows-'));
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await connector.close();
  });

  it("keeps every window of Teams' per-conversation limits over every attempt of both instances, and posts each job once", async () => {
    const channel = { tenantId: 'tenant-1', serviceUrl: connector.url, channelId: '19:busy@thread.tacv2', teamAadGroupId: 'group-1' };
    const dueAt = new Date(Date.now() - 1_000).toISOString();
    const jobs: ScheduledJob[] = Array.from({ length: JOBS }, (_, i) => testJob(`busy-${i}`, dueAt, channel));
    // Three requests in ten, whoever sends them: throttled (with and without Retry-After), and
    // gateway errors, one of which took the post before failing.
    const every = (rest: number) => (r: { ordinal: number }) => r.ordinal % 10 === rest;
    connector.inject({ match: every(2), fault: { status: 429, retryAfter: '1' }, times: Infinity });
    connector.inject({ match: every(5), fault: { status: 502, deliver: true }, times: Infinity });
    connector.inject({ match: every(8), fault: { status: 503 }, times: Infinity });
    await new TableJobQueue(tables.jobs, tables.jobLog).schedule(jobs);

    children.push(startInstance('one'), startInstance('two'));
    // A third of the way in, the instance posting into the conversation dies, mid-post or
    // not, and another starts in its place: the survivor takes over once its lease is out.
    while (connector.delivered().length < JOBS / 3) await new Promise((r) => setTimeout(r, 100));
    let holder = '';
    for (const lookUntil = Date.now() + 10_000; !holder && Date.now() < lookUntil;) {
      for await (const row of tables.conversationLeases.listEntities()) holder ||= String(row.holder ?? '');
      if (!holder) await new Promise((r) => setTimeout(r, 50));
    }
    const victim = children.find((c) => c.name === holder) ?? children[0];
    process.kill(-victim.process.pid!, 'SIGKILL');
    await victim.exited;
    const killedAt = Date.now();
    children.push(startInstance('three'));

    const logged = new Map<string, Record<string, unknown>>();
    const deadline = Date.now() + 200_000;
    while (logged.size < JOBS && Date.now() < deadline) {
      for await (const e of tables.jobLog.listEntities()) logged.set(String(e.rowKey), e as Record<string, unknown>);
      if (logged.size < JOBS) await new Promise((r) => setTimeout(r, 500));
    }
    await Promise.all(children.map((c) => c.stop()));

    for (const job of jobs) expect(`${job.key}: ${connector.delivered(jobMarker(job.key)).length}`).toBe(`${job.key}: 1`);
    expect([...logged.values()].filter((e) => e.status !== 'posted')).toEqual([]);
    // Every attempt counts, answered 2xx, 429 or 5xx.
    const faulted = connector.requests.filter((r) => r.status === 429 || r.status >= 500);
    expect(faulted.length).toBeGreaterThanOrEqual(Math.floor(connector.requests.length * 0.3) - 1);
    expect(rateViolations(connector.requests, { conversationWindows: TEAMS_CONVERSATION_WINDOWS })).toEqual([]);
    // Each Retry-After was waited out before the same post was tried again, by either instance.
    for (const throttled of connector.requests.filter((r) => r.status === 429 && every(2)(r))) {
      const next = connector.requests.find((r) => r.ordinal > throttled.ordinal && r.markers[0] === throttled.markers[0]);
      expect(next && next.at - throttled.at).toBeGreaterThanOrEqual(1_000);
    }
    // The conversation was handed over: the dead instance had posted, and the others posted after it died.
    const posted = (id: string) => eventsOf(id).filter((e) => e.event === 'job.posted' || e.event === 'job.deduplicated').length;
    expect(posted(victim.name)).toBeGreaterThan(0);
    expect(children.filter((c) => c !== victim).reduce((sum, c) => sum + posted(c.name), 0)).toBeGreaterThan(0);
    expect(connector.requests.filter((r) => r.at > killedAt).length).toBeGreaterThan(0);
  }, 260_000);
});
