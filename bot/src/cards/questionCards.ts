import type { Question } from '../domain/questions/question';
import type { Person } from '../domain/shared/person';
import { adaptiveCard, plain, type AdaptiveCard } from './adaptive';

/** What the "Mark as answer" dialog's button submits. */
export type AnswerAction = 'mark' | 'unmark';

/**
 * The "Mark as answer" dialog: whether the reply is the question's answer now, and one
 * button to change that. Opening it changes nothing, so a retried open never toggles.
 */
export function answerDialog(question: Question, reply: { messageId: string; author: Person }): AdaptiveCard {
  const isAnswer = question.answer?.messageId === reply.messageId;
  const other = question.answer && !isAnswer ? question.answer : undefined;
  const lines = isAnswer
    ? [`This reply by ${plain(reply.author.name)} is marked as the answer.`]
    : [
        `Mark this reply by ${plain(reply.author.name)} as the answer to ${plain(question.asker?.name ?? 'the')}’s question?`,
        ...(other ? [`It will replace the reply by ${plain(other.by.name)} marked as the answer now.`] : []),
      ];
  const action: AnswerAction = isAnswer ? 'unmark' : 'mark';
  return adaptiveCard(
    lines.map((text) => ({ type: 'TextBlock', text, wrap: true })),
    [{ type: 'Action.Submit', title: isAnswer ? 'Unmark the answer' : 'Mark as the answer', data: { action } }],
  );
}

/** What a person is told after deciding about a question. */
export function decidedText(tracked: boolean): string {
  return tracked
    ? 'Tracked as a question. Commonplace will follow its replies until an answer is marked.'
    : 'Not a question: Commonplace will not track it, whatever later edits say.';
}

/** What a person is told after marking or unmarking an answer. */
export function answeredText(action: AnswerAction): string {
  return action === 'mark' ? 'Marked as the answer. Thanks for closing the loop!' : 'This reply is no longer marked as the answer.';
}
