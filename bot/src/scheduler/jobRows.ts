import { createHash } from 'node:crypto';
import { escapeKeyPart } from '../storage/keys';
import type { JobOutcome, ScheduledJob } from './jobs';

/*
 *   Jobs    PK s0..s7 (hash of key)  RK <dueAt ISO>|<key>   a pending job, with its claim
 *   Jobs    PK s0..s7                RK ~<key>               "this key is pending": one row per key
 *   JobLog  PK s0..s7                RK <key>                what became of the key
 *
 * "Due now" is one range query per shard: RowKey < "<now>~". ISO times sort as they
 * compare and "~" sorts after every character of them, so the key rows ("~…") never
 * fall in that range. The shard count spreads the jobs so no partition gets hot.
 */

/** How many partitions the Jobs and JobLog tables are spread over. */
export const JOB_SHARDS = 8;

/** Longest `data` a job may carry, serialized: Table storage caps a string property at 32K characters. */
export const MAX_JOB_DATA_CHARS = 30_000;

/** The partition of a key, the same in both tables so a key's rows share a transaction. */
export function shardOf(key: string): string {
  return `s${createHash('sha256').update(key, 'utf8').digest()[0] % JOB_SHARDS}`;
}

/** Every shard's partition key. */
export const SHARDS = Array.from({ length: JOB_SHARDS }, (_, i) => `s${i}`);

/** The row of a job: its due time first, so due jobs form a key range. */
export function jobRowKey(dueAt: string, key: string): string {
  return `${dueAt}|${escapeKeyPart(key)}`;
}

/** The row saying a key is pending, whatever its due time. */
export function keyRowKey(key: string): string {
  return `~${escapeKeyPart(key)}`;
}

/** The exclusive upper bound of the rows due at `nowIso`. */
export function dueBound(nowIso: string): string {
  return `${nowIso}~`;
}

/** A due time in the one ISO form that sorts correctly, or an error for a malformed one. */
export function normalizeDueAt(dueAt: string): string {
  const time = Date.parse(dueAt);
  if (!Number.isFinite(time)) throw new Error(`A job's dueAt must be an ISO 8601 time (got "${dueAt}")`);
  return new Date(time).toISOString();
}

/** A job's row as stored. Empty strings stand for "none" so Table filters can compare them. */
export interface JobEntity {
  partitionKey: string;
  rowKey: string;
  key: string;
  dueAt: string;
  tenantId: string;
  /** The job's data as JSON. */
  data: string;
  /** Instance holding the claim, '' when free. */
  claimedBy: string;
  /** Until when the claim holds; also "not before" for a job waiting to be retried. '' when free. */
  leaseUntil: string;
  /** How many times the job was claimed. */
  attempts: number;
  /** When the first attempt to post began, '' if none began: then the post may have happened. */
  sendingSince: string;
}

/** A job row as read, with the ETag every change to it is conditioned on. */
export interface JobRow {
  job: ScheduledJob;
  partitionKey: string;
  rowKey: string;
  etag: string;
  claimedBy: string;
  leaseUntil: string;
  attempts: number;
  sendingSince: string;
}

/** A new, unclaimed row for a job (dueAt already normalized). */
export function newJobEntity(job: ScheduledJob): JobEntity {
  const data = JSON.stringify(job.data);
  if (data.length > MAX_JOB_DATA_CHARS)
    throw new Error(`Job ${job.key}: data is ${data.length} characters, more than ${MAX_JOB_DATA_CHARS}`);
  if (!job.tenantId) throw new Error(`Job ${job.key}: tenantId is required`);
  return {
    partitionKey: shardOf(job.key),
    rowKey: jobRowKey(job.dueAt, job.key),
    key: job.key,
    dueAt: job.dueAt,
    tenantId: job.tenantId,
    data,
    claimedBy: '',
    leaseUntil: '',
    attempts: 0,
    sendingSince: '',
  };
}

/** Reads a stored row back. */
export function jobRowOf(entity: Record<string, unknown>): JobRow {
  const text = (name: string) => (typeof entity[name] === 'string' ? (entity[name] as string) : '');
  return {
    job: {
      key: text('key'),
      dueAt: text('dueAt'),
      tenantId: text('tenantId'),
      data: JSON.parse(text('data') || '{}') as Record<string, string>,
    },
    partitionKey: text('partitionKey'),
    rowKey: text('rowKey'),
    etag: text('etag'),
    claimedBy: text('claimedBy'),
    leaseUntil: text('leaseUntil'),
    attempts: typeof entity.attempts === 'number' ? entity.attempts : Number(entity.attempts ?? 0),
    sendingSince: text('sendingSince'),
  };
}

/** A JobLog row as stored. */
export interface LogEntity {
  partitionKey: string;
  rowKey: string;
  status: JobOutcome['status'];
  activityId: string;
  reason: string;
  deduplicated: boolean;
  dueAt: string;
  /** When it was recorded; the purge goes by this. */
  at: string;
  instance: string;
}

/** The log row of a job's outcome. */
export function logEntityOf(job: ScheduledJob, outcome: JobOutcome, at: string, instance: string): LogEntity {
  return {
    partitionKey: shardOf(job.key),
    rowKey: escapeKeyPart(job.key),
    status: outcome.status,
    activityId: outcome.status === 'posted' ? (outcome.activityId ?? '') : '',
    reason: outcome.status === 'posted' ? '' : outcome.reason,
    deduplicated: outcome.status === 'posted' && outcome.deduplicated === true,
    dueAt: job.dueAt,
    at,
    instance,
  };
}

/** The outcome a log row records. */
export function outcomeOfLog(entity: Record<string, unknown>): JobOutcome {
  const status = entity.status;
  const reason = typeof entity.reason === 'string' ? entity.reason : '';
  if (status === 'posted') {
    const activityId = typeof entity.activityId === 'string' && entity.activityId ? entity.activityId : undefined;
    return { status, ...(activityId ? { activityId } : {}), ...(entity.deduplicated === true ? { deduplicated: true } : {}) };
  }
  return status === 'dropped' ? { status, reason } : { status: 'failed', reason };
}
