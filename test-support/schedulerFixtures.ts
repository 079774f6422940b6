import type { TableClient } from '@azure/data-tables';
import type { Clock } from '../bot/src/domain/shared/clock';
import { logContext, type LogFields, type Logger } from '../bot/src/logging';
import {
  jobMarker,
  type JobHandler,
  type JobOutcome,
  type PostTarget,
  type Preparation,
  type ScheduledJob,
} from '../bot/src/scheduler/jobs';
import { noDeliveryCheck, type DeliveryCheck } from '../bot/src/scheduler/deliveryCheck';
import { Scheduler, type SchedulerOptions } from '../bot/src/scheduler/scheduler';
import { TableJobQueue } from '../bot/src/scheduler/tableJobQueue';
import { TableLeaseStore } from '../bot/src/scheduler/tableLeaseStore';
import { openTables, type Tables } from '../bot/src/storage/tables';
import { testStorage, uniqueTablePrefix } from './storage';

/*
 * What the scheduler's tests and benchmark share: a clock they move by hand, a logger
 * that keeps what it is told, jobs that say where they go, and a handler that posts
 * them with a card carrying the job's marker and records what it is told.
 */

/** A clock that moves only when told; `sleep` moves it, so retries and pacing take no real time. */
export class TestClock implements Clock {
  /** Every wait asked of `sleep`, in order. */
  readonly sleeps: number[] = [];
  constructor(private t = Date.parse('2026-11-02T09:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/** A logged line. */
export interface LoggedEvent {
  level: 'info' | 'warn' | 'error';
  event: string;
  fields: LogFields;
}

/** A logger that keeps every line. */
export function memoryLogger(): Logger & { events: LoggedEvent[]; named(event: string): LoggedEvent[] } {
  const events: LoggedEvent[] = [];
  const add =
    (level: LoggedEvent['level']) =>
    (event: string, fields: LogFields = {}, error?: unknown) =>
      // The request's context (its requestId) joins the fields, as the JSON logger writes it.
      void events.push({
        level,
        event,
        fields: { ...logContext(), ...fields, ...(error ? { error: String((error as Error)?.message ?? error) } : {}) },
      });
  return { events, info: add('info'), warn: add('warn'), error: add('error'), named: (event) => events.filter((e) => e.event === event) };
}

/** Where a test job posts. */
export interface TestDestination {
  tenantId: string;
  serviceUrl: string;
  /** The channel's conversation id, `19:…@thread.tacv2`. */
  channelId: string;
  teamAadGroupId?: string;
}

/** A job that posts a card into a channel. */
export function testJob(key: string, dueAt: string, to: TestDestination): ScheduledJob {
  return {
    key,
    dueAt,
    tenantId: to.tenantId,
    data: { serviceUrl: to.serviceUrl, channelId: to.channelId, ...(to.teamAadGroupId ? { teamAadGroupId: to.teamAadGroupId } : {}) },
  };
}

/** The target of a test job. */
export function targetOf(job: ScheduledJob): PostTarget {
  return {
    tenantId: job.tenantId,
    serviceUrl: job.data.serviceUrl,
    conversationId: job.data.channelId,
    channelId: job.data.channelId,
    ...(job.data.teamAadGroupId ? { teamAadGroupId: job.data.teamAadGroupId } : {}),
    channelKey: `${job.tenantId}/${job.data.channelId}`,
  };
}

/** The activity a test job posts: an Adaptive Card whose action carries the marker. */
export function activityOf(job: ScheduledJob, withMarker = true) {
  return {
    type: 'message' as const,
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          version: '1.5',
          body: [{ type: 'TextBlock', text: `Reminder ${job.key}` }],
          actions: [
            {
              type: 'Action.Submit',
              title: 'Bring something',
              data: { action: 'bring', ...(withMarker ? { job: jobMarker(job.key) } : {}) },
            },
          ],
        },
      },
    ],
  };
}

/** A handler that posts test jobs and records every call; tests can make it drop, block or misbehave. */
export class RecordingHandler implements JobHandler {
  readonly prepared: string[] = [];
  readonly finishedJobs: { key: string; outcome: JobOutcome }[] = [];
  readonly unreachableTargets: { target: PostTarget; reason: string }[] = [];
  /** Keys to drop, with the reason. */
  readonly drops = new Map<string, string>();
  /** Keys whose card leaves the marker out (a programming error the engine must refuse). */
  readonly withoutMarker = new Set<string>();
  /** Keys whose preparation waits for the promise. */
  readonly blocks = new Map<string, Promise<void>>();
  /** Keys whose preparation throws. */
  readonly failing = new Set<string>();
  /** How many times `finished` fails before it works. */
  finishFailures = 0;

  async prepare(job: ScheduledJob): Promise<Preparation> {
    this.prepared.push(job.key);
    await this.blocks.get(job.key);
    if (this.failing.has(job.key)) throw new Error('the ritual could not be read');
    const reason = this.drops.get(job.key);
    if (reason) return { action: 'drop', reason };
    return { action: 'post', target: targetOf(job), activity: activityOf(job, !this.withoutMarker.has(job.key)) };
  }

  async finished(job: ScheduledJob, outcome: JobOutcome): Promise<void> {
    if (this.finishFailures > 0) {
      this.finishFailures -= 1;
      throw new Error('finished failed');
    }
    this.finishedJobs.push({ key: job.key, outcome });
  }

  async unreachable(target: PostTarget, reason: string): Promise<void> {
    this.unreachableTargets.push({ target, reason });
  }
}

/** Just the scheduler's tables, created under a prefix no other test uses (the rest are opened, not created). */
export async function freshJobTables(): Promise<Tables> {
  const tables = openTables(testStorage(), uniqueTablePrefix());
  await createSchedulerTables(tables);
  return tables;
}

/** Creates the tables the scheduler uses: jobs, their log, and the conversation leases. */
export async function createSchedulerTables(tables: Tables): Promise<void> {
  await Promise.all([tables.jobs.createTable(), tables.jobLog.createTable(), tables.conversationLeases.createTable()]);
}

/** Every entity of a table. */
export async function allRows(table: TableClient): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for await (const e of table.listEntities()) rows.push(e as Record<string, unknown>);
  return rows;
}

/** A scheduler over fresh tables, posting to a fake connector, with a hand-moved clock. */
export interface SchedulerHarness {
  tables: Tables;
  queue: TableJobQueue;
  clock: TestClock;
  /** A scheduler instance with its own handler and log. */
  /** A scheduler instance; `clock` gives it its own clock (one running ahead, as on another machine). */
  instance(
    id: string,
    options?: { deliveryCheck?: DeliveryCheck; handler?: RecordingHandler; scheduler?: SchedulerOptions; clock?: TestClock },
  ): {
    scheduler: Scheduler;
    handler: RecordingHandler;
    log: ReturnType<typeof memoryLogger>;
  };
}

/** Builds a harness; every instance shares the tables and the clock. */
export async function schedulerHarness(): Promise<SchedulerHarness> {
  const tables = await freshJobTables();
  const queue = new TableJobQueue(tables.jobs, tables.jobLog);
  const clock = new TestClock();
  return {
    tables,
    queue,
    clock,
    instance(id, options = {}) {
      const handler = options.handler ?? new RecordingHandler();
      const log = memoryLogger();
      const own = options.clock ?? clock;
      const scheduler = new Scheduler(
        {
          queue,
          leases: new TableLeaseStore(tables.conversationLeases),
          handler,
          deliveryCheck: options.deliveryCheck ?? noDeliveryCheck,
          clock: own,
          log,
        },
        { instanceId: id, sleep: own.sleep, random: () => 0.5, ...options.scheduler },
      );
      return { scheduler, handler, log };
    },
  };
}
