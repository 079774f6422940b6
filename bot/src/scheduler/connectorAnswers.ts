/*
 * What one Bot Connector request's answer means for the post. Teams documents 429 for
 * throttling, 412 and 502/504 as transient, and 403/404 (and 400s naming the roster or
 * the conversation) as the bot no longer being able to post there.
 */

/** One request's result, classified. */
export type AttemptResult =
  | { kind: 'posted'; activityId?: string }
  /** Worth trying again. `inDoubt`: the post may have gone through anyway (a gateway error, a lost connection). */
  | { kind: 'retry'; reason: string; retryAfterMs?: number; inDoubt: boolean }
  /** The bot cannot post in this conversation any more. */
  | { kind: 'unreachable'; reason: string }
  /** Teams refused the request itself: a fault in what was sent, never retried. */
  | { kind: 'rejected'; reason: string };

/** Error codes of a 400 that say the bot is not in the conversation (any more). */
const GONE_CODES = new Set([
  'BotNotInConversationRoster',
  'ConversationNotFound',
  'BotDisabledByAdmin',
  'ConversationBlockedByUser',
  'BotRemovedFromConversation',
]);

/** Classifies an HTTP answer. `body` is the response text (JSON when Teams sends an error). */
export function classifyAnswer(status: number, body: string, retryAfter: string | null, now: number): AttemptResult {
  if (status >= 200 && status < 300) {
    // A message answers its id; a new channel thread answers the thread and its first activity.
    const answer = parseJson(body);
    const id = answer?.activityId ?? answer?.id;
    return { kind: 'posted', ...(typeof id === 'string' && id ? { activityId: id } : {}) };
  }
  const code = errorCode(body);
  const reason = `${status}${code ? ` ${code}` : ''}`;
  const retryAfterMs = parseRetryAfter(retryAfter, now);
  const retry = (inDoubt: boolean): AttemptResult => ({
    kind: 'retry',
    reason,
    inDoubt,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
  if (status === 429 || status === 412 || status === 408) return retry(false);
  // A token the connector refused: not the conversation's fault, and a new token may do.
  if (status === 401) return retry(false);
  if (status === 403 || status === 404) return { kind: 'unreachable', reason };
  if (status === 400 && code && GONE_CODES.has(code)) return { kind: 'unreachable', reason };
  if (status === 501 || status === 505) return { kind: 'rejected', reason };
  // Other 5xx: the service may have taken the post before failing.
  if (status >= 500) return retry(true);
  return { kind: 'rejected', reason };
}

/** Classifies a request that got no answer. */
export function classifyNetworkError(error: unknown): AttemptResult {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as Error)?.name;
  // Refused or unresolvable: nothing was sent. Anything else may have reached Teams.
  const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return { kind: 'retry', reason: `no answer (${code ?? 'network error'})`, inDoubt: !neverSent };
}

/** Retry-After in milliseconds: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function errorCode(body: string): string | undefined {
  const code = (parseJson(body)?.error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
