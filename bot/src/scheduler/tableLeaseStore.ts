import type { TableClient } from '@azure/data-tables';
import { guardStorage, tableStatus } from '../storage/errors';
import type { LeaseRecord, LeaseStore, StoredLease } from './conversationLeases';

/*
 *   ConversationLeases  PK conversations  RK b00..b15  holder, ttlMs, parts, state0..stateN
 *
 * One row per bucket of conversations (conversationLeases.ts). The windows' record is
 * split over several properties, as a string property holds at most 32K characters.
 */

const PARTITION = 'conversations';
const PART_CHARS = 30_000;

/** The conversation leases on Table storage; every write is conditioned on the ETag it read. */
export class TableLeaseStore implements LeaseStore {
  constructor(private readonly table: TableClient) {}

  read(bucket: string): Promise<StoredLease | undefined> {
    return guardStorage('read a conversation lease', async () => {
      let answeredAt: number | undefined;
      let row: Record<string, unknown> & { etag: string };
      try {
        row = await this.table.getEntity<Record<string, unknown>>(PARTITION, bucket, {
          onResponse: (response) => (answeredAt = Date.parse(response.headers.get('date') ?? '')),
        });
      } catch (error) {
        if (tableStatus(error) === 404) return undefined;
        throw error;
      }
      // Both times are storage's own: its answer's Date and the row's Timestamp.
      const writtenAt = typeof row.timestamp === 'string' ? Date.parse(row.timestamp) : Number.NaN;
      const sinceWriteMs =
        answeredAt !== undefined && Number.isFinite(answeredAt) && Number.isFinite(writtenAt) ? answeredAt - writtenAt : undefined;
      const parts = typeof row.parts === 'number' ? row.parts : 0;
      const state = Array.from({ length: parts }, (_, i) => (typeof row[`state${i}`] === 'string' ? row[`state${i}`] : '')).join('');
      return {
        holder: typeof row.holder === 'string' ? row.holder : '',
        ttlMs: typeof row.ttlMs === 'number' ? row.ttlMs : 0,
        state,
        etag: row.etag,
        ...(sinceWriteMs !== undefined ? { sinceWriteMs } : {}),
      };
    });
  }

  async write(bucket: string, record: LeaseRecord, etag: string | undefined): Promise<string | 'lost'> {
    const parts: Record<string, string> = {};
    for (let i = 0; i * PART_CHARS < record.state.length; i++)
      parts[`state${i}`] = record.state.slice(i * PART_CHARS, (i + 1) * PART_CHARS);
    const entity = {
      partitionKey: PARTITION,
      rowKey: bucket,
      holder: record.holder,
      ttlMs: record.ttlMs,
      parts: Object.keys(parts).length,
      ...parts,
    };
    try {
      const result = etag ? await this.table.updateEntity(entity, 'Replace', { etag }) : await this.table.createEntity(entity);
      return result.etag ?? '';
    } catch (error) {
      // Changed (412), created meanwhile (409) or gone (404): someone else wrote it first.
      const status = tableStatus(error);
      if (status === 412 || status === 409 || status === 404) return 'lost';
      return guardStorage('write a conversation lease', () => Promise.reject(error));
    }
  }
}
