import type { Activity } from 'botbuilder';
import { anonymousConnector, type ConnectorAuthorization } from './connectorAuth';
import { classifyAnswer, classifyNetworkError, type AttemptResult } from './connectorAnswers';
import type { PostTarget } from './jobs';
import type { Permit } from './rateLimiter';

/*
 * Posts with our own retries and nothing else's. botbuilder's CloudAdapter and the
 * ConnectorClient build an @azure/core-client pipeline whose defaultRetryPolicy (3
 * retries) silently retries 429 and 503 after Retry-After and 5xx/network errors with
 * its own exponential back-off; ServiceClientContext passes no retry options and keeps
 * the pipeline private, so it cannot be turned off. Under it a throttled post would be
 * retried up to four times per attempt of ours, outside the rate limiter and past the
 * lease, and a 5xx that had in fact posted would be posted again unchecked. So the
 * sender calls the Bot Connector's REST API itself (POST
 * {serviceUrl}/v3/conversations, see requestFor) with the adapter's credentials.
 */

/** How the sender waits and retries. */
export interface SenderOptions {
  authorization?: ConnectorAuthorization;
  /** Attempts per claim of a job (further claims try again later). */
  maxAttempts?: number;
  /** Exponential back-off with full jitter: a random wait up to min(cap, base × 2^n). */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** Longest a single request may take. */
  attemptTimeoutMs?: number;
  /** No attempt starts with less time than this left before the deadline. */
  minAttemptMs?: number;
  /** Epoch milliseconds now: the scheduler's clock, which deadlines and Retry-After are read against. */
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** What the caller provides for one post. */
export interface SendControl {
  /** Epoch milliseconds after which no attempt may start (the lease, less a margin). Read before each attempt. */
  deadline(): number;
  /** Passed before every attempt: a rate-limit permit, or undefined to stop (the claim was lost). */
  gate(attempt: number): Promise<Permit | undefined>;
  /** After an attempt that may have posted: whether it did (undefined: cannot tell). */
  confirm(): Promise<boolean | undefined>;
}

/** How a post ended. */
export type SendResult =
  | { kind: 'posted'; activityId?: string; deduplicated?: boolean; repostedInDoubt?: boolean }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'rejected'; reason: string }
  /** Not posted within this claim: try again from `retryAt`. `inDoubt`: an attempt may have posted. */
  | { kind: 'later'; reason: string; retryAt: number; inDoubt: boolean }
  /** The gate refused: the claim was lost, someone else has the job. */
  | { kind: 'stopped' };

/** Sends proactive posts to the Bot Connector, retrying throttled and transient failures. */
export class ProactiveSender {
  private readonly o: Required<SenderOptions>;

  constructor(options: SenderOptions) {
    this.o = {
      authorization: anonymousConnector,
      maxAttempts: 5,
      backoffBaseMs: 1_000,
      backoffCapMs: 15_000,
      attemptTimeoutMs: 15_000,
      minAttemptMs: 500,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      random: Math.random,
      ...options,
    };
  }

  /** Posts `activity` to `target`, at most `maxAttempts` times, never past the deadline. */
  async send(target: PostTarget, activity: Partial<Activity>, control: SendControl): Promise<SendResult> {
    let inDoubt = false;
    let repostedInDoubt = false;
    let reason = 'not attempted';
    for (let attempt = 1; attempt <= this.o.maxAttempts; attempt++) {
      if (inDoubt) {
        // The last attempt may have posted: look before posting again.
        const posted = await control.confirm().catch(() => undefined);
        if (posted === true) return { kind: 'posted', deduplicated: true };
        if (posted === undefined) repostedInDoubt = true;
      }
      if (this.timeLeft(control) < this.o.minAttemptMs) break;
      const permit = await control.gate(attempt);
      if (!permit) return { kind: 'stopped' };
      const left = this.timeLeft(control);
      if (left < this.o.minAttemptMs) {
        permit.cancel();
        break;
      }
      let result: AttemptResult;
      try {
        result = await this.attempt(target, activity, Math.min(this.o.attemptTimeoutMs, left));
      } finally {
        permit.sent();
      }
      if (result.kind === 'posted') return { ...result, ...(repostedInDoubt ? { repostedInDoubt } : {}) };
      if (result.kind !== 'retry') return result;
      inDoubt ||= result.inDoubt;
      reason = result.reason;
      const wait = this.backoff(attempt, result.retryAfterMs);
      if (attempt === this.o.maxAttempts || this.timeLeft(control) - wait < this.o.minAttemptMs) {
        return { kind: 'later', reason, retryAt: this.o.now() + wait, inDoubt };
      }
      await this.o.sleep(wait);
    }
    return { kind: 'later', reason, retryAt: this.o.now(), inDoubt };
  }

  /** Full jitter, but never sooner than Teams' Retry-After. */
  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const jitter = Math.floor(this.o.random() * Math.min(this.o.backoffCapMs, this.o.backoffBaseMs * 2 ** (attempt - 1)));
    return retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
  }

  private timeLeft(control: SendControl): number {
    return control.deadline() - this.o.now();
  }

  private async attempt(target: PostTarget, activity: Partial<Activity>, timeoutMs: number): Promise<AttemptResult> {
    const { url, body } = requestFor(target, activity);
    let authorization: string | undefined;
    try {
      authorization = await this.o.authorization();
    } catch (error) {
      // No token, so nothing was sent: worth another try later, never in doubt.
      return { kind: 'retry', reason: `no connector token (${(error as Error)?.message ?? error})`, inDoubt: false };
    }
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
      const text = await response.text();
      return classifyAnswer(response.status, text, response.headers.get('retry-after'), this.o.now());
    } catch (error) {
      return classifyNetworkError(error);
    }
  }
}

/**
 * The Bot Connector request for a post. Into a channel, a post starts a new thread: Teams
 * documents that as creating a conversation in the channel (`POST /v3/conversations` with
 * the channel in channelData). Anywhere else it is a message to the conversation.
 */
export function requestFor(target: PostTarget, activity: Partial<Activity>): { url: string; body: Record<string, unknown> } {
  const base = target.serviceUrl.replace(/\/+$/, '');
  const message = { type: 'message', ...activity };
  if (target.channelId) {
    return {
      url: `${base}/v3/conversations`,
      body: {
        isGroup: true,
        tenantId: target.tenantId,
        channelData: { channel: { id: target.channelId }, tenant: { id: target.tenantId } },
        activity: message,
      },
    };
  }
  return {
    url: `${base}/v3/conversations/${encodeURIComponent(target.conversationId)}/activities`,
    body: { ...message, conversation: activity.conversation ?? { id: target.conversationId, tenantId: target.tenantId } },
  };
}
