import { RedactingSpanProcessor, withoutQuery } from './telemetry';

type EndedSpan = Parameters<RedactingSpanProcessor['onEnd']>[0];

/** Only the attributes are read by the processor. */
const spanWith = (attributes: Record<string, string | number>) => ({ attributes }) as unknown as EndedSpan;

describe('withoutQuery', () => {
  it('cuts a URL or request target at its query or fragment', () => {
    expect(withoutQuery('http://127.0.0.1:3978/api/communities/k/cards?q=what+they+typed')).toBe(
      'http://127.0.0.1:3978/api/communities/k/cards',
    );
    expect(withoutQuery('/api/echo?q=x#y')).toBe('/api/echo');
    expect(withoutQuery('/api/echo#y')).toBe('/api/echo');
    expect(withoutQuery('/api/echo')).toBe('/api/echo');
  });
});

describe('RedactingSpanProcessor', () => {
  it('removes query strings from URL attributes and drops the query attribute, keeping the rest', () => {
    const span = spanWith({
      'http.url': 'http://127.0.0.1:3978/api/echo?q=secret-words',
      'http.target': '/api/echo?q=secret-words',
      'url.full': 'https://account.table.core.windows.net/cards()?$filter=REDACTED',
      'url.query': 'q=secret-words',
      'url.path': '/api/echo',
      'http.status_code': 200,
    });
    new RedactingSpanProcessor().onEnd(span);
    expect(span.attributes).toEqual({
      'http.url': 'http://127.0.0.1:3978/api/echo',
      'http.target': '/api/echo',
      'url.full': 'https://account.table.core.windows.net/cards()',
      'url.path': '/api/echo',
      'http.status_code': 200,
    });
  });

  it('drops credential headers even if they were configured for capture', () => {
    const span = spanWith({
      'http.request.header.authorization': 'Bearer secret-token',
      'http.request.header.cookie': 'session=secret',
      'http.response.header.set-cookie': 'session=secret',
      'http.request.header.user-agent': 'Teams',
    });
    new RedactingSpanProcessor().onEnd(span);
    expect(span.attributes).toEqual({ 'http.request.header.user-agent': 'Teams' });
  });
});
