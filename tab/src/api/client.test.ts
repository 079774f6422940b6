import { createApiClient } from './client';
import { ApiError } from './errors';
import { makeCard } from '../test/builders';
import { makeItem, makeRitual } from '../test/ritualBuilders';
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

  it('names 401, 403, 409, 429 and unreachable service', async () => {
    const statuses = [401, 403, 409, 429];
    const kinds: string[] = [];
    for (const status of statuses) {
      const api = new FakeApi().on('GET', '/api/me', () => ({ problem: { title: 'x', status } }));
      const error = await createApiClient({ getToken: async () => undefined, fetch: api.fetch })
        .me()
        .catch((e: ApiError) => e);
      kinds.push((error as ApiError).kind);
    }
    expect(kinds).toEqual(['unauthorized', 'forbidden', 'conflict', 'busy']);
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

  describe('rituals', () => {
    const ritual = makeRitual({ id: 'r/1' });
    const occ = ritual.upcoming[0]!.id;
    const base = '/api/communities/k/rituals';

    it('reads the rituals page and a ritual, for a given occurrence when asked', async () => {
      const page = { rituals: [], upcoming: [], reminders: { state: 'waiting' }, can: { manage: false } };
      const api = new FakeApi().on('GET', base, () => ({ body: page })).on('GET', `${base}/:id`, () => ({ body: ritual }));
      const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
      await expect(client.listRituals('k')).resolves.toEqual(page);
      await expect(client.getRitual('k', 'r/1')).resolves.toEqual(ritual);
      await client.getRitual('k', 'r/1', occ);
      expect(api.requests.map((r) => [r.path, r.query.get('occurrence')])).toEqual([
        [base, null],
        [`${base}/r/1`, null],
        [`${base}/r/1`, occ],
      ]);
    });

    it('sends every change with its method, body and version', async () => {
      const item = makeItem(occ);
      const api = new FakeApi()
        .on('POST', base, () => ({ status: 201, body: ritual }))
        .on('PUT', `${base}/:id`, () => ({ body: ritual }))
        .on('DELETE', `${base}/:id`, () => ({ status: 204 }))
        .on('POST', `${base}/:id/pause`, () => ({ body: { ...ritual, paused: true } }))
        .on('POST', `${base}/:id/occurrences/:occ/change`, () => ({ body: ritual }))
        .on('DELETE', `${base}/:id/occurrences/:occ/change`, () => ({ status: 204 }))
        .on('GET', `${base}/:id/occurrences/:occ/items`, () => ({ body: { items: [item] } }))
        .on('POST', `${base}/:id/occurrences/:occ/items`, () => ({ status: 201, body: item }))
        .on('DELETE', `${base}/:id/occurrences/:occ/items/:item`, () => ({ status: 204 }))
        .on('POST', `${base}/:id/occurrences/:occ/items/:item/vote`, () => ({ body: { ...item, votes: 1, votedByMe: true } }));
      const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
      const input = {
        kind: 'ama' as const,
        title: 'AMA',
        hosts: [{ id: 'p', name: 'P' }],
        schedule: { firstStart: '2026-04-14T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
        reminderOffsets: [],
      };

      await expect(client.createRitual('k', input)).resolves.toEqual(ritual);
      await client.updateRitual('k', 'r1', { ...input, version: 'v1' });
      await expect(client.deleteRitual('k', 'r1', 'v1')).resolves.toBeUndefined();
      await expect(client.pauseRitual('k', 'r1', 'v1', true)).resolves.toMatchObject({ paused: true });
      await client.changeOccurrence('k', 'r1', occ, { version: 'v1', kind: 'skipped', reason: 'Holiday' });
      await expect(client.undoOccurrenceChange('k', 'r1', occ, 'v2')).resolves.toBeUndefined();
      await expect(client.ritualItems('k', 'r1', occ)).resolves.toEqual([item]);
      await expect(client.addRitualItem('k', 'r1', occ, 'Why?')).resolves.toEqual(item);
      await client.deleteRitualItem('k', 'r1', occ, 'item-1');
      await expect(client.voteRitualItem('k', 'r1', occ, 'item-1', true)).resolves.toMatchObject({ votes: 1, votedByMe: true });

      const occPath = `${base}/r1/occurrences/${occ}`;
      expect(api.requests.map((r) => [r.method, r.path, r.query.toString(), r.body])).toEqual([
        ['POST', base, '', input],
        ['PUT', `${base}/r1`, '', { ...input, version: 'v1' }],
        ['DELETE', `${base}/r1`, 'version=v1', undefined],
        ['POST', `${base}/r1/pause`, '', { version: 'v1', paused: true }],
        ['POST', `${occPath}/change`, '', { version: 'v1', kind: 'skipped', reason: 'Holiday' }],
        ['DELETE', `${occPath}/change`, 'version=v2', undefined],
        ['GET', `${occPath}/items`, '', undefined],
        ['POST', `${occPath}/items`, '', { text: 'Why?' }],
        ['DELETE', `${occPath}/items/item-1`, '', undefined],
        ['POST', `${occPath}/items/item-1/vote`, '', { up: true }],
      ]);
    });

    it('keeps the full field names of a 400, and names a 409 a conflict', async () => {
      const api = new FakeApi()
        .on('POST', base, () => ({
          problem: {
            title: 'Check it',
            status: 400,
            errors: [
              { field: 'schedule.rule', message: 'Not a rule.' },
              { field: 'title', message: 'Too long.' },
            ],
          },
        }))
        .on('POST', `${base}/:id/occurrences/:occ/items`, () => ({
          problem: { title: 'Full', status: 409, detail: 'All 3 slots are taken.' },
        }));
      const client = createApiClient({ getToken: async () => undefined, fetch: api.fetch });
      const invalid = (await client.createRitual('k', {} as never).catch((e: unknown) => e)) as ApiError;
      expect(invalid.fieldErrorsByPath).toEqual({ 'schedule.rule': 'Not a rule.', title: 'Too long.' });
      expect(invalid.fieldErrors).toEqual({ schedule: 'Not a rule.', title: 'Too long.' });
      await expect(client.addRitualItem('k', 'r1', occ, 'Demo')).rejects.toMatchObject({
        kind: 'conflict',
        message: 'All 3 slots are taken.',
      });
    });
  });
});
