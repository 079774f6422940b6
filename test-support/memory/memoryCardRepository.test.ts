import { describeCardRepositoryContract } from '../contracts/cardRepository.contract';
import { MemoryCardRepository } from './memoryCardRepository';

describeCardRepositoryContract('in memory', async () => {
  const cards = new MemoryCardRepository();
  return { cards, contributions: cards.contributions, settled: async () => undefined };
});
