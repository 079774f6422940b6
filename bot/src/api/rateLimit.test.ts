import type { Request, Response } from 'express';
import { rateLimitPerPerson } from './rateLimit';

/** Just enough of a response for the middleware: headers, a status and a body. */
function responseFor(personId: string) {
  const headers: Record<string, string> = {};
  const res = {
    locals: { caller: { tenantId: 't', person: { id: personId, name: personId }, development: false } },
    statusCode: 200,
    body: undefined as unknown,
    set(name: string, value: string) {
      headers[name.toLowerCase()] = value;
      return res;
    },
    status(code: number) {
      res.statusCode = code;
      return res;
    },
    type() {
      return res;
    },
    send(body: string) {
      res.body = JSON.parse(body);
      return res;
    },
  };
  return { res, headers };
}

describe('rateLimitPerPerson', () => {
  let now = 0;
  const limit = rateLimitPerPerson({ perMinute: 3, maxPeople: 2, now: () => now });

  /** Runs one request for `personId`: 'next' when let through, else the status sent. */
  function request(personId: string): { outcome: 'next' | number; headers: Record<string, string>; body: unknown } {
    const { res, headers } = responseFor(personId);
    let passed = false;
    limit({} as Request, res as unknown as Response, () => {
      passed = true;
    });
    return { outcome: passed ? 'next' : res.statusCode, headers, body: res.body };
  }

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst of the limit through, then answers 429 with when to come back', () => {
    expect([1, 2, 3].map(() => request('ada').outcome)).toEqual(['next', 'next', 'next']);
    const refused = request('ada');
    expect(refused.outcome).toBe(429);
    // One request comes back every 20 s at 3 a minute.
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.body).toMatchObject({
      status: 429,
      title: 'Too many requests',
      detail: expect.stringContaining('Try again in 20 seconds.'),
    });
  });

  it('refills evenly over the minute, and never above the limit', () => {
    for (let i = 0; i < 3; i++) request('grace');
    now += 19_000;
    expect(request('grace').outcome).toBe(429);
    now += 1_000;
    expect(request('grace').outcome).toBe('next');
    now += 10 * 60_000;
    expect([1, 2, 3, 4].map(() => request('grace').outcome)).toEqual(['next', 'next', 'next', 429]);
  });

  it('keeps people apart, and forgets the least recently seen beyond its bound', () => {
    for (let i = 0; i < 3; i++) request('linus');
    expect(request('linus').outcome).toBe(429);
    expect(request('margaret').outcome).toBe('next');
    // A third person pushes Linus, the least recently seen, out: he starts afresh.
    request('barbara');
    request('margaret');
    request('barbara');
    expect(request('linus').outcome).toBe('next');
  });
});
