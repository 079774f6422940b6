import { createHash } from 'node:crypto';
import type { Activity } from 'botbuilder';

/*
 * The scheduler's contract. The engine (this folder) claims due jobs, asks a JobHandler
 * what to post, posts it exactly once with Teams' rate limits, and reports the outcome.
 * What a job means is entirely the handler's business.
 */

/** A post due at a time. `key` names it for good: one key is posted at most once. */
export interface ScheduledJob {
  key: string;
  /** ISO 8601. */
  dueAt: string;
  tenantId: string;
  /** What the handler needs to rebuild the post; kept small (it is stored on the job's row). */
  data: Record<string, string>;
}

/** Where a post goes. */
export interface PostTarget {
  tenantId: string;
  /** The Bot Connector endpoint Teams gave for the conversation. */
  serviceUrl: string;
  conversationId: string;
  /** The team's Microsoft 365 group id; with channelId, lets an in-doubt post be looked up in Graph. */
  teamAadGroupId?: string;
  channelId?: string;
  /** identifies the channel for disabling */
  channelKey: string;
}

/** What the handler wants done with a due job. */
export type Preparation = { action: 'post'; target: PostTarget; activity: Partial<Activity> } | { action: 'drop'; reason: string };

/** What became of a job. */
export type JobOutcome =
  | { status: 'posted'; activityId?: string; deduplicated?: boolean }
  | { status: 'dropped'; reason: string }
  | { status: 'failed'; reason: string };

/** Decides what a job posts, and hears how it went. */
export interface JobHandler {
  /** Called when the job is due (or later, after downtime): build the post, or drop it with a reason. */
  prepare(job: ScheduledJob, now: Date): Promise<Preparation>;
  /**
   * Called once the job's outcome is recorded, e.g. to schedule the next occurrence's jobs.
   * After a crash it can be called again for the same job, so it must be idempotent
   * (JobQueue.schedule is).
   */
  finished(job: ScheduledJob, outcome: JobOutcome, now: Date): Promise<void>;
  /** Teams refused the post for good (the bot is not in the conversation any more): stop posting there. */
  unreachable(target: PostTarget, reason: string, now: Date): Promise<void>;
}

/** Where jobs are put to wait until they are due. */
export interface JobQueue {
  /**
   * Adds jobs. Idempotent: a key already scheduled at the same dueAt, or already
   * finished (in the log), is not scheduled again. A key is one post: while it is
   * pending, scheduling it at another time does nothing either, so a moved post needs
   * a new key (and the handler drops the old one when it falls due).
   */
  schedule(jobs: ScheduledJob[]): Promise<void>;
}

/**
 * A string the handler must put verbatim into the posted card (e.g. as an action's data field) so an in-doubt post can be found again.
 * It is a hash of the key: safe inside JSON and HTML, the same on every instance, and it
 * says nothing about what the job is.
 */
export function jobMarker(key: string): string {
  return `cpjob-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)}`;
}
