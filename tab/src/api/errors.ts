import { problemSchema, type Problem } from './contract';

/** What went wrong with a request, in the terms the tab reacts to. */
export type ApiErrorKind =
  'network' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'busy' | 'server' | 'unexpected';

const DEFAULT_MESSAGES: Record<ApiErrorKind, string> = {
  network: 'Commonplace could not be reached. Check your connection and try again.',
  unauthorized: 'You are not signed in to Commonplace. Reload the tab to sign in again.',
  forbidden: 'You are not allowed to do that in this community.',
  'not-found': 'That could not be found. It may have been removed.',
  conflict: 'Someone else changed this meanwhile.',
  invalid: 'Some of what you entered needs another look.',
  busy: 'You are going faster than Commonplace allows. Wait a moment and try again.',
  server: 'Commonplace had a problem on its side. Try again in a moment.',
  unexpected: 'Commonplace answered in a way the tab did not understand. Try reloading the tab.',
};

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'invalid';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'busy';
  if (status >= 500) return 'server';
  return 'unexpected';
}

/**
 * A failed API call. `message` is always fit to show people: the service's own
 * problem detail when it sent one, else a plain default for the kind of failure.
 */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field messages of a 400, keyed by field name (the first message per field wins). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) {
      // The service may name nested fields ("person.id"); the forms key by the top-level name.
      const field = e.field.split(/[.[]/)[0] ?? e.field;
      if (!(field in out)) out[field] = e.message;
    }
    return out;
  }

  /**
   * Field messages of a 400 keyed by the full field name the service sent
   * ("schedule.rule"), for forms with nested fields; the first message per field wins.
   */
  get fieldErrorsByPath(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) {
      if (!(e.field in out)) out[e.field] = e.message;
    }
    return out;
  }

  /** Builds the error for a non-2xx answer from its status and (possibly problem+json) body. */
  static fromResponse(status: number, bodyText: string): ApiError {
    const kind = kindOfStatus(status);
    let problem: Problem | undefined;
    try {
      const parsed = problemSchema.safeParse(JSON.parse(bodyText));
      if (parsed.success) problem = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML error page, say): the default message says enough.
    }
    const message = problem?.detail?.trim() || problem?.title?.trim() || DEFAULT_MESSAGES[kind];
    return new ApiError(kind, status, message, problem);
  }

  /** The error for a request that never got an answer. */
  static network(): ApiError {
    return new ApiError('network', 0, DEFAULT_MESSAGES.network);
  }

  /** The error for an answer that does not match the contract. */
  static unexpected(status: number): ApiError {
    return new ApiError('unexpected', status, DEFAULT_MESSAGES.unexpected);
  }

  /** The error for a sign-in that failed before any request was sent. */
  static signIn(reason: string): ApiError {
    return new ApiError('unauthorized', 401, `Teams could not sign you in to Commonplace (${reason}). Reload the tab to try again.`);
  }
}

/** A message fit to show for anything a call may throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return DEFAULT_MESSAGES.unexpected;
}
