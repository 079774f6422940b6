import type { Clock } from '../domain/shared/clock';
import type { ConversationLeases } from './conversationLeases';
import type { LogFields, Logger } from '../logging';
import type { Lanes, Semaphore } from './concurrency';
import type { DeliveryCheck } from './deliveryCheck';
import type { JobRow } from './jobRows';
import { jobMarker, type JobHandler, type JobOutcome, type PostTarget, type ScheduledJob } from './jobs';
import type { ProactiveSender, SendResult } from './proactiveSender';
import { conversationKeyOf, type Permit, type RateLimiter } from './rateLimiter';
import type { TableJobQueue } from './tableJobQueue';

/** What running a job needs. */
export interface RunnerParts {
  queue: TableJobQueue;
  handler: JobHandler;
  sender: ProactiveSender;
  limiter: RateLimiter;
  /** Which conversations this instance may post into now. */
  leases: ConversationLeases;
  deliveryCheck: DeliveryCheck;
  clock: Clock;
  log: Logger;
  /** One lane per conversation: its posts go one after another. */
  lanes: Lanes;
  /** Requests to the Bot Connector in flight at once, across conversations. */
  sendSlots: Semaphore;
  instanceId: string;
  leaseMs: number;
  /** Claims after which a job that keeps failing is given up. */
  maxClaims: number;
  random: () => number;
}

/** Waits before a job whose preparation failed is tried again: 30 s doubling, at most 15 min, jittered. */
const PREPARE_RETRY_BASE_MS = 30_000;
const PREPARE_RETRY_CAP_MS = 15 * 60_000;
/** A job given back because another instance posts into its conversation comes back up to this much after the leases say to look again, so the instances do not all look at once. */
const DEFER_JITTER_MS = 1_000;

/**
 * Runs one claimed job to its outcome: prepare, post (or find the earlier post), record,
 * tell the handler, delete. The claim's ETag fences every step that matters: an
 * instance that lost its claim stops before posting.
 */
export class JobRunner {
  constructor(private readonly p: RunnerParts) {}

  /** Runs a job this instance just claimed; `before` is the row as it was before the claim. */
  async run(claimed: JobRow, before: JobRow): Promise<void> {
    const job = claimed.job;
    const fields: LogFields = { jobKey: job.key, tenantId: job.tenantId, attempt: claimed.attempts, instance: this.p.instanceId };
    if (before.claimedBy) this.p.log.warn('job.taken_over', { ...fields, from: before.claimedBy, inDoubt: Boolean(before.sendingSince) });
    try {
      const logged = await this.p.queue.loggedOutcome(job.key);
      if (logged) {
        // An instance recorded the outcome and stopped before it could clean up.
        this.p.log.info('job.already_finished', { ...fields, status: logged.status });
        return await this.finish(claimed, logged, fields, { recorded: true });
      }
      let preparation;
      try {
        preparation = await this.p.handler.prepare(job, this.p.clock.now());
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        this.p.log.warn('job.prepare_failed', { ...fields, error: message });
        if (claimed.attempts >= this.p.maxClaims)
          return await this.finish(claimed, { status: 'failed', reason: `could not be prepared: ${message}` }, fields);
        return await this.retryLater(
          claimed,
          this.p.clock.now().getTime() + this.prepareBackoff(claimed.attempts),
          true,
          'prepare failed',
          fields,
        );
      }
      if (preparation.action === 'drop') return await this.finish(claimed, { status: 'dropped', reason: preparation.reason }, fields);
      const { target, activity } = preparation;
      const marker = jobMarker(job.key);
      if (!JSON.stringify(activity.attachments ?? []).includes(marker)) {
        // A programming error in the handler: without the marker a post could never be found again.
        return await this.finish(claimed, { status: 'failed', reason: 'the post does not carry the job marker' }, fields, {
          severity: 'error',
        });
      }
      let repostInDoubt = false;
      if (claimed.sendingSince) {
        const posted = await this.p.deliveryCheck.wasPosted(target, marker, new Date(claimed.sendingSince)).catch(() => undefined);
        if (posted === true) return await this.finish(claimed, { status: 'posted', deduplicated: true }, fields);
        repostInDoubt = posted === undefined;
      }
      if (claimed.attempts > this.p.maxClaims) {
        return await this.finish(claimed, { status: 'failed', reason: `gave up after ${claimed.attempts - 1} attempts` }, fields);
      }
      const conversation = conversationKeyOf(target.tenantId, target.conversationId);
      await this.p.lanes.run(conversation, () => this.postHeld(conversation, claimed, target, activity, marker, repostInDoubt, fields));
    } catch (error) {
      // Storage or the handler failed midway: the row keeps its claim, and whoever
      // claims it after the lease picks up from what is recorded.
      this.p.log.error('job.error', fields, error);
    }
  }

  /** Posts while holding the conversation's lease; if another instance holds it, gives the job back for later. */
  private async postHeld(
    conversation: string,
    claimed: JobRow,
    target: PostTarget,
    activity: Parameters<ProactiveSender['send']>[1],
    marker: string,
    repostInDoubt: boolean,
    fields: LogFields,
  ): Promise<void> {
    const hold = await this.p.leases.hold(conversation);
    if (!hold.held) {
      const retryAt = new Date(Math.max(hold.retryAt, this.p.clock.now().getTime()) + Math.floor(this.p.random() * DEFER_JITTER_MS));
      const deferred = await this.p.queue.defer(claimed, retryAt.toISOString());
      if (deferred === 'lost') this.p.log.warn('job.claim_lost', { ...fields, stage: 'defer' });
      else this.p.log.info('job.deferred', { ...fields, holder: hold.holder, retryAt: retryAt.toISOString() });
      return;
    }
    try {
      await this.post(claimed, target, activity, marker, repostInDoubt, fields, hold.usableUntil);
    } finally {
      hold.done();
    }
  }

  private async post(
    claimed: JobRow,
    target: PostTarget,
    activity: Parameters<ProactiveSender['send']>[1],
    marker: string,
    repostInDoubt: boolean,
    fields: LogFields,
    conversationUsableUntil: () => number,
  ): Promise<void> {
    let row = claimed;
    const safetyMs = Math.min(this.p.leaseMs / 4, 5_000);
    const result = await this.p.sender.send(target, activity, {
      // The job's claim and the conversation's lease must both hold until the request is over.
      deadline: () => Math.min(Date.parse(row.leaseUntil) - safetyMs, conversationUsableUntil()),
      gate: async (attempt) => {
        const permit = await this.p.limiter.acquire(target.tenantId, target.conversationId);
        const release = await this.p.sendSlots.acquire();
        const held: Permit = { sent: () => (permit.sent(), release()), cancel: () => (permit.cancel(), release()) };
        if (attempt > 1) return held;
        const now = this.p.clock.now();
        const marked = await this.p.queue
          .markSending(row, row.sendingSince || now.toISOString(), this.leaseFrom(now))
          .catch((error: unknown) => {
            held.cancel();
            throw error;
          });
        if (marked === 'lost') {
          held.cancel();
          this.p.log.warn('job.claim_lost', { ...fields, stage: 'send' });
          return undefined;
        }
        row = marked;
        return held;
      },
      confirm: () => this.p.deliveryCheck.wasPosted(target, marker, new Date(row.sendingSince)),
    });
    await this.settle(row, target, result, repostInDoubt, fields);
  }

  private async settle(row: JobRow, target: PostTarget, result: SendResult, repostInDoubt: boolean, fields: LogFields): Promise<void> {
    switch (result.kind) {
      case 'stopped':
        return;
      case 'posted':
        if ((repostInDoubt || result.repostedInDoubt) && !result.deduplicated) this.p.log.warn('job.in_doubt_reposted', fields);
        return this.finish(
          row,
          {
            status: 'posted',
            ...(result.activityId ? { activityId: result.activityId } : {}),
            ...(result.deduplicated ? { deduplicated: true } : {}),
          },
          fields,
        );
      case 'unreachable':
        await this.p.handler.unreachable(target, result.reason, this.p.clock.now());
        return this.finish(row, { status: 'failed', reason: `unreachable: ${result.reason}` }, fields);
      case 'rejected':
        return this.finish(row, { status: 'failed', reason: `rejected: ${result.reason}` }, fields, { severity: 'error' });
      case 'later':
        if (row.attempts >= this.p.maxClaims)
          return this.finish(row, { status: 'failed', reason: `gave up after ${row.attempts} attempts: ${result.reason}` }, fields);
        return this.retryLater(row, result.retryAt, result.inDoubt || repostInDoubt, result.reason, fields);
    }
  }

  /** Records the outcome, tells the handler, then deletes the job: a crash in between repeats only idempotent steps. */
  private async finish(
    row: JobRow,
    outcome: JobOutcome,
    fields: LogFields,
    how: { recorded?: boolean; severity?: 'warn' | 'error' } = {},
  ): Promise<void> {
    const now = this.p.clock.now();
    if (!how.recorded) await this.p.queue.record(row.job, outcome, now.toISOString(), this.p.instanceId);
    await this.p.handler.finished(row.job, outcome, now);
    if ((await this.p.queue.remove(row)) === 'lost') this.p.log.warn('job.claim_lost', { ...fields, stage: 'finish' });
    if (how.recorded) return;
    if (outcome.status === 'posted') {
      this.p.log.info(outcome.deduplicated ? 'job.deduplicated' : 'job.posted', {
        ...fields,
        activityId: outcome.activityId,
        lateMs: lateness(row.job, now),
      });
    } else if (outcome.status === 'dropped') {
      this.p.log.info('job.dropped', { ...fields, reason: outcome.reason });
    } else {
      this.p.log[how.severity ?? 'warn']('job.failed', { ...fields, reason: outcome.reason });
    }
  }

  private async retryLater(row: JobRow, at: number, keepInDoubt: boolean, reason: string, fields: LogFields): Promise<void> {
    const retryAt = new Date(Math.max(at, this.p.clock.now().getTime())).toISOString();
    const released = await this.p.queue.release(row, retryAt, keepInDoubt && Boolean(row.sendingSince));
    if (released === 'lost') this.p.log.warn('job.claim_lost', { ...fields, stage: 'release' });
    else this.p.log.warn('job.retry_later', { ...fields, reason, retryAt });
  }

  private prepareBackoff(attempts: number): number {
    return Math.floor((0.5 + this.p.random() / 2) * Math.min(PREPARE_RETRY_CAP_MS, PREPARE_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1)));
  }

  private leaseFrom(now: Date): string {
    return new Date(now.getTime() + this.p.leaseMs).toISOString();
  }
}

/** How long after its due time a job went out. */
function lateness(job: ScheduledJob, now: Date): number {
  return Math.max(0, now.getTime() - Date.parse(job.dueAt));
}
