import { ADA, GRACE, aRitual, fixedClock } from '../../../../test-support/builders';
import { MemoryJobQueue } from '../../../../test-support/memory/memoryJobQueue';
import { MemoryRitualRepository } from '../../../../test-support/memory/memoryRitualRepository';
import { queuePlanner } from '../../reminders/queuePlanner';
import type { OpenedCommunity } from '../communities/communities';
import { communityId, type CommunityRef } from '../communities/community';
import { defaultProfile } from '../communities/communityProfile';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import {
  changeOccurrence,
  createRitual,
  deleteRitual,
  listRituals,
  openRitual,
  setRitualPaused,
  undoOccurrenceChange,
  updateRitual,
  type RitualScope,
} from './manageRituals';
import { RITUAL_LIMITS } from './ritualKinds';
import type { RitualFields } from './ritualRules';

const REF: CommunityRef = { scope: 'channel', tenantId: 't', teamId: 'team', conversationId: 'chan' };
const COMMUNITY = communityId(REF);
const opened: OpenedCommunity = { ref: REF, profile: defaultProfile(COMMUNITY), role: 'manager' };
const manager: RitualScope = { community: opened, actor: { person: ADA, role: 'manager' } };
const member: RitualScope = { community: { ...opened, role: 'member' }, actor: { person: GRACE, role: 'member' } };
/** The first AMA is on Tuesday 10 November 2026 at 17:00 in Paris (16:00 UTC). */
const FIRST = '2026-11-10T16:00:00.000Z';

/** The AMA's fields, as a manager sets them. */
function amaFields(overrides: Partial<RitualFields> = {}): RitualFields {
  const { kind, title, description, hosts, schedule, reminderOffsets } = aRitual();
  return { kind, title, description, hosts, schedule, reminderOffsets, ...overrides };
}

/** The ritual ports in memory, planning into a queue the test reads, on 2 November 2026. */
function ritualPorts() {
  const queue = new MemoryJobQueue();
  let ids = 0;
  return {
    queue,
    rituals: new MemoryRitualRepository(),
    planner: queuePlanner(queue),
    clock: fixedClock('2026-11-02T09:00:00.000Z'),
    newId: () => `ritual-${++ids}`,
  };
}

/** The planned posts of an occurrence: kind, minutes before and when due. */
function postsFor(queue: MemoryJobQueue, occurrenceId: string): string[] {
  return queue
    .pending()
    .filter((j) => j.data.occurrenceId === occurrenceId)
    .map((j) => `${j.data.post}${j.data.offsetMinutes ?? ''} ${j.dueAt}`);
}

describe('createRitual', () => {
  it('keeps the ritual for the community, saying who created it and when, and plans its first posts', async () => {
    const ports = ritualPorts();
    const created = await createRitual(manager, amaFields({ reminderOffsets: [60, 1440] }), ports);
    expect(created).toMatchObject({
      id: 'ritual-1',
      communityId: COMMUNITY,
      community: REF,
      reminderOffsets: [1440, 60],
      paused: false,
      changes: [],
      createdBy: ADA,
      createdAt: '2026-11-02T09:00:00.000Z',
      updatedBy: ADA,
    });
    expect(await ports.rituals.get(COMMUNITY, 'ritual-1')).toEqual(created);
    expect(postsFor(ports.queue, FIRST)).toEqual(
      expect.arrayContaining(['reminder1440 2026-11-09T16:00:00.000Z', 'reminder60 2026-11-10T15:00:00.000Z']),
    );
  });

  it('is for managers only, and a refusal keeps and plans nothing', async () => {
    const ports = ritualPorts();
    await expect(createRitual(member, amaFields(), ports)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await ports.rituals.list(COMMUNITY)).toEqual([]);
    expect(ports.queue.pending()).toEqual([]);
  });

  it('refuses fields that break the rules, naming every problem at once', async () => {
    const ports = ritualPorts();
    const fields = amaFields({ hosts: [ADA, ADA], reminderOffsets: [60, 60] });
    const refusal = await createRitual(manager, fields, ports).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).issues.map((i) => i.field)).toEqual(['hosts', 'reminderOffsets']);
    expect(await ports.rituals.list(COMMUNITY)).toEqual([]);
  });

  it('refuses a ritual past the community’s limit', async () => {
    const ports = ritualPorts();
    for (let i = 0; i < RITUAL_LIMITS.ritualsPerCommunityMax; i++)
      await ports.rituals.create(aRitual({ id: `r${i}`, communityId: COMMUNITY }));
    await expect(createRitual(manager, amaFields(), ports)).rejects.toThrow(`at most ${RITUAL_LIMITS.ritualsPerCommunityMax} rituals`);
  });
});

describe('changing a ritual', () => {
  async function withRitual() {
    const ports = ritualPorts();
    const created = await createRitual(manager, amaFields(), ports);
    return { ports, created };
  }

  it('edits at the version read; a new schedule drops the changes to the old one and plans its own posts', async () => {
    const { ports, created } = await withRitual();
    const skipped = await changeOccurrence(
      manager,
      created.id,
      created.version!,
      { occurrenceId: FIRST, kind: 'skipped', reason: 'Holiday' },
      ports,
    );
    const weekly = { ...created.schedule, firstStart: '2026-11-05T10:00', rule: 'FREQ=WEEKLY;BYDAY=TH' };
    const updated = await updateRitual(manager, created.id, skipped.version!, amaFields({ title: 'Weekly AMA', schedule: weekly }), ports);
    expect(updated).toMatchObject({ title: 'Weekly AMA', changes: [], updatedBy: ADA });
    expect(postsFor(ports.queue, '2026-11-05T09:00:00.000Z')).toContain('reminder60 2026-11-05T08:00:00.000Z');
    await expect(updateRitual(manager, created.id, created.version!, amaFields({ title: 'Lost' }), ports)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await ports.rituals.get(COMMUNITY, created.id))?.title).toBe('Weekly AMA');
  });

  it('keeps the changes to occurrences when the schedule stays', async () => {
    const { ports, created } = await withRitual();
    const skipped = await changeOccurrence(
      manager,
      created.id,
      created.version!,
      { occurrenceId: FIRST, kind: 'skipped', reason: 'Holiday' },
      ports,
    );
    const renamed = await updateRitual(manager, created.id, skipped.version!, amaFields({ title: 'Renamed' }), ports);
    expect(renamed.changes.map((c) => c.occurrenceId)).toEqual([FIRST]);
  });

  it('skips an occurrence with a reason members see, and puts it back', async () => {
    const { ports, created } = await withRitual();
    const skipped = await changeOccurrence(
      manager,
      created.id,
      created.version!,
      { occurrenceId: FIRST, kind: 'skipped', reason: 'Holiday' },
      ports,
    );
    const listed = await listRituals(manager, ports);
    expect(listed.upcoming[0]).toEqual({
      ritualId: created.id,
      occurrence: expect.objectContaining({ id: FIRST, status: 'skipped', reason: 'Holiday' }),
    });
    const undone = await undoOccurrenceChange(manager, created.id, skipped.version!, FIRST, ports);
    expect(undone.changes).toEqual([]);
    expect((await listRituals(manager, ports)).upcoming[0].occurrence).toMatchObject({ id: FIRST, status: 'scheduled' });
  });

  it('pauses a ritual, which then has no upcoming occurrences, and resumes it', async () => {
    const { ports, created } = await withRitual();
    const paused = await setRitualPaused(manager, created.id, created.version!, true, ports);
    expect((await openRitual(manager, created.id, ports)).upcoming).toEqual([]);
    await setRitualPaused(manager, created.id, paused.version!, false, ports);
    expect((await openRitual(manager, created.id, ports)).upcoming[0].id).toBe(FIRST);
  });

  it('is for managers only', async () => {
    const { ports, created } = await withRitual();
    await expect(setRitualPaused(member, created.id, created.version!, true, ports)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteRitual(member, created.id, created.version!, ports)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('deletes at the version read; then the ritual is not found', async () => {
    const { ports, created } = await withRitual();
    const renamed = await updateRitual(manager, created.id, created.version!, amaFields({ title: 'Renamed' }), ports);
    await expect(deleteRitual(manager, created.id, created.version!, ports)).rejects.toBeInstanceOf(ConflictError);
    await deleteRitual(manager, created.id, renamed.version!, ports);
    await expect(openRitual(manager, created.id, ports)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateRitual(manager, created.id, renamed.version!, amaFields(), ports)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listRituals and openRitual', () => {
  it('lists the community’s rituals with their next occurrences, soonest first across them, the one under way marked', async () => {
    const ports = ritualPorts();
    const monthly = await createRitual(manager, amaFields(), ports);
    const weekly = await createRitual(
      manager,
      amaFields({
        title: 'Weekly',
        schedule: { firstStart: '2026-11-05T10:00', timeZone: 'Europe/Paris', durationMinutes: 30, rule: 'FREQ=WEEKLY;BYDAY=TH' },
      }),
      ports,
    );
    ports.clock.set('2026-11-05T09:10:00.000Z');
    const { rituals, upcoming } = await listRituals(manager, ports);
    expect(rituals.map((r) => r.ritual.id)).toEqual([monthly.id, weekly.id]);
    expect(upcoming.slice(0, 3).map((u) => [u.ritualId, u.occurrence.startsAt, u.occurrence.happeningNow ?? false])).toEqual([
      [weekly.id, '2026-11-05T09:00:00.000Z', true],
      [monthly.id, FIRST, false],
      [weekly.id, '2026-11-12T09:00:00.000Z', false],
    ]);
  });

  it('opens one ritual with the occurrences that are over, newest first', async () => {
    const ports = ritualPorts();
    const created = await createRitual(manager, amaFields(), ports);
    ports.clock.set('2027-01-20T00:00:00.000Z');
    const { ritual, past, upcoming } = await openRitual(manager, created.id, ports);
    expect(ritual).toEqual(created);
    expect(past?.map((o) => o.startsAt)).toEqual(['2027-01-12T16:00:00.000Z', '2026-12-08T16:00:00.000Z', FIRST]);
    expect(upcoming[0].startsAt).toBe('2027-02-09T16:00:00.000Z');
  });
});
