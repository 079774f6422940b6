import type { BotAuthConfig, SchedulerConfig } from '../config/config';
import type { Clock } from '../domain/shared/clock';
import type { Logger } from '../logging';
import type { Tables } from '../storage/tables';
import { connectorAuthorizationFor } from './connectorAuth';
import type { DeliveryCheck } from './deliveryCheck';
import type { JobHandler, JobQueue } from './jobs';
import { Scheduler, type SchedulerOptions } from './scheduler';
import { TableJobQueue } from './tableJobQueue';
import { TableLeaseStore } from './tableLeaseStore';

export { jobMarker, type JobHandler, type JobOutcome, type JobQueue, type PostTarget, type Preparation, type ScheduledJob } from './jobs';
export { GraphDeliveryCheck, deliveryCheckFor, noDeliveryCheck, type DeliveryCheck } from './deliveryCheck';
export { Scheduler, type SchedulerOptions } from './scheduler';
export { TableJobQueue } from './tableJobQueue';
export { TableLeaseStore } from './tableLeaseStore';

/** What the scheduler is started with. */
export interface SchedulerDeps {
  tables: Tables;
  /** The handler, or a function making it from the queue (a handler usually schedules follow-up jobs). */
  handler: JobHandler | ((queue: JobQueue) => JobHandler);
  clock: Clock;
  log: Logger;
  /** AppConfig.scheduler. */
  config: SchedulerConfig;
  /** The bot's credentials for the Bot Connector; absent locally, where the Playground accepts anonymous posts. */
  botAuth?: BotAuthConfig;
  /** GraphDeliveryCheck in Teams (deliveryCheckFor), noDeliveryCheck locally. */
  deliveryCheck: DeliveryCheck;
  /** Overrides of the engine's options, e.g. a fast tick in tests. */
  options?: SchedulerOptions;
}

/**
 * Builds the queue and the scheduler, and starts it unless the configuration disables it
 * (the queue works either way, so jobs can still be scheduled). Call `scheduler.stop()`
 * on shutdown: it waits for posts in flight.
 */
export function startScheduler(deps: SchedulerDeps): { scheduler: Scheduler; queue: TableJobQueue } {
  const queue = new TableJobQueue(deps.tables.jobs, deps.tables.jobLog);
  const config = deps.config;
  const handler = typeof deps.handler === 'function' ? deps.handler(queue) : deps.handler;
  const scheduler = new Scheduler(
    {
      queue,
      leases: new TableLeaseStore(deps.tables.conversationLeases),
      handler,
      deliveryCheck: deps.deliveryCheck,
      clock: deps.clock,
      log: deps.log,
    },
    {
      tickMs: config.tickSeconds * 1000,
      leaseMs: config.leaseSeconds * 1000,
      tenantSendsPerSecond: config.tenantSendsPerSecond,
      ...deps.options,
      sender: { authorization: connectorAuthorizationFor(deps.botAuth), ...deps.options?.sender },
    },
  );
  if (config.enabled) scheduler.start();
  return { scheduler, queue };
}
