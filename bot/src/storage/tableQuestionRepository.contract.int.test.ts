import {
  describeQuestionFigureRepositoryContract,
  describeQuestionRepositoryContract,
} from '../../../test-support/contracts/questionRepository.contract';
import { freshTables } from '../../../test-support/storage';
import { TableQuestionFigureRepository, TableQuestionRepository } from './tableQuestionRepository';

describeQuestionRepositoryContract(
  'Table storage (Azurite)',
  async () => new TableQuestionRepository((await freshTables()).tables.questions),
);
describeQuestionFigureRepositoryContract('Table storage (Azurite)', async () => {
  const { tables } = await freshTables();
  return new TableQuestionFigureRepository(tables.questionContributions, tables.questionFigures);
});
