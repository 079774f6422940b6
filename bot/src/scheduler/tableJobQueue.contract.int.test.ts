import { describeJobQueueContract } from '../../../test-support/contracts/jobQueue.contract';
import { freshTables } from '../../../test-support/storage';
import { SHARDS, type JobRow } from './jobRows';
import { TableJobQueue } from './tableJobQueue';

/** Later than any job a test schedules: every waiting job is due. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

describeJobQueueContract('Table storage (Azurite)', async () => {
  const { tables } = await freshTables();
  const queue = new TableJobQueue(tables.jobs, tables.jobLog);
  const rows = async (): Promise<JobRow[]> =>
    (await Promise.all(SHARDS.map((shard) => queue.due(shard, END_OF_TIME, 1_000)))).flatMap((d) => d.rows);
  return {
    queue,
    pending: async () => (await rows()).map((row) => row.job),
    finish: async (job, outcome) => {
      const row = (await rows()).find((r) => r.job.key === job.key);
      if (!row) throw new Error(`${job.key} is not waiting`);
      await queue.record(row.job, outcome, '2026-11-10T15:00:01.000Z', 'contract');
      await queue.remove(row);
    },
  };
});
