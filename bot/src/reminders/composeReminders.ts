import { createHash, randomUUID } from 'node:crypto';
import type { GraphTokenProvider } from '../auth/graphToken';
import type { AppConfig } from '../config/config';
import type { Clock } from '../domain/shared/clock';
import type { ChannelTargets, PostPlanner, ReminderChannels, RitualItemRepository, RitualRepository } from '../domain/rituals/ritualPorts';
import type { InstalledChannels } from '../domain/installation/installation';
import type { Logger } from '../logging';
import { deliveryCheckFor, startScheduler, type Scheduler, type SchedulerOptions } from '../scheduler/index';
import type { Tables } from '../storage/tables';
import { queuePlanner } from './queuePlanner';
import { ritualJobHandler } from './ritualJobHandler';

/** The rituals' planner and the scheduler that posts what is planned. */
export interface Reminders {
  planner: PostPlanner;
  /** Created stopped: the service starts it once storage is ready. */
  scheduler: Scheduler;
  newId: () => string;
  /** A short, stable id for an item, from what makes it the same item. */
  itemId: (parts: string[]) => string;
}

/** Puts the reminders together for this configuration. */
export function composeReminders(
  config: AppConfig,
  parts: {
    rituals: RitualRepository;
    ritualItems: RitualItemRepository;
    channels: ReminderChannels & ChannelTargets & InstalledChannels;
    /** The scheduler keeps its queue and its conversation leases in these tables. */
    tables: Tables;
    graphTokens: GraphTokenProvider;
    clock: Clock;
    log: Logger;
  },
  options?: SchedulerOptions,
): Reminders {
  const { rituals, ritualItems, channels } = parts;
  const { scheduler, queue } = startScheduler({
    tables: parts.tables,
    handler: (jobs) => ritualJobHandler({ rituals, ritualItems, channels, planner: queuePlanner(jobs), log: parts.log }),
    clock: parts.clock,
    log: parts.log,
    config: { ...config.scheduler, enabled: false },
    ...(config.botAuth ? { botAuth: config.botAuth } : {}),
    deliveryCheck: deliveryCheckFor(config, parts.graphTokens),
    ...(options ? { options } : {}),
  });
  return {
    planner: queuePlanner(queue),
    scheduler,
    newId: () => randomUUID(),
    itemId: (idParts) => createHash('sha256').update(idParts.join('\n'), 'utf8').digest('base64url').slice(0, 22),
  };
}
