/*
 * Pacing of proactive posts to Teams' limits. In a conversation's windows each send
 * holds a place from the moment it is granted until the window's length after its
 * request completed. Counting from completion (not from the grant) means that however
 * long a request takes to arrive, no stretch of the window's length at Teams' end sees
 * more sends than allowed, even with several requests in flight. The tenant budget is
 * our own pacing, well under Teams' limit, so it counts from the grant and runs at the
 * full budget whatever the latency.
 *
 * Teams counts a conversation's windows per bot, not per instance: an instance posts into
 * a conversation only while it holds the conversation's lease (conversationLeases.ts),
 * and the sends made by the instances that held it before come with the lease, through
 * `SharedHistory`. The tenant budget stays per instance.
 */

/** At most `max` sends in any `ms` milliseconds. */
export interface RateWindow {
  ms: number;
  max: number;
}

/** Teams' documented limits per bot per conversation (thread). */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

/** Time as the limiter sees it: the scheduler's clock, so tests drive a fake one. */
export interface LimiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** A granted send. Call exactly one of these when the request is over. */
export interface Permit {
  /** The request completed (whatever the answer): its place now counts from this moment. */
  sent(): void;
  /** Nothing was sent after all: the place is given back. */
  cancel(): void;
}

/**
 * Sends into a conversation made by other instances, handed over with its lease. Asked
 * before every grant; answers each conversation at most once per handover.
 */
export interface SharedHistory {
  take(conversationKey: string): HandedOver | undefined;
}

/** What a handover adds to a conversation's ledger. */
export interface HandedOver {
  /** When each send completed, on this instance's clock (placed no earlier than it really was). */
  ends: number[];
  /** This instance's own sends up to this time are already among `ends`: they are dropped, not counted twice. */
  ownUpTo?: number;
}

/** The key of a conversation, as the limiter and the leases name it. */
export function conversationKeyOf(tenantId: string, conversationId: string): string {
  return `${tenantId}\n${conversationId}`;
}

const PENDING = Number.POSITIVE_INFINITY;
/** How often idle conversations are forgotten. */
const SWEEP_MS = 60_000;
const TENANT_WINDOW_MS = 1_000;

/** The sends of one conversation or tenant: when each completed, or PENDING. */
class Ledger {
  ends: number[] = [];

  /** 0 when a send may go now; else how long to wait, or 'pending' when only a running send's end can free a place. */
  wait(windows: readonly RateWindow[], now: number): number | 'pending' {
    let wait = 0;
    for (const w of windows) {
      const active = this.ends.filter((end) => end === PENDING || end + w.ms > now);
      if (active.length < w.max) continue;
      const mustExpire = active.length - w.max + 1;
      const expiries = active
        .filter((end) => end !== PENDING)
        .map((end) => end + w.ms)
        .sort((a, b) => a - b);
      if (expiries.length < mustExpire) return 'pending';
      wait = Math.max(wait, expiries[mustExpire - 1] - now);
    }
    return wait;
  }

  /** Adds sends made elsewhere; drops own completed sends already among them. */
  absorb(handed: HandedOver): void {
    const upTo = handed.ownUpTo;
    if (upTo !== undefined) this.ends = this.ends.filter((end) => end === PENDING || end > upTo);
    this.ends.push(...handed.ends);
  }

  /** Drops sends that no window counts any more; true when nothing is left. */
  prune(longestMs: number, now: number): boolean {
    this.ends = this.ends.filter((end) => end === PENDING || end + longestMs > now);
    return this.ends.length === 0;
  }
}

/** Options of the limiter. */
export interface RateLimiterOptions {
  /** Sends per second per tenant from this instance (Teams allows 50 per app per tenant in all). */
  tenantSendsPerSecond: number;
  conversationWindows?: readonly RateWindow[];
  time: LimiterTime;
  /** Sends other instances made into the conversations this one now holds. */
  history?: SharedHistory;
}

/**
 * Grants sends so that every conversation stays within Teams' four windows and every
 * tenant within this instance's budget. Pure logic over an injectable clock.
 */
export class RateLimiter {
  private readonly conversations = new Map<string, Ledger>();
  private readonly tenants = new Map<string, Ledger>();
  private readonly conversationWindows: readonly RateWindow[];
  private readonly tenantWindows: readonly RateWindow[];
  private readonly longestMs: number;
  private readonly time: LimiterTime;
  private readonly history?: SharedHistory;
  private lastSweep: number;
  private changed?: { promise: Promise<void>; resolve: () => void };

  constructor(options: RateLimiterOptions) {
    if (!(options.tenantSendsPerSecond >= 1)) throw new Error('tenantSendsPerSecond must be at least 1');
    this.conversationWindows = options.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS;
    this.tenantWindows = [{ ms: TENANT_WINDOW_MS, max: Math.floor(options.tenantSendsPerSecond) }];
    this.longestMs = Math.max(...this.conversationWindows.map((w) => w.ms), 1_000);
    this.time = options.time;
    this.history = options.history;
    this.lastSweep = this.time.now();
  }

  /** Resolves when a send to the conversation may go. */
  async acquire(tenantId: string, conversationId: string): Promise<Permit> {
    const conversationKey = conversationKeyOf(tenantId, conversationId);
    for (;;) {
      const now = this.time.now();
      this.sweep(now);
      const conversation = ledgerOf(this.conversations, conversationKey);
      const handed = this.history?.take(conversationKey);
      if (handed) conversation.absorb(handed);
      const tenant = ledgerOf(this.tenants, tenantId);
      conversation.prune(this.longestMs, now);
      tenant.prune(TENANT_WINDOW_MS, now);
      const waits = [conversation.wait(this.conversationWindows, now), tenant.wait(this.tenantWindows, now)];
      if (waits.includes('pending')) {
        await this.nextChange();
      } else {
        const wait = Math.max(...(waits as number[]));
        if (wait <= 0) return this.grant(conversation, tenant);
        await this.time.sleep(wait);
      }
    }
  }

  /**
   * The sends still counted in the conversations `select` picks, for handing over: when
   * each completed, a send in flight as if it completed now.
   */
  recentSends(select: (conversationKey: string) => boolean): Map<string, number[]> {
    const now = this.time.now();
    const sends = new Map<string, number[]>();
    for (const [key, ledger] of this.conversations) {
      if (!select(key)) continue;
      ledger.prune(this.longestMs, now);
      if (ledger.ends.length)
        sends.set(
          key,
          ledger.ends.map((end) => Math.min(end, now)),
        );
    }
    return sends;
  }

  /** The longest conversation window: how long a send is remembered. */
  get memoryMs(): number {
    return this.longestMs;
  }

  /** How many conversations the limiter remembers (idle ones are forgotten). */
  get trackedConversations(): number {
    return this.conversations.size;
  }

  private grant(conversation: Ledger, tenant: Ledger): Permit {
    // Both places are taken before any await, so concurrent callers cannot overbook.
    const granted = this.time.now();
    conversation.ends.push(PENDING);
    tenant.ends.push(granted);
    let done = false;
    const finish = (end: number | undefined) => {
      if (done) return;
      done = true;
      // Pending places of a conversation are interchangeable: any one stands for this send.
      const i = conversation.ends.indexOf(PENDING);
      if (end === undefined) conversation.ends.splice(i, 1);
      else conversation.ends[i] = end;
      const t = tenant.ends.indexOf(granted);
      // A place already past its window may have been pruned: nothing to give back then.
      if (end === undefined && t >= 0) tenant.ends.splice(t, 1);
      this.signal();
    };
    return { sent: () => finish(this.time.now()), cancel: () => finish(undefined) };
  }

  private nextChange(): Promise<void> {
    if (!this.changed) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.changed = { promise, resolve };
    }
    return this.changed.promise;
  }

  private signal(): void {
    const changed = this.changed;
    this.changed = undefined;
    changed?.resolve();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    for (const [key, ledger] of this.conversations) if (ledger.prune(this.longestMs, now)) this.conversations.delete(key);
    for (const [key, ledger] of this.tenants) if (ledger.prune(TENANT_WINDOW_MS, now)) this.tenants.delete(key);
  }
}

function ledgerOf(map: Map<string, Ledger>, key: string): Ledger {
  let ledger = map.get(key);
  if (!ledger) {
    ledger = new Ledger();
    map.set(key, ledger);
  }
  return ledger;
}
