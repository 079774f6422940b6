import { describeThreadRepositoryContract } from '../contracts/threadRepository.contract';
import { MemoryThreadRepository } from './memoryThreadRepository';

describeThreadRepositoryContract('in memory', async () => new MemoryThreadRepository());
