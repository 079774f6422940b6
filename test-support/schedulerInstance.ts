import { systemClock } from '../bot/src/domain/shared/clock';
import { jsonLogger } from '../bot/src/logging';
import { GraphDeliveryCheck } from '../bot/src/scheduler/deliveryCheck';
import { Scheduler } from '../bot/src/scheduler/scheduler';
import { TableJobQueue } from '../bot/src/scheduler/tableJobQueue';
import { TableLeaseStore } from '../bot/src/scheduler/tableLeaseStore';
import { openTables } from '../bot/src/storage/tables';
import { RecordingHandler } from './schedulerFixtures';

/*
 * One scheduler instance as its own process, for the two-instance test: it runs until
 * it is told to stop (SIGTERM: it finishes what it started) or killed (SIGKILL: it
 * stops wherever it is). Settings come from the environment.
 */

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function optionalNumber<K extends string>(option: K, name: string): Partial<Record<K, number>> {
  const value = process.env[name];
  return value ? ({ [option]: Number(value) } as Record<K, number>) : {};
}

const tables = openTables(
  { kind: 'connectionString', connectionString: setting('SCHEDULER_TEST_STORAGE') },
  setting('SCHEDULER_TEST_PREFIX'),
);
const queue = new TableJobQueue(tables.jobs, tables.jobLog);
const instanceId = setting('SCHEDULER_TEST_INSTANCE');
const scheduler = new Scheduler(
  {
    queue,
    leases: new TableLeaseStore(tables.conversationLeases),
    handler: new RecordingHandler(),
    // The fake connector also serves the Graph listing; its token is not checked.
    deliveryCheck: new GraphDeliveryCheck(async () => 'test-token', setting('SCHEDULER_TEST_GRAPH')),
    clock: systemClock,
    log: jsonLogger({ instance: instanceId }),
  },
  {
    instanceId,
    tickMs: Number(setting('SCHEDULER_TEST_TICK_MS')),
    leaseMs: Number(setting('SCHEDULER_TEST_LEASE_MS')),
    ...optionalNumber('conversationLeaseMs', 'SCHEDULER_TEST_CONVERSATION_LEASE_MS'),
    ...optionalNumber('batchSize', 'SCHEDULER_TEST_BATCH_SIZE'),
  },
);
scheduler.start();
process.once('SIGTERM', () => void scheduler.stop().then(() => process.exit(0)));
