import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import { STORAGE_DEFAULTS, type StorageConfig, type StorageTimeouts } from '../config/config';
import { TERM_SHARDS } from './cardEntities';
import { guardStorage } from './errors';

/** The tables Commonplace uses. */
export interface Tables {
  /** Cards, one row each, partitioned by community. */
  cards: TableClient;
  /** Newest-first listing of each community's cards, and the tags it uses. */
  recent: TableClient;
  /** The search index, spread over several tables by the first letter of each term. */
  terms: TableClient[];
  /** Who harvested and who was credited, per community. */
  contributions: TableClient;
  /** Recent channel thread messages, partitioned by thread. */
  threads: TableClient;
  /** Which thread messages expire on which day, partitioned by day, for purging. */
  retention: TableClient;
  /** Each community's profile: its name, managers and review interval. */
  communities: TableClient;
  /** Teams the bot is in, with what is needed to ask who belongs to them. */
  teams: TableClient;
  /** Each community's rituals, partitioned by community. */
  rituals: TableClient;
  /** Questions, problems and sign-ups members bring to an occurrence, partitioned by occurrence. */
  ritualItems: TableClient;
  /** Channels the bot can post into, with why reminders stopped if they did. */
  channels: TableClient;
  /** Posts due at a time (reminders, openers, follow-ups), keyed by when they are due. */
  jobs: TableClient;
  /** What became of each job, by its key: posted, dropped or failed. */
  jobLog: TableClient;
}

/**
 * Opens clients for every table; creates nothing. Teams gives a message extension five
 * seconds in all, so every attempt of every call is given up after `timeouts.attemptTimeoutMs`
 * (storage that accepts connections and never answers would otherwise hold each request, and
 * the health probe, for as long as it stalls), and calls retry quickly rather than wait out
 * the SDK's default back-off.
 */
export function openTables(storage: StorageConfig, prefix: string, timeouts: StorageTimeouts = STORAGE_DEFAULTS): Tables {
  const retryOptions = {
    maxRetries: timeouts.maxRetries,
    retryDelayInMs: timeouts.retryDelayMs,
    maxRetryDelayInMs: timeouts.maxRetryDelayMs,
  };
  const open = (name: string): TableClient => {
    const tableName = `${prefix}${name}`;
    const client =
      storage.kind === 'connectionString'
        ? TableClient.fromConnectionString(storage.connectionString, tableName, {
            allowInsecureConnection: /DefaultEndpointsProtocol=http;|Endpoint=http:/i.test(storage.connectionString),
            retryOptions,
          })
        : new TableClient(storage.accountUrl, tableName, new DefaultAzureCredential(), { retryOptions });
    client.pipeline.addPolicy({
      name: 'commonplaceAttemptTimeout',
      // The HTTP client aborts an attempt still without a response after `timeout` ms; the abort
      // is not retried, so the caller hears of it at once (as StorageUnavailableError, see guardStorage).
      sendRequest: (request, next) => {
        if (!request.timeout || request.timeout > timeouts.attemptTimeoutMs) request.timeout = timeouts.attemptTimeoutMs;
        return next(request);
      },
    });
    return client;
  };
  return {
    cards: open('Cards'),
    recent: open('Recent'),
    terms: Array.from({ length: TERM_SHARDS }, (_, shard) => open(`Terms${shard}`)),
    contributions: open('Contributions'),
    threads: open('Threads'),
    retention: open('Retention'),
    communities: open('Communities'),
    teams: open('Teams'),
    rituals: open('Rituals'),
    ritualItems: open('RitualItems'),
    channels: open('Channels'),
    jobs: open('Jobs'),
    jobLog: open('JobLog'),
  };
}

/** Creates the tables if needed. Called once at start, never per request. */
export async function ensureTables(tables: Tables): Promise<void> {
  const all = Object.values(tables).flat() as TableClient[];
  await guardStorage('create tables', () => Promise.all(all.map((t) => t.createTable())));
}

/** Whether storage answers: one tiny read, used by the health probe. */
export async function storageReachable(tables: Tables): Promise<boolean> {
  try {
    const pages = tables.cards.listEntities({ queryOptions: { select: ['PartitionKey'] } }).byPage({ maxPageSize: 1 });
    await pages.next();
    return true;
  } catch {
    return false;
  }
}
