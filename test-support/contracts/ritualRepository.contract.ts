import type { Ritual } from '../../bot/src/domain/rituals/ritual';
import type { RitualRepository } from '../../bot/src/domain/rituals/ritualPorts';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { aRitual } from '../builders';

let tenants = 0;
/** A tenant, and a channel community in it, that no other test of the run uses. */
function freshTenant(): { tenantId: string; communityIn: (channel: string) => Pick<Ritual, 'communityId' | 'community'> } {
  tenants += 1;
  const tenantId = `ritual-tenant-${tenants}`;
  return {
    tenantId,
    communityIn: (channel) => ({
      communityId: `${tenantId}|channel|team|${channel}`,
      community: { scope: 'channel', tenantId, teamId: 'team', conversationId: channel },
    }),
  };
}

/**
 * What every RitualRepository does: rituals written whole, listed in creation order by
 * community and by tenant, created once, and changed or deleted only at the version read.
 */
export function describeRitualRepositoryContract(name: string, open: () => Promise<RitualRepository>): void {
  describe(`RitualRepository contract: ${name}`, () => {
    let repo: RitualRepository;

    beforeAll(async () => {
      repo = await open();
    });

    it('reads a ritual back whole, at the version create answered', async () => {
      const where = freshTenant().communityIn('general');
      const ritual = aRitual({
        ...where,
        id: 'whole',
        kind: 'showAndTell',
        featuredExpert: 'Grace',
        meetingUrl: 'https://teams.microsoft.com/l/meetup-join/x',
        slots: 4,
        paused: true,
        changes: [
          {
            occurrenceId: '2026-11-10T16:00:00.000Z',
            kind: 'skipped',
            reason: 'Holiday',
            by: { id: 'a', name: 'Ada' },
            at: '2026-11-02T00:00:00.000Z',
          },
        ],
        schedule: {
          firstStart: '2026-11-10T17:00',
          timeZone: 'Europe/Paris',
          durationMinutes: 60,
          rule: 'FREQ=MONTHLY;BYDAY=2TU',
          until: '2027-06-30',
        },
      });
      const created = await repo.create(ritual);
      expect(created).toEqual({ ...ritual, version: created.version });
      expect(created.version).toEqual(expect.any(String));
      expect(await repo.get(where.communityId, 'whole')).toEqual(created);
      expect(await repo.get(where.communityId, 'none')).toBeUndefined();
    });

    it('lists a community’s rituals in creation order, and a tenant’s across its communities', async () => {
      const tenant = freshTenant();
      const [general, design] = [tenant.communityIn('general'), tenant.communityIn('design')];
      await repo.create(aRitual({ ...general, id: 'b-later', createdAt: '2026-11-03T00:00:00.000Z' }));
      await repo.create(aRitual({ ...general, id: 'a-earlier', createdAt: '2026-11-01T00:00:00.000Z' }));
      await repo.create(aRitual({ ...design, id: 'c-between', createdAt: '2026-11-02T00:00:00.000Z' }));
      await repo.create(aRitual({ ...freshTenant().communityIn('general'), id: 'elsewhere' }));
      expect((await repo.list(general.communityId)).map((r) => r.id)).toEqual(['a-earlier', 'b-later']);
      expect((await repo.listTenant(tenant.tenantId)).map((r) => r.id)).toEqual(['a-earlier', 'c-between', 'b-later']);
      expect(await repo.list(tenant.communityIn('empty').communityId)).toEqual([]);
    });

    it('refuses a second ritual of the same id in a community', async () => {
      const where = freshTenant().communityIn('general');
      await repo.create(aRitual({ ...where, id: 'taken', title: 'First' }));
      const refusal = await repo.create(aRitual({ ...where, id: 'taken', title: 'Second' })).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as ConflictError).subject).toBe('ritual');
      expect((await repo.get(where.communityId, 'taken'))?.title).toBe('First');
    });

    it('replaces a ritual at the version read, and refuses a stale version', async () => {
      const where = freshTenant().communityIn('general');
      const created = await repo.create(aRitual({ ...where, id: 'edited' }));
      const replaced = await repo.replace({ ...created, title: 'Renamed', paused: true });
      expect(replaced.version).not.toBe(created.version);
      expect(await repo.get(where.communityId, 'edited')).toEqual(replaced);
      await expect(repo.replace({ ...created, title: 'Lost' })).rejects.toBeInstanceOf(ConflictError);
      expect((await repo.get(where.communityId, 'edited'))?.title).toBe('Renamed');
    });

    it('says a replaced ritual that was deleted meanwhile is not found', async () => {
      const where = freshTenant().communityIn('general');
      const created = await repo.create(aRitual({ ...where, id: 'deleted' }));
      await repo.remove(created);
      const refusal = await repo.replace({ ...created, title: 'Too late' }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(NotFoundError);
      expect((refusal as NotFoundError).subject).toBe('ritual');
      expect(await repo.get(where.communityId, 'deleted')).toBeUndefined();
    });

    it('deletes at the version read, refuses a stale version, and deletes what is gone quietly', async () => {
      const where = freshTenant().communityIn('general');
      const created = await repo.create(aRitual({ ...where, id: 'removed' }));
      await repo.replace({ ...created, title: 'Changed meanwhile' });
      await expect(repo.remove(created)).rejects.toBeInstanceOf(ConflictError);
      expect(await repo.get(where.communityId, 'removed')).toBeDefined();
      const current = (await repo.get(where.communityId, 'removed'))!;
      await repo.remove(current);
      expect(await repo.get(where.communityId, 'removed')).toBeUndefined();
      await expect(repo.remove(current)).resolves.toBeUndefined();
    });
  });
}
