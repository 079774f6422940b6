import type { JobOutcome, JobQueue, ScheduledJob } from '../../bot/src/scheduler/jobs';

/** A job queue under test, with what the scheduler's runner sees of it. */
export interface QueueUnderTest {
  queue: JobQueue;
  /** Every job waiting to be posted, in any order. */
  pending(): Promise<ScheduledJob[]>;
  /** Records a job's outcome and takes it off the queue, as the runner does once it is posted. */
  finish(job: ScheduledJob, outcome: JobOutcome): Promise<void>;
}

let runs = 0;

/**
 * What every JobQueue does: a key is one post. Scheduling it again, at the same or
 * another time, while it waits or after it finished, changes nothing; a malformed job
 * is refused before any job of its batch is kept.
 */
export function describeJobQueueContract(name: string, open: () => Promise<QueueUnderTest>): void {
  describe(`JobQueue contract: ${name}`, () => {
    let subject: QueueUnderTest;
    let prefix: string;

    beforeAll(async () => {
      subject = await open();
    });

    beforeEach(() => {
      runs += 1;
      prefix = `contract-${runs}-`;
    });

    const job = (key: string, dueAt = '2026-11-10T15:00:00.000Z', data: Record<string, string> = { ritualId: 'r1' }): ScheduledJob => ({
      key: prefix + key,
      dueAt,
      tenantId: 'tenant-1',
      data,
    });
    const mine = async () =>
      (await subject.pending())
        .filter((j) => j.key.startsWith(prefix))
        .map((j) => ({ ...j, key: j.key.slice(prefix.length) }))
        .sort((a, b) => a.key.localeCompare(b.key));

    it('keeps each job, with its due time in one ISO form', async () => {
      await subject.queue.schedule([job('a', '2026-11-10T16:00:00+01:00', { ritualId: 'r1', post: 'reminder' }), job('b')]);
      expect(await mine()).toEqual([
        { key: 'a', dueAt: '2026-11-10T15:00:00.000Z', tenantId: 'tenant-1', data: { ritualId: 'r1', post: 'reminder' } },
        { key: 'b', dueAt: '2026-11-10T15:00:00.000Z', tenantId: 'tenant-1', data: { ritualId: 'r1' } },
      ]);
    });

    it('schedules a key once, however often and at whatever time it is scheduled again while it waits', async () => {
      await subject.queue.schedule([job('once'), job('once', '2026-11-11T15:00:00.000Z')]);
      await subject.queue.schedule([job('once')]);
      await subject.queue.schedule([job('once', '2026-11-12T15:00:00.000Z'), job('other')]);
      expect((await mine()).map((j) => [j.key, j.dueAt])).toEqual([
        ['once', '2026-11-10T15:00:00.000Z'],
        ['other', '2026-11-10T15:00:00.000Z'],
      ]);
    });

    it('never schedules again a key that finished', async () => {
      await subject.queue.schedule([job('done')]);
      const [waiting] = (await subject.pending()).filter((j) => j.key === prefix + 'done');
      await subject.finish(waiting, { status: 'posted', activityId: 'activity-1' });
      expect(await mine()).toEqual([]);
      await subject.queue.schedule([job('done'), job('done', '2026-12-01T00:00:00.000Z')]);
      expect(await mine()).toEqual([]);
    });

    it('refuses a batch with a job it cannot keep, keeping none of it', async () => {
      const refusals: [ScheduledJob, RegExp][] = [
        [{ ...job('no-key'), key: '' }, /key/],
        [job('bad-time', 'next tuesday'), /dueAt/],
        [{ ...job('no-tenant'), tenantId: '' }, /tenantId/],
        [job('too-big', undefined, { blob: 'x'.repeat(40_000) }), /data/],
      ];
      for (const [bad, reason] of refusals) {
        await expect(subject.queue.schedule([job('fine'), bad])).rejects.toThrow(reason);
      }
      expect(await mine()).toEqual([]);
    });
  });
}
