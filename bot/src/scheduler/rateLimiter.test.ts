import { rateViolations, type ArrivedSend } from '../../../test-support/rateCheck';
import { RateLimiter, TEAMS_CONVERSATION_WINDOWS, type LimiterTime } from './rateLimiter';

/** A fake clock whose timers fire only when the test drives it, in time order. */
class FakeTime implements LimiterTime {
  private t = Date.parse('2026-11-02T09:00:00Z');
  private seq = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  now = () => this.t;
  sleep = (ms: number) => new Promise<void>((resolve) => this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve }));

  /** Runs every callback and timer until `done` settles; fails if everything waits on nothing. */
  async runUntil<T>(done: Promise<T>): Promise<T> {
    let finished = false;
    void done.finally(() => (finished = true)).catch(() => undefined);
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (finished) return done;
      if (!this.timers.length) throw new Error('deadlock: every sender waits and no timer is set');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

/** A deterministic random source. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

const TENANT_BUDGET = 20;

describe('RateLimiter', () => {
  it('keeps every conversation in Teams’ four windows and every tenant in its budget over a long burst', async () => {
    const time = new FakeTime();
    const random = seeded(7);
    const limiter = new RateLimiter({ tenantSendsPerSecond: TENANT_BUDGET, time });
    const arrivals: ArrivedSend[] = [];
    const grants: ArrivedSend[] = [];
    let cancelled = 0;

    // One sender loop: acquire, take some latency (arriving somewhere within it), complete.
    const sender = async (tenantId: string, conversationId: string, sends: number) => {
      for (let i = 0; i < sends; i++) {
        const permit = await limiter.acquire(tenantId, conversationId);
        if (random() < 0.05) {
          // Given back unused: it no longer counts against anything.
          cancelled += 1;
          permit.cancel();
          continue;
        }
        grants.push({ tenantId, conversationId, at: time.now() });
        const latency = Math.floor(random() * 400);
        arrivals.push({ tenantId, conversationId, at: time.now() + Math.floor(random() * latency) });
        await time.sleep(latency);
        permit.sent();
      }
    };
    const loops: Promise<void>[] = [];
    for (let c = 0; c < 30; c++) {
      const tenant = `tenant-${c % 3}`;
      // Some conversations are posted to by several loops at once, as by several jobs.
      const parallel = c % 4 === 0 ? 3 : 1;
      for (let p = 0; p < parallel; p++) loops.push(sender(tenant, `19:conv-${c}@thread.tacv2`, 20 + Math.floor(random() * 100)));
    }
    // One very busy conversation: more than the hour window's 1,800.
    loops.push(sender('tenant-0', '19:busy@thread.tacv2', 1_000), sender('tenant-0', '19:busy@thread.tacv2', 1_000));
    await time.runUntil(Promise.all(loops));

    expect(cancelled).toBeGreaterThan(0);
    expect(arrivals.filter((a) => a.conversationId === '19:busy@thread.tacv2').length).toBeGreaterThan(1_800);
    // Conversations are checked where Teams counts them: on arrival.
    expect(rateViolations(arrivals, { conversationWindows: TEAMS_CONVERSATION_WINDOWS, tenantWindows: [] })).toEqual([]);
    // The tenant budget is this instance's own pacing: counted when sends are granted.
    expect(rateViolations(grants, { conversationWindows: [], tenantWindows: [{ ms: 1_000, max: TENANT_BUDGET }] })).toEqual([]);
  });

  it('does not hold sends back more than the windows require', async () => {
    const time = new FakeTime();
    const limiter = new RateLimiter({ tenantSendsPerSecond: TENANT_BUDGET, time });
    const started = time.now();
    await time.runUntil(
      (async () => {
        for (let i = 0; i < 60; i++) (await limiter.acquire('t', 'c')).sent();
      })(),
    );
    // 60 sends at once are paced by the 8-per-2-seconds window: about 15 seconds, well
    // inside the 30-second window that would also allow them.
    expect(time.now() - started).toBeLessThanOrEqual(16_000);
    expect(time.now() - started).toBeGreaterThanOrEqual(14_000);
  });

  it('forgets conversations that have been idle past the longest window', async () => {
    const time = new FakeTime();
    const limiter = new RateLimiter({ tenantSendsPerSecond: TENANT_BUDGET, time });
    await time.runUntil(
      Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          (await limiter.acquire(`tenant-${i % 5}`, `conv-${i}`)).sent();
        }),
      ),
    );
    expect(limiter.trackedConversations).toBe(50);
    await time.runUntil(time.sleep(3_600_000 + 61_000));
    await time.runUntil(limiter.acquire('tenant-0', 'fresh').then((p) => p.sent()));
    expect(limiter.trackedConversations).toBe(1);
  });

  it('is checked by a checker that does catch an overrun', () => {
    const burst = Array.from({ length: 8 }, (_, i) => ({ tenantId: 't', conversationId: 'c', at: i * 100 }));
    expect(rateViolations(burst)).toEqual([expect.objectContaining({ scope: 'conversation', window: { ms: 1_000, max: 7 }, count: 8 })]);
    expect(rateViolations(burst.slice(0, 7))).toEqual([]);
  });
});
