import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EntraTokenValidator } from './entraTokenValidator';
import type { CallerIdentity } from './identity';
import { TokenRejectedError, type TokenRejectionReason } from './tokenRejection';

/** Where rejected requests are reported. Fields carry the reason only, never the token. */
export interface AuthenticationLog {
  warn(event: string, fields?: Record<string, unknown>): void;
}

/** How requests are authenticated: exactly one of `validator` or `developmentIdentity`. */
export interface AuthenticateOptions {
  /** Verifies the request's Teams SSO token: the production mode. */
  validator?: EntraTokenValidator;
  /**
   * Local development without an Entra app: every request is this caller, token or not, since
   * there is nothing to verify a token against. Must have `development: true`, so that it can
   * never pass for a verified caller. Keeping this mode off production (loopback only) is the
   * configuration's job.
   */
  developmentIdentity?: CallerIdentity;
  log?: AuthenticationLog;
}

/** The `application/problem+json` body of a refused request. */
export interface AuthenticationProblem {
  type: 'about:blank';
  title: string;
  status: 401 | 503;
  detail: string;
  reason: TokenRejectionReason;
}

/** RFC 6750: "Bearer", one or more spaces, the token; the scheme is case-insensitive. */
const BEARER = /^bearer +(\S+) *$/i;
/** A rejection we cannot blame on the token: give the keys endpoint time to recover. */
const KEYS_RETRY_AFTER_SECONDS = 30;

/**
 * Express middleware establishing who is calling: puts a {@link CallerIdentity} on
 * `res.locals.caller` (read it with {@link callerOf}) or answers 401 (503 when Entra's signing
 * keys cannot be fetched) as `application/problem+json`.
 * Throws when given neither or both of a validator and a development identity: that is a wiring
 * mistake, and guessing could leave the API open.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const { validator, developmentIdentity, log } = options;
  if (validator && developmentIdentity) throw new Error('authenticate: give either a validator or a development identity, not both.');
  if (developmentIdentity) {
    if (developmentIdentity.development !== true) throw new Error('authenticate: the development identity must have development: true.');
    return (_req, res, next) => {
      res.locals.caller = developmentIdentity;
      next();
    };
  }
  if (!validator) throw new Error('authenticate: a token validator (or, in local development, a development identity) is required.');

  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.caller = await validator.validate(bearerToken(req.headers.authorization));
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      log?.warn('auth.rejected', {
        reason: error.reason,
        status: error.status,
        // Only why the keys could not be fetched (e.g. a refused connection): the token's own errors say enough in `reason`.
        ...(error.reason === 'keys_unavailable' ? { cause: describeCause(error.cause) } : {}),
      });
      refuse(res, error);
      return;
    }
    next();
  };
}

/** The caller the {@link authenticate} middleware established. Throws when it did not run for this route. */
export function callerOf(res: Response): CallerIdentity {
  const caller = res.locals.caller as CallerIdentity | undefined;
  if (!caller) throw new Error('callerOf: no caller on this response; is the route behind authenticate()?');
  return caller;
}

/** The bearer token, `undefined` when no credentials were sent; refuses any other scheme or shape. */
function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = BEARER.exec(header);
  if (!match) throw new TokenRejectedError('malformed', 'The Authorization header must be "Bearer <token>".');
  return match[1];
}

function refuse(res: Response, error: TokenRejectedError): void {
  if (error.status === 503) {
    res.set('Retry-After', String(KEYS_RETRY_AFTER_SECONDS));
  } else {
    // RFC 6750 §3.1: a request without credentials gets the bare challenge, no error code.
    res.set('WWW-Authenticate', error.reason === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"');
  }
  const body: AuthenticationProblem = {
    type: 'about:blank',
    title: error.status === 503 ? 'Sign-in unavailable' : 'Not signed in',
    status: error.status,
    detail: error.message,
    reason: error.reason,
  };
  res.status(error.status).type('application/problem+json').send(JSON.stringify(body));
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
