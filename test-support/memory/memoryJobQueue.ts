import type { JobOutcome, JobQueue, ScheduledJob } from '../../bot/src/scheduler/jobs';
import { newJobEntity, normalizeDueAt } from '../../bot/src/scheduler/jobRows';
import { copy } from './versions';

/**
 * The scheduler's queue in memory: what is pending, and what finished. Scheduling checks
 * every job as the Table queue does (a key, a tenant, a due time that reads, data that
 * fits) before it keeps any of them.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly waiting = new Map<string, ScheduledJob>();
  private readonly log = new Map<string, JobOutcome>();

  async schedule(jobs: ScheduledJob[]): Promise<void> {
    const byKey = new Map<string, ScheduledJob>();
    for (const job of jobs) {
      if (!job.key) throw new Error('A job needs a key');
      if (byKey.has(job.key)) continue;
      const normalized = { ...copy(job), dueAt: normalizeDueAt(job.dueAt) };
      newJobEntity(normalized);
      byKey.set(job.key, normalized);
    }
    for (const [key, job] of byKey) {
      if (!this.waiting.has(key) && !this.log.has(key)) this.waiting.set(key, job);
    }
  }

  /** Jobs waiting to be posted, soonest first. */
  pending(): ScheduledJob[] {
    return [...this.waiting.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key)).map(copy);
  }

  /** Records what became of a key (the first record stands) and stops it waiting, as the runner does. */
  finish(key: string, outcome: JobOutcome): void {
    if (!this.log.has(key)) this.log.set(key, copy(outcome));
    this.waiting.delete(key);
  }

  /** What became of a key, if it finished. */
  loggedOutcome(key: string): JobOutcome | undefined {
    const outcome = this.log.get(key);
    return outcome && copy(outcome);
  }
}
