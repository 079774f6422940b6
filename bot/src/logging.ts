import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock } from './domain/shared/clock';

/** Structured fields of a log line. Never message contents or tokens. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** The service's logger: one JSON object per line. */
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  /** `error` is reduced to its name and message: no stack or payload reaches the log. */
  error(event: string, fields?: LogFields, error?: unknown): void;
}

const context = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` with `fields` (e.g. the request's correlation id) added to every line logged
 * inside it, however deep, so one request's or one turn's lines can be found together.
 */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

/** The fields {@link withLogContext} set for the current request, if any. */
export function logContext(): LogFields {
  return context.getStore() ?? {};
}

/** A logger writing JSON lines to stdout/stderr. */
export function jsonLogger(base: LogFields = {}): Logger {
  const write = (level: string, event: string, fields: LogFields = {}, error?: unknown) => {
    // A line is stamped with when it was written, even in a test that runs the service on a fixed clock.
    const line: Record<string, unknown> = {
      time: systemClock.now().toISOString(),
      level,
      event,
      ...base,
      ...context.getStore(),
      ...fields,
    };
    if (error) line.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    (level === 'error' ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields, error) => write('error', event, fields, error),
  };
}

/** A logger that drops everything, for tests that assert on behaviour rather than logs. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
