import { describeJobQueueContract } from '../contracts/jobQueue.contract';
import { MemoryJobQueue } from './memoryJobQueue';

describeJobQueueContract('in memory', async () => {
  const queue = new MemoryJobQueue();
  return {
    queue,
    pending: async () => queue.pending(),
    finish: async (job, outcome) => queue.finish(job.key, outcome),
  };
});
