/*
 * Calling a running service over real HTTP the way its two clients do: the tab calls
 * the API with JSON, Teams posts activities to /api/messages. Answers are parsed but
 * never judged here, so a test can assert on failures as well as successes.
 */

/** A service's answer: its status, its parsed JSON body (if any) and its content type. */
export interface JsonAnswer {
  status: number;
  body: any;
  contentType: string | null;
}

/** Anything with the base URL of a running service, e.g. a `RunningService`. */
export interface ServiceAddress {
  url: string;
}

/** Calls one of a service's routes; without a token the service sees no Authorization header (the development identity). */
export async function callJson(
  service: ServiceAddress,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<JsonAnswer> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
}

/** Posts a bot activity (see ./activities) to the service, as Teams does; invokes answer in the body. */
export function postActivity(service: ServiceAddress, activity: Record<string, unknown>): Promise<JsonAnswer> {
  return callJson(service, 'POST', '/api/messages', { body: activity });
}
