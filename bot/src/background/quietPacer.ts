/**
 * Paces background work (indexing, thank-you posts) around the requests people are
 * waiting on: the work waits for a quiet moment, but never longer than `maxDelayMs`,
 * so under steady load it still happens promptly.
 */
export class QuietPacer {
  private lastActivity = 0;

  constructor(
    readonly quietMs = 20,
    readonly maxDelayMs = 1_000,
  ) {}

  /** A request is being served. */
  noteActivity(): void {
    this.lastActivity = Date.now();
  }

  /**
   * Resolves at the next quiet moment (`quiet`), or once work waiting since `since` has
   * waited `maxDelayMs` (`overdue`): overdue work should take a small step and yield.
   */
  async quietMoment(since: number): Promise<'quiet' | 'overdue'> {
    for (;;) {
      const now = Date.now();
      const quietFor = now - this.lastActivity;
      const waited = now - since;
      if (quietFor >= this.quietMs) return 'quiet';
      if (waited >= this.maxDelayMs) return 'overdue';
      await new Promise((r) => setTimeout(r, Math.min(this.quietMs - quietFor, this.maxDelayMs - waited) + 1));
    }
  }
}

/** A pacer that never waits, for code run outside the service (tests, tools). */
export const immediately = new QuietPacer(0, 0);
