import type { Question } from '../../bot/src/domain/questions/question';
import type { QuestionContribution, WeekFigures } from '../../bot/src/domain/questions/questionFigures';
import type { QuestionFigureRepository, QuestionRepository } from '../../bot/src/domain/questions/questionPorts';
import { ConflictError } from '../../bot/src/domain/shared/errors';
import { copy, nextVersion } from './versions';

const key = (...parts: string[]) => parts.join('\n');

/** Questions in memory, written conditionally on their version as Table storage writes them. */
export class MemoryQuestionRepository implements QuestionRepository {
  private readonly questions = new Map<string, Question>();

  async get(communityId: string, messageId: string): Promise<Question | undefined> {
    const question = this.questions.get(key(communityId, messageId));
    return question && copy(question);
  }

  async save(question: Question): Promise<Question> {
    const at = key(question.communityId, question.messageId);
    const current = this.questions.get(at);
    if (question.version === undefined ? current : current?.version !== question.version) throw new ConflictError('question');
    const saved = { ...copy(question), version: nextVersion() };
    this.questions.set(at, saved);
    return copy(saved);
  }
}

/** Weekly question figures, and what each question adds to them, in memory. */
export class MemoryQuestionFigureRepository implements QuestionFigureRepository {
  private readonly contributionsByKey = new Map<string, QuestionContribution>();
  private readonly weeksByKey = new Map<string, WeekFigures>();

  async putContribution(contribution: QuestionContribution): Promise<void> {
    this.contributionsByKey.set(key(contribution.communityId, contribution.week, contribution.messageId), copy(contribution));
  }

  async contributions(communityId: string, week: string): Promise<QuestionContribution[]> {
    return [...this.contributionsByKey.values()]
      .filter((c) => c.communityId === communityId && c.week === week)
      .sort((a, b) => a.messageId.localeCompare(b.messageId))
      .map(copy);
  }

  async getWeek(communityId: string, week: string): Promise<WeekFigures | undefined> {
    const figures = this.weeksByKey.get(key(communityId, week));
    return figures && copy(figures);
  }

  async saveWeek(figures: WeekFigures): Promise<WeekFigures> {
    const at = key(figures.communityId, figures.week);
    const current = this.weeksByKey.get(at);
    if (figures.version === undefined ? current : current?.version !== figures.version) throw new ConflictError('question');
    const saved = { ...copy(figures), version: nextVersion() };
    this.weeksByKey.set(at, saved);
    return copy(saved);
  }

  async weeks(communityId: string, fromWeek: string, toWeek: string): Promise<WeekFigures[]> {
    return [...this.weeksByKey.values()]
      .filter((w) => w.communityId === communityId && w.week >= fromWeek && w.week <= toWeek)
      .sort((a, b) => a.week.localeCompare(b.week))
      .map(copy);
  }
}
