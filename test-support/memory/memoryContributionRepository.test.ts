import { describeContributionRepositoryContract } from '../contracts/contributionRepository.contract';
import { MemoryCardRepository } from './memoryCardRepository';

describeContributionRepositoryContract('in memory', async () => {
  const cards = new MemoryCardRepository();
  return { cards, contributions: cards.contributions, settled: async () => undefined };
});
