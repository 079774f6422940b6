/**
 * Paces background work (indexing, thank-you posts) around the requests people are
 * waiting on. Each storage request or post of background work asks for a turn:
 * - in a quiet moment (no request in flight, and none started or answered for
 *   `quietMs`) it goes at once, so a quiet instance catches up at full speed;
 * - under load it waits for a quiet moment, but never longer than `maxDelayMs` after
 *   the work was queued;
 * - once overdue, background work goes at a steady trickle: one turn per
 *   `overdueGapMs` for everything this pacer paces together. Storage serves one
 *   request at a time, so a fixed pace bounds how often a person's request waits
 *   behind background work, however much of it has piled up.
 */
export class QuietPacer {
  private lastActivity = 0;
  private inFlight = 0;
  private lastOverdueTurn = Number.NEGATIVE_INFINITY;

  constructor(
    readonly quietMs = 20,
    readonly maxDelayMs = 1_000,
    readonly overdueGapMs = 50,
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
    };
  }

  /**
   * Resolves when one request of background work queued at `since` may go: `quiet` in a
   * quiet moment, `overdue` when it goes at the steady pace under load.
   */
  async turn(since: number): Promise<'quiet' | 'overdue'> {
    for (;;) {
      const now = Date.now();
      const quietFor = this.inFlight > 0 ? 0 : now - this.lastActivity;
      if (quietFor >= this.quietMs) return 'quiet';
      const untilDue = since + this.maxDelayMs - now;
      const untilPaced = this.lastOverdueTurn + this.overdueGapMs - now;
      if (untilDue <= 0 && untilPaced <= 0) {
        // Taken in the same tick as the check, so concurrent callers get turns a gap apart.
        this.lastOverdueTurn = now;
        return 'overdue';
      }
      await new Promise((r) => setTimeout(r, Math.min(this.quietMs - quietFor, Math.max(untilDue, untilPaced)) + 1));
    }
  }
}

/** Waits for background work's turn before each storage request or post. */
export type Turn = () => Promise<unknown>;

/** A turn that never waits, for work a person is waiting on or code run outside the service. */
export const noWait: Turn = async () => undefined;

/** A pacer that never waits, for code run outside the service (tests, tools). */
export const immediately = new QuietPacer(0, 0, 0);
