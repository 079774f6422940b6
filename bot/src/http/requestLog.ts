import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { withLogContext, type Logger } from '../logging';

/** A correlation id a caller (App Service's front end, a test) may hand us; anything else is replaced. */
const INCOMING_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives each request a correlation id (the caller's `x-request-id` when well-formed, else a
 * new one), returns it in `x-request-id`, puts it on every log line written while the
 * request or its bot turn runs, and logs one line when the answer is sent. That line holds
 * the method, the matched route or the path without its query (searches carry what
 * people typed), the status and the duration; never bodies or headers.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const header = req.get('x-request-id');
    const requestId = header && INCOMING_ID.test(header) ? header : randomUUID();
    res.set('x-request-id', requestId);
    const started = process.hrtime.bigint();
    // Routers rewrite req.path on the way in; the full path is taken before they do.
    const path = req.path;
    res.on('finish', () => {
      // The health probe runs every minute; only its failures are worth a line.
      if (path === '/healthz' && res.statusCode === 200) return;
      withLogContext({ requestId }, () =>
        log.info('http.request', {
          method: req.method,
          route: routeOf(req, path),
          status: res.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
          ...activityFields(req, path),
        }),
      );
    });
    withLogContext({ requestId }, next);
  };
}

/** The matched route's pattern (ids stay out of the aggregate), else the path. */
function routeOf(req: Request, path: string): string {
  const pattern = req.route?.path;
  return typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : path;
}

/** For a bot turn: what kind of activity it was, never what it said. */
function activityFields(req: Request, path: string): Record<string, string> {
  if (path !== '/api/messages' || !req.body || typeof req.body !== 'object') return {};
  const { type, name } = req.body as { type?: unknown; name?: unknown };
  return {
    ...(typeof type === 'string' ? { activityType: type.slice(0, 40) } : {}),
    ...(typeof name === 'string' ? { activityName: name.slice(0, 80) } : {}),
  };
}
