import { TableClient, TableServiceClient } from '@azure/data-tables';
import { DefaultAzureCredential } from '@azure/identity';
import type { StorageConfig } from '../config/config';
import { guardStorage } from './errors';

/** The tables Commonplace uses. */
export interface Tables {
  /** Cards, their search index, tags and contributions, partitioned by community. */
  cards: TableClient;
  /** Recent channel thread messages, partitioned by thread. */
  threads: TableClient;
  /** Which thread messages expire on which day, partitioned by day, for purging. */
  retention: TableClient;
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
  return { cards: open('Cards'), threads: open('Threads'), retention: open('Retention') };
}

/** Creates the tables if needed. Called once at start, never per request. */
export async function ensureTables(tables: Tables): Promise<void> {
  await guardStorage('create tables', () => Promise.all(Object.values(tables).map((t: TableClient) => t.createTable())));
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

/** A service client for the same account, for administration in tests and benchmarks. */
export function openService(storage: StorageConfig): TableServiceClient {
  if (storage.kind === 'connectionString') {
    return TableServiceClient.fromConnectionString(storage.connectionString, { allowInsecureConnection: true });
  }
  return new TableServiceClient(storage.accountUrl, new DefaultAzureCredential());
}
