import { NotFoundError } from '../shared/errors';
import type { Question } from './question';
import type { QuestionRepository } from './questionPorts';

/** The tracked question a thread's root is. @throws NotFoundError when it is not one (or was deleted). */
export async function trackedQuestion(
  command: { communityId: string; threadRootId: string },
  ports: { questions: QuestionRepository },
): Promise<Question> {
  const question = await ports.questions.get(command.communityId, command.threadRootId);
  if (!question || !question.tracked || question.deletedAt) throw new NotFoundError('question');
  return question;
}
