import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { systemClock, type Clock } from '../domain/shared/clock';
import type { Logger } from '../logging';
import type { SearchDocument } from '../search/searchDocuments';
import {
  KEYS,
  cardFromEntity,
  cardPartition,
  communityPartition,
  indexWorkOf,
  revisionOf,
  summaryColumns,
  type IndexWork,
} from './cardEntities';
import { tableStatus } from './errors';
import { findRow, type StoredRow } from './findRow';
import { escapeKeyPart } from './keys';
import { searchDocumentRow } from './tableSearchDocuments';
import { searchDocumentOf } from '../search/searchDocuments';
import type { Tables } from './tables';

const MAX_TRANSACTION_ACTIONS = 100;
/**
 * How often one pass reads a card again because it changed while its rows were being
 * written; a card changed faster than that is tried again after a pause, as on a failure.
 */
const MAX_ROUNDS = 8;

type Row = TableEntity<Record<string, unknown>>;
type Write = { table: TableClient; action: TransactionAction };

/** Where a card's rows are derived from: the card row's keys. */
export interface CardRef {
  communityId: string;
  cardId: string;
}

/** Runs a function later; returns a function that cancels it. Tests pass a clock they control. */
export type RetryTimer = (ms: number, run: () => void) => () => void;

const realTimer: RetryTimer = (ms, run) => {
  const timer = setTimeout(run, ms);
  // A retry waiting for its time never keeps the process alive.
  timer.unref();
  return () => clearTimeout(timer);
};

export interface CardIndexerOptions {
  log?: Logger;
  /** Cards whose rows are written at the same time; more wait their turn in order. */
  concurrency?: number;
  /** Wait before a card whose work failed is tried again; it doubles with each failure in a row. */
  retryDelayMs?: number;
  /** The longest wait between tries of one card. */
  maxRetryDelayMs?: number;
  timer?: RetryTimer;
  /** When a change is logged; the system's clock unless a test controls it. */
  clock?: Clock;
  /** Told of each card's search document once written, so this instance's index has it at once. */
  onDocument?: (communityId: string, document: SearchDocument) => void;
}

/** One card's background work. */
interface Task {
  ref: CardRef;
  state: 'queued' | 'running' | 'waiting';
  /** Changed again while a pass was running: the card needs another pass after it. */
  again: boolean;
  /** Failures in a row, for the backoff. */
  failures: number;
  cancelRetry?: () => void;
  /** Callers waiting for the next pass to end. */
  waiters: (() => void)[];
}

/**
 * Derives the listing, search and contribution rows of saved cards from their rows.
 * Each card row carries a marker while its derived rows are behind, so the work is
 * idempotent: done right after each write of the row, redone by {@link sweep} for any
 * card an instance stopped before finishing.
 *
 * Each card is its own piece of work: its rows are written in parallel (one
 * transaction per table partition), cards go side by side up to `concurrency`, and a
 * card whose work fails is logged and tried again after a growing pause while every
 * other card goes on.
 */
export class CardIndexer {
  private readonly tasks = new Map<string, Task>();
  private readonly queue: Task[] = [];
  private running = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly log?: Logger;
  private readonly concurrency: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly timer: RetryTimer;
  private readonly clock: Clock;
  private readonly onDocument?: (communityId: string, document: SearchDocument) => void;

  constructor(
    private readonly tables: Pick<Tables, 'cards' | 'recent' | 'searchDocs' | 'searchChanges' | 'contributions'>,
    private readonly htmlToText: (html: string) => string,
    options: CardIndexerOptions = {},
  ) {
    this.log = options.log;
    this.concurrency = options.concurrency ?? 16;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 10 * 60_000;
    this.timer = options.timer ?? realTimer;
    this.clock = options.clock ?? systemClock;
    this.onDocument = options.onDocument;
  }

  /**
   * Brings a card's derived rows up to its row in the background, starting at once
   * unless `concurrency` cards are already being worked on. Resolves when a pass that
   * began after this call has ended, whether it succeeded or failed (a failure is logged
   * and tried again later); never rejects.
   */
  schedule(ref: CardRef): Promise<void> {
    return this.enqueue(ref, false);
  }

  /**
   * As {@link schedule}, for a person waiting on the card: the pass starts now, ahead of
   * the cards queued in the background.
   */
  refresh(ref: CardRef): Promise<void> {
    return this.enqueue(ref, true);
  }

  private enqueue(ref: CardRef, now: boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const key = `${ref.communityId}\n${ref.cardId}`;
    let task = this.tasks.get(key);
    const done = new Promise<void>((resolve) => {
      if (!task) {
        task = { ref, state: 'queued', again: false, failures: 0, waiters: [] };
        this.tasks.set(key, task);
        this.queue.push(task);
      } else if (task.state === 'running') {
        task.again = true;
      } else if (task.state === 'waiting') {
        // The row was written again: try at once rather than at the end of the pause.
        task.cancelRetry?.();
        task.state = 'queued';
        this.queue.push(task);
      }
      task.waiters.push(resolve);
    });
    if (now && task!.state === 'queued') {
      this.queue.splice(this.queue.indexOf(task!), 1);
      void this.run(task!);
    }
    this.pump();
    return done;
  }

  /**
   * Resolves once no card is queued or being worked on. Cards waiting out the pause
   * after a failure are not waited for.
   */
  idle(): Promise<void> {
    if (!this.running && !this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking new work and drops the retries waiting for their time. */
  stop(): void {
    this.stopped = true;
    for (const task of this.tasks.values()) task.cancelRetry?.();
    this.queue.length = 0;
    this.settleIdle();
  }

  /** Schedules every card still marked behind, e.g. one an instance stopped before finishing. */
  async sweep(): Promise<number> {
    let found = 0;
    const rows = this.tables.cards.listEntities<{ communityId?: string; cardId?: string }>({
      queryOptions: { filter: odata`indexState eq ${'new'} or indexState eq ${'pending'}`, select: ['communityId', 'cardId'] },
    });
    for await (const row of rows) {
      if (row.communityId && row.cardId) {
        void this.schedule({ communityId: row.communityId, cardId: row.cardId });
        found += 1;
      }
    }
    return found;
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency && this.queue.length) {
      void this.run(this.queue.shift()!);
    }
    this.settleIdle();
  }

  private settleIdle(): void {
    if ((this.running || this.queue.length) && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async run(task: Task): Promise<void> {
    this.running += 1;
    task.state = 'running';
    task.again = false;
    const waiters = task.waiters;
    task.waiters = [];
    let failed = false;
    try {
      await this.indexCard(task.ref);
      task.failures = 0;
    } catch (error) {
      failed = true;
      task.failures += 1;
      this.log?.warn('index.retry', {
        communityId: task.ref.communityId,
        cardId: task.ref.cardId,
        failures: task.failures,
        retryInMs: this.retryDelay(task.failures),
        error: String((error as Error)?.message ?? error),
      });
    }
    this.running -= 1;
    for (const resolve of waiters) resolve();
    const key = `${task.ref.communityId}\n${task.ref.cardId}`;
    if (this.stopped) {
      this.tasks.delete(key);
    } else if (task.again) {
      // Changed while its rows were being written: its next pass goes first.
      task.state = 'queued';
      this.queue.unshift(task);
    } else if (failed) {
      task.state = 'waiting';
      task.cancelRetry = this.timer(this.retryDelay(task.failures), () => {
        task.cancelRetry = undefined;
        if (task.state !== 'waiting' || this.stopped) return;
        task.state = 'queued';
        this.queue.push(task);
        this.pump();
      });
    } else {
      this.tasks.delete(key);
    }
    this.pump();
  }

  private retryDelay(failures: number): number {
    return Math.min(this.maxRetryDelayMs, this.retryDelayMs * 2 ** Math.min(failures - 1, 30));
  }

  /**
   * One pass over a card. Several passes over one card may overlap (on different
   * instances, or a sweep beside a save), and the derived rows are written without a
   * condition, so a pass that read an older row could land its rows after a pass that
   * read a newer one. Each pass therefore checks, after its writes, that the card row is
   * still the one it read: clearing the marker is conditional on the row's ETag, and a
   * row already clear is read again. If the row changed, the pass reads it again and
   * writes its rows once more. The last pass to end has then written what the row holds.
   */
  private async indexCard(ref: CardRef): Promise<void> {
    let overtaken = false;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const row = await findRow(this.tables.cards, cardPartition(ref.communityId, ref.cardId), escapeKeyPart(ref.cardId));
      if (!row) return;
      const work = indexWorkOf(row);
      if (!work.pending && !overtaken) return;
      const { writes, document } = this.rowsFor(row, work);
      await this.submit(writes);
      if (await this.stillCurrent(row, work)) {
        this.onDocument?.(ref.communityId, document);
        return;
      }
      overtaken = true;
    }
    throw new Error(`The card changed during each of ${MAX_ROUNDS} passes`);
  }

  /** Whether the card row is still as read, clearing its marker if it had one. */
  private async stillCurrent(row: StoredRow, work: IndexWork): Promise<boolean> {
    if (!work.pending) {
      const now = await findRow(this.tables.cards, row.partitionKey!, row.rowKey!);
      return !now || now.etag === row.etag;
    }
    try {
      await this.tables.cards.updateEntity(
        { partitionKey: row.partitionKey!, rowKey: row.rowKey!, indexState: 'indexed', pendingContributions: '[]' },
        'Merge',
        { etag: row.etag },
      );
      return true;
    } catch (error) {
      if (tableStatus(error) === 412) return false;
      throw error;
    }
  }

  private rowsFor(entity: StoredRow, work: IndexWork): { writes: Write[]; document: SearchDocument } {
    const card = cardFromEntity(entity, this.htmlToText);
    const document = searchDocumentOf(card, revisionOf(entity));
    const summary = summaryColumns(document.summary);
    const changedAt = this.clock.now().toISOString();
    const upsert = (table: TableClient, row: Row): Write => ({ table, action: ['upsert', row, 'Replace'] });
    const writes = [
      upsert(this.tables.recent, {
        partitionKey: communityPartition(card.communityId),
        rowKey: KEYS.recentRow(card.createdAt, card.id),
        ...summary,
      }),
      upsert(this.tables.searchDocs, searchDocumentRow(card.communityId, KEYS.searchDocRow(card.id), document)),
      // Other instances read the log by time to bring their indexes up to date.
      upsert(
        this.tables.searchChanges,
        searchDocumentRow(card.communityId, KEYS.searchChangeRow(changedAt, card.id, document.revision), document, changedAt),
      ),
      ...card.tags.map((tag) =>
        upsert(this.tables.recent, {
          partitionKey: KEYS.tagPartition(card.communityId),
          rowKey: KEYS.tagRow(tag),
          tag,
          lastUsedAt: card.updatedAt,
        }),
      ),
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
    return { writes, document };
  }

  /** Writes one transaction per table partition (at most 100 operations each), all at once. */
  private async submit(writes: Write[]): Promise<void> {
    const groups = new Map<TableClient, Map<string, Map<string, TransactionAction>>>();
    for (const { table, action } of writes) {
      const entity = action[1] as Row;
      const partitions = groups.get(table) ?? new Map<string, Map<string, TransactionAction>>();
      groups.set(table, partitions);
      const rows = partitions.get(entity.partitionKey!) ?? new Map<string, TransactionAction>();
      partitions.set(entity.partitionKey!, rows);
      // A transaction may touch an entity once; the later write wins.
      rows.set(entity.rowKey!, action);
    }
    const transactions: Promise<void>[] = [];
    for (const [table, partitions] of groups) {
      for (const rows of partitions.values()) {
        const actions = [...rows.values()];
        for (let i = 0; i < actions.length; i += MAX_TRANSACTION_ACTIONS) {
          transactions.push(this.submitTolerant(table, actions.slice(i, i + MAX_TRANSACTION_ACTIONS)));
        }
      }
    }
    // Every transaction is tried even if one fails, so a retry has less left to do.
    const failed = (await Promise.allSettled(transactions)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Writes one partition's rows: a single row as a plain request (a transaction of one
   * costs its envelope for nothing), several as one transaction. Deleting a row that is
   * already gone is success: the index is what it should be.
   */
  private async submitTolerant(table: TableClient, actions: TransactionAction[]): Promise<void> {
    if (actions.length === 1) {
      const [kind, entity] = actions[0] as [string, Row];
      if (kind === 'upsert') {
        await table.upsertEntity(entity, 'Replace');
        return;
      }
      await table.deleteEntity(entity.partitionKey!, entity.rowKey!).catch((e) => {
        if (tableStatus(e) !== 404) throw e;
      });
      return;
    }
    try {
      await table.submitTransaction(actions);
    } catch (error) {
      if (tableStatus(error) !== 404) throw error;
      const remaining = actions.filter((a) => a[0] !== 'delete');
      await Promise.all(
        actions
          .filter((a) => a[0] === 'delete')
          .map((action) => {
            const row = action[1] as Row;
            return table.deleteEntity(row.partitionKey!, row.rowKey!).catch((e) => {
              if (tableStatus(e) !== 404) throw e;
            });
          }),
      );
      if (remaining.length) await table.submitTransaction(remaining);
    }
  }
}
