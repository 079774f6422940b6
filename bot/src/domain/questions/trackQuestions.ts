import type { CommunityRepository, TeamDirectory } from '../communities/communityPorts';
import { defaultProfile, roleIn } from '../communities/communityProfile';
import { communityId as idOfCommunity, type CommunityRef } from '../communities/community';
import type { Clock } from '../shared/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../shared/errors';
import type { Person } from '../shared/person';
import type { ThreadRepository } from '../threads/threadPorts';
import { questionTerms, sameQuestion, type FirstResponse, type Question } from './question';
import { contributionOf, weekFiguresOf, weekOf, type WeekFigures } from './questionFigures';
import type { QuestionFigureRepository, QuestionRepository } from './questionPorts';
import { readsAsQuestion } from './questionRule';

/** What tracking questions needs. */
export interface QuestionPorts {
  questions: QuestionRepository;
  questionFigures: QuestionFigureRepository;
  /** The channel's recent messages: replies that came before their root are found here. */
  threads: ThreadRepository;
  clock: Clock;
}

/** What deciding who may mark questions needs, besides the question itself. */
export interface QuestionManagerPorts {
  communities: CommunityRepository;
  directory: TeamDirectory;
}

/** A person's message in a community's channel, as the bot received it. */
export interface ChannelMessageEvent {
  communityId: string;
  messageId: string;
  threadRootId: string;
  author: Person;
  /** Bots' posts (and the threads of the bot's own posts) are never questions. */
  authorIsBot: boolean;
  /** When the message was written, ISO 8601. */
  sentAt: string;
  /** Its plain text, mentions removed. */
  text: string;
  /** A new post, or an edit; `at` is when the event happened (the edit's time for an edit). */
  kind: 'post' | 'edit';
  at: string;
}

/** How many times a write that lost a race is tried again from a fresh read. */
const ATTEMPTS = 4;

/** Bots post as `28:<app id>` in Teams. */
export function isBotId(id: string): boolean {
  return id.startsWith('28:');
}

/**
 * Follows a channel message: a root post is judged by the rule (unless someone marked
 * it), a reply may be its question's first response. Idempotent, and tolerant of order:
 * a duplicate changes nothing, a late original never replaces its edit, a reply that
 * came before its root is found in the thread when the root arrives, and a reply to a
 * root that is not a tracked question leaves nothing behind.
 */
export async function trackChannelMessage(event: ChannelMessageEvent, ports: QuestionPorts): Promise<Question | undefined> {
  if (event.authorIsBot || isBotId(event.author.id)) return undefined;
  if (event.messageId !== event.threadRootId) return trackReply(event, ports);
  return updateQuestion(
    event.communityId,
    event.messageId,
    async (current) => {
      if (current?.deletedAt) return current;
      const newerContent =
        !current?.contentFrom || (event.kind === 'edit' && (current.contentFrom === 'post' || (current.contentAt ?? '') <= event.at));
      const judged = readsAsQuestion(event.text);
      if (!current) {
        // Nothing is stored for a post that is not a question; an edit leaves a marker so
        // that its original, arriving late, is not judged on words that were changed.
        if (!judged && event.kind === 'post') return undefined;
      }
      const tracked = current?.explicit ? current.tracked : newerContent ? judged : (current?.tracked ?? false);
      const askedAt = earliest(current?.askedAt, event.kind === 'post' ? event.sentAt : (current?.askedAt ?? event.sentAt));
      const next: Question = {
        ...(current ?? { communityId: event.communityId, messageId: event.messageId, terms: [], escalatedSteps: 0 }),
        asker: current?.asker ?? event.author,
        askedAt,
        tracked,
        terms: tracked ? (newerContent ? questionTerms(event.text) : (current?.terms ?? [])) : [],
        ...(newerContent ? { contentFrom: event.kind, contentAt: event.at } : {}),
      };
      return tracked ? withFirstResponse(next, ports) : withoutResponses(next);
    },
    ports,
  );
}

async function trackReply(event: ChannelMessageEvent, ports: QuestionPorts): Promise<Question | undefined> {
  return updateQuestion(
    event.communityId,
    event.threadRootId,
    async (current) => {
      if (!current || !current.tracked || current.deletedAt || !current.asker) return current;
      if (event.author.id === current.asker.id) return current;
      if (current.firstResponse && current.firstResponse.at <= event.sentAt) return current;
      return { ...current, firstResponse: { by: event.author, messageId: event.messageId, at: event.sentAt } };
    },
    ports,
    { createsNothing: true },
  );
}

/**
 * Follows a message deleted in Teams: a deleted root is no longer tracked (a marker stays
 * so that the post, arriving late, is not tracked again); a deleted reply is no longer its
 * question's answer or first response.
 */
export async function forgetChannelMessage(
  event: { communityId: string; threadRootId: string; messageId: string },
  ports: QuestionPorts,
): Promise<Question | undefined> {
  const now = ports.clock.now().toISOString();
  if (event.messageId === event.threadRootId) {
    return updateQuestion(
      event.communityId,
      event.messageId,
      async (current) =>
        current?.deletedAt
          ? current
          : {
              // Only the ids are kept, and the week it was counted in until the figures drop it.
              communityId: event.communityId,
              messageId: event.messageId,
              tracked: false,
              terms: [],
              escalatedSteps: 0,
              deletedAt: now,
              ...(current?.countedWeek ? { countedWeek: current.countedWeek } : {}),
              ...(current?.version ? { version: current.version } : {}),
            },
      ports,
    );
  }
  return updateQuestion(
    event.communityId,
    event.threadRootId,
    async (current) => {
      if (!current || current.deletedAt) return current;
      let next = current;
      if (next.answer?.messageId === event.messageId) {
        const { answer: _removed, ...rest } = next;
        next = rest;
      }
      if (next.firstResponse?.messageId === event.messageId) {
        const { firstResponse: _removed, ...rest } = next;
        next = await withFirstResponse(rest, ports, event.messageId);
      }
      return next;
    },
    ports,
    { createsNothing: true },
  );
}

/** The message a person used a message action on. */
export interface ActedMessage {
  messageId: string;
  /** The root of its thread; the message itself when it is one. */
  threadRootId: string;
  author: Person;
  sentAt: string;
  text: string;
}

/** Who is acting, and in which community. */
export interface QuestionActor {
  community: CommunityRef;
  person: Person;
}

/**
 * "Track as a question" (`track` true) or "Not a question" (false), by the asker or a
 * manager: the decision stands until someone changes it, whatever later edits say.
 * Saying the same twice changes nothing.
 * @throws ValidationError for a reply; ForbiddenError for anyone else; NotFoundError for a deleted post.
 */
export async function decideQuestion(
  command: { actor: QuestionActor; message: ActedMessage; track: boolean },
  ports: QuestionPorts & QuestionManagerPorts,
): Promise<Question> {
  const { actor, message } = command;
  if (message.messageId !== message.threadRootId) {
    throw new ValidationError([
      { field: 'message', message: 'Only a post that starts a conversation can be a question; a reply never is.' },
    ]);
  }
  if (message.author.id && isBotId(message.author.id)) {
    throw new ValidationError([{ field: 'message', message: 'Posts by bots are never tracked as questions.' }]);
  }
  const communityId = idOfCommunity(actor.community);
  const now = ports.clock.now().toISOString();
  const saved = await updateQuestion(
    communityId,
    message.messageId,
    async (current) => {
      if (current?.deletedAt) throw new NotFoundError('question');
      const asker = current?.asker ?? message.author;
      await assertMayMark(actor, asker, ports);
      if (current?.explicit && current.tracked === command.track) return current;
      const next: Question = {
        ...(current ?? { communityId, messageId: message.messageId, escalatedSteps: 0, terms: [] }),
        asker,
        askedAt: current?.askedAt ?? message.sentAt,
        tracked: command.track,
        explicit: { by: actor.person, at: now },
        terms: command.track ? (current?.terms.length ? current.terms : questionTerms(message.text)) : [],
      };
      return command.track ? withFirstResponse(next, ports) : withoutResponses(next);
    },
    ports,
  );
  return saved!;
}

/**
 * "Mark as answer" on a reply (`mark` true), or taking the mark back (false), by the
 * asker or a manager. Marking the marked reply again, or unmarking a reply that is not
 * the answer, changes nothing.
 * @throws ValidationError on a root post; NotFoundError when the thread's root is not a tracked question; ForbiddenError for anyone else.
 */
export async function markAnswer(
  command: { actor: QuestionActor; reply: ActedMessage; mark: boolean },
  ports: QuestionPorts & QuestionManagerPorts,
): Promise<Question> {
  const { actor, reply } = command;
  if (reply.messageId === reply.threadRootId) {
    throw new ValidationError([
      { field: 'message', message: 'Mark a reply in the question’s thread as its answer, not the question itself.' },
    ]);
  }
  const communityId = idOfCommunity(actor.community);
  const now = ports.clock.now().toISOString();
  const saved = await updateQuestion(
    communityId,
    reply.threadRootId,
    async (current) => {
      if (!current || !current.tracked || current.deletedAt || !current.asker) throw new NotFoundError('question');
      await assertMayMark(actor, current.asker, ports);
      if (!command.mark) {
        if (current.answer?.messageId !== reply.messageId) return current;
        const { answer: _removed, ...rest } = current;
        return rest;
      }
      if (current.answer?.messageId === reply.messageId) return current;
      const responded =
        reply.author.id !== current.asker.id &&
        !isBotId(reply.author.id) &&
        (!current.firstResponse || reply.sentAt < current.firstResponse.at);
      return {
        ...current,
        ...(responded ? { firstResponse: { by: reply.author, messageId: reply.messageId, at: reply.sentAt } } : {}),
        answer: { messageId: reply.messageId, by: reply.author, at: reply.sentAt, markedBy: actor.person, markedAt: now },
      };
    },
    ports,
  );
  return saved!;
}

/** The asker decides about their question; managers about any. @throws ForbiddenError */
async function assertMayMark(actor: QuestionActor, asker: Person, ports: QuestionManagerPorts): Promise<void> {
  if (actor.person.id === asker.id) return;
  const ref = actor.community;
  if (ref.scope === 'channel' && ref.teamId) {
    const teamRole = await ports.directory.roleOf({ tenantId: ref.tenantId, teamId: ref.teamId }, actor.person.id);
    if (teamRole) {
      const id = idOfCommunity(ref);
      const profile = (await ports.communities.get(id)) ?? defaultProfile(id);
      if (roleIn(profile, actor.person, teamRole) === 'manager') return;
    }
  }
  throw new ForbiddenError('question', 'decide about someone else’s question');
}

/** The question with its first response found among the thread's kept replies, if it has none. */
async function withFirstResponse(question: Question, ports: QuestionPorts, skipMessageId?: string): Promise<Question> {
  if (question.firstResponse || !question.asker) return question;
  const replies = await ports.threads.list(question.communityId, question.messageId, ports.clock.now());
  const first = replies.find(
    (m) =>
      m.messageId !== question.messageId &&
      m.messageId !== skipMessageId &&
      m.author.id !== question.asker!.id &&
      m.author.id &&
      !isBotId(m.author.id),
  );
  if (!first) return question;
  const response: FirstResponse = { by: first.author, messageId: first.messageId, at: first.sentAt };
  return { ...question, firstResponse: response };
}

/** What is not a question keeps no responses, answer or terms. */
function withoutResponses(question: Question): Question {
  const { firstResponse: _f, answer: _a, ...rest } = question;
  return { ...rest, terms: [] };
}

function earliest(a: string | undefined, b: string): string {
  return a !== undefined && a < b ? a : b;
}

/**
 * Reads a question, applies a change and writes it at the version read, trying again
 * from a fresh read when another delivery wrote first; then brings the week's figures up
 * to date. A change that changes nothing writes nothing, but finishes figures a failed
 * earlier attempt left pending.
 */
async function updateQuestion(
  communityId: string,
  messageId: string,
  change: (current: Question | undefined) => Promise<Question | undefined>,
  ports: QuestionPorts,
  options: { createsNothing?: boolean } = {},
): Promise<Question | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await ports.questions.get(communityId, messageId);
    if (!current && options.createsNothing) return undefined;
    const next = await change(current);
    if (!next || (current && sameQuestion(current, next))) {
      if (current?.figuresPending) return settleFigures(current, ports);
      return current;
    }
    try {
      const saved = await ports.questions.save({ ...next, figuresPending: true, ...(current ? { version: current.version } : {}) });
      return await settleFigures(saved, ports);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Counts a question in its week's figures (and out of a week it was counted in before), then clears its flag. */
async function settleFigures(question: Question, ports: QuestionPorts): Promise<Question> {
  const week = question.askedAt ? weekOf(question.askedAt) : undefined;
  if (question.countedWeek && question.countedWeek !== week) {
    await ports.questionFigures.putContribution({ ...contributionOf(question, question.countedWeek), counted: false });
    await refreshWeek(question.communityId, question.countedWeek, ports);
  }
  if (week) {
    await ports.questionFigures.putContribution(contributionOf(question, week));
    await refreshWeek(question.communityId, week, ports);
  }
  const { countedWeek: _previous, ...rest } = question;
  try {
    return await ports.questions.save({ ...rest, ...(week ? { countedWeek: week } : {}), figuresPending: false });
  } catch (error) {
    // Someone changed the question meanwhile: their write settles the figures again.
    if (error instanceof ConflictError) return question;
    throw error;
  }
}

/**
 * Rewrites a week's figures from what its questions add, at the version read before
 * reading them: a writer that read older contributions loses the race and reads again,
 * so the last write always counts every question written before it. Figures that already
 * say what the contributions do are left alone: another writer counted this question.
 */
async function refreshWeek(communityId: string, week: string, ports: QuestionPorts): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await ports.questionFigures.getWeek(communityId, week);
    const figures = weekFiguresOf(communityId, week, await ports.questionFigures.contributions(communityId, week));
    if (current && sameFigures(current, figures)) return;
    try {
      await ports.questionFigures.saveWeek({ ...figures, ...(current?.version ? { version: current.version } : {}) });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= WEEK_ATTEMPTS) throw error;
    }
  }
}

/** How many times a week's figures are read again after another writer changed them first. */
const WEEK_ATTEMPTS = 12;

function sameFigures(a: WeekFigures, b: WeekFigures): boolean {
  const strip = ({ version: _v, ...rest }: WeekFigures) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
