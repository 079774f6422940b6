import { createApiClient } from './client';
import { ApiError } from './errors';
import { makeCard } from '../test/builders';
import { FakeApi } from '../test/fakeApi';

describe('createApiClient', () => {
  it('sends the token and only the query values that are set', async () => {
    const api = new FakeApi().on('GET', '/api/communities/:key/cards', () => ({ body: { cards: [] } }));
    const client = createApiClient({ getToken: async () => 'tok', fetch: api.fetch });
    await client.listCards('a/b', { q: '  certs ', tag: undefined, kind: 'how-to', status: 'active' });
    const [request] = api.requests;
    expect(request?.path).toBe('/api/communities/a/b/cards');
    expect(request?.headers.authorization).toBe('Bearer tok');
    expect([...(request?.query.entries() ?? [])]).toEqual([
      ['q', 'certs'],
      ['kind', 'how-to'],
      ['status', 'active'],
    ]);
  });

  it('hands a prefetched first page to the next identical request, once', async () => {
    const api = new FakeApi().on('GET', '/api/communities/:key/cards', () => ({ body: { cards: [makeCard({ id: 'c1' })] } }));
    const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
    client.prefetchCards('k', { status: 'active' });
    const first = await client.listCards('k', { q: undefined, tag: undefined, kind: undefined, status: 'active', cursor: undefined });
    expect(first.cards.map((c) => c.id)).toEqual(['c1']);
    expect(api.requests).toHaveLength(1);
    await client.listCards('k', { status: 'active' });
    expect(api.requests).toHaveLength(2);
    await client.listCards('k', { status: 'archived' });
    expect(api.requests).toHaveLength(3);
  });

  it('turns a problem+json 400 into field messages', async () => {
    const api = new FakeApi().on('PATCH', '/api/communities/:key/cards/:id', () => ({
      problem: { title: 'Check the card', status: 400, errors: [{ field: 'title', message: 'Give the card a title.' }] },
    }));
    const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
    const error = await client.editCard('k', 'c', { version: 'v1', title: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('invalid');
    expect((error as ApiError).fieldErrors).toEqual({ title: 'Give the card a title.' });
    expect(api.requests[0]?.body).toEqual({ version: 'v1', title: '' });
  });

  it('names 401, 403, 409 and unreachable service', async () => {
    const statuses = [401, 403, 409];
    const kinds: string[] = [];
    for (const status of statuses) {
      const api = new FakeApi().on('GET', '/api/me', () => ({ problem: { title: 'x', status } }));
      const error = await createApiClient({ getToken: async () => undefined, fetch: api.fetch }).me().catch((e: ApiError) => e);
      kinds.push((error as ApiError).kind);
    }
    expect(kinds).toEqual(['unauthorized', 'forbidden', 'conflict']);
    const offline = createApiClient({ getToken: async () => undefined, fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(offline.me()).rejects.toMatchObject({ kind: 'network' });
  });

  it('refuses an answer that breaks the contract', async () => {
    const api = new FakeApi().on('GET', '/api/me', () => ({ body: { person: 'not a person' } }));
    await expect(createApiClient({ getToken: async () => undefined, fetch: api.fetch }).me()).rejects.toMatchObject({ kind: 'unexpected' });
  });

  it('answers undefined for a change whose body is not the resource, so the caller reads it again', async () => {
    const api = new FakeApi().on('POST', '/api/communities/:key/cards/:id/verify', () => ({ status: 204 }));
    const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
    await expect(client.verifyCard('k', 'c', 'v1')).resolves.toBeUndefined();
    const card = makeCard();
    api.on('POST', '/api/communities/:key/cards/:id/archive', () => ({ body: card }));
    await expect(client.archiveCard('k', 'c', 'v1')).resolves.toEqual(card);
  });

  it('reports a failed Teams sign-in as not signed in', async () => {
    const client = createApiClient({ getToken: () => Promise.reject(new Error('resourceRequiresConsent')), fetch: new FakeApi().fetch });
    await expect(client.me()).rejects.toMatchObject({ kind: 'unauthorized', message: expect.stringContaining('resourceRequiresConsent') });
  });
});
