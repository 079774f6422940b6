import { describeCommunityRepositoryContract } from '../contracts/communityRepository.contract';
import { MemoryCommunityRepository } from './memoryCommunityRepository';

describeCommunityRepositoryContract('in memory', async () => new MemoryCommunityRepository());
