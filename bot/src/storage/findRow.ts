import type { TableClient } from '@azure/data-tables';
import { tableStatus } from './errors';

/** A row as read, with its keys and ETag. */
export type StoredRow = Record<string, unknown> & { partitionKey?: string; rowKey?: string; etag: string };

/**
 * The row at these keys, or undefined if there is none. Any other failure is thrown as
 * the storage client gave it, for the caller to map once (see `guardStorage`).
 */
export async function findRow(table: TableClient, partitionKey: string, rowKey: string): Promise<StoredRow | undefined> {
  try {
    return await table.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (tableStatus(error) === 404) return undefined;
    throw error;
  }
}
