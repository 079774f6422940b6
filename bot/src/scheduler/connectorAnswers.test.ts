import { classifyAnswer, classifyNetworkError, parseRetryAfter } from './connectorAnswers';

const NOW = Date.parse('2026-11-02T09:00:00Z');
const error = (code: string) => JSON.stringify({ error: { code, message: 'x' } });

describe('classifyAnswer', () => {
  it('reads the posted activity id', () => {
    expect(classifyAnswer(201, '{"id":"1:abc"}', null, NOW)).toEqual({ kind: 'posted', activityId: '1:abc' });
    expect(classifyAnswer(200, '', null, NOW)).toEqual({ kind: 'posted' });
  });

  it('retries throttling and transient failures, honouring Retry-After', () => {
    expect(classifyAnswer(429, error('TooManyRequests'), '2', NOW)).toEqual({
      kind: 'retry',
      reason: '429 TooManyRequests',
      retryAfterMs: 2_000,
      inDoubt: false,
    });
    expect(classifyAnswer(412, '', null, NOW)).toEqual({ kind: 'retry', reason: '412', inDoubt: false });
    expect(classifyAnswer(401, '', null, NOW)).toMatchObject({ kind: 'retry', inDoubt: false });
  });

  it('treats a 5xx as possibly posted', () => {
    for (const status of [500, 502, 503, 504])
      expect(classifyAnswer(status, '', null, NOW)).toMatchObject({ kind: 'retry', inDoubt: true });
    expect(classifyAnswer(501, '', null, NOW)).toMatchObject({ kind: 'rejected' });
  });

  it('knows when the bot cannot post in the conversation any more', () => {
    expect(classifyAnswer(403, error('BotDisabledByAdmin'), null, NOW)).toEqual({ kind: 'unreachable', reason: '403 BotDisabledByAdmin' });
    expect(classifyAnswer(404, '', null, NOW)).toEqual({ kind: 'unreachable', reason: '404' });
    expect(classifyAnswer(400, error('BotNotInConversationRoster'), null, NOW)).toMatchObject({ kind: 'unreachable' });
    expect(classifyAnswer(400, error('ConversationNotFound'), null, NOW)).toMatchObject({ kind: 'unreachable' });
    expect(classifyAnswer(400, error('BadArgument'), null, NOW)).toEqual({ kind: 'rejected', reason: '400 BadArgument' });
  });
});

describe('classifyNetworkError', () => {
  it('is in doubt unless the request certainly never left', () => {
    expect(classifyNetworkError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))).toMatchObject({
      kind: 'retry',
      inDoubt: false,
    });
    expect(classifyNetworkError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } }))).toMatchObject({
      kind: 'retry',
      inDoubt: true,
    });
    expect(classifyNetworkError(new DOMException('timed out', 'TimeoutError'))).toEqual({
      kind: 'retry',
      reason: 'no answer (TimeoutError)',
      inDoubt: true,
    });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3_000);
    expect(parseRetryAfter('1.5', NOW)).toBe(1_500);
    expect(parseRetryAfter(new Date(NOW + 7_000).toUTCString(), NOW)).toBe(7_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
