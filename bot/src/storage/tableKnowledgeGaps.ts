import { odata, type TableClient } from '@azure/data-tables';
import type { KnowledgeGap, KnowledgeGaps } from '../domain/search/searchPorts';
import type { Logger } from '../logging';
import { communityPartition } from './cardEntities';
import { guardStorage, tableStatus } from './errors';
import { findRow } from './findRow';
import { escapeKeyPart } from './keys';

/** How often a count is tried again when another instance counted the same gap meanwhile. */
const COUNT_ATTEMPTS = 5;

/** Searches of one gap not yet written. */
interface Uncounted {
  communityId: string;
  text: string;
  searches: number;
  lastSeenAt: string;
}

/**
 * Knowledge gaps in Table storage: one row per community and folded search text
 * (PK <community>, RK <text>), holding a count and when it was last searched; nothing about who.
 * Counting runs beside the search, so the person never waits on it; a failure is logged.
 * An instance writes each gap's row one write at a time, adding every search counted
 * meanwhile, so many people searching the same missing thing never race each other for
 * the row; only other instances can, and a lost race reads the row again.
 */
export class TableKnowledgeGaps implements KnowledgeGaps {
  private readonly pending = new Set<Promise<void>>();
  private readonly uncounted = new Map<string, Uncounted>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly table: TableClient,
    private readonly log?: Logger,
  ) {}

  record(communityId: string, text: string, at: Date): Promise<void> {
    const key = `${communityId}\n${text}`;
    const seen = at.toISOString();
    const waiting = this.uncounted.get(key);
    if (waiting) {
      waiting.searches += 1;
      if (seen > waiting.lastSeenAt) waiting.lastSeenAt = seen;
    } else {
      this.uncounted.set(key, { communityId, text, searches: 1, lastSeenAt: seen });
    }
    if (!this.writing.has(key)) {
      const tracked = this.write(key).finally(() => this.pending.delete(tracked));
      this.pending.add(tracked);
    }
    return Promise.resolve();
  }

  /** Writes the gap's uncounted searches, and those counted while it wrote, until none are left. */
  private async write(key: string): Promise<void> {
    this.writing.add(key);
    try {
      for (let next = this.uncounted.get(key); next; next = this.uncounted.get(key)) {
        this.uncounted.delete(key);
        const { communityId } = next;
        await this.count(next).catch((error: unknown) =>
          this.log?.warn('search.gapNotCounted', { communityId, error: String((error as Error)?.message ?? error) }),
        );
      }
    } finally {
      this.writing.delete(key);
    }
  }

  /** Resolves once every count started so far has been written or has failed. */
  async idle(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** A community's gaps, most searched first. */
  async list(communityId: string, max: number): Promise<KnowledgeGap[]> {
    return guardStorage('read knowledge gaps', async () => {
      const gaps: KnowledgeGap[] = [];
      const rows = this.table.listEntities<{ text?: string; count?: number; lastSeenAt?: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${communityPartition(communityId)}`, select: ['text', 'count', 'lastSeenAt'] },
      });
      for await (const row of rows) {
        gaps.push({ text: String(row.text ?? ''), count: Number(row.count ?? 0), lastSeenAt: String(row.lastSeenAt ?? '') });
      }
      return gaps.sort((a, b) => b.count - a.count || b.lastSeenAt.localeCompare(a.lastSeenAt)).slice(0, max);
    });
  }

  private async count({ communityId, text, searches, lastSeenAt: at }: Uncounted): Promise<void> {
    const partitionKey = communityPartition(communityId);
    const rowKey = escapeKeyPart(text);
    for (let attempt = 1; attempt <= COUNT_ATTEMPTS; attempt++) {
      const row = await findRow(this.table, partitionKey, rowKey);
      try {
        if (!row) {
          await this.table.createEntity({ partitionKey, rowKey, text, count: searches, lastSeenAt: at });
        } else {
          const lastSeenAt = String(row.lastSeenAt ?? '') > at ? String(row.lastSeenAt) : at;
          await this.table.updateEntity({ partitionKey, rowKey, text, count: Number(row.count ?? 0) + searches, lastSeenAt }, 'Replace', {
            etag: row.etag,
          });
        }
        return;
      } catch (error) {
        // Counted by someone else in between: read it again and add ours.
        if (tableStatus(error) !== 409 && tableStatus(error) !== 412) throw error;
      }
    }
    throw new Error(`The gap was counted concurrently ${COUNT_ATTEMPTS} times`);
  }
}
