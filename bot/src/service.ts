import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { composeApi } from './api/composeApi';
import { serviceCredential } from './auth/azureCredential';
import { graphTokenProvider } from './auth/graphToken';
import type { AppConfig } from './config/config';
import { teamDirectoryFor } from './directory/teamDirectoryFor';
import { systemClock, type Clock } from './domain/shared/clock';
import { type TeamDirectory } from './domain/communities/communityPorts';
import { purgeExpiredThreadMessages } from './domain/threads/threadMessages';
import { BotAdapter } from './http/botEndpoint';
import { createHttpApp, listen } from './http/server';
import { jsonLogger, type Logger } from './logging';
import { composeReminders } from './reminders/composeReminders';
import type { SchedulerOptions } from './scheduler/index';
import type { CardIndexer } from './storage/cardIndexer';
import type { SearchEngineOptions } from './search/searchEngine';
import { tableRepositories } from './storage/repositories';
import { ensureTables, openTables, storageReachable, type Tables } from './storage/tables';
import type { Announcer } from './teams/announcer';
import { createBotApp } from './teams/botApp';
import { installationHandlers } from './teams/installation';
import { textOfSafeHtml } from './content/index';
import { teamRecorder } from './teams/teamRecorder';

/** A running service. */
export interface RunningService {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Seams for tests; production uses the defaults. */
export interface ServiceOverrides {
  clock?: Clock;
  log?: Logger;
  announcer?: Announcer;
  /** Replaces the team directory, e.g. with one that knows test teams. */
  directory?: TeamDirectory;
  /** The reminder scheduler's engine options, e.g. a fast tick in tests. */
  scheduler?: SchedulerOptions;
  /** The search engine's options, e.g. reading the change log on every search in tests. */
  search?: Partial<Omit<SearchEngineOptions, 'clock' | 'log'>>;
}

/** The service's parts, wired for one configuration, before anything runs. */
export interface ServiceParts {
  config: AppConfig;
  log: Logger;
  tables: Tables;
  /** The bot: its handlers are registered; more can be before it runs. */
  app: Application<TurnState>;
  /** Derives cards' listing, search and contribution rows in the background. */
  indexer: CardIndexer;
  /** Runs the service: HTTP, storage preparation, housekeeping and the scheduler. */
  start(): Promise<RunningService>;
}

const STORAGE_RETRY_MS = 1_000;
const SEARCH_CHANGES_KEPT_MS = 24 * 60 * 60_000;

/** Starts the bot service as production runs it. */
export async function startService(config: AppConfig, overrides: ServiceOverrides = {}): Promise<RunningService> {
  return composeService(config, overrides).start();
}

/**
 * The one composition root: every part of the service, wired. Nothing runs until
 * `start`, which serves HTTP first (so the health probe can say "not yet"), then
 * prepares the tables, created once here and never per request.
 */
export function composeService(config: AppConfig, overrides: ServiceOverrides = {}): ServiceParts {
  const log = overrides.log ?? jsonLogger({ service: 'commonplace' });
  const clock = overrides.clock ?? systemClock;
  const credential = serviceCredential();
  const tables = openTables(config.storage, config.tablePrefix, { timeouts: config.storageTimeouts, credential });
  const {
    cards,
    indexer,
    search,
    searchDocuments,
    gaps,
    threads,
    communities,
    contributions,
    teams,
    channels,
    rituals,
    ritualItems,
    questions,
    questionFigures,
  } = tableRepositories(tables, textOfSafeHtml, { log, search: { clock, ...overrides.search } });
  const graphTokens = graphTokenProvider(config.botAuth, config.graphBaseUrl, credential);
  const directory = overrides.directory ?? teamDirectoryFor(config, teams, graphTokens);
  const reminders = composeReminders(config, { rituals, ritualItems, channels, tables, graphTokens, clock, log }, overrides.scheduler);

  const auth = config.botAuth;
  const adapter = new BotAdapter(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.password,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId,
        }
      : {},
  );
  const app = createBotApp(adapter, auth?.appId ?? '', {
    cards,
    search,
    gaps,
    threads,
    clock,
    log,
    retentionDays: config.threadRetentionDays,
    cardLinks: config.cardLinks,
    announcer: overrides.announcer,
    recordTeam: teamRecorder(teams, clock, log),
    rituals: { rituals, ritualItems, communities, directory, clock, itemId: reminders.itemId },
    installation: installationHandlers({ teams, channels, log, now: () => clock.now() }),
    questions: { questions, questionFigures, communities, directory },
  });

  let tablesReady = false;
  let stopped = false;
  const api = composeApi(config, {
    cards,
    communities,
    contributions,
    search,
    gaps,
    clock,
    log,
    directory,
    rituals: {
      rituals,
      ritualItems,
      planner: reminders.planner,
      reminderChannels: channels,
      newId: reminders.newId,
      itemId: reminders.itemId,
    },
  });
  const http = createHttpApp({
    adapter,
    app,
    log,
    api,
    tabDir: config.tabDir,
    production: config.mode === 'production',
    healthy: async () => tablesReady && (await storageReachable(tables)),
  });

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

  // Housekeeping: drop thread messages past retention, and derive the rows of any card
  // an instance stopped before finishing. Each step runs even if one before it failed.
  const housekeepingSteps: [string, () => Promise<void>][] = [
    [
      'threads.purge',
      async () => {
        const purged = await purgeExpiredThreadMessages({ threads, clock });
        if (purged) log.info('threads.purged', { purged });
      },
    ],
    [
      'cards.sweep',
      async () => {
        const unindexed = await indexer.sweep();
        if (unindexed) log.info('cards.reindexing', { cards: unindexed });
      },
    ],
    [
      'search.pruneChanges',
      async () => {
        // Instances read back seconds of the change log; a day keeps any late reader safe.
        const pruned = await searchDocuments.pruneChanges(new Date(clock.now().getTime() - SEARCH_CHANGES_KEPT_MS));
        if (pruned) log.info('search.changesPruned', { pruned });
      },
    ],
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

  const start = async (): Promise<RunningService> => {
    const server = await listen(http, config.port, config.host);
    const port = (server.address() as AddressInfo).port;
    const ready = prepareStorage();
    void ready.then(housekeeping);
    void ready.then(() => {
      if (!stopped && config.scheduler.enabled) reminders.scheduler.start();
    });
    const housekeepingTimer = setInterval(housekeeping, config.housekeepingIntervalMinutes * 60_000);
    housekeepingTimer.unref();
    return {
      url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
      port,
      server,
      async close() {
        stopped = true;
        clearInterval(housekeepingTimer);
        await reminders.scheduler.stop();
        await indexer.idle();
        indexer.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  };

  return { config, log, tables, app, indexer, start };
}
