import type { TeamRole } from '../domain/communities/communityProfile';
import type { TeamDirectory, TeamRef } from '../domain/communities/communityPorts';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { openTables, type Tables } from '../storage/tables';
import { fixedClock } from '../../../test-support/builders';
import { ADA_OID, APPLICATION_ID_URI, CLIENT_ID, TENANT, startFakeEntra, type FakeEntra } from '../../../test-support/fakeEntra';
import { testConfig, testStorage, waitHealthy } from '../../../test-support/storage';
import { API_ROUTES, problemSchema, ritualDetailSchema, ritualsPageSchema, RITUAL_ROUTES, type RitualInput } from './contract';

/* The rituals API over real HTTP on a real Azurite, as the tab calls it, with Teams SSO. */

const TEAM = '19:guild@thread.tacv2';
const CHANNEL = '19:general@thread.tacv2';
const GRACE_OID = 'dddddddd-0000-4000-8000-00000000000b';
const clock = fixedClock('2026-11-02T09:00:00.000Z');

function directoryOf(members: Record<string, Record<string, TeamRole>>): TeamDirectory {
  return { roleOf: async (team: TeamRef, personId: string) => members[`${team.tenantId}/${team.teamId}`]?.[personId] };
}

const AMA: RitualInput = {
  kind: 'ama',
  title: 'Ask the platform team anything',
  description: 'Bring your questions about the build pipeline.',
  hosts: [{ id: ADA_OID, name: 'Ada Lovelace' }],
  featuredExpert: 'Grace Hopper',
  meetingUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
  schedule: { firstStart: '2026-11-10T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
  reminderOffsets: [60, 1440],
};

describe('rituals API', () => {
  let entra: FakeEntra;
  let service: RunningService;
  let tables: Tables;
  let key: string;
  const ada = () => entra.sign();
  const grace = () => entra.sign({ oid: GRACE_OID, name: 'Grace Hopper' });

  async function call(method: string, path: string, token: string, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function jobCount(): Promise<number> {
    let n = 0;
    for await (const _ of tables.jobs.listEntities()) n++;
    return n;
  }

  async function create(input: RitualInput = AMA) {
    const answer = await call('POST', RITUAL_ROUTES.rituals(key), await ada(), input);
    expect(answer.status).toBe(201);
    return ritualDetailSchema.parse(answer.body);
  }

  beforeAll(async () => {
    entra = await startFakeEntra();
    const config = testConfig({
      developmentIdentity: false,
      sso: { clientId: CLIENT_ID, applicationIdUri: APPLICATION_ID_URI, allowedTenants: [TENANT], authorityHost: entra.authorityHost },
    });
    tables = openTables(testStorage(), config.tablePrefix);
    service = await startService(config, {
      log: silentLogger,
      clock,
      directory: directoryOf({ [`${TENANT}/${TEAM}`]: { [ADA_OID]: 'owner', [GRACE_OID]: 'member' } }),
    });
    await waitHealthy(service.url);
    const resolved = await call(
      'GET',
      `${API_ROUTES.resolveCommunity}?teamId=${encodeURIComponent(TEAM)}&channelId=${encodeURIComponent(CHANNEL)}`,
      await ada(),
    );
    key = resolved.body.key;
  });

  afterAll(async () => {
    await service.close();
    await entra.close();
  });

  beforeEach(() => clock.set('2026-11-02T09:00:00.000Z'));

  it('refuses bad schedules with a message per field, and saves nothing', async () => {
    const before = await jobCount();
    const cases: [Partial<RitualInput['schedule']>, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'schedule.timeZone'],
      [{ rule: 'FREQ=SOMETIMES' }, 'schedule.rule'],
      [{ rule: 'FREQ=HOURLY' }, 'schedule.rule'],
      [{ until: '2026-10-01' }, 'schedule.until'],
      [{ firstStart: '2028-06-01T17:00' }, 'schedule.firstStart'],
    ];
    for (const [schedule, field] of cases) {
      const answer = await call('POST', RITUAL_ROUTES.rituals(key), await ada(), { ...AMA, schedule: { ...AMA.schedule, ...schedule } });
      expect(answer.status).toBe(400);
      const problem = problemSchema.parse(answer.body);
      expect(problem.errors?.map((e) => e.field)).toContain(field);
      expect(problem.errors?.every((e) => e.message.length > 10)).toBe(true);
    }
    const missing = await call('POST', RITUAL_ROUTES.rituals(key), await ada(), {
      ...AMA,
      title: ' ',
      hosts: [],
      meetingUrl: 'http://insecure.example',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['hosts', 'meetingUrl', 'title']);
    const page = ritualsPageSchema.parse((await call('GET', RITUAL_ROUTES.rituals(key), await ada())).body);
    expect(page.rituals).toEqual([]);
    expect(await jobCount()).toBe(before);
  });

  it('creates an AMA whose dates follow the rule in its own time zone, and plans its reminders', async () => {
    const ritual = await create();
    expect(ritual.repeats.length).toBeGreaterThan(5);
    expect(ritual.reminderOffsets).toEqual([1440, 60]);
    // 2nd Tuesdays at 17:00 in Paris: 16:00Z in winter.
    expect(ritual.upcoming.slice(0, 3).map((o) => o.startsAt)).toEqual([
      '2026-11-10T16:00:00.000Z',
      '2026-12-08T16:00:00.000Z',
      '2027-01-12T16:00:00.000Z',
    ]);
    expect(ritual.can).toEqual({ manage: true, addItem: true });
    expect(await jobCount()).toBeGreaterThan(0);
    const page = ritualsPageSchema.parse((await call('GET', RITUAL_ROUTES.rituals(key), await grace())).body);
    expect(page.rituals.map((r) => r.id)).toContain(ritual.id);
    expect(page.upcoming[0]).toMatchObject({ ritualId: ritual.id, startsAt: '2026-11-10T16:00:00.000Z' });
    expect(page.can.manage).toBe(false);
    // The bot has never been seen in this team: reminders wait, and say why.
    expect(page.reminders.state).toBe('waiting');
  });

  it('lets members add questions and upvote once, but not manage rituals', async () => {
    const ritual = await create({ ...AMA, title: 'AMA for votes' });
    const occurrence = ritual.itemsOccurrenceId!;
    const refused = await call('POST', RITUAL_ROUTES.rituals(key), await grace(), AMA);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Only the community's managers can create, change or delete its rituals.");
    expect((await call('POST', RITUAL_ROUTES.pause(key, ritual.id), await grace(), { version: ritual.version, paused: true })).status).toBe(
      403,
    );

    const first = await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await grace(), { text: 'How do we cache  builds?' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ kind: 'question', text: 'How do we cache builds?', votes: 0, can: { delete: true } });
    // A retried submit adds nothing new.
    const again = await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await grace(), { text: 'How do we cache builds?' });
    expect(again.body.id).toBe(first.body.id);
    const second = await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await ada(), {
      text: 'Which runner images are supported?',
    });

    for (let i = 0; i < 2; i++) {
      const voted = await call('POST', RITUAL_ROUTES.vote(key, ritual.id, occurrence, second.body.id), await grace(), { up: true });
      expect(voted.body).toMatchObject({ votes: 1, votedByMe: true });
    }
    const listed = await call('GET', RITUAL_ROUTES.items(key, ritual.id, occurrence), await grace());
    expect(listed.body.items.map((i: { text: string }) => i.text)).toEqual([
      'Which runner images are supported?',
      'How do we cache builds?',
    ]);
    expect(listed.body.items[0].can.delete).toBe(false);
    const notHers = await call('DELETE', RITUAL_ROUTES.item(key, ritual.id, occurrence, second.body.id), await grace());
    expect(notHers.status).toBe(403);
    expect(notHers.body.detail).toBe("Only the entry's author or one of the community's managers can remove it.");
    expect((await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await grace(), { text: '   ' })).status).toBe(400);
  });

  it('keeps a session "happening now" until its end, and its questions readable once it is over', async () => {
    const ritual = await create({ ...AMA, title: 'AMA under way' });
    const first = ritual.upcoming[0].id;
    expect(
      (await call('POST', RITUAL_ROUTES.items(key, ritual.id, first), await grace(), { text: 'What is on the roadmap?' })).status,
    ).toBe(201);

    // 11 seconds into the session.
    clock.set('2026-11-10T16:00:11.000Z');
    const page = ritualsPageSchema.parse((await call('GET', RITUAL_ROUTES.rituals(key), await grace())).body);
    const listed = page.rituals.find((r) => r.id === ritual.id)!;
    expect(listed.next).toMatchObject({ id: first, happeningNow: true });
    expect(page.upcoming.find((o) => o.ritualId === ritual.id)).toMatchObject({ id: first, happeningNow: true });
    const during = ritualDetailSchema.parse((await call('GET', RITUAL_ROUTES.ritual(key, ritual.id), await grace())).body);
    expect(during.upcoming[0]).toMatchObject({ id: first, happeningNow: true });
    expect(during.upcoming[1].happeningNow).toBeUndefined();
    expect(during.itemsOccurrenceId).toBe(first);
    expect(during.items.map((i) => i.text)).toEqual(['What is on the roadmap?']);
    expect(during.can.addItem).toBe(true);

    // After its end: the next date is up, and the session is in the past, questions and all.
    clock.set('2026-11-10T17:00:01.000Z');
    const after = ritualDetailSchema.parse((await call('GET', RITUAL_ROUTES.ritual(key, ritual.id), await grace())).body);
    expect(after.upcoming[0].id).not.toBe(first);
    expect(after.past.map((o) => o.id)).toEqual([first]);
    const record = ritualDetailSchema.parse(
      (await call('GET', `${RITUAL_ROUTES.ritual(key, ritual.id)}?occurrence=${encodeURIComponent(first)}`, await grace())).body,
    );
    expect(record.itemsOccurrenceId).toBe(first);
    expect(record.items.map((i) => i.text)).toEqual(['What is on the roadmap?']);
    expect(record.can.addItem).toBe(false);
    const items = await call('GET', RITUAL_ROUTES.items(key, ritual.id, first), await grace());
    expect(items.body.items.map((i: { text: string }) => i.text)).toEqual(['What is on the roadmap?']);
  });

  it('skips and moves occurrences with reasons, pauses, refuses stale versions and deletes', async () => {
    let ritual = await create({ ...AMA, title: 'AMA to reschedule' });
    const [first, second] = ritual.upcoming;
    const versionBeforeSkip = ritual.version;
    const skipped = await call('POST', RITUAL_ROUTES.occurrenceChange(key, ritual.id, first.id), await ada(), {
      version: ritual.version,
      kind: 'skipped',
      reason: 'Company offsite',
    });
    expect(skipped.status).toBe(200);
    ritual = ritualDetailSchema.parse(skipped.body);
    expect(ritual.upcoming[0]).toMatchObject({ id: first.id, status: 'skipped', reason: 'Company offsite' });
    expect(ritual.next?.id).toBe(second.id);

    const stale = await call('POST', RITUAL_ROUTES.occurrenceChange(key, ritual.id, second.id), await ada(), {
      version: versionBeforeSkip,
      kind: 'skipped',
      reason: 'Holiday',
    });
    expect(stale.status).toBe(409);

    const moved = await call('POST', RITUAL_ROUTES.occurrenceChange(key, ritual.id, second.id), await ada(), {
      version: ritual.version,
      kind: 'moved',
      movedTo: '2026-12-10T18:00',
      reason: 'Room taken',
    });
    ritual = ritualDetailSchema.parse(moved.body);
    expect(ritual.upcoming.find((o) => o.id === second.id)).toMatchObject({
      startsAt: '2026-12-10T17:00:00.000Z',
      status: 'moved',
      reason: 'Room taken',
    });
    const tooFar = await call('POST', RITUAL_ROUTES.occurrenceChange(key, ritual.id, second.id), await ada(), {
      version: ritual.version,
      kind: 'moved',
      movedTo: '2027-09-10T18:00',
      reason: 'Later',
    });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.errors[0].field).toBe('movedTo');

    const paused = await call('POST', RITUAL_ROUTES.pause(key, ritual.id), await ada(), { version: ritual.version, paused: true });
    ritual = ritualDetailSchema.parse(paused.body);
    expect(ritual.paused).toBe(true);
    expect(ritual.upcoming).toEqual([]);

    expect(
      (await call('DELETE', `${RITUAL_ROUTES.ritual(key, ritual.id)}?version=${encodeURIComponent(ritual.version)}`, await ada())).status,
    ).toBe(204);
    expect((await call('GET', RITUAL_ROUTES.ritual(key, ritual.id), await ada())).status).toBe(404);
  });

  it('keeps a show & tell within its slots', async () => {
    const ritual = await create({
      ...AMA,
      kind: 'showAndTell',
      title: 'Show & tell',
      schedule: { ...AMA.schedule, rule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1TH', firstStart: '2026-12-03T15:00' },
      slots: 1,
    });
    const occurrence = ritual.itemsOccurrenceId!;
    expect(
      (await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await ada(), { text: 'Our new release train' })).status,
    ).toBe(201);
    const full = await call('POST', RITUAL_ROUTES.items(key, ritual.id, occurrence), await grace(), { text: 'Observability on a budget' });
    expect(full.status).toBe(400);
    expect(full.body.errors[0].message).toMatch(/slot/);
  });
});
