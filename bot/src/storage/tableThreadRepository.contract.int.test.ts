import { describeThreadRepositoryContract } from '../../../test-support/contracts/threadRepository.contract';
import { stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { TableThreadRepository } from './tableThreadRepository';

describeThreadRepositoryContract('Table storage (Azurite)', async () => {
  const { tables } = await freshTables();
  return new TableThreadRepository(tables.threads, tables.retention, stripTags);
});
