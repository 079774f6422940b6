import { odata, type TableClient } from '@azure/data-tables';
import type { ThreadMessage, ThreadRepository } from '../domain/threads/threadPorts';
import type { Person } from '../domain/shared/person';
import { fromChunks, toChunks } from './chunks';
import { guardStorage, tableStatus } from './errors';
import { composeKey, escapeKeyPart } from './keys';

/*
 * Thread messages live in one partition per thread (community + root message), so a
 * harvest reads its thread in one range. A second table lists them by the day they
 * expire, so purging reads only what has expired instead of every kept message.
 */

function threadPartition(communityId: string, threadRootId: string): string {
  return composeKey(communityId, threadRootId);
}

function expiryDay(iso: string): string {
  return iso.slice(0, 10);
}

interface ThreadMessageRow {
  communityId: string;
  threadRootId: string;
  messageId: string;
  author: string;
  sentAt: string;
  expiresAt: string;
  shortenedFrom?: number;
}

/** Recent channel thread messages in Table storage, with a retention ledger for purging. */
export class TableThreadRepository implements ThreadRepository {
  constructor(
    private readonly messages: TableClient,
    private readonly retention: TableClient,
    private readonly htmlToText: (html: string) => string,
  ) {}

  async save(message: ThreadMessage): Promise<void> {
    const partitionKey = threadPartition(message.communityId, message.threadRootId);
    const rowKey = escapeKeyPart(message.messageId);
    await guardStorage('keep a thread message', async () => {
      // Ledger first: if the second write fails, purge still finds the message later.
      await this.retention.upsertEntity(
        { partitionKey: expiryDay(message.expiresAt), rowKey: `${partitionKey}|${rowKey}`, expiresAt: message.expiresAt },
        'Replace',
      );
      await this.messages.upsertEntity(
        {
          partitionKey,
          rowKey,
          communityId: message.communityId,
          threadRootId: message.threadRootId,
          messageId: message.messageId,
          author: JSON.stringify(message.author),
          sentAt: message.sentAt,
          expiresAt: message.expiresAt,
          ...(message.shortenedFrom !== undefined ? { shortenedFrom: message.shortenedFrom } : {}),
          ...toChunks('html', message.html),
        },
        'Replace',
      );
    });
  }

  async remove(communityId: string, threadRootId: string, messageId: string): Promise<void> {
    await this.deleteIfPresent(this.messages, threadPartition(communityId, threadRootId), escapeKeyPart(messageId));
  }

  async list(communityId: string, threadRootId: string, now: Date): Promise<ThreadMessage[]> {
    const partitionKey = threadPartition(communityId, threadRootId);
    const nowIso = now.toISOString();
    return guardStorage('read a thread', async () => {
      const found: ThreadMessage[] = [];
      const rows = this.messages.listEntities<ThreadMessageRow & Record<string, unknown>>({
        queryOptions: { filter: odata`PartitionKey eq ${partitionKey} and expiresAt gt ${nowIso}` },
      });
      for await (const row of rows) {
        const html = fromChunks('html', row);
        found.push({
          communityId: row.communityId,
          threadRootId: row.threadRootId,
          messageId: row.messageId,
          author: parseAuthor(row.author),
          sentAt: row.sentAt,
          expiresAt: row.expiresAt,
          html,
          text: this.htmlToText(html),
          ...(typeof row.shortenedFrom === 'number' ? { shortenedFrom: row.shortenedFrom } : {}),
        });
      }
      return found.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    });
  }

  async purgeExpired(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    const today = expiryDay(nowIso);
    return guardStorage('purge expired thread messages', async () => {
      let purged = 0;
      const due = this.retention.listEntities<{ expiresAt?: string }>({
        queryOptions: { filter: odata`PartitionKey le ${today}` },
      });
      for await (const entry of due) {
        if (!entry.expiresAt || entry.expiresAt > nowIso) continue;
        const cut = entry.rowKey!.lastIndexOf('|');
        // A message deleted in Teams was removed already; only its ledger entry is left to purge.
        if (await this.deleteIfPresent(this.messages, entry.rowKey!.slice(0, cut), entry.rowKey!.slice(cut + 1))) purged += 1;
        await this.deleteIfPresent(this.retention, entry.partitionKey!, entry.rowKey!);
      }
      return purged;
    });
  }

  /** Deletes a row; whether it was there. */
  private async deleteIfPresent(table: TableClient, partitionKey: string, rowKey: string): Promise<boolean> {
    try {
      await table.deleteEntity(partitionKey, rowKey);
      return true;
    } catch (error) {
      if (tableStatus(error) === 404) return false;
      return guardStorage('delete a thread message', () => Promise.reject(error));
    }
  }
}

function parseAuthor(value: string): Person {
  try {
    const p = JSON.parse(value) as Partial<Person>;
    return { id: String(p.id ?? ''), name: String(p.name ?? '') };
  } catch {
    return { id: '', name: '' };
  }
}
