import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { cardAttachment } from '../cards/adaptive';
import { answerDialog, answeredText, decidedText, type AnswerAction } from '../cards/questionCards';
import type { CommunityRepository, TeamDirectory } from '../domain/communities/communityPorts';
import type { QuestionFigureRepository, QuestionRepository } from '../domain/questions/questionPorts';
import { trackedQuestion } from '../domain/questions/readQuestions';
import { decideQuestion, markAnswer, type ActedMessage, type QuestionActor } from '../domain/questions/trackQuestions';
import type { Clock } from '../domain/shared/clock';
import { ValidationError } from '../domain/shared/errors';
import type { ThreadRepository } from '../domain/threads/threadPorts';
import { personOf } from './activityContext';
import { MalformedInvokeError, parseMessageAction, type MessageActionRequest } from './messageAction';
import type { PeopleResolver } from './people';

/** What the question message actions need. */
export interface QuestionActionDeps {
  questions: QuestionRepository;
  questionFigures: QuestionFigureRepository;
  threads: ThreadRepository;
  communities: CommunityRepository;
  directory: TeamDirectory;
  clock: Clock;
  people: PeopleResolver;
}

/** The title of the question dialogs. */
export const QUESTION_DIALOG_TITLE = 'Commonplace';

interface QuestionAction {
  actor: QuestionActor;
  message: ActedMessage;
  request: MessageActionRequest;
}

/**
 * A question message action, parsed: who acts (by their Entra object id), on which
 * message, whose author is resolved to their Entra object id however the payload names them.
 * @throws ValidationError outside a team channel, where there are no questions to track.
 */
async function questionActionOf(context: TurnContext, deps: QuestionActionDeps): Promise<QuestionAction> {
  const request = parseMessageAction(context.activity, deps.clock.now());
  if (request.community.scope !== 'channel' || !request.source.threadRootId) {
    throw new ValidationError([{ field: 'message', message: 'Commonplace tracks questions in team channels only.' }]);
  }
  const author = request.authorNeedsResolving
    ? await deps.people.resolve(context, request.actedMessage.author)
    : request.actedMessage.author;
  return {
    request,
    actor: { community: request.community, person: personOf(context.activity.from) },
    message: {
      messageId: request.actedMessage.messageId,
      threadRootId: request.source.threadRootId,
      author,
      sentAt: request.actedMessage.sentAt,
      text: request.actedMessage.text,
    },
  };
}

/** "Track as a question" (`track` true) or "Not a question": decides at once and says so. */
export async function decideFromAction(context: TurnContext, track: boolean, deps: QuestionActionDeps): Promise<string> {
  const { actor, message } = await questionActionOf(context, deps);
  const question = await decideQuestion({ actor, message, track }, deps);
  return decidedText(question.tracked);
}

/** `fetchTask` of "Mark as answer": shows whether the reply is the answer, with one button to change that. */
export async function openAnswerDialog(context: TurnContext, deps: QuestionActionDeps): Promise<TaskModuleTaskInfo> {
  const { request, message } = await questionActionOf(context, deps);
  if (message.messageId === message.threadRootId) {
    throw new ValidationError([{ field: 'message', message: 'Use "Mark as answer" on a reply in the question’s thread.' }]);
  }
  const question = await trackedQuestion({ communityId: request.communityId, threadRootId: message.threadRootId }, deps);
  return {
    title: QUESTION_DIALOG_TITLE,
    width: 'medium',
    height: 'small',
    card: cardAttachment(answerDialog(question, { messageId: message.messageId, author: message.author })),
  };
}

const answerSubmissionSchema = z.object({ action: z.enum(['mark', 'unmark']) });

/** `submitAction` of "Mark as answer": marks or unmarks, which a retry repeats harmlessly. */
export async function submitAnswer(context: TurnContext, deps: QuestionActionDeps): Promise<string> {
  const { actor, message, request } = await questionActionOf(context, deps);
  const parsed = answerSubmissionSchema.safeParse(request.data);
  if (!parsed.success) throw new MalformedInvokeError('data.action: must be "mark" or "unmark"');
  const action: AnswerAction = parsed.data.action;
  await markAnswer({ actor, reply: message, mark: action === 'mark' }, deps);
  return answeredText(action);
}
