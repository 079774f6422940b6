import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TeamsAdapter, type Application, type TurnState } from '@microsoft/teams-ai';
import { QuietPacer } from './background/quietPacer';
import type { AppConfig } from './config/config';
import { systemClock, type Clock } from './domain/ports';
import { purgeExpiredThreadMessages } from './domain/usecases/threadMessages';
import { createHttpApp, listen } from './http/server';
import { jsonLogger, type Logger } from './logging';
import { TableCardRepository } from './storage/tableCardRepository';
import { TableThreadRepository } from './storage/tableThreadRepository';
import { ensureTables, openTables, storageReachable, type Tables } from './storage/tables';
import type { Announcer } from './teams/announcer';
import { createBotApp } from './teams/botApp';
import { textOfSafeHtml } from './teams/messagePayload';
import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { createApiRouter } from './api/apiRouter';
import { authenticate } from './auth/authenticate';
import { EntraTokenValidator } from './auth/entraTokenValidator';
import { developmentTeamDirectory, PLAYGROUND } from './directory/developmentTeamDirectory';
import { GraphTeamDirectory } from './directory/graphTeamDirectory';
import type { TeamDirectory } from './domain/ports';
import { TableCommunityRepository } from './storage/tableCommunityRepository';
import { TableContributionRepository } from './storage/tableContributionRepository';
import { TableTeamRegistry } from './storage/tableTeamRegistry';
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
}

const STORAGE_RETRY_MS = 1_000;

/**
 * Starts the bot service: HTTP first (so the health probe can say "not yet"), then
 * the tables, created once here and never per request.
 */
export async function startService(config: AppConfig, overrides: ServiceOverrides = {}): Promise<RunningService> {
  const log = overrides.log ?? jsonLogger({ service: 'commonplace' });
  const clock = overrides.clock ?? systemClock;
  const tables = openTables(config.storage, config.tablePrefix);
  const pacer = new QuietPacer();
  const cards = new TableCardRepository(tables, textOfSafeHtml, log, pacer);
  const threads = new TableThreadRepository(tables.threads, tables.retention, textOfSafeHtml);
  const teamRegistry = new TableTeamRegistry(tables.teams);

  const auth = config.botAuth;
  const adapter = new TeamsAdapter(
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
  });
  overrides.configureApp?.(app, tables);

  let tablesReady = false;
  let stopped = false;
  const api = createApiRouter({
    cards,
    // The change itself is saved; if this fails, the scheduled indexing catches up.
    refreshListing: (communityId, cardId) =>
      cards.indexer.indexNow(communityId, cardId).catch((error) => log.warn('index.refresh_failed', { error: String((error as Error)?.message ?? error) })),
    communities: new TableCommunityRepository(tables.communities),
    contributions: new TableContributionRepository(tables.contributions),
    directory: overrides.directory ?? teamDirectoryFor(config, teamRegistry),
    clock,
    log,
    authenticate: authenticationFor(config, log),
    ...(config.developmentIdentity
      ? { developmentChannel: { teamId: PLAYGROUND.teamId, channelId: PLAYGROUND.channelId, channelName: PLAYGROUND.channelName } }
      : {}),
  });
  const http = createHttpApp({
    adapter,
    app,
    log,
    pacer,
    api,
    tabDir: config.tabDir,
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

  // Housekeeping: drop thread messages past retention, and index any card a stopped
  // instance saved but did not get to index.
  const housekeeping = async () => {
    if (!tablesReady) return;
    try {
      const purged = await purgeExpiredThreadMessages({ threads, clock });
      if (purged) log.info('threads.purged', { purged });
      const unindexed = await cards.indexer.sweep();
      if (unindexed) log.info('cards.reindexing', { cards: unindexed });
    } catch (error) {
      log.error('housekeeping.failed', {}, error);
    }
  };
  void ready.then(housekeeping);
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
      await cards.indexer.idle();
      cards.indexer.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Signs API callers in: Teams single sign-on tokens when configured; otherwise, in local
 * development on loopback only (the config module enforces both), the Playground's user.
 */
function authenticationFor(config: AppConfig, log: Logger) {
  if (config.sso) return authenticate({ validator: new EntraTokenValidator(config.sso), log });
  if (!config.developmentIdentity) throw new Error('The API needs single sign-on settings outside local development');
  return authenticate({
    developmentIdentity: { tenantId: PLAYGROUND.tenantId, person: { ...PLAYGROUND.user }, development: true },
    log,
  });
}

/**
 * Who belongs to which team: Microsoft Graph with the bot's own identity in Azure;
 * the Playground's team locally.
 */
function teamDirectoryFor(config: AppConfig, registry: TableTeamRegistry): TeamDirectory {
  if (config.developmentIdentity) return developmentTeamDirectory;
  const auth = config.botAuth;
  const credentials = new Map<string, TokenCredential>();
  const credentialFor = (tenantId: string): TokenCredential => {
    if (!auth?.password) return (credentials.get('') ?? credentials.set('', new DefaultAzureCredential()).get(''))!;
    let credential = credentials.get(tenantId);
    if (!credential) {
      credential = new ClientSecretCredential(tenantId, auth.appId, auth.password);
      // One credential per tenant that signs in; tenants are few, but keep it bounded.
      if (credentials.size >= 1_000) credentials.clear();
      credentials.set(tenantId, credential);
    }
    return credential;
  };
  return new GraphTeamDirectory(registry, credentialFor, config.graphBaseUrl);
}
