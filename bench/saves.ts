import { measure, summarize } from './stats';

/**
 * The paths compared: the floor (empty invoke + one upsert); the sized floor, which moves
 * a save's bytes (its invoke in, a card row's create, the saved dialog out) and runs none
 * of its code; and a save. The sized floor splits what a save costs beyond the floor into
 * what its size costs and what its own work costs.
 */
export type SavePath = 'floor' | 'sized' | 'save';

/** The paths, each in every position twice over six rounds. */
const ORDERS: SavePath[][] = [
  ['floor', 'sized', 'save'],
  ['save', 'sized', 'floor'],
  ['sized', 'floor', 'save'],
  ['save', 'floor', 'sized'],
  ['floor', 'save', 'sized'],
  ['sized', 'save', 'floor'],
];

/**
 * The order of the paths in each round. Azurite gets slower as its tables grow during a
 * run, and this machine's speed drifts from one burst to the next, so a fixed order would
 * always hand the same path the later or slower moments.
 */
export function roundOrder(round: number): SavePath[] {
  return ORDERS[round % ORDERS.length];
}

/** The paths measured in interleaved rounds at one concurrency. */
export interface SaveRounds {
  latencies: Record<SavePath, number[]>;
  /** Each round's p95 of each path, to show how much one round's ratio moves. */
  rounds: Record<SavePath, number>[];
  /** How long the index took to catch up after each round's saves. */
  catchUpMs: number[];
  /**
   * CPU time of the benchmark's process (load generator and service) per request
   * during each path's bursts, in microseconds; the index catching up after a burst is
   * not counted. It shows what a save costs next to the floor, but one run's figure of
   * the same code moves too (docs/benchmarks.md), so a small cut needs several runs to show.
   */
  cpuPerRequestUs: Record<SavePath, number>;
}

/** CPU time this process has used, user and system, in microseconds. */
function processCpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

const PATHS: SavePath[] = ['floor', 'sized', 'save'];

/** A record with one fresh value for each path. */
function perPath<T>(value: () => T): Record<SavePath, T> {
  return Object.fromEntries(PATHS.map((path) => [path, value()])) as Record<SavePath, T>;
}

/**
 * Runs `rounds` rounds of one burst of `perRound` requests per path, in the order
 * {@link roundOrder} gives, and pools their latencies. After every burst of saves it
 * waits until the index has caught up (the thank-you posts, a few milliseconds each,
 * are done long before), so no other burst shares the machine with the saves'
 * background work and every burst starts from the same, settled state.
 */
export async function measureSavesAgainstFloor(options: {
  rounds: number;
  perRound: number;
  concurrency: number;
  /** Sends request `i` of a path's burst in `round`. */
  send: (path: SavePath, round: number, i: number) => Promise<unknown>;
  /**
   * Builds a burst's requests before its clock starts: the load generator shares the
   * process with the service, so building them during the burst would count its own
   * work, more for a save's larger request, against the path measured.
   */
  prepare?: (path: SavePath, round: number) => void;
  settled: () => Promise<void>;
  /** Reads CPU time used so far, in microseconds. */
  cpuUs?: () => number;
}): Promise<SaveRounds> {
  const cpuUs = options.cpuUs ?? processCpuUs;
  const latencies = perPath<number[]>(() => []);
  const cpuSpent = perPath(() => 0);
  const result: SaveRounds = { latencies, rounds: [], catchUpMs: [], cpuPerRequestUs: perPath(() => 0) };
  for (let round = 0; round < options.rounds; round++) {
    const p95 = perPath(() => NaN);
    for (const path of roundOrder(round)) {
      options.prepare?.(path, round);
      const cpuBefore = cpuUs();
      const burst = await measure(options.perRound, options.concurrency, (i) => options.send(path, round, i));
      cpuSpent[path] += cpuUs() - cpuBefore;
      latencies[path].push(...burst);
      p95[path] = summarize(burst).p95;
      if (path === 'save') {
        const burstEnded = Date.now();
        await options.settled();
        result.catchUpMs.push(Date.now() - burstEnded);
      }
    }
    result.rounds.push(p95);
  }
  for (const path of PATHS) result.cpuPerRequestUs[path] = cpuSpent[path] / (latencies[path].length || 1);
  return result;
}

/**
 * The time from each save's answer until search finds its card, with `concurrency`
 * savers each saving, then asking `found` until it is true: at once, then after waits
 * that double from `firstPollMs` up to `maxPollMs`, so a slow index is not buried under
 * the searches that watch it (a lag is then known to within the last wait). Measured on
 * its own bursts, so the searching does not weigh on the saves compared with the floor.
 */
export async function measureIndexLag(options: {
  saves: number;
  concurrency: number;
  save: (i: number) => Promise<void>;
  found: (i: number) => Promise<boolean>;
  /** A save not found after this long is counted as not found, and its lag is left out. */
  timeoutMs: number;
  firstPollMs?: number;
  maxPollMs?: number;
  /** Milliseconds on a monotonic clock. */
  elapsedMs?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): Promise<{ lags: number[]; notFound: number[] }> {
  const elapsedMs = options.elapsedMs ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const firstPollMs = options.firstPollMs ?? 5;
  const maxPollMs = options.maxPollMs ?? 200;
  const lags: number[] = [];
  const notFound: number[] = [];
  let next = 0;
  const saver = async () => {
    while (next < options.saves) {
      const i = next++;
      await options.save(i);
      const answered = elapsedMs();
      let wait = firstPollMs;
      let found = await options.found(i);
      while (!found && elapsedMs() - answered <= options.timeoutMs) {
        await sleep(wait);
        wait = Math.min(maxPollMs, wait * 2);
        found = await options.found(i);
      }
      if (found) lags.push(elapsedMs() - answered);
      else notFound.push(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.saves) }, saver));
  return { lags, notFound };
}
