import type { RequestHandler } from 'express';
import { callerOf } from '../auth/authenticate';
import { monotonicMs, type ElapsedMs } from '../domain/shared/clock';
import { sendProblem } from './problems';

/** Options of {@link rateLimitPerPerson}. */
export interface RateLimitOptions {
  /** Requests one person may make per minute; also the burst allowed at once. */
  perMinute: number;
  /** People tracked at once; the least recently seen are forgotten first. */
  maxPeople?: number;
  /** How time passes for the buckets' refill; the monotonic clock unless a test drives it. */
  now?: ElapsedMs;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * Limits each signed-in person's API requests with a token bucket: `perMinute` at once,
 * refilled evenly over a minute. Over the limit, the answer is 429 with `Retry-After`.
 *
 * The buckets live in this instance's memory, bounded by `maxPeople`: losing them (a
 * restart, another instance) only forgives some requests, so with N instances a person
 * gets at most N times the limit. That is the point of a per-instance limit: to stop one
 * runaway client from starving everyone else on an instance, without a storage round trip
 * on every request.
 */
export function rateLimitPerPerson(options: RateLimitOptions): RequestHandler {
  const { perMinute, maxPeople = 50_000, now = monotonicMs } = options;
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  return (_req, res, next) => {
    const caller = callerOf(res);
    const key = `${caller.tenantId}|${caller.person.id}`;
    const at = now();
    const previous = buckets.get(key);
    const bucket: Bucket = previous
      ? { tokens: Math.min(perMinute, previous.tokens + (at - previous.updated) * refillPerMs), updated: at }
      : { tokens: perMinute, updated: at };
    // Re-inserting keeps the map in least-recently-used order, so the oldest is first to go.
    buckets.delete(key);
    buckets.set(key, bucket);
    while (buckets.size > maxPeople) buckets.delete(buckets.keys().next().value as string);
    res.set('RateLimit-Limit', String(perMinute));
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
      res.set('Retry-After', String(retryAfter));
      res.set('RateLimit-Remaining', '0');
      sendProblem(res, {
        title: 'Too many requests',
        status: 429,
        detail: `You are making requests faster than Commonplace allows. Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`,
      });
      return;
    }
    bucket.tokens -= 1;
    res.set('RateLimit-Remaining', String(Math.floor(bucket.tokens)));
    next();
  };
}
