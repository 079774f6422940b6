import { createHash, randomUUID } from 'node:crypto';
import type { GraphTokenProvider } from '../auth/graphToken';
import type { AppConfig } from '../config/config';
import type { Clock } from '../domain/shared/clock';
import type { PostPlanner } from '../domain/rituals/ritualPorts';
import type { Logger } from '../logging';
import { deliveryCheckFor, startScheduler, type Scheduler, type SchedulerOptions } from '../scheduler/index';
import { TableChannelRegistry } from '../storage/tableChannelRegistry';
import { TableRitualItemRepository } from '../storage/tableRitualItemRepository';
import { TableRitualRepository } from '../storage/tableRitualRepository';
import type { TableTeamRegistry } from '../storage/tableTeamRegistry';
import type { Tables } from '../storage/tables';
import { queuePlanner } from './queuePlanner';
import { ritualJobHandler } from './ritualJobHandler';

/** The rituals' storage, the planner and the scheduler that posts what is planned. */
export interface Reminders {
  rituals: TableRitualRepository;
  ritualItems: TableRitualItemRepository;
  channels: TableChannelRegistry;
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
  parts: { tables: Tables; teamRegistry: TableTeamRegistry; graphTokens: GraphTokenProvider; clock: Clock; log: Logger },
  options?: SchedulerOptions,
): Reminders {
  const rituals = new TableRitualRepository(parts.tables.rituals);
  const ritualItems = new TableRitualItemRepository(parts.tables.ritualItems);
  const channels = new TableChannelRegistry(parts.tables.channels, parts.teamRegistry);
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
    rituals,
    ritualItems,
    channels,
    planner: queuePlanner(queue),
    scheduler,
    newId: () => randomUUID(),
    itemId: (idParts) => createHash('sha256').update(idParts.join('\n'), 'utf8').digest('base64url').slice(0, 22),
  };
}
