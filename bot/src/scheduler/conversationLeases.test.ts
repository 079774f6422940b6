import { rateViolations, type ArrivedSend } from '../../../test-support/rateCheck';
import { silentLogger } from '../logging';
import {
  ConversationLeases,
  decodeState,
  encodeState,
  mostSendsWithin,
  type LeaseRecord,
  type LeaseStore,
  type StoredLease,
} from './conversationLeases';
import { RateLimiter, TEAMS_CONVERSATION_WINDOWS, conversationKeyOf } from './rateLimiter';

/**
 * Time as the world sees it: what Teams' windows are counted in. Each instance reads it
 * through its own clock, which may run ahead or behind. Timers fire only when the test
 * drives them, in time order.
 */
class World {
  t = Date.parse('2026-11-02T09:00:00Z');
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));

  async runUntil<T>(done: Promise<T>): Promise<T> {
    let finished = false;
    void done.finally(() => (finished = true)).catch(() => undefined);
    for (;;) {
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      if (finished) return done;
      if (!this.timers.length) throw new Error('deadlock: everything waits and no timer is set');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

/** Lease rows in memory, with storage's clock (the world's) for how old a row is. */
class MemoryLeaseStore implements LeaseStore {
  readonly rows = new Map<string, { record: LeaseRecord; etag: string; writtenAt: number }>();
  calls = 0;
  private n = 0;
  constructor(private readonly world: World) {}

  async read(bucket: string): Promise<StoredLease | undefined> {
    this.calls += 1;
    await this.world.sleep(5);
    const row = this.rows.get(bucket);
    return row && { ...row.record, etag: row.etag, sinceWriteMs: this.world.t - row.writtenAt };
  }

  async write(bucket: string, record: LeaseRecord, etag: string | undefined): Promise<string | 'lost'> {
    this.calls += 1;
    await this.world.sleep(5);
    const row = this.rows.get(bucket);
    if (etag === undefined ? row : row?.etag !== etag) return 'lost';
    const written = { record, etag: `e${++this.n}`, writtenAt: this.world.t };
    this.rows.set(bucket, written);
    return written.etag;
  }
}

const TENANT = 'tenant-1';
const LATENCY_MS = 120;

/** One scheduler instance's posting parts (leases and limiter), on its own clock. */
function instance(world: World, store: LeaseStore, id: string, options: { skewMs?: number; ttlMs?: number } = {}) {
  const now = () => world.t + (options.skewMs ?? 0);
  const limiterRef: { limiter?: RateLimiter } = {};
  const leases = new ConversationLeases({
    store,
    instanceId: id,
    ttlMs: options.ttlMs ?? 30_000,
    now,
    recentSends: (select) => limiterRef.limiter!.recentSends(select),
    log: silentLogger,
  });
  const limiter = new RateLimiter({ tenantSendsPerSecond: 50, time: { now, sleep: world.sleep }, history: leases });
  limiterRef.limiter = limiter;
  let alive = true;
  let renewing = true;
  const arrivals: (ArrivedSend & { by: string })[] = [];

  /** One post as the job runner makes it: hold the conversation, pass the limiter, send before the lease's end. */
  const post = async (conversationId: string): Promise<'posted' | 'busy' | 'out of time'> => {
    const hold = await leases.hold(conversationKeyOf(TENANT, conversationId));
    if (!hold.held) return 'busy';
    try {
      const permit = await limiter.acquire(TENANT, conversationId);
      if (now() + LATENCY_MS > hold.usableUntil()) {
        permit.cancel();
        return 'out of time';
      }
      arrivals.push({ tenantId: TENANT, conversationId, at: world.t, by: id });
      await world.sleep(LATENCY_MS);
      permit.sent();
      return 'posted';
    } finally {
      hold.done();
    }
  };

  /** Posts `count` times into the conversation, one after another, waiting while another instance holds it. */
  const burst = async (conversationId: string, count: number): Promise<number> => {
    let posted = 0;
    while (alive && posted < count) {
      const outcome = await post(conversationId);
      if (outcome === 'posted') posted += 1;
      else await world.sleep(outcome === 'busy' ? 1_000 : 100);
    }
    return posted;
  };

  /** The scheduler's lease timer. */
  const maintaining = (async () => {
    while (alive) {
      await world.sleep(250);
      if (alive && renewing) await leases.maintain();
    }
  })();

  return {
    leases,
    limiter,
    arrivals,
    post,
    burst,
    /** Stops renewing its leases, posting on until they run out (a process stalled, or about to die). */
    stopRenewing: () => (renewing = false),
    async stop() {
      alive = false;
      await maintaining;
    },
  };
}

describe('ConversationLeases', () => {
  it('lets one instance at a time post into a conversation, and hands the windows over with the lease', async () => {
    const world = new World();
    const store = new MemoryLeaseStore(world);
    // B's clock runs five minutes behind: only durations count, never the two clocks against each other.
    const a = instance(world, store, 'a');
    const b = instance(world, store, 'b', { skewMs: -5 * 60_000 });
    const run = (async () => {
      const first = a.burst('19:busy@thread.tacv2', 30);
      await world.sleep(1_000);
      // B wants the conversation while A holds it, and gets it once A is done with it.
      const second = b.burst('19:busy@thread.tacv2', 30);
      await Promise.all([first, second]);
      await Promise.all([a.stop(), b.stop()]);
    })();
    await world.runUntil(run);

    const all = [...a.arrivals, ...b.arrivals];
    expect(all).toHaveLength(60);
    expect(rateViolations(all)).toEqual([]);
    // They did not overlap: B's first post came after A's last.
    expect(Math.min(...b.arrivals.map((s) => s.at))).toBeGreaterThan(Math.max(...a.arrivals.map((s) => s.at)));
  });

  it('without the record in the row, the next holder would burst into the windows its predecessor filled', async () => {
    // The same handover with a store that loses the windows' record: the check above can fail.
    const world = new World();
    const store = new MemoryLeaseStore(world);
    const forgetful: LeaseStore = {
      read: async (bucket) => {
        const row = await store.read(bucket);
        return row && { ...row, state: '' };
      },
      write: (bucket, record, etag) => store.write(bucket, record, etag),
    };
    const a = instance(world, forgetful, 'a');
    const b = instance(world, forgetful, 'b');
    const run = (async () => {
      await a.burst('19:busy@thread.tacv2', 8);
      await a.leases.releaseUnused();
      await b.burst('19:busy@thread.tacv2', 8);
      await Promise.all([a.stop(), b.stop()]);
    })();
    await world.runUntil(run);
    expect(rateViolations([...a.arrivals, ...b.arrivals]).map((v) => v.window.ms)).toContain(2_000);
  });

  it('takes over from an instance that stopped renewing only after its lease, counting what it may have sent since its last write', async () => {
    const world = new World();
    const store = new MemoryLeaseStore(world);
    const a = instance(world, store, 'a', { ttlMs: 8_000 });
    const b = instance(world, store, 'b', { ttlMs: 8_000, skewMs: 7 * 60_000 });
    const run = (async () => {
      const first = a.burst('19:busy@thread.tacv2', 1_000);
      await world.sleep(3_000);
      // A stalls: it posts on as long as its lease lets it, without renewing, then dies.
      a.stopRenewing();
      const second = b.burst('19:busy@thread.tacv2', 40);
      await world.sleep(20_000);
      await a.stop();
      await Promise.all([first, second]);
      await b.stop();
    })();
    await world.runUntil(run);

    const lastOfA = Math.max(...a.arrivals.map((s) => s.at));
    const firstOfB = Math.min(...b.arrivals.map((s) => s.at));
    expect(firstOfB).toBeGreaterThan(lastOfA);
    expect(rateViolations([...a.arrivals, ...b.arrivals])).toEqual([]);
    // A's row was written well before B could take it: B waited out a whole lease from then.
    expect(store.rows.get([...store.rows.keys()][0])?.record.holder).toBe('b');
    expect(b.arrivals).toHaveLength(40);
  });

  it("keeps the hour's window across a handover: 1,800 posts by one instance, and the next waits for the first to be an hour old", async () => {
    const world = new World();
    const store = new MemoryLeaseStore(world);
    const a = instance(world, store, 'a');
    const b = instance(world, store, 'b');
    let bPosted = 0;
    const run = (async () => {
      await a.burst('19:hourly@thread.tacv2', 1_800);
      await a.stop();
      bPosted = await b.burst('19:hourly@thread.tacv2', 1);
      await b.stop();
    })();
    await world.runUntil(run);

    expect(a.arrivals).toHaveLength(1_800);
    expect(bPosted).toBe(1);
    const firstOfA = a.arrivals[0].at;
    const lastOfA = a.arrivals[a.arrivals.length - 1].at;
    expect(lastOfA - firstOfA).toBeLessThan(3_600_000);
    expect(rateViolations([...a.arrivals, ...b.arrivals])).toEqual([]);
    // Ages past 30 s are recorded in 30 s steps, rounded towards counting longer.
    expect(b.arrivals[0].at - firstOfA).toBeLessThan(3_600_000 + 30_000 + LATENCY_MS + 1_000);
  }, 60_000);

  it('costs storage a few requests per burst, not one per post, with one instance', async () => {
    const world = new World();
    const store = new MemoryLeaseStore(world);
    const a = instance(world, store, 'a');
    const conversations = Array.from({ length: 20 }, (_, i) => `19:channel-${i}@thread.tacv2`);
    let elapsed = 0;
    const run = (async () => {
      const started = world.t;
      // 20 conversations, 40 posts each: 800 posts over about 20 seconds.
      await Promise.all(conversations.map((c) => a.burst(c, 40)));
      elapsed = world.t - started;
      await world.sleep(a.leases.renewMs * 2);
      await a.stop();
    })();
    await world.runUntil(run);

    expect(a.arrivals).toHaveLength(800);
    expect(rateViolations(a.arrivals)).toEqual([]);
    const buckets = new Set(store.rows.keys()).size;
    // Per bucket: a read and a write to take it, a renewal per renewal period, a write to give it back.
    expect(store.calls).toBeLessThanOrEqual(buckets * (3 + Math.ceil(elapsed / a.leases.renewMs) + 1));
    expect(store.calls).toBeLessThan(800 / 4);
    expect(a.leases.held).toBe(0);
    expect([...store.rows.values()].every((row) => row.record.holder === '')).toBe(true);
  });

  it('stores ages exactly within 30 s and rounded down in 30 s steps beyond, grouped', () => {
    const state = encodeState(new Map([['h1', [10, 10, 29_999.6, 45_000, 59_000, 61_000]]]), [[5_000, 12]]);
    expect(JSON.parse(state)).toEqual({
      c: {
        h1: [
          [10, 2],
          [29_999, 1],
          [30_000, 2],
          [60_000, 1],
        ],
      },
      t: [[5_000, 12]],
    });
    expect(decodeState(state).conversations.get('h1')).toEqual([10, 10, 29_999, 30_000, 30_000, 60_000]);
    expect(decodeState('').conversations.size).toBe(0);
  });

  it('counts a dead holder as having sent as much as the windows allow in the stretch it could still send', () => {
    // 22.5 s of a 30 s lease: 60 by the 30 s window; 6 s of an 8 s lease: 4 × 8 by the 2 s window.
    expect(mostSendsWithin(22_500, TEAMS_CONVERSATION_WINDOWS)).toBe(60);
    expect(mostSendsWithin(6_000, TEAMS_CONVERSATION_WINDOWS)).toBe(32);
  });
});
