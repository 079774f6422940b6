import { createHash } from 'node:crypto';
import type { Logger } from '../logging';
import { TEAMS_CONVERSATION_WINDOWS, type HandedOver, type RateWindow, type SharedHistory } from './rateLimiter';

/*
 * Teams counts a conversation's windows per bot, whatever number of instances post for
 * it. So one instance at a time posts into a conversation: conversations fall into a
 * fixed number of buckets, and an instance posts into a bucket's conversations only
 * while it holds the bucket's lease, one row in storage. The lease is taken when a post
 * first needs it, renewed on a timer while posts need it, and given back once they have
 * stopped: with one instance a burst costs a few writes per bucket, never one per post.
 * A post whose bucket another instance holds is given back to the queue for later (see
 * JobRunner), so the holder (or whoever holds it next) posts it.
 *
 * The row also carries what the windows still count: each recent send's age when the row
 * was written. The next holder counts those sends as if the row had been written when it
 * read it, less the time storage says passed since the write (by storage's own clock,
 * less a margin): no earlier than they really were, so it cannot burst into a window the
 * last holder filled. Durations are measured on one machine, or both ends by storage's
 * clock; two machines' clocks are never compared:
 * - a holder sends only until three quarters of the lease past the moment it sent its
 *   last successful write (its sends are cut off by then, see the sender's deadline);
 * - another instance takes a held lease over only once it has seen the row unchanged for
 *   a whole lease, counted from when it first read that version (which is after the
 *   write), or once storage says the row is older than a lease.
 * A holder that dies leaves its sends since its last write unrecorded: the taker counts
 * as many as the windows allow in that stretch as if all had completed at the takeover,
 * into every conversation of the bucket.
 */

/** How many buckets the conversations fall into: the most instances that can post side by side. */
export const CONVERSATION_BUCKETS = 16;

/** A lease row as stored. `state` is the windows' record, see encodeState. */
export interface LeaseRecord {
  /** The instance holding the lease, '' when it was given back. */
  holder: string;
  /** The lease's length as its writer used it. */
  ttlMs: number;
  state: string;
}

/** A lease row as read, with the ETag every write to it is conditioned on. */
export interface StoredLease extends LeaseRecord {
  etag: string;
  /** How long before the read the row was written, by storage's clock (its answer's Date less the row's Timestamp). */
  sinceWriteMs?: number;
}

/** Where the lease rows live (ConversationLeases table in service, memory in unit tests). */
export interface LeaseStore {
  read(bucket: string): Promise<StoredLease | undefined>;
  /** Creates the row (etag undefined) or replaces it if it still has `etag`; the new ETag, or 'lost'. */
  write(bucket: string, record: LeaseRecord, etag: string | undefined): Promise<string | 'lost'>;
}

/** A conversation the instance may post into until `usableUntil()`; `done()` when the post is over. */
export interface HeldConversation {
  held: true;
  /** Epoch ms (the scheduler's clock) after which no request may be under way; moves on as the lease is renewed. */
  usableUntil(): number;
  done(): void;
}

/** Another instance holds the conversation's bucket: try again from `retryAt`. */
export interface BusyConversation {
  held: false;
  holder: string;
  retryAt: number;
}

/** Options of the leases. */
export interface ConversationLeaseOptions {
  store: LeaseStore;
  instanceId: string;
  /** The lease's length. Takeover after a crash takes up to twice this. */
  ttlMs: number;
  /** Epoch ms now, on the scheduler's clock. */
  now: () => number;
  /** The sends still counted in the conversations `select` picks (RateLimiter.recentSends). */
  recentSends: (select: (conversationKey: string) => boolean) => Map<string, number[]>;
  /** How long a send is remembered: the longest window. */
  memoryMs?: number;
  windows?: readonly RateWindow[];
  log: Logger;
}

/** A state too large for one row (1 MiB, strings stored as UTF-16) is cut to the sends of the short windows. */
const MAX_STATE_CHARS = 400_000;
/** Ages past the shortest windows are stored in steps of this, rounded down (so counted longer, never shorter). */
const COARSE_STEP_MS = 30_000;
const EXACT_UP_TO_MS = 30_000;
/** Storage's Date header counts whole seconds, and its servers' clocks may differ a little. */
const STORAGE_CLOCK_MARGIN_MS = 2_000;
/** A write that lost to another (or to this instance's own renewal) is followed by a fresh read, this many times. */
const ACQUIRE_TRIES = 3;

interface Holding {
  etag: string;
  /** When the write that granted or renewed it was sent. */
  writtenAt: number;
}

interface Bucket {
  name: string;
  holding?: Holding;
  /** The ETag of this instance's last successful write, held or given back. */
  ownEtag?: string;
  /** When this instance last wrote the row successfully: its own sends up to then are in the row. */
  lastWrittenAt?: number;
  /** Posts under way that rely on the lease. */
  uses: number;
  idleSince: number;
  /** Another holder's row version, when this instance first read it, and when it last looked. */
  seen?: { etag: string; since: number; holder: string; lookedAt: number; retryAt: number };
  /** From the row at the last acquisition: sends per conversation hash not yet handed to the limiter. */
  seeds: Map<string, number[]>;
  /** Sends that count against every conversation of the bucket (a dead holder's unrecorded ones). */
  tails: { at: number; count: number }[];
  /** Conversations already handed their seeds since the last acquisition. */
  delivered: Set<string>;
  /** This instance's own sends up to this time were in the row it last acquired. */
  ownUpTo?: number;
  acquiring?: Promise<BusyConversation | undefined>;
  writing?: Promise<void>;
}

/** The conversation leases of one scheduler instance. */
export class ConversationLeases implements SharedHistory {
  private readonly buckets: Bucket[];
  private readonly ttlMs: number;
  private readonly memoryMs: number;
  private readonly tailCount: number;
  private readonly bucketCache = new Map<string, number>();

  constructor(private readonly o: ConversationLeaseOptions) {
    if (!(o.ttlMs >= 1_000)) throw new Error('the conversation lease must be at least a second');
    this.ttlMs = o.ttlMs;
    const windows = o.windows ?? TEAMS_CONVERSATION_WINDOWS;
    this.memoryMs = o.memoryMs ?? Math.max(...windows.map((w) => w.ms));
    this.tailCount = mostSendsWithin(this.ttlMs - this.marginMs, windows);
    this.buckets = Array.from({ length: CONVERSATION_BUCKETS }, (_, i) => ({
      name: `b${String(i).padStart(2, '0')}`,
      uses: 0,
      idleSince: 0,
      seeds: new Map(),
      tails: [],
      delivered: new Set(),
    }));
  }

  /** How long before the lease's end a holder stops sending. */
  private get marginMs(): number {
    return Math.floor(this.ttlMs / 4);
  }

  /** How often a lease in use is renewed; also how long an unused one is kept. */
  get renewMs(): number {
    return Math.floor(this.ttlMs / 4);
  }

  /** Holds the conversation's bucket for a post, taking its lease if needed; or says who has it. */
  async hold(conversationKey: string): Promise<HeldConversation | BusyConversation> {
    const b = this.bucketOf(conversationKey);
    if (!this.usable(b)) {
      b.acquiring ??= this.acquire(b).finally(() => (b.acquiring = undefined));
      const busy = await b.acquiring;
      if (busy) return busy;
      if (!this.usable(b)) return { held: false, holder: '', retryAt: this.o.now() + this.renewMs };
    }
    b.uses += 1;
    let done = false;
    return {
      held: true,
      usableUntil: () => (b.holding ? b.holding.writtenAt + this.ttlMs - this.marginMs : Number.NEGATIVE_INFINITY),
      done: () => {
        if (done) return;
        done = true;
        b.uses -= 1;
        if (b.uses === 0) b.idleSince = this.o.now();
      },
    };
  }

  /** SharedHistory: the sends that came with the lease, once per conversation and acquisition. */
  take(conversationKey: string): HandedOver | undefined {
    const b = this.bucketOf(conversationKey);
    if (!b.holding || b.delivered.has(conversationKey)) return undefined;
    b.delivered.add(conversationKey);
    const hash = conversationHash(conversationKey);
    const ends = b.seeds.get(hash) ?? [];
    b.seeds.delete(hash);
    for (const tail of b.tails) for (let i = 0; i < tail.count; i++) ends.push(tail.at);
    return { ends, ...(b.ownUpTo !== undefined ? { ownUpTo: b.ownUpTo } : {}) };
  }

  /** Renews the leases in use and gives back those unused for a while. Run on a timer. */
  async maintain(): Promise<void> {
    const now = this.o.now();
    await Promise.all(
      this.buckets.map((b) => {
        if (!b.holding || b.writing || b.acquiring) return undefined;
        b.tails = b.tails.filter((t) => t.at + this.memoryMs > now);
        if (b.uses === 0 && now - b.idleSince >= this.renewMs) return this.write(b, 'release');
        if (now - b.holding.writtenAt >= this.renewMs) return this.write(b, 'renew');
        return undefined;
      }),
    );
  }

  /** Gives back every lease no post is using (on stop, and after a test's pass). */
  async releaseUnused(): Promise<void> {
    await Promise.all(this.buckets.map((b) => b.acquiring ?? b.writing));
    await Promise.all(this.buckets.map((b) => (b.holding && b.uses === 0 && !b.writing ? this.write(b, 'release') : undefined)));
  }

  /** How many buckets this instance holds now. */
  get held(): number {
    return this.buckets.filter((b) => b.holding).length;
  }

  private usable(b: Bucket): boolean {
    return b.holding !== undefined && this.o.now() < b.holding.writtenAt + this.ttlMs - this.marginMs;
  }

  private async acquire(b: Bucket): Promise<BusyConversation | undefined> {
    let busy: BusyConversation | undefined;
    for (let i = 0; i < ACQUIRE_TRIES; i++) {
      await b.writing;
      if (this.usable(b)) return undefined;
      busy = await this.tryAcquire(b);
      // Lost a race for a row nobody holds for long (another taker, or a release): look again.
      if (!busy || busy.holder) return busy;
    }
    return busy;
  }

  private async tryAcquire(b: Bucket): Promise<BusyConversation | undefined> {
    // Another instance held it a moment ago: say so without asking storage again (posts come in bursts).
    if (b.seen && this.o.now() - b.seen.lookedAt < this.renewMs / 2 && this.o.now() < b.seen.retryAt) {
      return { held: false, holder: b.seen.holder, retryAt: b.seen.retryAt };
    }
    const row = await this.o.store.read(b.name);
    const seenAt = this.o.now();
    if (!row) return this.takeOver(b, undefined, seenAt, false);
    // The row was written no later than this, on this instance's clock.
    const writtenBy = seenAt - Math.max(0, (row.sinceWriteMs ?? 0) - STORAGE_CLOCK_MARGIN_MS);
    if (row.holder === this.o.instanceId && row.etag === b.ownEtag) {
      // Still as this instance last wrote it (a renewal came late, or a release failed): renew.
      const written = await this.writeRecord(b, { holder: this.o.instanceId, ttlMs: this.ttlMs, state: this.encode(b) }, row.etag);
      return written ? undefined : this.busy('');
    }
    if (!row.holder) return this.takeOver(b, row, writtenBy, false);
    const since = b.seen?.etag === row.etag ? b.seen.since : seenAt;
    const wait = Math.max(row.ttlMs, this.ttlMs);
    const writtenBefore = Math.min(since, writtenBy);
    if (seenAt - writtenBefore >= wait) return this.takeOver(b, row, writtenBefore, true);
    // Look again when it could have run out, or sooner: a live holder gives it back once its posts stop.
    const retryAt = Math.min(writtenBefore + wait, seenAt + this.renewMs);
    b.seen = { etag: row.etag, since, holder: row.holder, lookedAt: seenAt, retryAt };
    return { held: false, holder: row.holder, retryAt };
  }

  /** Takes a lease given back (or never taken), or one whose holder stopped renewing; the row was written no later than `base`. */
  private async takeOver(b: Bucket, row: StoredLease | undefined, base: number, expired: boolean): Promise<BusyConversation | undefined> {
    const state = decodeState(row?.state ?? '');
    const seeds = new Map<string, number[]>();
    for (const [hash, ages] of state.conversations)
      seeds.set(
        hash,
        ages.map((age) => base - age),
      );
    const tails = state.tails.map(([age, count]) => ({ at: base - age, count }));
    // What a dead holder may have sent since its last write, as if all of it completed now.
    if (expired && this.tailCount > 0) tails.push({ at: this.o.now(), count: this.tailCount });
    const writtenAt = this.o.now();
    const record = {
      holder: this.o.instanceId,
      ttlMs: this.ttlMs,
      state: encodeState(agesOf(seeds, writtenAt), tailsOf(tails, writtenAt)),
    };
    const etag = await this.o.store.write(b.name, record, row?.etag);
    if (etag === 'lost') {
      b.seen = undefined;
      return this.busy(row?.holder ?? '');
    }
    b.seeds = seeds;
    b.tails = tails;
    b.delivered = new Set();
    b.ownUpTo = b.lastWrittenAt;
    b.holding = { etag, writtenAt };
    b.ownEtag = etag;
    b.lastWrittenAt = writtenAt;
    b.seen = undefined;
    b.idleSince = writtenAt;
    if (row?.holder || expired) this.o.log.info('conversation_lease.taken', { bucket: b.name, from: row?.holder ?? '', expired });
    return undefined;
  }

  private busy(holder: string): BusyConversation {
    return { held: false, holder, retryAt: this.o.now() + this.renewMs };
  }

  private write(b: Bucket, kind: 'renew' | 'release'): Promise<void> {
    const holding = b.holding!;
    const state = this.encode(b);
    // From here no post may start on a lease being given back.
    if (kind === 'release') b.holding = undefined;
    const record = { holder: kind === 'release' ? '' : this.o.instanceId, ttlMs: this.ttlMs, state };
    const writing = this.writeRecord(b, record, holding.etag, holding)
      .then(() => undefined)
      .catch((error: unknown) => this.o.log.warn('conversation_lease.write_failed', { bucket: b.name, kind, error: String(error) }))
      .finally(() => (b.writing = undefined));
    b.writing = writing;
    return writing;
  }

  /** Writes the row; on success this instance holds it (unless it gave it back). */
  private async writeRecord(b: Bucket, record: LeaseRecord, etag: string, renewing?: Holding): Promise<boolean> {
    const writtenAt = this.o.now();
    const written = await this.o.store.write(b.name, record, etag);
    if (written === 'lost') {
      if (!renewing || b.holding === renewing) b.holding = undefined;
      b.ownEtag = undefined;
      this.o.log.warn('conversation_lease.lost', { bucket: b.name });
      return false;
    }
    b.ownEtag = written;
    b.lastWrittenAt = writtenAt;
    if (record.holder) b.holding = { etag: written, writtenAt };
    return true;
  }

  /** What the windows count in the bucket now, for its row. */
  private encode(b: Bucket): string {
    const now = this.o.now();
    const ends = new Map<string, number[]>();
    for (const [key, sends] of this.o.recentSends((key) => this.bucketOf(key) === b)) {
      // A conversation not handed its seeds yet has its own sends up to ownUpTo among them.
      const own = b.delivered.has(key) || b.ownUpTo === undefined ? sends : sends.filter((end) => end > b.ownUpTo!);
      const hash = conversationHash(key);
      ends.set(hash, [...(ends.get(hash) ?? []), ...own]);
    }
    for (const [hash, seeded] of b.seeds) ends.set(hash, [...(ends.get(hash) ?? []), ...seeded]);
    return encodeState(agesOf(ends, now, this.memoryMs), tailsOf(b.tails, now, this.memoryMs));
  }

  private bucketOf(conversationKey: string): Bucket {
    let index = this.bucketCache.get(conversationKey);
    if (index === undefined) {
      index = bucketIndexOf(conversationKey);
      if (this.bucketCache.size >= 50_000) this.bucketCache.clear();
      this.bucketCache.set(conversationKey, index);
    }
    return this.buckets[index];
  }
}

/** The bucket a conversation falls into. */
export function bucketIndexOf(conversationKey: string): number {
  return createHash('sha256').update(conversationKey, 'utf8').digest().readUInt16BE(0) % CONVERSATION_BUCKETS;
}

/** How a conversation is named in a lease row: a hash, so the row says nothing of whose it is. */
function conversationHash(conversationKey: string): string {
  return createHash('sha256').update(`lease\n${conversationKey}`, 'utf8').digest('base64url').slice(0, 16);
}

/** The most sends the windows allow in a stretch of `ms`. */
export function mostSendsWithin(ms: number, windows: readonly RateWindow[]): number {
  return Math.min(...windows.map((w) => (Math.floor(Math.max(0, ms) / w.ms) + 1) * w.max));
}

function agesOf(ends: Map<string, number[]>, now: number, memoryMs = Number.POSITIVE_INFINITY): Map<string, number[]> {
  const ages = new Map<string, number[]>();
  for (const [hash, list] of ends) {
    const kept = list.map((end) => Math.max(0, now - end)).filter((age) => age < memoryMs);
    if (kept.length) ages.set(hash, kept);
  }
  return ages;
}

function tailsOf(tails: { at: number; count: number }[], now: number, memoryMs = Number.POSITIVE_INFINITY): [number, number][] {
  return tails.map((t) => [Math.max(0, now - t.at), t.count] as [number, number]).filter(([age]) => age < memoryMs);
}

/** A recorded age, rounded down: exact within the short windows, in steps beyond. */
function roundedAge(age: number): number {
  return age < EXACT_UP_TO_MS ? Math.floor(age) : Math.floor(age / COARSE_STEP_MS) * COARSE_STEP_MS;
}

/** Groups ages as [age, count] pairs. */
function grouped(ages: number[], keep: (age: number) => boolean): [number, number][] {
  const counts = new Map<number, number>();
  for (const age of ages.map(roundedAge).filter(keep)) counts.set(age, (counts.get(age) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

/**
 * The windows' record as a row holds it: `{"c":{hash:[[age,count],…]},"t":[[age,count],…]}`,
 * ages in ms before the write. Cut to the short windows if it would not fit a row.
 */
export function encodeState(conversations: Map<string, number[]>, tails: [number, number][]): string {
  const build = (keep: (age: number) => boolean) =>
    JSON.stringify({
      c: Object.fromEntries([...conversations].map(([hash, ages]) => [hash, grouped(ages, keep)]).filter(([, g]) => g.length)),
      t: tails.filter(([age]) => keep(age)),
    });
  const full = build(() => true);
  return full.length <= MAX_STATE_CHARS ? full : build((age) => age < EXACT_UP_TO_MS);
}

/** Reads a row's record back; a missing or unreadable one records nothing. */
export function decodeState(state: string): { conversations: Map<string, number[]>; tails: [number, number][] } {
  const conversations = new Map<string, number[]>();
  let tails: [number, number][] = [];
  if (!state) return { conversations, tails };
  try {
    const parsed = JSON.parse(state) as { c?: Record<string, [number, number][]>; t?: [number, number][] };
    for (const [hash, groups] of Object.entries(parsed.c ?? {})) {
      conversations.set(
        hash,
        groups.flatMap(([age, count]) => Array.from({ length: count }, () => age)),
      );
    }
    tails = (parsed.t ?? []).filter(([age, count]) => Number.isFinite(age) && Number.isFinite(count));
  } catch {
    // Only this code writes the row; an unreadable one can only come from a future format.
  }
  return { conversations, tails };
}
