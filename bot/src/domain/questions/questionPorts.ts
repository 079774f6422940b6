import type { Question } from './question';
import type { QuestionContribution, WeekFigures } from './questionFigures';

/** Storage of questions, one per root message of a community's channel. */
export interface QuestionRepository {
  get(communityId: string, messageId: string): Promise<Question | undefined>;
  /**
   * Writes a question if it is still at `question.version` (or does not exist yet when it has none).
   * @throws ConflictError when someone changed or created it in between.
   */
  save(question: Question): Promise<Question>;
}

/** Storage of the weekly question figures, and of what each question adds to them. */
export interface QuestionFigureRepository {
  /** Inserts or replaces what one question adds to one week. */
  putContribution(contribution: QuestionContribution): Promise<void>;
  /** What every question asked in the week adds. */
  contributions(communityId: string, week: string): Promise<QuestionContribution[]>;
  getWeek(communityId: string, week: string): Promise<WeekFigures | undefined>;
  /**
   * Writes a week's figures if they are still at `figures.version` (or do not exist yet when it has none).
   * @throws ConflictError when someone wrote them in between.
   */
  saveWeek(figures: WeekFigures): Promise<WeekFigures>;
  /** The weeks from `fromWeek` to `toWeek` (both `YYYY-MM-DD`, inclusive) that have figures, oldest first. */
  weeks(communityId: string, fromWeek: string, toWeek: string): Promise<WeekFigures[]>;
}
