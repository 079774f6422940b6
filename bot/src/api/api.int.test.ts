import { communityId } from '../domain/communities/community';
import type { TeamRole } from '../domain/communities/communityProfile';
import type { Person } from '../domain/shared/person';
import type { TeamDirectory, TeamRef } from '../domain/communities/communityPorts';
import { saveCard } from '../domain/cards/saveCard';
import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { tableCardStore } from '../storage/tableCardRepository';
import { TableThreadRepository } from '../storage/tableThreadRepository';
import { openTables } from '../storage/tables';
import { fixedClock, message, stripTags } from '../../../test-support/builders';
import {
  ADA_OID,
  APPLICATION_ID_URI,
  CLIENT_ID,
  OTHER_TENANT,
  TENANT,
  encodePart,
  startFakeEntra,
  type FakeEntra,
} from '../../../test-support/fakeEntra';
import { testConfig, testStorage, waitHealthy } from '../../../test-support/storage';
import { callJson, type JsonAnswer } from '../../../test-support/http';
import { API_ROUTES, cardDetailSchema, cardPageSchema, communityViewSchema, contributorsSchema, problemSchema } from './contract';

/* The tab's API over real HTTP, on a real Azurite, as the tab calls it. */

const clock = fixedClock('2026-11-02T09:00:00.000Z');

/** Calls one of the service's routes (see test-support/http). */
const call = (
  service: RunningService,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<JsonAnswer> => callJson(service, method, path, options);

/** Saves a card the way the bot does, straight through the use case. */
async function harvest(
  prefix: string,
  community: string,
  messageId: string,
  fields: { title: string; summary?: string; kind?: string; tags?: string[] },
  harvester: Person,
  author: Person,
) {
  const tables = openTables(testStorage(), prefix);
  const { cards, indexer } = tableCardStore(tables, stripTags, { log: silentLogger });
  const result = await saveCard(
    {
      communityId: community,
      harvester,
      submissionId: `sub-${messageId}`,
      source: { conversationId: 'channel', messageId, link: `https://teams.microsoft.com/l/message/x/${messageId}` },
      actedMessage: message({
        messageId,
        author,
        text: `Body of ${fields.title}`,
        html: `<p>Body of ${fields.title}</p><img src=x onerror=alert(1)>`,
      }),
      replyIds: [],
      fields: { summary: '', kind: 'how-to', tags: [], ...fields },
    },
    { cards, threads: new TableThreadRepository(tables.threads, tables.retention, stripTags), clock },
  );
  await indexer.idle();
  return result.card;
}

describe('API in local development (development identity, Playground team)', () => {
  let service: RunningService;
  let prefix: string;
  const community = communityId({
    scope: 'channel',
    tenantId: PLAYGROUND.tenantId,
    teamId: PLAYGROUND.teamId,
    conversationId: PLAYGROUND.channelId,
  });
  const MEGAN = { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen' };
  let key: string;

  beforeAll(async () => {
    const config = testConfig();
    prefix = config.tablePrefix;
    service = await startService(config, { log: silentLogger, clock });
    await waitHealthy(service.url);
    clock.set('2026-11-02T09:00:00.000Z');
    await harvest(
      prefix,
      community,
      '1001',
      { title: 'Rotate the signing certificates', tags: ['security'], kind: 'how-to' },
      PLAYGROUND.user,
      MEGAN,
    );
    clock.set('2026-11-03T09:00:00.000Z');
    await harvest(prefix, community, '1002', { title: 'Pin the runner image', tags: ['ci'], kind: 'decision' }, MEGAN, MEGAN);
    clock.set('2026-11-04T09:00:00.000Z');
    await harvest(
      prefix,
      community,
      '1003',
      { title: 'Flaky deploys: clear the cache', tags: ['ci', 'deploy'], kind: 'how-to' },
      MEGAN,
      PLAYGROUND.user,
    );
    const resolved = await call(
      service,
      'GET',
      `${API_ROUTES.resolveCommunity}?teamId=${PLAYGROUND.teamId}&channelId=${PLAYGROUND.channelId}&channelName=General`,
    );
    expect(resolved.status).toBe(200);
    key = communityViewSchema.parse(resolved.body).key;
  });

  afterAll(() => service.close());

  it('signs the caller in as the Playground user and says it is development', async () => {
    const me = await call(service, 'GET', API_ROUTES.me);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      person: PLAYGROUND.user,
      tenantId: PLAYGROUND.tenantId,
      development: true,
      developmentChannel: { teamId: 'team-id', channelId: 'team-id', channelName: 'General' },
    });
  });

  it('resolves the Playground channel to a community the owner manages, named after the channel until configured', async () => {
    const resolved = await call(service, 'GET', `${API_ROUTES.resolveCommunity}?teamId=team-id&channelId=team-id&channelName=General`);
    expect(resolved.body).toMatchObject({ name: 'General', configured: false, role: 'manager', managers: [], reviewIntervalDays: 90 });
    const named = await call(service, 'PUT', API_ROUTES.community(key), { body: { name: '  Platform   guild ' } });
    expect(named.status).toBe(200);
    expect(named.body).toMatchObject({ name: 'Platform guild', configured: true });
    expect((await call(service, 'GET', API_ROUTES.community(key))).body.name).toBe('Platform guild');
  });

  it('refuses a bad name with the schema’s own words', async () => {
    const tooLong = await call(service, 'PUT', API_ROUTES.community(key), { body: { name: 'x'.repeat(81) } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.contentType).toContain('application/problem+json');
    expect(problemSchema.parse(tooLong.body).errors).toEqual([{ field: 'name', message: 'Keep the name to 80 characters.' }]);
    const empty = await call(service, 'PUT', API_ROUTES.community(key), { body: { name: '   ' } });
    expect(empty.body.errors).toEqual([{ field: 'name', message: 'Give the community a name.' }]);
  });

  it('lists cards newest first, searches by prefix and filters by tag and kind', async () => {
    const all = cardPageSchema.parse((await call(service, 'GET', API_ROUTES.cards(key))).body);
    expect(all.cards.map((c) => c.title)).toEqual([
      'Flaky deploys: clear the cache',
      'Pin the runner image',
      'Rotate the signing certificates',
    ]);
    expect(all.nextCursor).toBeUndefined();
    const search = await call(service, 'GET', `${API_ROUTES.cards(key)}?q=rot%20cert`);
    expect(search.body.cards.map((c: any) => c.title)).toEqual(['Rotate the signing certificates']);
    const tagged = await call(service, 'GET', `${API_ROUTES.cards(key)}?tag=ci`);
    expect(tagged.body.cards.map((c: any) => c.title)).toEqual(['Flaky deploys: clear the cache', 'Pin the runner image']);
    const decisions = await call(service, 'GET', `${API_ROUTES.cards(key)}?kind=decision`);
    expect(decisions.body.cards.map((c: any) => c.title)).toEqual(['Pin the runner image']);
    const both = await call(service, 'GET', `${API_ROUTES.cards(key)}?tag=ci&kind=how-to&q=flaky`);
    expect(both.body.cards.map((c: any) => c.title)).toEqual(['Flaky deploys: clear the cache']);
    const paged = await call(service, 'GET', `${API_ROUTES.cards(key)}?take=2`);
    expect(paged.body.nextCursor).toEqual(expect.any(String));
    const next = await call(service, 'GET', `${API_ROUTES.cards(key)}?take=2&cursor=${encodeURIComponent(paged.body.nextCursor)}`);
    expect(next.body.cards.map((c: any) => c.title)).toEqual(['Rotate the signing certificates']);
    expect((await call(service, 'GET', API_ROUTES.tags(key))).body.tags.sort()).toEqual(['ci', 'deploy', 'security']);
  });

  it('rejects a malformed listing query', async () => {
    const bad = await call(service, 'GET', `${API_ROUTES.cards(key)}?kind=poem&take=500`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['kind', 'take']);
  });

  it('shows the whole card with its people, stewardship and what the caller may do', async () => {
    const list = (await call(service, 'GET', API_ROUTES.cards(key))).body.cards;
    const id = list.find((c: any) => c.title === 'Pin the runner image').id;
    const detail = cardDetailSchema.parse((await call(service, 'GET', API_ROUTES.card(key, id))).body);
    expect(detail).toMatchObject({
      harvester: MEGAN,
      owner: MEGAN,
      authors: [MEGAN],
      verifiedBy: MEGAN,
      reviewIntervalDays: 90,
      version: '1',
      // The Playground user owns the team, so manages the community.
      can: { curate: true, verify: true, reassign: true },
      history: [{ action: 'created', by: MEGAN }],
    });
    // Stored as given here (the bot sanitizes at harvest); the API sanitizes again on the way out.
    expect(detail.messages[0].html).toBe('<p>Body of Pin the runner image</p><p>[image]</p>');
    expect((await call(service, 'GET', API_ROUTES.card(key, 'nope'))).status).toBe(404);
  });

  it('edits, archives, restores and verifies, recording who did what, and refuses a stale version', async () => {
    const id = (await call(service, 'GET', `${API_ROUTES.cards(key)}?q=rotate`)).body.cards[0].id;
    clock.set('2026-11-05T10:00:00.000Z');
    const edited = await call(service, 'PATCH', API_ROUTES.card(key, id), {
      body: { version: '1', title: 'Rotate signing certificates yearly', tags: ['security', 'PKI'], reviewIntervalDays: 30 },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Rotate signing certificates yearly',
      tags: ['security', 'pki'],
      version: '2',
      reviewIntervalDays: 30,
    });
    expect(edited.body.history[0]).toEqual({
      at: '2026-11-05T10:00:00.000Z',
      by: PLAYGROUND.user,
      action: 'edited',
      fields: ['title', 'tags', 'reviewIntervalDays'],
    });

    const stale = await call(service, 'PATCH', API_ROUTES.card(key, id), { body: { version: '1', title: 'Lost update' } });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('Someone else changed this card');

    const archived = await call(service, 'POST', API_ROUTES.archive(key, id), { body: { version: '2' } });
    expect(archived.body).toMatchObject({ archived: true, version: '3' });
    // What the edit wrote is what the next list reads: nothing to wait for.
    expect((await call(service, 'GET', API_ROUTES.cards(key))).body.cards.map((c: any) => c.id)).not.toContain(id);
    expect((await call(service, 'GET', `${API_ROUTES.cards(key)}?status=archived`)).body.cards.map((c: any) => c.id)).toEqual([id]);
    expect((await call(service, 'GET', `${API_ROUTES.cards(key)}?q=rotate`)).body.cards).toEqual([]);

    const restored = await call(service, 'POST', API_ROUTES.restore(key, id), { body: { version: '3' } });
    expect(restored.body).toMatchObject({ archived: false, version: '4' });
    expect((await call(service, 'GET', `${API_ROUTES.cards(key)}?q=yearly`)).body.cards.map((c: any) => c.id)).toEqual([id]);

    // 30 days after its last verification the card is due for review.
    clock.set('2026-12-03T09:00:00.000Z');
    const due = await call(service, 'GET', `${API_ROUTES.cards(key)}?status=needs-review`);
    expect(due.body.cards.map((c: any) => c.id)).toContain(id);
    expect(due.body.cards.find((c: any) => c.id === id).needsReview).toBe(true);
    const verified = await call(service, 'POST', API_ROUTES.verify(key, id), { body: { version: '4' } });
    expect(verified.body).toMatchObject({ needsReview: false, verifiedBy: PLAYGROUND.user, verifiedAt: '2026-12-03T09:00:00.000Z' });
    expect(verified.body.history.map((h: any) => h.action)).toEqual(['verified', 'restored', 'archived', 'edited', 'created']);
    expect((await call(service, 'GET', `${API_ROUTES.cards(key)}?status=needs-review`)).body.cards.map((c: any) => c.id)).not.toContain(id);
  });

  it('refuses curation input that breaks the card rules', async () => {
    const id = (await call(service, 'GET', `${API_ROUTES.cards(key)}?q=runner`)).body.cards[0].id;
    const bad = await call(service, 'PATCH', API_ROUTES.card(key, id), {
      body: { version: '1', title: '', tags: ['ok', 'not ok!'], reviewIntervalDays: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'Give the card a title.' },
        { field: 'reviewIntervalDays', message: 'Review at most every 7 days.' },
      ]),
    );
    const badTag = await call(service, 'PATCH', API_ROUTES.card(key, id), { body: { version: '1', tags: ['not ok!'] } });
    expect(badTag.body.errors).toEqual([{ field: 'tags', message: 'The tag "not-ok!" can only use letters, numbers and - _ . + #.' }]);
    const owner = await call(service, 'PATCH', API_ROUTES.card(key, id), { body: { version: '1', ownerId: 'someone-else' } });
    expect(owner.status).toBe(400);
    expect(owner.body.errors).toEqual([{ field: 'ownerId', message: 'A manager changes a card’s owner with “Change owner”.' }]);
    expect((await call(service, 'GET', API_ROUTES.card(key, id))).body.version).toBe('1');
  });

  it('celebrates contributors for a period, counting distinct cards per role', async () => {
    clock.set('2026-11-20T09:00:00.000Z');
    const report = contributorsSchema.parse((await call(service, 'GET', `${API_ROUTES.contributors(key)}?period=month`)).body);
    expect(report.from).toBe('2026-11-01T00:00:00.000Z');
    expect(report.totals).toEqual({ cards: 3, people: 2 });
    const megan = report.people.find((p) => p.person.id === MEGAN.id)!;
    expect(megan).toMatchObject({ harvested: 2, authored: 2, curated: 0 });
    const alex = report.people.find((p) => p.person.id === PLAYGROUND.user.id)!;
    expect(alex).toMatchObject({ harvested: 1, authored: 1, curated: 1 });
    expect(alex.recent[0]).toMatchObject({ role: 'curator', title: 'Rotate signing certificates yearly' });
    expect(report.people[0].person.id).toBe(MEGAN.id);
    clock.set('2027-01-10T09:00:00.000Z');
    expect((await call(service, 'GET', `${API_ROUTES.contributors(key)}?period=quarter`)).body).toMatchObject({
      totals: { cards: 0, people: 0 },
      people: [],
    });
    expect((await call(service, 'GET', `${API_ROUTES.contributors(key)}?period=all`)).body.totals).toEqual({ cards: 3, people: 2 });
    expect((await call(service, 'GET', `${API_ROUTES.contributors(key)}?period=decade`)).status).toBe(400);
  });

  it('lets managers add and remove managers', async () => {
    const added = await call(service, 'POST', API_ROUTES.managers(key), { body: { person: MEGAN } });
    expect(added.body.managers).toEqual([MEGAN]);
    const removed = await call(service, 'DELETE', API_ROUTES.manager(key, MEGAN.id));
    expect(removed.body.managers).toEqual([]);
  });

  it('does not find another team’s community, nor a made-up key', async () => {
    const other = await call(service, 'GET', `${API_ROUTES.resolveCommunity}?teamId=19:other@thread.tacv2&channelId=19:x@thread.tacv2`);
    expect(other.status).toBe(404);
    expect(other.contentType).toContain('application/problem+json');
    expect((await call(service, 'GET', API_ROUTES.cards('not-a-key'))).status).toBe(404);
  });
});

/** A directory of test teams: who is in which team of which tenant, as what. */
function directoryOf(members: Record<string, Record<string, TeamRole>>): TeamDirectory {
  return { roleOf: async (team: TeamRef, personId: string) => members[`${team.tenantId}/${team.teamId}`]?.[personId] };
}

describe('API with Teams single sign-on', () => {
  const TEAM = '19:guild@thread.tacv2';
  const CHANNEL = '19:general@thread.tacv2';
  const GRACE_OID = 'dddddddd-0000-4000-8000-00000000000b';
  const LINUS_OID = 'eeeeeeee-0000-4000-8000-00000000000c';
  const KATHERINE_OID = 'ffffffff-0000-4000-8000-00000000000d';
  let entra: FakeEntra;
  let service: RunningService;
  let key: string;
  let cardId: string;

  beforeAll(async () => {
    entra = await startFakeEntra();
    const config = testConfig({
      developmentIdentity: false,
      sso: {
        clientId: CLIENT_ID,
        applicationIdUri: APPLICATION_ID_URI,
        allowedTenants: [TENANT, OTHER_TENANT],
        authorityHost: entra.authorityHost,
      },
    });
    service = await startService(config, {
      log: silentLogger,
      clock,
      directory: directoryOf({
        [`${TENANT}/${TEAM}`]: { [ADA_OID]: 'owner', [GRACE_OID]: 'member', [KATHERINE_OID]: 'member' },
        // The same team and channel ids in another tenant: a different community.
        [`${OTHER_TENANT}/${TEAM}`]: { [LINUS_OID]: 'owner' },
      }),
    });
    await waitHealthy(service.url);
    clock.set('2026-11-02T09:00:00.000Z');
    const community = communityId({ scope: 'channel', tenantId: TENANT, teamId: TEAM, conversationId: CHANNEL });
    const saved = await harvest(
      config.tablePrefix,
      community,
      '2001',
      { title: 'Tenant secret runbook', tags: ['secret'] },
      { id: ADA_OID, name: 'Ada' },
      { id: ADA_OID, name: 'Ada' },
    );
    cardId = saved.id;
    const resolved = await call(
      service,
      'GET',
      `${API_ROUTES.resolveCommunity}?teamId=${encodeURIComponent(TEAM)}&channelId=${encodeURIComponent(CHANNEL)}`,
      { token: await entra.sign() },
    );
    expect(resolved.status).toBe(200);
    key = resolved.body.key;
  });

  afterAll(async () => {
    await service.close();
    await entra.close();
  });

  it('accepts a valid token and knows who it is', async () => {
    const me = await call(service, 'GET', API_ROUTES.me, { token: await entra.sign() });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ person: { id: ADA_OID, name: 'Ada Lovelace' }, tenantId: TENANT, development: false });
    expect((await call(service, 'GET', API_ROUTES.cards(key), { token: await entra.sign() })).body.cards.map((c: any) => c.id)).toEqual([
      cardId,
    ]);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const rejected: [string, () => Promise<string | undefined>, string][] = [
    ['missing', async () => undefined, 'missing'],
    ['malformed', async () => 'not.a.token', 'malformed'],
    ['expired', () => entra.sign({ exp: now() - 3600, nbf: now() - 7200, iat: now() - 7200 }), 'expired'],
    ['not yet valid', () => entra.sign({ nbf: now() + 3600 }), 'not_yet_valid'],
    ['for another audience', () => entra.sign({ aud: 'api://someone-else' }), 'audience'],
    ['from another issuer', () => entra.sign({ iss: 'https://evil.example/' }), 'issuer'],
    [
      'of a tenant not allowed',
      () => entra.sign({ tid: 'ffffffff-0000-4000-8000-00000000000f', iss: entra.v2Issuer('ffffffff-0000-4000-8000-00000000000f') }),
      'tenant',
    ],
    ['without the scope', () => entra.sign({ scp: 'User.Read' }), 'scope'],
    [
      'tampered',
      async () => {
        const [header, payload, signature] = (await entra.sign()).split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
        return [header, encodePart({ ...claims, oid: GRACE_OID }), signature].join('.');
      },
      'signature',
    ],
    [
      'unsigned (alg none)',
      async () => {
        const claims = JSON.parse(Buffer.from((await entra.sign()).split('.')[1], 'base64url').toString());
        return `${encodePart({ alg: 'none', typ: 'JWT' })}.${encodePart(claims)}.`;
      },
      'algorithm',
    ],
  ];
  it.each(rejected)('rejects a token that is %s with 401 and a clear problem', async (_label, token, reason) => {
    const answer = await call(service, 'GET', API_ROUTES.cards(key), { token: await token() });
    expect(answer.status).toBe(401);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body).toMatchObject({ status: 401, reason });
    expect(answer.body.detail).toEqual(expect.any(String));
  });

  it('does not accept the development identity when single sign-on is configured', async () => {
    expect((await call(service, 'GET', API_ROUTES.me)).status).toBe(401);
  });

  it('never shows another tenant’s community: the same ids there are a different, separate community', async () => {
    const linus = await entra.sign({ tid: OTHER_TENANT, iss: entra.v2Issuer(OTHER_TENANT), oid: LINUS_OID, name: 'Linus' });
    // Tenant A's key, used with a tenant B token, names tenant B's community: empty, not A's cards.
    const cards = await call(service, 'GET', API_ROUTES.cards(key), { token: linus });
    expect(cards.status).toBe(200);
    expect(cards.body.cards).toEqual([]);
    expect((await call(service, 'GET', API_ROUTES.card(key, cardId), { token: linus })).status).toBe(404);
  });

  it('answers 404 to someone outside the team, exactly as for a community that does not exist', async () => {
    const stranger = await entra.sign({ oid: LINUS_OID, name: 'Linus' });
    const existing = await call(service, 'GET', API_ROUTES.cards(key), { token: stranger });
    const made_up = await call(
      service,
      'GET',
      API_ROUTES.cards(Buffer.from(JSON.stringify(['19:nope', '19:nope'])).toString('base64url')),
      { token: stranger },
    );
    expect(existing.status).toBe(404);
    expect(existing.body).toEqual(made_up.body);
  });

  it('lets a member read but not curate someone else’s card, nor manage the community', async () => {
    const grace = await entra.sign({ oid: GRACE_OID, name: 'Grace' });
    const detail = await call(service, 'GET', API_ROUTES.card(key, cardId), { token: grace });
    expect(detail.status).toBe(200);
    expect(detail.body.can).toEqual({ curate: false, verify: false, reassign: false });
    const onTheCard = "You are not allowed to change this card. Ask its owner or one of the community's managers.";
    for (const [attempt, detail] of [
      [call(service, 'PATCH', API_ROUTES.card(key, cardId), { token: grace, body: { version: '1', title: 'Mine now' } }), onTheCard],
      [call(service, 'POST', API_ROUTES.archive(key, cardId), { token: grace, body: { version: '1' } }), onTheCard],
      [call(service, 'POST', API_ROUTES.verify(key, cardId), { token: grace, body: { version: '1' } }), onTheCard],
      [
        call(service, 'POST', API_ROUTES.managers(key), { token: grace, body: { person: { id: GRACE_OID, name: 'Grace' } } }),
        "Only the community's managers can rename it or change who manages it.",
      ],
    ] as const) {
      const answer = await attempt;
      expect(answer.status).toBe(403);
      expect(answer.body.title).toBe('Not allowed');
      expect(answer.body.detail).toBe(detail);
    }
    // Naming an unnamed community is how setting up the tab starts, so a member may do it once.
    expect((await call(service, 'PUT', API_ROUTES.community(key), { token: grace, body: { name: 'Guild' } })).status).toBe(200);
    expect((await call(service, 'PUT', API_ROUTES.community(key), { token: grace, body: { name: 'Renamed' } })).status).toBe(403);
    expect((await call(service, 'GET', API_ROUTES.card(key, cardId), { token: await entra.sign() })).body.title).toBe(
      'Tenant secret runbook',
    );
  });

  it('lets a manager an owner added curate', async () => {
    const ada = await entra.sign();
    await call(service, 'POST', API_ROUTES.managers(key), { token: ada, body: { person: { id: GRACE_OID, name: 'Grace' } } });
    const grace = await entra.sign({ oid: GRACE_OID, name: 'Grace' });
    const archived = await call(service, 'POST', API_ROUTES.archive(key, cardId), { token: grace, body: { version: '1' } });
    expect(archived.status).toBe(200);
    expect(archived.body.history[0]).toMatchObject({ action: 'archived', by: { id: GRACE_OID, name: 'Grace' } });
  });

  it('lets a manager, and no one else, reassign a card to another member of the team, recorded in its history', async () => {
    const ada = await entra.sign();
    const katherine = await entra.sign({ oid: KATHERINE_OID, name: 'Katherine' });
    const KATHERINE = { id: KATHERINE_OID, name: 'Katherine Johnson' };
    const before = (await call(service, 'GET', API_ROUTES.card(key, cardId), { token: ada })).body;
    expect(before.can.reassign).toBe(true);
    expect((await call(service, 'GET', API_ROUTES.card(key, cardId), { token: katherine })).body.can).toEqual({
      curate: false,
      verify: false,
      reassign: false,
    });

    const byMember = await call(service, 'PUT', API_ROUTES.owner(key, cardId), {
      token: katherine,
      body: { version: before.version, owner: KATHERINE },
    });
    expect(byMember.status).toBe(403);
    const forged = await call(service, 'PUT', API_ROUTES.owner(key, cardId), {
      token: ada,
      body: { version: before.version, owner: { id: '../x?y', name: 'X' } },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([{ field: 'owner.id', message: 'This is not a person’s id.' }]);
    const outsider = await call(service, 'PUT', API_ROUTES.owner(key, cardId), {
      token: ada,
      body: { version: before.version, owner: { id: LINUS_OID, name: 'Linus' } },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.errors).toEqual([
      { field: 'owner', message: "Linus is not a member of this community's team, so cannot own its cards." },
    ]);
    const stale = await call(service, 'PUT', API_ROUTES.owner(key, cardId), { token: ada, body: { version: '0', owner: KATHERINE } });
    expect(stale.status).toBe(409);

    const reassigned = await call(service, 'PUT', API_ROUTES.owner(key, cardId), {
      token: ada,
      body: { version: before.version, owner: KATHERINE },
    });
    expect(reassigned.status).toBe(200);
    expect(cardDetailSchema.parse(reassigned.body).owner).toEqual(KATHERINE);
    expect(reassigned.body.version).toBe(String(Number(before.version) + 1));
    expect(reassigned.body.history[0]).toEqual({
      at: clock.now().toISOString(),
      by: { id: ADA_OID, name: 'Ada Lovelace' },
      action: 'reassigned',
      owner: KATHERINE,
    });
    // The new owner is the one asked to review it now.
    expect((await call(service, 'GET', API_ROUTES.card(key, cardId), { token: katherine })).body.can).toEqual({
      curate: true,
      verify: true,
      reassign: false,
    });
    const again = await call(service, 'PUT', API_ROUTES.owner(key, cardId), {
      token: ada,
      body: { version: before.version, owner: KATHERINE },
    });
    expect(again.status).toBe(409);
  });
});
