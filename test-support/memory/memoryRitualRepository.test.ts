import { describeRitualRepositoryContract } from '../contracts/ritualRepository.contract';
import { MemoryRitualRepository } from './memoryRitualRepository';

describeRitualRepositoryContract('in memory', async () => new MemoryRitualRepository());
