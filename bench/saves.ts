import { measure, summarize } from './stats';

/** The two paths compared: the floor (empty invoke + one upsert) and a save. */
export type SavePath = 'floor' | 'save';

/**
 * The order of the two paths in each round: floor then save, then save then floor, and
 * so on. Azurite gets slower as its tables grow during a run, so a fixed order would
 * always hand the later, slower moments to the same path.
 */
export function roundOrder(round: number): [SavePath, SavePath] {
  return round % 2 === 0 ? ['floor', 'save'] : ['save', 'floor'];
}

/** Saves against the floor, measured in interleaved rounds at one concurrency. */
export interface SaveRounds {
  floor: number[];
  save: number[];
  /** Each round's p95s, to show how much one round's ratio moves. */
  rounds: { floorP95: number; saveP95: number }[];
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

/**
 * Runs `rounds` rounds of `perRound` floor calls and `perRound` saves each, in the order
 * {@link roundOrder} gives, and pools their latencies. After every burst of saves it
 * waits until the index has caught up (the thank-you posts, a few milliseconds each,
 * are done long before), so floor calls never share the machine with the saves'
 * background work and every burst of saves starts from the same, settled state.
 */
export async function measureSavesAgainstFloor(options: {
  rounds: number;
  perRound: number;
  concurrency: number;
  floor: (i: number) => Promise<void>;
  save: (round: number, i: number) => Promise<void>;
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
  const result: SaveRounds = { floor: [], save: [], rounds: [], catchUpMs: [], cpuPerRequestUs: { floor: 0, save: 0 } };
  const cpuSpent = { floor: 0, save: 0 };
  for (let round = 0; round < options.rounds; round++) {
    const p95 = { floor: NaN, save: NaN };
    for (const path of roundOrder(round)) {
      options.prepare?.(path, round);
      const cpuBefore = cpuUs();
      const latencies = await measure(options.perRound, options.concurrency, path === 'floor' ? options.floor : (i) => options.save(round, i));
      cpuSpent[path] += cpuUs() - cpuBefore;
      result[path].push(...latencies);
      p95[path] = summarize(latencies).p95;
      if (path === 'save') {
        const burstEnded = Date.now();
        await options.settled();
        result.catchUpMs.push(Date.now() - burstEnded);
      }
    }
    result.rounds.push({ floorP95: p95.floor, saveP95: p95.save });
  }
  for (const path of ['floor', 'save'] as const) result.cpuPerRequestUs[path] = cpuSpent[path] / result[path].length;
  return result;
}
