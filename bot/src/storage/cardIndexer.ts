import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { summarize } from '../domain/knowledgeCard';
import { immediately, unpaced, type Paced, type QuietPacer } from '../background/quietPacer';
import type { Logger } from '../logging';
import {
  KEYS,
  cardFromEntity,
  communityPartition,
  indexWorkOf,
  summaryColumns,
  termShard,
  type IndexWork,
} from './cardEntities';
import { readCardRow, type CardLayout, type StoredCardRow } from './cardLayout';
import { tableStatus } from './errors';
import type { Tables } from './tables';

const MAX_TRANSACTION_ACTIONS = 100;
const BATCH_CARDS = 25;
const RETRY_DELAY_MS = 2_000;

type Row = TableEntity<Record<string, unknown>>;
type Write = { table: TableClient; action: TransactionAction };

/**
 * Derives the listing, search and contribution rows of saved cards. Each card row
 * says what is pending, so the work is idempotent: done right after a save, redone
 * by {@link sweep} for any card a stopped instance left pending.
 */
export class CardIndexer {
  private readonly pending = new Map<string, { communityId: string; cardId: string }>();
  private draining: Promise<void> | undefined;
  private stopped = false;
  private oldestPendingSince = 0;

  constructor(
    private readonly tables: Pick<Tables, 'cards' | 'recent' | 'terms' | 'contributions'>,
    private readonly htmlToText: (html: string) => string,
    private readonly layout: CardLayout,
    private readonly log?: Logger,
    /** Background work waits for a quiet moment, so it does not delay people's requests. */
    private readonly pacer: QuietPacer = immediately,
  ) {}

  /** Queues a card for indexing and starts the work without waiting for it. */
  schedule(communityId: string, cardId: string): void {
    if (this.stopped) return;
    if (!this.pending.size) this.oldestPendingSince = Date.now();
    this.pending.set(`${communityId}\n${cardId}`, { communityId, cardId });
    this.kick();
  }

  private kick(): void {
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // What failed stays queued and is tried again shortly.
      if (this.pending.size && !this.stopped) setTimeout(() => this.kick(), RETRY_DELAY_MS).unref();
    });
  }

  /** Resolves once everything scheduled so far has been indexed (or has failed and been logged). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops taking new work. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Indexes one card at once, for a person who changed it and is about to look at the
   * list. Idempotent: the scheduled pass then finds nothing left to do.
   */
  async indexNow(communityId: string, cardId: string): Promise<void> {
    await this.indexBatch([{ communityId, cardId }], unpaced);
    this.pending.delete(`${communityId}\n${cardId}`);
  }

  /** Schedules every card still marked pending, e.g. after a restart. */
  async sweep(): Promise<number> {
    let found = 0;
    const rows = this.tables.cards.listEntities<{ communityId?: string; cardId?: string }>({
      queryOptions: { filter: odata`indexState eq ${'new'} or indexState eq ${'pending'}`, select: ['communityId', 'cardId'] },
    });
    for await (const row of rows) {
      if (row.communityId && row.cardId) {
        this.schedule(row.communityId, row.cardId);
        found += 1;
      }
    }
    return found;
  }

  private async drain(): Promise<void> {
    while (this.pending.size && !this.stopped) {
      // Every storage request waits for its turn: at once when the instance is quiet,
      // at the pacer's trickle under load. Cards go in batches either way, so
      // cards that share index partitions share their writes; waiting until a turn is
      // free before taking the batch lets the saves of a burst gather into it, and its
      // first read then goes in that turn.
      const since = this.oldestPendingSince;
      await this.pacer.ready(since);
      const batch = [...this.pending.values()].slice(0, BATCH_CARDS);
      for (const item of batch) this.pending.delete(`${item.communityId}\n${item.cardId}`);
      try {
        await this.indexBatch(batch, this.pacer.paced(since));
      } catch (error) {
        for (const item of batch) this.pending.set(`${item.communityId}\n${item.cardId}`, item);
        this.log?.warn('index.retry', { cards: batch.length, error: String((error as Error)?.message ?? error) });
        return;
      }
    }
  }

  private async indexBatch(batch: { communityId: string; cardId: string }[], paced: Paced): Promise<void> {
    const cards = await Promise.all(batch.map(({ communityId, cardId }) => paced(() => readCardRow(this.tables.cards, this.layout, communityId, cardId))));
    const writes: Write[] = [];
    const done: { entity: StoredCardRow; work: IndexWork }[] = [];
    for (const entity of cards) {
      if (!entity) continue;
      const work = indexWorkOf(entity);
      if (!work.pending) continue;
      writes.push(...this.rowsFor(entity, work));
      done.push({ entity, work });
    }
    await this.submit(writes, paced);
    await Promise.all(
      done.map(async ({ entity, work }) => {
        try {
          await paced(() => this.tables.cards.updateEntity(
            {
              partitionKey: entity.partitionKey!,
              rowKey: entity.rowKey!,
              indexState: 'indexed',
              indexedTerms: JSON.stringify(work.terms),
              pendingContributions: '[]',
            },
            'Merge',
            { etag: entity.etag },
          ));
        } catch (error) {
          // Changed since it was read: the change scheduled its own indexing.
          if (tableStatus(error) !== 412) throw error;
        }
      }),
    );
  }

  private rowsFor(entity: StoredCardRow, work: IndexWork): Write[] {
    const card = cardFromEntity(entity, this.htmlToText);
    const summary = summaryColumns(summarize(card));
    const indexRow = { ...summary, terms: JSON.stringify(work.terms) };
    const keep = new Set(work.terms);
    const upsert = (table: TableClient, row: Row): Write => ({ table, action: ['upsert', row, 'Replace'] });
    return [
      upsert(this.tables.recent, { partitionKey: communityPartition(card.communityId), rowKey: KEYS.recentRow(card.createdAt, card.id), ...summary }),
      ...work.indexedTerms
        .filter((term) => !keep.has(term))
        .map((term): Write => ({
          table: this.tables.terms[termShard(term)],
          action: ['delete', { partitionKey: KEYS.termPartition(card.communityId, term), rowKey: KEYS.termRow(term, card.createdAt, card.id) }],
        })),
      ...work.terms.map((term) =>
        upsert(this.tables.terms[termShard(term)], {
          partitionKey: KEYS.termPartition(card.communityId, term),
          rowKey: KEYS.termRow(term, card.createdAt, card.id),
          ...indexRow,
        }),
      ),
      ...card.tags.map((tag) => upsert(this.tables.recent, { partitionKey: KEYS.tagPartition(card.communityId), rowKey: KEYS.tagRow(tag), tag, lastUsedAt: card.updatedAt })),
      ...work.contributions.map((c) =>
        upsert(this.tables.contributions, {
          partitionKey: KEYS.contributionPartition(card.communityId, c.at),
          rowKey: KEYS.contributionRow(c),
          personId: c.person.id,
          personName: c.person.name,
          role: c.role,
          cardId: c.cardId,
          title: card.title,
          at: c.at,
        }),
      ),
    ];
  }

  /** Groups writes into one transaction per table partition (at most 100 operations each). */
  private async submit(writes: Write[], paced: Paced): Promise<void> {
    const groups = new Map<TableClient, Map<string, Map<string, TransactionAction>>>();
    for (const { table, action } of writes) {
      const entity = action[1] as Row;
      const partitions = groups.get(table) ?? new Map<string, Map<string, TransactionAction>>();
      groups.set(table, partitions);
      const rows = partitions.get(entity.partitionKey!) ?? new Map<string, TransactionAction>();
      partitions.set(entity.partitionKey!, rows);
      // A transaction may touch an entity once; the later write of a batch wins.
      rows.set(entity.rowKey!, action);
    }
    for (const [table, partitions] of groups) {
      for (const rows of partitions.values()) {
        const actions = [...rows.values()];
        for (let i = 0; i < actions.length; i += MAX_TRANSACTION_ACTIONS) {
          await paced(() => this.submitTolerant(table, actions.slice(i, i + MAX_TRANSACTION_ACTIONS)));
        }
      }
    }
  }

  /** Deleting a row that is already gone is success: the index is what it should be. */
  private async submitTolerant(table: TableClient, actions: TransactionAction[]): Promise<void> {
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      if (tableStatus(error) !== 404) throw error;
      const remaining = actions.filter((a) => a[0] !== 'delete');
      for (const action of actions.filter((a) => a[0] === 'delete')) {
        const row = action[1] as Row;
        await table.deleteEntity(row.partitionKey!, row.rowKey!).catch((e) => {
          if (tableStatus(e) !== 404) throw e;
        });
      }
      if (remaining.length) await table.submitTransaction(remaining);
    }
  }
}
