import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { guardStorage, tableStatus } from '../storage/errors';
import { findRow } from '../storage/findRow';
import { escapeKeyPart } from '../storage/keys';
import {
  SHARDS,
  dueBound,
  jobRowOf,
  keyRowKey,
  logEntityOf,
  newJobEntity,
  normalizeDueAt,
  outcomeOfLog,
  shardOf,
  type JobEntity,
  type JobRow,
} from './jobRows';
import type { JobOutcome, JobQueue, ScheduledJob } from './jobs';
import { mapLimit } from './concurrency';

/** How long the log remembers a finished key (so it is not queued again). */
export const JOB_LOG_RETENTION_DAYS = 45;

/** Jobs per transaction when scheduling: each takes two rows, and a transaction holds 100. */
const JOBS_PER_TRANSACTION = 50;
const PARALLEL_READS = 16;

/** A conditional write found the row changed (someone else claimed it) or gone (finished). */
export type Lost = 'lost';

/**
 * The job queue on Table storage. Every change to a job row is conditioned on the ETag
 * it was read with, so of several instances racing for a row exactly one wins.
 */
export class TableJobQueue implements JobQueue {
  constructor(
    private readonly jobs: TableClient,
    private readonly jobLog: TableClient,
  ) {}

  async schedule(jobs: ScheduledJob[]): Promise<void> {
    const byKey = new Map<string, JobEntity>();
    for (const job of jobs) {
      if (!job.key) throw new Error('A job needs a key');
      if (!byKey.has(job.key)) byKey.set(job.key, newJobEntity({ ...job, dueAt: normalizeDueAt(job.dueAt) }));
    }
    const fresh = (
      await mapLimit([...byKey.values()], PARALLEL_READS, async (e) => ((await this.loggedOutcome(e.key)) ? undefined : e))
    ).filter((e): e is JobEntity => e !== undefined);
    const byShard = new Map<string, JobEntity[]>();
    for (const entity of fresh) byShard.set(entity.partitionKey, [...(byShard.get(entity.partitionKey) ?? []), entity]);
    const chunks: JobEntity[][] = [];
    for (const list of byShard.values())
      for (let i = 0; i < list.length; i += JOBS_PER_TRANSACTION) chunks.push(list.slice(i, i + JOBS_PER_TRANSACTION));
    await mapLimit(chunks, 4, (chunk) => this.insert(chunk));
  }

  /**
   * Inserts jobs with their key rows, all at once; if any key is already pending the
   * transaction fails as a whole, and each job is then inserted on its own, skipping
   * the pending ones.
   */
  private async insert(chunk: JobEntity[]): Promise<void> {
    try {
      await this.jobs.submitTransaction(chunk.flatMap(actionsFor));
    } catch (error) {
      if (tableStatus(error) !== 409) return storageFailure('schedule jobs', error);
      // A one-job transaction that conflicts: the key is already pending.
      if (chunk.length > 1) await mapLimit(chunk, PARALLEL_READS, (entity) => this.insert([entity]));
    }
  }

  /**
   * Up to `max` rows of a shard that are due at `nowIso` and not held by a live claim,
   * and whether more may be due (a full page, or storage cut the page short).
   */
  async due(shard: string, nowIso: string, max: number): Promise<{ rows: JobRow[]; more: boolean }> {
    // A claimed row's leaseUntil is in the future until its lease runs out; a free row's is ''.
    const filter = odata`PartitionKey eq ${shard} and RowKey lt ${dueBound(nowIso)} and leaseUntil le ${nowIso}`;
    return guardStorage('read due jobs', async () => {
      const page = await this.jobs.listEntities({ queryOptions: { filter } }).byPage({ maxPageSize: max }).next();
      if (page.done) return { rows: [], more: false };
      const rows = page.value.map((e) => jobRowOf(e as Record<string, unknown>));
      return { rows, more: rows.length >= max || Boolean(page.value.continuationToken) };
    });
  }

  /** Claims a due row for `instance` until `leaseUntil`. */
  claim(row: JobRow, instance: string, leaseUntil: string): Promise<JobRow | Lost> {
    return this.change(row, { claimedBy: instance, leaseUntil, attempts: row.attempts + 1 });
  }

  /**
   * Records that posting begins, and renews the lease. Conditioned on the claim's ETag:
   * an instance that stalled past its lease, whose row someone else claimed since, is
   * refused here and never posts.
   */
  markSending(row: JobRow, since: string, leaseUntil: string): Promise<JobRow | Lost> {
    return this.change(row, { sendingSince: since, leaseUntil });
  }

  /**
   * Gives a claimed row back, to be claimed again from `notBefore`. `inDoubt` keeps the
   * record that a post may have gone out, so the next claimer checks before posting.
   */
  async release(row: JobRow, notBefore: string, inDoubt: boolean): Promise<JobRow | Lost> {
    return this.change(row, { claimedBy: '', leaseUntil: notBefore, ...(inDoubt ? {} : { sendingSince: '' }) });
  }

  /**
   * Gives back a row this instance claimed but did not try to post, because another
   * instance is posting into its conversation: to be claimed again from `notBefore`. The
   * claim does not count against the job's attempts; an earlier in-doubt mark stays.
   */
  defer(row: JobRow, notBefore: string): Promise<JobRow | Lost> {
    return this.change(row, { claimedBy: '', leaseUntil: notBefore, attempts: Math.max(0, row.attempts - 1) });
  }

  /** What the log says became of a key, if it finished. */
  async loggedOutcome(key: string): Promise<JobOutcome | undefined> {
    try {
      const row = await findRow(this.jobLog, shardOf(key), escapeKeyPart(key));
      return row && outcomeOfLog(row);
    } catch (error) {
      return storageFailure('read the job log', error);
    }
  }

  /** Records a job's outcome. The first record of a key stands; a later one is ignored. */
  async record(job: ScheduledJob, outcome: JobOutcome, at: string, instance: string): Promise<void> {
    try {
      await this.jobLog.createEntity(logEntityOf(job, outcome, at, instance));
    } catch (error) {
      if (tableStatus(error) === 409) return;
      return storageFailure('record a job outcome', error);
    }
  }

  /**
   * Deletes a finished job's rows: the key row first, then the job row if it is still as
   * this instance last wrote it. Stopping in between leaves the job row, whose next
   * claimer finds the outcome in the log and finishes the cleanup; the other order could
   * leave a key row nobody would ever delete.
   */
  async remove(row: JobRow): Promise<'removed' | Lost> {
    await this.conditional('finish a job', () => this.jobs.deleteEntity(row.partitionKey, keyRowKey(row.job.key)));
    const removed = await this.conditional('finish a job', () => this.jobs.deleteEntity(row.partitionKey, row.rowKey, { etag: row.etag }));
    return removed === 'lost' ? removed : 'removed';
  }

  /** Deletes log rows older than the retention. Housekeeping: a filtered read per shard. */
  async purgeLog(now: Date, retentionDays = JOB_LOG_RETENTION_DAYS): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    let purged = 0;
    for (const shard of SHARDS) {
      const old: TransactionAction[] = [];
      const filter = odata`PartitionKey eq ${shard} and at lt ${cutoff}`;
      await guardStorage('purge the job log', async () => {
        for await (const e of this.jobLog.listEntities({ queryOptions: { filter, select: ['PartitionKey', 'RowKey'] } })) {
          old.push(['delete', { partitionKey: e.partitionKey!, rowKey: e.rowKey! }]);
        }
        for (let i = 0; i < old.length; i += 100) await this.jobLog.submitTransaction(old.slice(i, i + 100));
      });
      purged += old.length;
    }
    return purged;
  }

  private async change(row: JobRow, fields: Partial<JobEntity>): Promise<JobRow | Lost> {
    let etag = '';
    const result = await this.conditional('update a job', async () => {
      etag =
        (await this.jobs.updateEntity({ partitionKey: row.partitionKey, rowKey: row.rowKey, ...fields }, 'Merge', { etag: row.etag }))
          .etag ?? '';
    });
    if (result === 'lost') return result;
    return { ...row, ...(fields as Partial<JobRow>), etag };
  }

  /** Runs a conditional write: 412 (changed) and 404 (gone) mean someone else has the row. */
  private async conditional(operation: string, call: () => Promise<unknown>): Promise<'done' | Lost> {
    try {
      await call();
      return 'done';
    } catch (error) {
      const status = tableStatus(error);
      if (status === 412 || status === 404) return 'lost';
      return storageFailure(operation, error);
    }
  }
}

/** Raises a storage failure as the rest of the storage layer does. */
function storageFailure(operation: string, error: unknown): Promise<never> {
  return guardStorage(operation, () => Promise.reject(error));
}

function actionsFor(entity: JobEntity): TransactionAction[] {
  return [
    ['create', { partitionKey: entity.partitionKey, rowKey: keyRowKey(entity.key), dueAt: entity.dueAt, jobRowKey: entity.rowKey }],
    ['create', { ...entity }],
  ];
}
