import { describeRitualItemRepositoryContract } from '../contracts/ritualItemRepository.contract';
import { MemoryRitualItemRepository } from './memoryRitualItemRepository';

describeRitualItemRepositoryContract('in memory', async () => new MemoryRitualItemRepository());
