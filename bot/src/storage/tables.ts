import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { StorageConfig } from '../config/config';
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
 * Teams gives a message extension five seconds in all, so storage calls retry
 * quickly and give up early rather than wait out the SDK's default back-off.
 */
const RETRY_OPTIONS = { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 800 };

/** Opens clients for every table; creates nothing. */
export function openTables(storage: StorageConfig, prefix: string): Tables {
  const open = (name: string): TableClient => {
    const tableName = `${prefix}${name}`;
    if (storage.kind === 'connectionString') {
      return TableClient.fromConnectionString(storage.connectionString, tableName, {
        allowInsecureConnection: /DefaultEndpointsProtocol=http;|Endpoint=http:/i.test(storage.connectionString),
        retryOptions: RETRY_OPTIONS,
      });
    }
    return new TableClient(storage.accountUrl, tableName, new DefaultAzureCredential(), { retryOptions: RETRY_OPTIONS });
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
