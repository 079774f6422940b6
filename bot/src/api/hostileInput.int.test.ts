import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { fixedClock } from '../../../test-support/builders';
import { callJson, type JsonAnswer } from '../../../test-support/http';
import { testConfig, waitHealthy } from '../../../test-support/storage';
import {
  API_ROUTES,
  RITUAL_ROUTES,
  communityViewSchema,
  problemSchema,
  ritualDetailSchema,
  ritualsPageSchema,
  type RitualInput,
} from './contract';

/*
 * Whatever a client sends the API, it answers a clear 4xx in problem+json, never a 500 or
 * a storage outage, and writes nothing. Over real HTTP on a real Azurite, in local
 * development (the development identity manages the Playground's channel).
 */

const clock = fixedClock('2026-11-02T09:00:00.000Z');

const AMA: RitualInput = {
  kind: 'ama',
  title: 'Ask the platform team anything',
  description: '',
  hosts: [{ id: 'user-id-0', name: 'Alex Wilber' }],
  schedule: { firstStart: '2026-11-10T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=WEEKLY' },
  reminderOffsets: [60],
};

/** A community key as the service hands them out, naming any team and channel. */
const keyFor = (teamId: string, channelId: string) => Buffer.from(JSON.stringify([teamId, channelId]), 'utf8').toString('base64url');

/** Path segments a client can send that are no id of ours: Table key characters, control characters, a lone surrogate's bytes. */
const HOSTILE_SEGMENTS = ['a%2Fb', 'a%23b', 'a%3Fb', 'a%5Cb', 'a%01b', 'a%7Fb', '%ED%A0%80', '%ED%B0%80x', 'x'.repeat(600)];

function expectClientProblem(answer: JsonAnswer, statuses: number[], what: string): void {
  expect({ what, status: statuses.includes(answer.status) ? 'a 4xx as expected' : answer.status }).toEqual({
    what,
    status: 'a 4xx as expected',
  });
  expect(answer.contentType).toContain('application/problem+json');
  const problem = problemSchema.parse(answer.body);
  expect(problem.detail).not.toMatch(/Something went wrong|cannot reach/);
}

describe('hostile and broken input to the API', () => {
  let service: RunningService;
  let key: string;
  const call = (method: string, path: string, body?: unknown) => callJson(service, method, path, body === undefined ? {} : { body });

  beforeAll(async () => {
    service = await startService(testConfig(), { log: silentLogger, clock });
    await waitHealthy(service.url);
    const resolved = await call('GET', `${API_ROUTES.resolveCommunity}?teamId=team-id&channelId=team-id&channelName=General`);
    key = communityViewSchema.parse(resolved.body).key;
  });

  afterAll(() => service.close());

  it('answers 400 or 404 to ids that hold Table key characters, control characters or broken Unicode, on every route that takes one', async () => {
    const ritual = ritualDetailSchema.parse((await call('POST', RITUAL_ROUTES.rituals(key), AMA)).body);
    const occurrence = ritual.itemsOccurrenceId!;
    const base = `/api/communities/${key}`;
    for (const id of HOSTILE_SEGMENTS) {
      const attempts: [string, string, unknown?][] = [
        ['GET', `${base}/cards/${id}`],
        ['PATCH', `${base}/cards/${id}`, { version: '1', title: 'Changed' }],
        ['POST', `${base}/cards/${id}/archive`, { version: '1' }],
        ['DELETE', `${base}/managers/${id}`],
        ['GET', `${base}/rituals/${id}`],
        ['PUT', `${base}/rituals/${id}`, { ...AMA, version: ritual.version }],
        ['POST', `${base}/rituals/${id}/pause`, { version: ritual.version, paused: true }],
        ['DELETE', `${base}/rituals/${id}?version=${encodeURIComponent(ritual.version)}`],
        ['POST', `${base}/rituals/${ritual.id}/occurrences/${id}/change`, { version: ritual.version, kind: 'skipped', reason: 'Offsite' }],
        ['DELETE', `${base}/rituals/${ritual.id}/occurrences/${id}/change?version=${encodeURIComponent(ritual.version)}`],
        ['GET', `${base}/rituals/${ritual.id}/occurrences/${id}/items`],
        ['POST', `${base}/rituals/${ritual.id}/occurrences/${id}/items`, { text: 'A question' }],
        ['DELETE', `${base}/rituals/${ritual.id}/occurrences/${occurrence}/items/${id}`],
        ['POST', `${base}/rituals/${ritual.id}/occurrences/${occurrence}/items/${id}/vote`, { up: true }],
      ];
      for (const [method, path, body] of attempts) expectClientProblem(await call(method, path, body), [400, 404], `${method} ${path}`);
    }
    // Nothing was written: the ritual is as it was created, with no questions.
    const after = ritualDetailSchema.parse((await call('GET', RITUAL_ROUTES.ritual(key, ritual.id))).body);
    expect(after.version).toBe(ritual.version);
    expect(after.items).toEqual([]);
  });

  it('says an address that is not valid UTF-8 is a bad address, not bad JSON', async () => {
    const answer = await call('GET', `/api/communities/${key}/cards/%ED%A0%80`);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toBe('The address holds characters that are not valid.');
  });

  it('does not open a community whose key names ids with a lone surrogate or a control character', async () => {
    for (const [teamId, channelId] of [
      ['team-id', '\ud800'],
      ['\udc00team', 'team-id'],
      ['team-id', 'a\u0001b'],
      ['team-id', 'a\u0085b'],
    ]) {
      const k = keyFor(teamId, channelId);
      for (const path of [API_ROUTES.cards(k), API_ROUTES.community(k), RITUAL_ROUTES.rituals(k), API_ROUTES.contributors(k)]) {
        const answer = await call('GET', path);
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(answer.contentType).toContain('application/problem+json');
      }
    }
  });

  it('refuses to resolve a channel whose id holds a control character, naming the field', async () => {
    const answer = await call('GET', `${API_ROUTES.resolveCommunity}?teamId=team-id&channelId=a%01b`);
    expect(answer.status).toBe(400);
    expect(problemSchema.parse(answer.body).errors).toEqual([{ field: 'channelId', message: 'This is not a Teams channel id.' }]);
  });

  it('routes /communities/resolve/… as a community key, which names no community', async () => {
    for (const path of [
      '/api/communities/resolve/cards',
      '/api/communities/resolve/rituals',
      '/api/communities/resolve/tags',
      '/api/communities/resolve/contributors',
    ]) {
      const answer = await call('GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body.detail).toBe('Community was not found, or you are not a member of its team.');
    }
    expect((await call('GET', `${API_ROUTES.resolveCommunity}?teamId=team-id&channelId=team-id`)).status).toBe(200);
  });

  it('refuses a ritual version that is not one the service gave out, and changes nothing', async () => {
    const ritual = ritualDetailSchema.parse((await call('POST', RITUAL_ROUTES.rituals(key), { ...AMA, title: 'Versioned' })).body);
    const occurrence = ritual.upcoming[0].id;
    for (const version of ['not-an-etag', '"', 'W/', 'W/"a b"', 'W/"\u0001"', '"caf\u00e9"']) {
      const attempts: [string, string, unknown?][] = [
        ['PUT', RITUAL_ROUTES.ritual(key, ritual.id), { ...AMA, title: 'Renamed', version }],
        ['POST', RITUAL_ROUTES.pause(key, ritual.id), { version, paused: true }],
        ['DELETE', `${RITUAL_ROUTES.ritual(key, ritual.id)}?version=${encodeURIComponent(version)}`],
        ['POST', RITUAL_ROUTES.occurrenceChange(key, ritual.id, occurrence), { version, kind: 'skipped', reason: 'Offsite' }],
        ['DELETE', `${RITUAL_ROUTES.occurrenceChange(key, ritual.id, occurrence)}?version=${encodeURIComponent(version)}`],
      ];
      for (const [method, path, body] of attempts) {
        const answer = await call(method, path, body);
        expect({ version, method, status: answer.status }).toEqual({ version, method, status: 400 });
        expect(problemSchema.parse(answer.body).errors).toEqual([
          { field: 'version', message: 'This is not a version of the ritual: reload it and try again.' },
        ]);
      }
    }
    const after = ritualDetailSchema.parse((await call('GET', RITUAL_ROUTES.ritual(key, ritual.id))).body);
    expect(after).toMatchObject({ version: ritual.version, title: 'Versioned', paused: false });
  });

  it('refuses a repeated query parameter by name, and reads an empty one as not given', async () => {
    const cards = `${API_ROUTES.cards(key)}`;
    const repeated = await call('GET', `${cards}?q=a&q=b&tag=x`);
    expect(repeated.status).toBe(400);
    expect(problemSchema.parse(repeated.body).errors).toEqual([{ field: 'q', message: 'Give q only once.' }]);
    const repeatedVersion = await call('DELETE', `${RITUAL_ROUTES.ritual(key, 'r')}?version=a&version=b`);
    expect(repeatedVersion.body.errors).toEqual([{ field: 'version', message: 'Give version only once.' }]);
    expect((await call('GET', `${API_ROUTES.resolveCommunity}?teamId=a&teamId=b&channelId=c`)).body.errors).toEqual([
      { field: 'teamId', message: 'Give teamId only once.' },
    ]);
    for (const query of ['?kind=', '?status=', '?take=', '?q=&tag=&kind=&status=&cursor=']) {
      const answer = await call('GET', `${cards}${query}`);
      expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    }
    expect((await call('GET', `${API_ROUTES.contributors(key)}?period=`)).status).toBe(200);
    const missingVersion = await call('DELETE', `${RITUAL_ROUTES.ritual(key, 'r')}?version=`);
    expect(missingVersion.body.errors).toEqual([{ field: 'version', message: 'The version is missing: reload the ritual and try again.' }]);
    expect(ritualsPageSchema.parse((await call('GET', RITUAL_ROUTES.rituals(key))).body).rituals.length).toBeGreaterThan(0);
  });
});
