import { describeRitualRepositoryContract } from '../../../test-support/contracts/ritualRepository.contract';
import { freshTables } from '../../../test-support/storage';
import { TableRitualRepository } from './tableRitualRepository';

describeRitualRepositoryContract('Table storage (Azurite)', async () => new TableRitualRepository((await freshTables()).tables.rituals));
