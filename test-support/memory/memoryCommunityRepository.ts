import type { CommunityRepository } from '../../bot/src/domain/communities/communityPorts';
import type { CommunityProfile } from '../../bot/src/domain/communities/communityProfile';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { copy, nextVersion } from './versions';

/** Community profiles in memory, written conditionally on their version as Table storage writes them. */
export class MemoryCommunityRepository implements CommunityRepository {
  private readonly profiles = new Map<string, CommunityProfile>();

  async get(communityId: string): Promise<CommunityProfile | undefined> {
    const profile = this.profiles.get(communityId);
    return profile && copy(profile);
  }

  async save(profile: CommunityProfile): Promise<CommunityProfile> {
    const current = this.profiles.get(profile.communityId);
    if (profile.version === undefined && current) throw new ConflictError('community');
    if (profile.version !== undefined && !current) throw new NotFoundError('community');
    if (profile.version !== undefined && current?.version !== profile.version) throw new ConflictError('community');
    const saved = { ...copy(profile), version: nextVersion() };
    this.profiles.set(profile.communityId, saved);
    return copy(saved);
  }
}
