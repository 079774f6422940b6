import type { CommunityRepository } from '../../bot/src/domain/communities/communityPorts';
import { defaultProfile, type CommunityProfile } from '../../bot/src/domain/communities/communityProfile';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { ADA, GRACE } from '../builders';
import { freshCommunity } from './cardRepository.contract';

/**
 * What every CommunityRepository does: a profile is written whole, created once, and
 * changed only at the version it was read at.
 */
export function describeCommunityRepositoryContract(name: string, open: () => Promise<CommunityRepository>): void {
  describe(`CommunityRepository contract: ${name}`, () => {
    let repo: CommunityRepository;

    beforeAll(async () => {
      repo = await open();
    });

    const named = (communityId: string): CommunityProfile => ({
      ...defaultProfile(communityId),
      name: 'Platform guild',
      managers: [ADA, GRACE],
      reviewIntervalDays: 30,
      configuredAt: '2026-11-01T09:00:00.000Z',
      configuredBy: ADA,
    });

    it('has no profile for a community nobody configured', async () => {
      expect(await repo.get(freshCommunity('unconfigured'))).toBeUndefined();
    });

    it('creates a profile and reads it back whole, at the version it answered', async () => {
      const community = freshCommunity('profile');
      const saved = await repo.save(named(community));
      expect(saved.version).toEqual(expect.any(String));
      expect(saved).toEqual({ ...named(community), version: saved.version });
      expect(await repo.get(community)).toEqual(saved);
    });

    it('keeps a profile without the optional fields as it is', async () => {
      const community = freshCommunity('bare');
      const saved = await repo.save(defaultProfile(community));
      expect(await repo.get(community)).toEqual({ ...defaultProfile(community), version: saved.version });
    });

    it('changes a profile at the version read, to a new version', async () => {
      const community = freshCommunity('change');
      const saved = await repo.save(named(community));
      const changed = await repo.save({ ...saved, name: 'Renamed', managers: [GRACE] });
      expect(changed.version).not.toBe(saved.version);
      expect(await repo.get(community)).toEqual({ ...named(community), name: 'Renamed', managers: [GRACE], version: changed.version });
    });

    it('refuses to create a profile someone else created first', async () => {
      const community = freshCommunity('created-twice');
      await repo.save(named(community));
      const refusal = await repo.save({ ...named(community), name: 'Second' }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as ConflictError).subject).toBe('community');
      expect((await repo.get(community))?.name).toBe('Platform guild');
    });

    it('refuses a change from a stale version, keeping the change that won', async () => {
      const community = freshCommunity('stale');
      const saved = await repo.save(named(community));
      await repo.save({ ...saved, name: 'First change' });
      await expect(repo.save({ ...saved, name: 'Lost change' })).rejects.toBeInstanceOf(ConflictError);
      expect((await repo.get(community))?.name).toBe('First change');
    });

    it('lets one of several changes from the same version win', async () => {
      const community = freshCommunity('race');
      const saved = await repo.save(named(community));
      const results = await Promise.allSettled([1, 2, 3].map((i) => repo.save({ ...saved, name: `Change ${i}` })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(2);
    });

    it('says a versioned change of a profile that is not there is not found', async () => {
      const community = freshCommunity('vanished');
      const saved = await repo.save(named(freshCommunity('elsewhere')));
      const refusal = await repo.save({ ...named(community), version: saved.version }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(NotFoundError);
      expect((refusal as NotFoundError).subject).toBe('community');
    });
  });
}
