import { randomUUID } from 'node:crypto';
import v8 from 'node:v8';
import vm from 'node:vm';
import { azuriteConnectionString } from '../bot/src/config/config';
import { communityId, type CommunityRef } from '../bot/src/domain/communities/community';
import type { Clock } from '../bot/src/domain/shared/clock';
import type { Ritual } from '../bot/src/domain/rituals/ritual';
import { ritualKind, type RitualKindId } from '../bot/src/domain/rituals/ritualKinds';
import { nextPosts } from '../bot/src/domain/rituals/ritualPosts';
import { checkedFields } from '../bot/src/domain/rituals/ritualRules';
import { silentLogger } from '../bot/src/logging';
import { queuePlanner } from '../bot/src/reminders/queuePlanner';
import { mapLimit } from '../bot/src/scheduler/concurrency';
import { GraphDeliveryCheck, noDeliveryCheck } from '../bot/src/scheduler/deliveryCheck';
import type { JobQueue } from '../bot/src/scheduler/jobs';
import { Scheduler } from '../bot/src/scheduler/scheduler';
import { TableJobQueue } from '../bot/src/scheduler/tableJobQueue';
import { TableLeaseStore } from '../bot/src/scheduler/tableLeaseStore';
import { TableRitualRepository } from '../bot/src/storage/tableRitualRepository';
import { openTables, type Tables } from '../bot/src/storage/tables';
import { startAzurite } from '../scripts/local/stack';
import { startFakeConnector } from '../test-support/fakeConnector';
import { busiestConversation } from '../test-support/rateCheck';
import { jobMarker } from '../bot/src/scheduler/jobs';
import { TEAMS_CONVERSATION_WINDOWS } from '../bot/src/scheduler/rateLimiter';
import { RecordingHandler, testJob } from '../test-support/schedulerFixtures';
import { runPartAsScript, type BenchPart } from './part';

/*
 * The scheduler's benchmark. (a) A burst: 1,000 channels with a post due at the same
 * moment, one instance, posting to the fake Bot Connector over loopback; how long until
 * all are posted, and whether any Teams limit was broken. (b) Two instances: a burst of
 * posts into a few channels, with a connector that answers 30% of posts with 429 or 5xx;
 * the most requests the busiest conversation received in 1 s, 2 s and 30 s. (c) Idle:
 * 10,000 rituals stored with their planned posts in the job queue, the scheduler ticking;
 * what that costs in CPU and memory (`BENCH_SCHEDULER_IDLE=0` skips it).
 */

const CHANNELS = 1_000;
const TENANTS = 10;
const IDLE_RITUALS = 10_000;
const IDLE_COMMUNITIES = 1_000;
/** Rituals stored (each with its planned posts) this many at a time. */
const SEED_CONCURRENCY = 32;
const IDLE_SECONDS = Number(process.env.BENCH_SCHEDULER_IDLE_SECONDS ?? 120);
const CONTENDED_CHANNELS = 4;
const CONTENDED_POSTS_PER_CHANNEL = Number(process.env.BENCH_SCHEDULER_CONTENDED_POSTS ?? 120);
const MEASURE_IDLE = process.env.BENCH_SCHEDULER_IDLE !== '0';
/** The fake connector answers after this long, about what Teams takes for a proactive post. */
const CONNECTOR_LATENCY_MS = Number(process.env.BENCH_CONNECTOR_LATENCY_MS ?? 100);

/** One burst's figures. */
export interface BurstFigures {
  jobs: number;
  tenants: number;
  /** Due time to the last post arriving at the connector. */
  lastPostMs: number;
  /** Due time to the last job recorded and deleted. */
  allFinishedMs: number;
  requests: number;
  violations: number;
}

/** Two instances posting into the same few conversations. */
export interface ContendedFigures {
  instances: number;
  channels: number;
  postsPerChannel: number;
  /** Share of requests answered 429 or 5xx. */
  faultShare: number;
  requests: number;
  /** Jobs that arrived more than once at the connector. */
  duplicates: number;
  /** Posts each instance made. */
  postedBy: number[];
  /** The most requests (every attempt, whatever its answer) one conversation received in each window, and the limit. */
  busiest: { windowMs: number; count: number; max: number }[];
  /** Due time to the last post arriving. */
  lastPostMs: number;
}

/** What the scheduler benchmark found. */
export interface SchedulerFigures {
  latencyMs: number;
  burst: BurstFigures;
  singleTenant: BurstFigures;
  contended: ContendedFigures;
  idle?: {
    rituals: number;
    communities: number;
    tenants: number;
    /** Planned posts in the job queue: the rituals' next two occurrences each. */
    jobs: number;
    seedSeconds: number;
    seconds: number;
    ticks: number;
    queries: number;
    /** Median CPU of one idle pass, from its first query going out to its last answer. */
    cpuMsPerPass: number;
    /** CPU of the whole benchmark process while the scheduler ticks, and over as long without it. */
    cpuMsPerMinute: number;
    baselineCpuMsPerMinute: number;
    rssGrowthMb: number;
    heapGrowthMb: number;
  };
}

/** Runs both parts on an Azurite of their own. */
export async function benchmarkScheduler(): Promise<SchedulerFigures> {
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  const storage = { kind: 'connectionString' as const, connectionString: azuriteConnectionString(azurite.port) };
  try {
    const burst = await measureBurst(storage, TENANTS);
    const singleTenant = await measureBurst(storage, 1);
    const contended = await measureContended(storage);
    const idle = MEASURE_IDLE ? await measureIdle(storage) : undefined;
    return { latencyMs: CONNECTOR_LATENCY_MS, burst, singleTenant, contended, ...(idle ? { idle } : {}) };
  } finally {
    await azurite.stop();
  }
}

async function jobTables(storage: { kind: 'connectionString'; connectionString: string }, name: string): Promise<Tables> {
  const tables = openTables(storage, `bench${name}${Date.now()}`);
  await Promise.all([tables.jobs.createTable(), tables.jobLog.createTable(), tables.conversationLeases.createTable()]);
  return tables;
}

/** A clock whose "now" is the real time shifted, so stored jobs fall due exactly when the measurement starts. */
function shiftedClock(): Clock & { startAt(iso: string): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), startAt: (iso) => (offset = Date.parse(iso) - Date.now()) };
}

async function measureBurst(storage: { kind: 'connectionString'; connectionString: string }, tenants: number): Promise<BurstFigures> {
  const tables = await jobTables(storage, `burst${tenants}`);
  const connector = await startFakeConnector({ latencyMs: CONNECTOR_LATENCY_MS });
  const dueAt = '2026-12-01T09:00:00.000Z';
  const jobs = Array.from({ length: CHANNELS }, (_, i) =>
    testJob(`burst-${i}`, dueAt, {
      tenantId: `tenant-${i % tenants}`,
      serviceUrl: connector.url,
      channelId: `19:channel-${i}@thread.tacv2`,
    }),
  );
  const queue = new TableJobQueue(tables.jobs, tables.jobLog);
  await queue.schedule(jobs);
  const clock = shiftedClock();
  const handler = new RecordingHandler();
  const scheduler = new Scheduler({
    queue,
    leases: new TableLeaseStore(tables.conversationLeases),
    handler,
    deliveryCheck: noDeliveryCheck,
    clock,
    log: silentLogger,
  });
  try {
    clock.startAt(dueAt);
    const started = Date.now();
    scheduler.start();
    while (handler.finishedJobs.length < CHANNELS) await new Promise((r) => setTimeout(r, 20));
    const allFinishedMs = Date.now() - started;
    const failed = handler.finishedJobs.filter((f) => f.outcome.status !== 'posted');
    if (failed.length) throw new Error(`${failed.length} jobs did not post: ${JSON.stringify(failed[0])}`);
    const lastPostMs = Math.max(...connector.delivered().map((r) => r.at)) - started;
    process.stdout.write(
      `  scheduler burst, ${CHANNELS} channels in ${tenants} tenant(s): all posted in ${(lastPostMs / 1000).toFixed(1)} s\n`,
    );
    return {
      jobs: CHANNELS,
      tenants,
      lastPostMs,
      allFinishedMs,
      requests: connector.requests.length,
      violations: connector.violations().length,
    };
  } finally {
    await scheduler.stop();
    await connector.close();
  }
}

/**
 * Two instances with the defaults, posting a burst into a few channels through a connector
 * that answers three requests in ten with 429 (Retry-After 1 s), 502 after taking the post,
 * or 503. Counts every request that arrived.
 */
async function measureContended(storage: { kind: 'connectionString'; connectionString: string }): Promise<ContendedFigures> {
  const tables = await jobTables(storage, 'contended');
  const connector = await startFakeConnector({ latencyMs: CONNECTOR_LATENCY_MS });
  const every = (rest: number) => (r: { ordinal: number }) => r.ordinal % 10 === rest;
  connector.inject({ match: every(2), fault: { status: 429, retryAfter: '1' }, times: Infinity });
  connector.inject({ match: every(5), fault: { status: 502, deliver: true }, times: Infinity });
  connector.inject({ match: every(8), fault: { status: 503 }, times: Infinity });
  const dueAt = '2026-12-01T09:00:00.000Z';
  const jobs = Array.from({ length: CONTENDED_CHANNELS * CONTENDED_POSTS_PER_CHANNEL }, (_, i) =>
    testJob(`contended-${i}`, dueAt, {
      tenantId: 'tenant-contended',
      serviceUrl: connector.url,
      channelId: `19:contended-${i % CONTENDED_CHANNELS}@thread.tacv2`,
      teamAadGroupId: 'group-contended',
    }),
  );
  const queue = new TableJobQueue(tables.jobs, tables.jobLog);
  await queue.schedule(jobs);
  const clock = shiftedClock();
  const instances = ['bench-one', 'bench-two'].map((instanceId) => {
    const handler = new RecordingHandler();
    const scheduler = new Scheduler(
      {
        queue,
        leases: new TableLeaseStore(tables.conversationLeases),
        handler,
        // The fake connector also serves the Graph listing an in-doubt post is looked up in.
        deliveryCheck: new GraphDeliveryCheck(async () => 'bench-token', connector.url),
        clock,
        log: silentLogger,
      },
      { instanceId },
    );
    return { handler, scheduler };
  });
  try {
    clock.startAt(dueAt);
    const started = Date.now();
    for (const i of instances) i.scheduler.start();
    const finished = () => new Set(instances.flatMap((i) => i.handler.finishedJobs.map((f) => f.key))).size;
    while (finished() < jobs.length) await new Promise((r) => setTimeout(r, 50));
    const failed = instances.flatMap((i) => i.handler.finishedJobs).filter((f) => f.outcome.status !== 'posted');
    if (failed.length) throw new Error(`${failed.length} jobs did not post: ${JSON.stringify(failed[0])}`);
    const lastPostMs = Math.max(...connector.delivered().map((r) => r.at)) - started;
    const windows = TEAMS_CONVERSATION_WINDOWS.filter((w) => w.ms <= 30_000);
    const busiest = busiestConversation(connector.requests, windows).map((b) => ({
      windowMs: b.window.ms,
      count: b.count,
      max: b.window.max,
    }));
    const faults = connector.requests.filter((r) => r.status === 429 || r.status >= 500).length;
    process.stdout.write(
      `  scheduler, two instances, ${jobs.length} posts into ${CONTENDED_CHANNELS} channels: busiest conversation ${busiest.map((b) => `${b.count} in ${b.windowMs / 1000} s`).join(', ')}\n`,
    );
    return {
      instances: instances.length,
      channels: CONTENDED_CHANNELS,
      postsPerChannel: CONTENDED_POSTS_PER_CHANNEL,
      faultShare: faults / connector.requests.length,
      requests: connector.requests.length,
      duplicates: jobs.filter((j) => connector.delivered(jobMarker(j.key)).length > 1).length,
      postedBy: instances.map((i) => i.handler.finishedJobs.filter((f) => f.outcome.status === 'posted').length),
      busiest,
      lastPostMs,
    };
  } finally {
    await Promise.all(instances.map((i) => i.scheduler.stop()));
    await connector.close();
  }
}

/** The kinds the idle rituals cycle through, with each one's rule (the kinds' defaults, Win of the Week on various days). */
const IDLE_KINDS: { kind: RitualKindId; title: string; rule: (i: number) => string }[] = [
  { kind: 'winOfTheWeek', title: 'Win of the Week', rule: (i) => `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}` },
  { kind: 'ama', title: 'Ask Me Anything', rule: () => 'FREQ=MONTHLY;BYDAY=2TU' },
  { kind: 'huddle', title: 'Problem-solving huddle', rule: () => 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' },
  { kind: 'showAndTell', title: 'Knowledge show & tell', rule: () => 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH' },
];
const IDLE_ZONES = [
  'Europe/Paris',
  'America/New_York',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Los_Angeles',
  'Europe/London',
  'America/Sao_Paulo',
  'Africa/Johannesburg',
  'Pacific/Auckland',
  'Asia/Kathmandu',
  'America/St_Johns',
];

/**
 * The `r`-th idle ritual (10 per community), its fields checked as creating a ritual
 * checks them. The first start is 3 to 30 days ahead, so the nearest post (a reminder a
 * day before) is at least two days away: nothing falls due while the benchmark runs.
 */
function idleRitual(r: number, now: Date): Ritual {
  const c = Math.floor(r / (IDLE_RITUALS / IDLE_COMMUNITIES));
  const community: CommunityRef = {
    scope: 'channel',
    tenantId: `tenant-${c % TENANTS}`,
    teamId: `team-${Math.floor(c / 5)}`,
    conversationId: `19:idle-${c}@thread.tacv2`,
  };
  const { kind, title, rule } = IDLE_KINDS[r % IDLE_KINDS.length];
  const defaults = ritualKind(kind);
  const day = new Date(now.getTime() + (3 + (r % 28)) * 86_400_000);
  const firstStart = `${day.toISOString().slice(0, 10)}T${String(8 + (r % 10)).padStart(2, '0')}:${r % 2 ? '30' : '00'}`;
  const host = { id: `aad-host-${c}`, name: `Host ${c}` };
  const fields = checkedFields(
    {
      kind,
      title: `${title} ${r}`,
      description: `${defaults.hint} Community ${c}.`,
      hosts: [host],
      ...(kind === 'ama' ? { featuredExpert: `Expert ${r}` } : {}),
      ...(kind === 'winOfTheWeek' ? {} : { meetingUrl: `https://teams.microsoft.com/l/meetup-join/idle-${r}` }),
      schedule: {
        firstStart,
        timeZone: IDLE_ZONES[c % IDLE_ZONES.length],
        durationMinutes: defaults.defaultDurationMinutes,
        rule: rule(r),
      },
      reminderOffsets: defaults.defaultReminderOffsets,
      ...(kind === 'showAndTell' ? { slots: 5 } : {}),
    },
    now,
  );
  const at = now.toISOString();
  return {
    ...fields,
    id: randomUUID(),
    communityId: communityId(community),
    community,
    paused: false,
    changes: [],
    createdBy: host,
    createdAt: at,
    updatedBy: host,
    updatedAt: at,
  };
}

/**
 * Stores the idle rituals as creating one does: its posts planned into the queue
 * (`nextPosts` through `queuePlanner`), then the ritual saved. Returns the posts planned.
 */
async function seedRituals(tables: Tables, queue: JobQueue): Promise<number> {
  const rituals = new TableRitualRepository(tables.rituals);
  const planner = queuePlanner(queue);
  const now = new Date();
  let planned = 0;
  await mapLimit(
    Array.from({ length: IDLE_RITUALS }, (_, r) => r),
    SEED_CONCURRENCY,
    async (r) => {
      const ritual = idleRitual(r, now);
      const posts = nextPosts(ritual, now);
      if (!posts.length || posts.some((p) => Date.parse(p.dueAt) < now.getTime() + 86_400_000))
        throw new Error(`idle ritual ${r} plans a post within a day`);
      planned += posts.length;
      await planner.schedule(posts);
      await rituals.create(ritual);
    },
  );
  return planned;
}

async function measureIdle(storage: { kind: 'connectionString'; connectionString: string }) {
  const tables = await jobTables(storage, 'idle');
  await tables.rituals.createTable();
  const queue = new TableJobQueue(tables.jobs, tables.jobLog);
  const seeded = Date.now();
  const jobs = await seedRituals(tables, queue);
  const seedSeconds = (Date.now() - seeded) / 1000;
  process.stdout.write(
    `  stored ${IDLE_RITUALS.toLocaleString('en-US')} rituals and ${jobs.toLocaleString('en-US')} planned posts in ${seedSeconds.toFixed(1)} s\n`,
  );

  // The same process with no scheduler first: what the process costs anyway (and time for
  // the memory the seeding freed to go back to the system).
  const baseline = await window(IDLE_SECONDS);

  // Count what the idle passes ask of storage, and the CPU from a pass's first query
  // going out to its last answer (a pass's queries go out together).
  const queryTimes: number[] = [];
  const passCpuMs: number[] = [];
  let inFlight = 0;
  let passStart = process.cpuUsage();
  const due = queue.due.bind(queue);
  queue.due = async (...args) => {
    queryTimes.push(Date.now());
    if (inFlight++ === 0) passStart = process.cpuUsage();
    try {
      return await due(...args);
    } finally {
      if (--inFlight === 0) {
        const used = process.cpuUsage(passStart);
        passCpuMs.push((used.user + used.system) / 1_000);
      }
    }
  };
  const handler = new RecordingHandler();
  const scheduler = new Scheduler({
    queue,
    leases: new TableLeaseStore(tables.conversationLeases),
    handler,
    deliveryCheck: noDeliveryCheck,
    clock: { now: () => new Date() },
    log: silentLogger,
  });
  scheduler.start();
  // Warm up past the second pass (with the window's own pause): the first passes compile the code path.
  await new Promise((r) => setTimeout(r, 7_000));
  const from = Date.now();
  const passesBefore = passCpuMs.length;
  const running = await window(IDLE_SECONDS);
  const measured = queryTimes.filter((t) => t >= from);
  const passes = passCpuMs.slice(passesBefore).sort((a, b) => a - b);
  await scheduler.stop();
  if (handler.prepared.length) throw new Error('an idle scheduler prepared a job that was not due');
  return {
    rituals: IDLE_RITUALS,
    communities: IDLE_COMMUNITIES,
    tenants: TENANTS,
    jobs,
    seedSeconds,
    seconds: IDLE_SECONDS,
    ticks: measured.filter((t, i) => i === 0 || t - measured[i - 1] > 1_000).length,
    queries: measured.length,
    cpuMsPerPass: passes[Math.floor(passes.length / 2)] ?? 0,
    cpuMsPerMinute: running.cpuMsPerMinute,
    baselineCpuMsPerMinute: baseline.cpuMsPerMinute,
    rssGrowthMb: running.rssGrowthMb,
    heapGrowthMb: running.heapGrowthMb,
  };
}

/**
 * CPU and memory over a stretch of time. Memory is compared after full collections; the
 * first is followed by a pause, so the background work it sets off is not counted.
 */
async function window(seconds: number): Promise<{ cpuMsPerMinute: number; rssGrowthMb: number; heapGrowthMb: number }> {
  collectGarbage();
  await new Promise((r) => setTimeout(r, 5_000));
  const memoryBefore = process.memoryUsage();
  const cpuBefore = process.cpuUsage();
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  const cpu = process.cpuUsage(cpuBefore);
  collectGarbage();
  const memoryAfter = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1_048_576;
  return {
    cpuMsPerMinute: ((cpu.user + cpu.system) / 1_000) * (60 / seconds),
    rssGrowthMb: mb(memoryAfter.rss - memoryBefore.rss),
    heapGrowthMb: mb(memoryAfter.heapUsed - memoryBefore.heapUsed),
  };
}

let gc: (() => void) | undefined;

/** A full garbage collection, without needing node --expose-gc (the function is made once: each make is a new V8 context). */
function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}

/** The scheduler's figures as markdown lines, with its targets. */
export function schedulerReport(f: SchedulerFigures): { lines: string[]; checks: (readonly [string, boolean])[] } {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  const burst = (b: BurstFigures) =>
    `| ${b.jobs.toLocaleString('en-US')} channels, ${b.tenants} tenant${b.tenants > 1 ? 's' : ''}, one instance | ${s(b.lastPostMs)} s to the last post (${s(b.allFinishedMs)} s to all recorded), ${b.requests} requests, ${b.violations} rate-limit violations |`;
  const c = f.contended;
  const busiest = c.busiest
    .map((b) => `${b.count} in ${b.windowMs / 1000} s (${(b.count / (b.windowMs / 1000)).toFixed(1)}/s; limit ${b.max})`)
    .join(', ');
  const idle = f.idle;
  return {
    lines: [
      `| scheduler (connector answers in ${f.latencyMs} ms) | figure |`,
      '|---|---|',
      burst(f.burst),
      burst(f.singleTenant),
      `| ${c.instances} instances, ${c.channels} channels × ${c.postsPerChannel} posts, ${Math.round(c.faultShare * 100)}% of requests answered 429 or 5xx | busiest conversation, every request counted: ${busiest}; ${c.requests} requests, ${c.duplicates} posted twice, ${c.postedBy.join(' + ')} posted by each instance, ${s(c.lastPostMs)} s to the last post |`,
      ...(idle
        ? [
            `| idle, ${idle.rituals.toLocaleString('en-US')} rituals in ${idle.communities.toLocaleString('en-US')} channels of ${idle.tenants} tenants (${idle.jobs.toLocaleString('en-US')} planned posts queued), ${idle.seconds} s | ${idle.ticks} passes of ${idle.queries / Math.max(1, idle.ticks)} queries, ${idle.cpuMsPerPass.toFixed(1)} ms CPU each; process CPU ${idle.cpuMsPerMinute.toFixed(0)} ms per minute (${idle.baselineCpuMsPerMinute.toFixed(0)} without the scheduler); RSS ${signed(idle.rssGrowthMb)} MB, heap ${signed(idle.heapGrowthMb)} MB |`,
          ]
        : []),
    ],
    checks: [
      [`scheduler: ${f.burst.jobs} channels in ${f.burst.tenants} tenants posted ≤ 60 s`, f.burst.lastPostMs <= 60_000] as const,
      ['scheduler: no rate-limit violation', f.burst.violations === 0 && f.singleTenant.violations === 0] as const,
      [
        "scheduler: two instances keep a conversation within Teams' windows, each post once",
        c.busiest.every((b) => b.count <= b.max) && c.duplicates === 0,
      ] as const,
    ],
  };
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}

/** The scheduler's part of `npm run bench`; alone: `npx tsx bench/scheduler.ts`. */
const schedulerPart: BenchPart<SchedulerFigures> = { name: 'Scheduler', run: benchmarkScheduler, report: schedulerReport };

if (require.main === module) runPartAsScript(schedulerPart);
