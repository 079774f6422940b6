import { describeQuestionFigureRepositoryContract, describeQuestionRepositoryContract } from '../contracts/questionRepository.contract';
import { MemoryQuestionFigureRepository, MemoryQuestionRepository } from './memoryQuestionRepository';

describeQuestionRepositoryContract('in memory', async () => new MemoryQuestionRepository());
describeQuestionFigureRepositoryContract('in memory', async () => new MemoryQuestionFigureRepository());
