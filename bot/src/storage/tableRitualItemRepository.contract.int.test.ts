import { describeRitualItemRepositoryContract } from '../../../test-support/contracts/ritualItemRepository.contract';
import { freshTables } from '../../../test-support/storage';
import { TableRitualItemRepository } from './tableRitualItemRepository';

describeRitualItemRepositoryContract(
  'Table storage (Azurite)',
  async () => new TableRitualItemRepository((await freshTables()).tables.ritualItems),
);
