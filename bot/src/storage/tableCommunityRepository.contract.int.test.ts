import { describeCommunityRepositoryContract } from '../../../test-support/contracts/communityRepository.contract';
import { freshTables } from '../../../test-support/storage';
import { TableCommunityRepository } from './tableCommunityRepository';

describeCommunityRepositoryContract(
  'Table storage (Azurite)',
  async () => new TableCommunityRepository((await freshTables()).tables.communities),
);
