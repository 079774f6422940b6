import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Child } from '../../../scripts/local/processes';
import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import { createSchedulerTables, testJob } from '../../../test-support/schedulerFixtures';
import { schedulerProcessEvents, startSchedulerProcess } from '../../../test-support/schedulerProcesses';
import { testStorage, uniqueTablePrefix } from '../../../test-support/storage';
import { openTables, type Tables } from '../storage/tables';
import { jobRowKey, shardOf } from './jobRows';
import { jobMarker, type ScheduledJob } from './jobs';
import { TableJobQueue } from './tableJobQueue';

/*
 * Two scheduler processes on one Azurite, posting over loopback HTTP to a fake Bot
 * Connector that throttles and fails some posts, and holds one post unanswered while
 * the instance that sent it is killed.
 */

const TENANTS = ['tenant-1', 'tenant-2', 'tenant-3'];
const CONVERSATIONS = 40;
const JOBS = 200;
const LEASE_MS = 3_000;
const TICK_MS = 200;
/** Longer than a claim, so the held post stays in flight as long as the claim allows, as without conversation leases. */
const CONVERSATION_LEASE_MS = 8_000;
const FAULTS = [{ status: 429, retryAfter: '1' }, { status: 429 }, { status: 502 }, { status: 504 }, { status: 500 }];

describe('two scheduler instances (processes, Azurite, fake Bot Connector)', () => {
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
    });
  const eventsOf = (id: string) => schedulerProcessEvents(logDir, id);

  beforeAll(async () => {
    connector = await startFakeConnector();
    prefix = uniqueTablePrefix();
    tables = openTables(testStorage(), prefix);
    await createSchedulerTables(tables);
    logDir = mkdtempSync(path.join(tmpdir(), 'commonplace-scheduler-'));
  });
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await connector.close();
  });

  it('posts every job exactly once within the rate limits, though one instance dies mid-send', async () => {
    const conversation = (c: number) => ({
      tenantId: TENANTS[c % TENANTS.length],
      serviceUrl: connector.url,
      channelId: `19:conversation-${c}@thread.tacv2`,
      teamAadGroupId: 'group-1',
    });
    const dueAt = new Date(Date.now() - 1_000).toISOString();
    const jobs: ScheduledJob[] = Array.from({ length: JOBS }, (_, i) => testJob(`reminder-${i}`, dueAt, conversation(i % CONVERSATIONS)));
    const keyOfMarker = new Map(jobs.map((j) => [jobMarker(j.key), j.key]));
    // At most one failure per conversation (its second request), so no conversation
    // sees more requests than its five jobs plus one: the windows cannot be broken by
    // the two instances' combined retries, only by the pacing under test.
    for (let c = 0; c < CONVERSATIONS; c++) {
      const fault = FAULTS[c % 8];
      if (fault) connector.inject({ match: (r) => r.conversationId === conversation(c).channelId && r.conversationOrdinal === 2, fault });
    }
    // Hold a post well into the run, in a conversation without a failure to inject.
    const unfaulted = new Set(
      Array.from({ length: CONVERSATIONS }, (_, c) => c)
        .filter((c) => !FAULTS[c % 8])
        .map((c) => conversation(c).channelId),
    );
    const held = connector.hold((r) => r.ordinal >= 30 && unfaulted.has(r.conversationId));
    await new TableJobQueue(tables.jobs, tables.jobLog).schedule(jobs);

    children.push(startInstance('one'), startInstance('two'));
    const { request } = await held;
    const heldKey = keyOfMarker.get(request.markers[0])!;
    const heldJob = jobs.find((j) => j.key === heldKey)!;
    const row = await tables.jobs.getEntity<{ claimedBy: string }>(shardOf(heldKey), jobRowKey(heldJob.dueAt, heldKey));
    const victim = children.find((c) => c.name === row.claimedBy)!;
    const survivor = children.find((c) => c !== victim)!;
    process.kill(-victim.process.pid!, 'SIGKILL');
    await victim.exited;

    const logged = new Map<string, Record<string, unknown>>();
    const deadline = Date.now() + 45_000;
    while (logged.size < JOBS && Date.now() < deadline) {
      for await (const e of tables.jobLog.listEntities()) logged.set(String(e.rowKey), e as Record<string, unknown>);
      if (logged.size < JOBS) await new Promise((r) => setTimeout(r, 250));
    }
    await survivor.stop();

    for (const job of jobs) expect(`${job.key}: ${connector.delivered(jobMarker(job.key)).length}`).toBe(`${job.key}: 1`);
    expect([...logged.values()].filter((e) => e.status !== 'posted')).toEqual([]);
    // The held post arrived, so the survivor found it and did not post it again.
    expect(logged.get(heldKey)).toMatchObject({ status: 'posted', deduplicated: true, instance: survivor.name });
    expect(eventsOf(survivor.name).filter((e) => e.event === 'job.taken_over').length).toBeGreaterThan(0);
    expect(connector.requests.filter((r) => r.status === 429 || r.status >= 500).length).toBe(25);
    expect(connector.violations()).toEqual([]);
    expect(await tablesEmpty(tables)).toBe(true);
  });
});

async function tablesEmpty(tables: Tables): Promise<boolean> {
  for await (const _ of tables.jobs.listEntities()) return false;
  return true;
}
