import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { composeApi } from './api/composeApi';
import { graphTokenProvider } from './auth/graphToken';
import { QuietPacer } from './background/quietPacer';
import { SCHEDULER_DEFAULTS, type AppConfig } from './config/config';
import { teamDirectoryFor } from './directory/teamDirectoryFor';
import { systemClock, type Clock, type TeamDirectory } from './domain/ports';
import { purgeExpiredThreadMessages } from './domain/usecases/threadMessages';
import { BotAdapter } from './http/botEndpoint';
import { createHttpApp, listen } from './http/server';
import { jsonLogger, type Logger } from './logging';
import { composeReminders } from './reminders/composeReminders';
import type { SchedulerOptions } from './scheduler';
import { migrateCardLayout } from './storage/cardLayout';
import { TableCardRepository } from './storage/tableCardRepository';
import { TableCommunityRepository } from './storage/tableCommunityRepository';
import { TableTeamRegistry } from './storage/tableTeamRegistry';
import { TableThreadRepository } from './storage/tableThreadRepository';
import { ensureTables, openTables, storageReachable, type Tables } from './storage/tables';
import type { Announcer } from './teams/announcer';
import { createBotApp } from './teams/botApp';
import { installationHandlers } from './teams/installation';
import { textOfSafeHtml } from './teams/messagePayload';
import { teamRecorder } from './teams/teamRecorder';

/** A running service. */
export interface RunningService {
  url: string;
  port: number;
  server: Server;
  /** Resolves when every saved card so far is searchable. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Seams for tests and benchmarks; production uses the defaults. */
export interface ServiceOverrides {
  clock?: Clock;
  log?: Logger;
  announcer?: Announcer;
  /** Registers extra handlers on the bot, e.g. the benchmark's floor command. */
  configureApp?: (app: Application<TurnState>, tables: Tables) => void;
  /** Replaces the team directory, e.g. with one that knows test teams. */
  directory?: TeamDirectory;
  /** The reminder scheduler's engine options, e.g. a fast tick in tests. */
  scheduler?: SchedulerOptions;
}

const STORAGE_RETRY_MS = 1_000;

/**
 * Starts the bot service: HTTP first (so the health probe can say "not yet"), then
 * the tables, created once here and never per request.
 */
export async function startService(config: AppConfig, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const log = overrides.log ?? jsonLogger({ service: 'commonplace' });
  const clock = overrides.clock ?? systemClock;
  const tables = openTables(config.storage, config.tablePrefix, config.storageTimeouts);
  const pacer = new QuietPacer();
  const cards = new TableCardRepository(tables, textOfSafeHtml, log, pacer);
  const threads = new TableThreadRepository(tables.threads, tables.retention, textOfSafeHtml);
  const teamRegistry = new TableTeamRegistry(tables.teams);
  const graphTokens = graphTokenProvider(config.botAuth, config.graphBaseUrl);
  const directory = overrides.directory ?? teamDirectoryFor(config, teamRegistry, graphTokens);
  const communities = new TableCommunityRepository(tables.communities);
  const reminders = composeReminders(config, { tables, teamRegistry, graphTokens, clock, log }, overrides.scheduler);

  const auth = config.botAuth;
  const adapter = new BotAdapter(
    auth
      ? { MicrosoftAppId: auth.appId, MicrosoftAppPassword: auth.password, MicrosoftAppType: auth.appType, MicrosoftAppTenantId: auth.tenantId }
      : {},
  );
  const app = createBotApp(adapter, auth?.appId ?? '', {
    cards,
    threads,
    clock,
    log,
    retentionDays: config.threadRetentionDays,
    announcer: overrides.announcer,
    pacer,
    recordTeam: teamRecorder(teamRegistry, log),
    rituals: { rituals: reminders.rituals, ritualItems: reminders.ritualItems, communities, directory, clock, itemId: reminders.itemId },
    installation: installationHandlers({ teams: teamRegistry, channels: reminders.channels, log, now: () => clock.now() }),
  });
  overrides.configureApp?.(app, tables);

  let tablesReady = false;
  let stopped = false;
  const api = composeApi(config, {
    tables,
    cards,
    clock,
    log,
    directory,
    rituals: {
      rituals: reminders.rituals,
      ritualItems: reminders.ritualItems,
      planner: reminders.planner,
      reminderChannels: reminders.channels,
      newId: reminders.newId,
      itemId: reminders.itemId,
    },
  });
  const http = createHttpApp({
    adapter,
    app,
    log,
    pacer,
    api,
    tabDir: config.tabDir,
    production: config.mode === 'production',
    healthy: async () => tablesReady && (await storageReachable(tables)),
  });
  const server = await listen(http, config.port, config.host);
  const port = (server.address() as AddressInfo).port;

  const prepareStorage = async (): Promise<void> => {
    while (!stopped && !tablesReady) {
      try {
        await ensureTables(tables);
        tablesReady = true;
        log.info('storage.ready');
      } catch (error) {
        log.warn('storage.waiting', { error: String((error as Error).message) });
        await new Promise((r) => setTimeout(r, STORAGE_RETRY_MS));
      }
    }
  };
  const ready = prepareStorage();

  // Housekeeping: move card rows still in the first layout (once), drop thread messages
  // past retention, and index any card a stopped instance saved but did not get to index.
  // Each step runs even if one before it failed.
  const housekeepingSteps: [string, () => Promise<void>][] = [
    ['cards.layout', async () => {
      const moved = await migrateCardLayout(tables.cards, cards.layout, pacer.paced(Date.now()));
      if (moved) log.info('cards.layoutMigrated', { moved });
    }],
    ['threads.purge', async () => {
      const purged = await purgeExpiredThreadMessages({ threads, clock });
      if (purged) log.info('threads.purged', { purged });
    }],
    ['cards.sweep', async () => {
      const unindexed = await cards.indexer.sweep();
      if (unindexed) log.info('cards.reindexing', { cards: unindexed });
    }],
  ];
  const housekeeping = async () => {
    if (!tablesReady) return;
    for (const [step, run] of housekeepingSteps) {
      try {
        await run();
      } catch (error) {
        log.error('housekeeping.failed', { step }, error);
      }
    }
  };
  void ready.then(housekeeping);
  void ready.then(() => {
    if (!stopped && (config.scheduler ?? SCHEDULER_DEFAULTS).enabled) reminders.scheduler.start();
  });
  const housekeepingTimer = setInterval(housekeeping, config.housekeepingIntervalMinutes * 60_000);
  housekeepingTimer.unref();

  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    port,
    server,
    settled: () => cards.indexer.idle(),
    async close() {
      stopped = true;
      clearInterval(housekeepingTimer);
      await reminders.scheduler.stop();
      await cards.indexer.idle();
      cards.indexer.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
