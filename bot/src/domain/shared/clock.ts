/**
 * The time of day, injected so tests control it: everything that reads the current time
 * (what is stored, shown, due or expired) reads it here. The composition root passes one.
 */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * Milliseconds since an arbitrary origin, only ever moving forward: for how long something
 * has been kept or spent (a cache entry's age, a rate limit's refill), which must not jump
 * when the system clock is set. Never a time of day.
 */
export type ElapsedMs = () => number;

/** The process's monotonic clock. */
export const monotonicMs: ElapsedMs = () => performance.now();
