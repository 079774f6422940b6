import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../domain/shared/clock';
import type { Logger } from '../logging';
import { Lanes, Semaphore, mapLimit } from './concurrency';
import { ConversationLeases, type LeaseStore } from './conversationLeases';
import type { DeliveryCheck } from './deliveryCheck';
import { SHARDS, type JobRow } from './jobRows';
import type { JobHandler } from './jobs';
import { JobRunner } from './jobRunner';
import { ProactiveSender, type SenderOptions } from './proactiveSender';
import { RateLimiter } from './rateLimiter';
import type { TableJobQueue } from './tableJobQueue';

/** How a scheduler runs. Every field has a default. */
export interface SchedulerOptions {
  /** Names this instance in claims and logs; random by default. */
  instanceId?: string;
  /** How often storage is asked for due jobs when there is nothing to do. */
  tickMs?: number;
  /** How long a claim holds. Must exceed the worst-case send with its retries (the sender stops a quarter before, at most 5 s). */
  leaseMs?: number;
  /**
   * How long a conversation's lease holds (conversationLeases.ts): one instance at a time
   * posts into a conversation. An instance that dies holding one is taken over within twice this.
   */
  conversationLeaseMs?: number;
  /** Due jobs claimed per pass, across the shards; also the most jobs in progress at once. */
  batchSize?: number;
  /** Requests to the Bot Connector in flight at once, across conversations. */
  concurrency?: number;
  /** Sends per second per tenant from this instance. Instances × this must stay under Teams' 50 per app per tenant. */
  tenantSendsPerSecond?: number;
  /** Claims after which a job that keeps failing is given up. */
  maxClaims?: number;
  /** How often the job log is purged of entries past their retention. */
  housekeepingMs?: number;
  /** The sender's retry settings and connector credentials. */
  sender?: Omit<SenderOptions, 'now' | 'sleep' | 'random'>;
  /** Waiting, injectable so tests drive a fake clock (defaults to real timers). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What a scheduler works with. */
export interface SchedulerParts {
  queue: TableJobQueue;
  /** Where the conversation leases are kept (TableLeaseStore). */
  leases: LeaseStore;
  handler: JobHandler;
  deliveryCheck: DeliveryCheck;
  clock: Clock;
  log: Logger;
}

const DEFAULTS = {
  tickMs: 10_000,
  leaseMs: 60_000,
  conversationLeaseMs: 30_000,
  batchSize: 64,
  concurrency: 16,
  tenantSendsPerSecond: 20,
  maxClaims: 8,
  housekeepingMs: 6 * 3_600_000,
};
/** The first purge waits a minute, so a restart loop does not purge on every start. */
const FIRST_HOUSEKEEPING_MS = 60_000;
/** How often the conversation leases are looked at, in parts of their renewal period (no storage request unless one is due). */
const LEASE_CHECKS_PER_RENEWAL = 4;

/**
 * Posts due jobs. Each pass reads the due rows of the eight shards (one small range
 * query each: all an idle pass does), claims them with ETag-conditioned writes, and runs
 * them: different conversations in parallel (bounded), each conversation in order
 * through the rate limiter. While a pass finds a full batch, the next follows at once.
 */
export class Scheduler {
  readonly instanceId: string;
  private readonly o: Required<Omit<SchedulerOptions, 'instanceId' | 'sender' | 'sleep' | 'random'>>;
  private readonly runner: JobRunner;
  private readonly leases: ConversationLeases;
  private readonly running = new Map<string, Promise<void>>();
  private loop?: Promise<void>;
  private stopped = true;
  private wake?: () => void;
  private housekeepingTimer?: NodeJS.Timeout;
  private leaseTimer?: NodeJS.Timeout;

  constructor(
    private readonly parts: SchedulerParts,
    options: SchedulerOptions = {},
  ) {
    this.instanceId = options.instanceId ?? `${hostname()}-${randomBytes(4).toString('hex')}`;
    const { instanceId: _id, sender: _sender, sleep: _sleep, random: _random, ...rest } = options;
    this.o = { ...DEFAULTS, ...stripUndefined(rest) };
    if (this.o.leaseMs < 2_000) throw new Error('leaseMs must be at least 2 seconds');
    const now = () => parts.clock.now().getTime();
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const random = options.random ?? Math.random;
    const { leases: leaseStore, ...runnerParts } = parts;
    const leases: ConversationLeases = new ConversationLeases({
      store: leaseStore,
      instanceId: this.instanceId,
      ttlMs: this.o.conversationLeaseMs,
      now,
      recentSends: (select) => limiter.recentSends(select),
      log: parts.log,
    });
    const limiter = new RateLimiter({ tenantSendsPerSecond: this.o.tenantSendsPerSecond, time: { now, sleep }, history: leases });
    this.leases = leases;
    this.runner = new JobRunner({
      ...runnerParts,
      sender: new ProactiveSender({ ...options.sender, now, sleep, random }),
      limiter,
      leases,
      lanes: new Lanes(),
      sendSlots: new Semaphore(this.o.concurrency),
      instanceId: this.instanceId,
      leaseMs: this.o.leaseMs,
      maxClaims: this.o.maxClaims,
      random,
    });
  }

  /** Starts polling in the background. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.parts.log.info('scheduler.started', { instance: this.instanceId, tickMs: this.o.tickMs, leaseMs: this.o.leaseMs });
    this.loop = this.runLoop();
    const housekeeping = (delay: number) => {
      this.housekeepingTimer = setTimeout(() => {
        void this.purge().finally(() => !this.stopped && housekeeping(this.o.housekeepingMs));
      }, delay);
      this.housekeepingTimer.unref();
    };
    housekeeping(Math.min(FIRST_HOUSEKEEPING_MS, this.o.housekeepingMs));
    const maintainLeases = () => {
      this.leaseTimer = setTimeout(
        () => {
          void this.leases.maintain().finally(() => !this.stopped && maintainLeases());
        },
        Math.max(50, Math.min(1_000, this.leases.renewMs / LEASE_CHECKS_PER_RENEWAL)),
      );
      this.leaseTimer.unref();
    };
    maintainLeases();
  }

  /** Stops polling and waits for the jobs in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.housekeepingTimer);
    clearTimeout(this.leaseTimer);
    this.wake?.();
    await this.loop;
    await this.idle();
    await this.leases.releaseUnused();
  }

  /**
   * One pass: claims what is due now, waits until those jobs are done, and gives back the
   * conversation leases (as a running instance does once they are unused a while). For
   * tests with a controlled clock.
   */
  async tick(): Promise<void> {
    await this.poll();
    await this.idle();
    await this.leases.releaseUnused();
  }

  /** Resolves when no job is in progress. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all(this.running.values());
  }

  /** Claims due jobs up to the free capacity and starts them; says whether more may be due. */
  private async poll(): Promise<{ more: boolean }> {
    const capacity = this.o.batchSize - this.running.size;
    if (capacity <= 0) return { more: true };
    const nowIso = this.parts.clock.now().toISOString();
    const perShard = Math.max(1, Math.ceil(capacity / SHARDS.length));
    const pages = await Promise.all(SHARDS.map((shard) => this.parts.queue.due(shard, nowIso, perShard)));
    const rows = pages
      .flatMap((page) => page.rows)
      .filter((row) => !this.running.has(idOf(row)))
      .sort((a, b) => (a.rowKey < b.rowKey ? -1 : 1))
      .slice(0, capacity);
    const leaseUntil = new Date(Date.parse(nowIso) + this.o.leaseMs).toISOString();
    await mapLimit(rows, this.o.concurrency, async (row) => {
      const claimed = await this.parts.queue.claim(row, this.instanceId, leaseUntil);
      if (claimed === 'lost')
        return this.parts.log.info('job.claim_lost', { jobKey: row.job.key, instance: this.instanceId, stage: 'claim' });
      const id = idOf(row);
      const run = this.runner.run(claimed, row).finally(() => this.running.delete(id));
      this.running.set(id, run);
    });
    return { more: pages.some((page) => page.more) };
  }

  private async runLoop(): Promise<void> {
    while (!this.stopped) {
      let more = false;
      try {
        ({ more } = await this.poll());
      } catch (error) {
        this.parts.log.error('scheduler.poll_failed', { instance: this.instanceId }, error);
      }
      if (this.stopped) break;
      if (more && this.running.size < this.o.batchSize) continue;
      // At capacity, the next pass waits for a job to finish; idle, for the next tick.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.tickMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (more) void Promise.race(this.running.values()).then(this.wake);
      });
      this.wake = undefined;
    }
  }

  private async purge(): Promise<void> {
    try {
      const purged = await this.parts.queue.purgeLog(this.parts.clock.now());
      if (purged) this.parts.log.info('jobs.log_purged', { purged });
    } catch (error) {
      this.parts.log.error('jobs.log_purge_failed', {}, error);
    }
  }
}

function idOf(row: JobRow): string {
  return `${row.partitionKey}|${row.rowKey}`;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
