import { describeCardRepositoryContract } from '../../../test-support/contracts/cardRepository.contract';
import { describeContributionRepositoryContract } from '../../../test-support/contracts/contributionRepository.contract';
import { stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { TableContributionRepository } from './tableContributionRepository';
import { tableCardStore } from './tableCardRepository';

async function openStore() {
  const { tables } = await freshTables();
  const { cards, indexer } = tableCardStore(tables, stripTags);
  return {
    cards,
    contributions: new TableContributionRepository(tables.contributions),
    settled: () => indexer.idle(),
    close: () => indexer.idle(),
  };
}

describeCardRepositoryContract('Table storage (Azurite)', openStore);
describeContributionRepositoryContract('Table storage (Azurite)', openStore);
