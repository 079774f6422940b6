/**
 * Paces background work (indexing, thank-you posts) around the requests people are
 * waiting on. Each storage request or post of background work asks for a turn:
 * - in a quiet moment (no request in flight, and none started or answered for
 *   `quietMs`) it goes at once, so a quiet instance catches up at full speed;
 * - under load it waits for a quiet moment, but never longer than `maxDelayMs` after
 *   the work was queued;
 * - once overdue, background work goes at a trickle, one request at a time for
 *   everything this pacer paces together: at least `overdueGapMs` apart, and spaced so
 *   it holds storage for at most `overdueShare` of the time. Storage serves one request
 *   at a time, and a background request costs more as tables grow, so a share (not a
 *   fixed pace) bounds how much a person's requests wait behind background work,
 *   however much of it has piled up.
 */
export class QuietPacer {
  private lastActivity = 0;
  private inFlight = 0;
  private nextOverdueTurn = Number.NEGATIVE_INFINITY;
  private overdueRunning = 0;
  /** Wakes each waiting caller early, to look again at once. */
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly quietMs = 20,
    readonly maxDelayMs = 1_000,
    readonly overdueGapMs = 50,
    readonly overdueShare = 0.1,
  ) {}

  /**
   * A person's request has started; call the returned function once it is answered.
   * Counting requests in flight, not only their starts, matters under load: a burst of
   * concurrent requests that all wait on storage starts nothing new for a while, and
   * that pause is the worst moment to add background work, not a quiet one.
   */
  requestStarted(): () => void {
    this.inFlight += 1;
    this.lastActivity = Date.now();
    let answered = false;
    return () => {
      if (answered) return;
      answered = true;
      this.inFlight -= 1;
      this.lastActivity = Date.now();
      // A quiet moment can only begin now: waiters count it from here.
      if (this.inFlight === 0) this.wakeSleepers();
    };
  }

  /**
   * Resolves when background work queued at `since` may go: `quiet` in a quiet moment,
   * `overdue` when it goes at the trickle under load. Use {@link paced} to run the work
   * itself, so its time counts against the trickle's share.
   */
  turn(since: number): Promise<'quiet' | 'overdue'> {
    return this.untilTurn(since, true);
  }

  /**
   * Resolves when work queued at `since` could have its turn, without taking it: for
   * waiting before gathering work whose own pieces then ask for their turns, so the
   * first of them goes in the turn this waited for, not in the one after.
   */
  ready(since: number): Promise<'quiet' | 'overdue'> {
    return this.untilTurn(since, false);
  }

  private async untilTurn(since: number, take: boolean): Promise<'quiet' | 'overdue'> {
    for (;;) {
      const now = Date.now();
      const quietFor = this.inFlight > 0 ? 0 : now - this.lastActivity;
      if (quietFor >= this.quietMs) return 'quiet';
      const untilDue = since + this.maxDelayMs - now;
      const untilPaced = this.overdueRunning > 0 ? this.overdueGapMs : this.nextOverdueTurn - now;
      if (untilDue <= 0 && untilPaced <= 0) {
        // Taken in the same tick as the check, so concurrent callers get turns a gap apart.
        if (take) this.nextOverdueTurn = now + this.overdueGapMs;
        return 'overdue';
      }
      // While a request is in flight no quiet moment can begin, so waiters sleep until
      // their overdue turn and are woken early only when the last request is answered
      // or overdue work ends; under load they are not checking every few milliseconds.
      const untilQuiet = this.inFlight > 0 ? Number.POSITIVE_INFINITY : this.quietMs - quietFor;
      await this.sleep(Math.min(untilQuiet, Math.max(untilDue, untilPaced)) + 1);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private wakeSleepers(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  /** Runs each piece of background work queued at `since` (a storage request, a row move, a post) in its turn. */
  paced(since: number): Paced {
    return async (work) => {
      if ((await this.turn(since)) === 'quiet') return work();
      this.overdueRunning += 1;
      const started = Date.now();
      try {
        return await work();
      } finally {
        this.overdueRunning -= 1;
        const ended = Date.now();
        // Time spent queued behind people's requests counts too: the busier storage is, the longer the pause.
        this.nextOverdueTurn = Math.max(this.nextOverdueTurn, ended + ((ended - started) * (1 - this.overdueShare)) / this.overdueShare);
        this.wakeSleepers();
      }
    };
  }
}

/** Runs one piece of background work (a storage request, a row move, a post) when it is its turn. */
export type Paced = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs work at once: work a person is waiting on, or code run outside the service. */
export const unpaced: Paced = (work) => work();

/** A pacer that never waits, for code run outside the service (tests, tools). */
export const immediately = new QuietPacer(0, 0, 0, 1);
