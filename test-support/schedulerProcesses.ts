import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, spawnNode, type Child } from '../scripts/local/processes';
import { testStorage } from './storage';

/** Where and how a scheduler process (test-support/schedulerInstance.ts) runs. */
export interface SchedulerProcess {
  /** Its instance id, which also names its log file. */
  id: string;
  /** The tables' prefix on the test Azurite. */
  prefix: string;
  /** The fake Bot Connector's and Graph's address. */
  connectorUrl: string;
  /** Where its log file goes. */
  logDir: string;
  leaseMs: number;
  tickMs: number;
  conversationLeaseMs: number;
  /** Jobs claimed at a time; the scheduler's own default when absent. */
  batchSize?: number;
}

/** Starts one scheduler instance in a process of its own, logging JSON lines to `<logDir>/<id>.log`. */
export function startSchedulerProcess(run: SchedulerProcess): Child {
  return spawnNode(
    run.id,
    ['--import', 'tsx', path.join(ROOT, 'test-support', 'schedulerInstance.ts')],
    {
      ...process.env,
      SCHEDULER_TEST_STORAGE: (testStorage() as { connectionString: string }).connectionString,
      SCHEDULER_TEST_PREFIX: run.prefix,
      SCHEDULER_TEST_INSTANCE: run.id,
      SCHEDULER_TEST_GRAPH: run.connectorUrl,
      SCHEDULER_TEST_LEASE_MS: String(run.leaseMs),
      SCHEDULER_TEST_TICK_MS: String(run.tickMs),
      SCHEDULER_TEST_CONVERSATION_LEASE_MS: String(run.conversationLeaseMs),
      ...(run.batchSize === undefined ? {} : { SCHEDULER_TEST_BATCH_SIZE: String(run.batchSize) }),
    },
    { kind: 'file', dir: run.logDir },
  );
}

/** The events a scheduler process logged, in order. */
export function schedulerProcessEvents(logDir: string, id: string): { event: string; jobKey?: string }[] {
  return readFileSync(path.join(logDir, `${id}.log`), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { event: string; jobKey?: string });
}
