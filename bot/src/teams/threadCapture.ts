import type { Activity, TurnContext } from 'botbuilder';
import { communityId } from '../domain/communities/community';
import type { QuestionFigureRepository, QuestionRepository } from '../domain/questions/questionPorts';
import { forgetChannelMessage, isBotId, trackChannelMessage } from '../domain/questions/trackQuestions';
import type { Clock } from '../domain/shared/clock';
import type { ThreadRepository } from '../domain/threads/threadPorts';
import { forgetThreadMessage, keepThreadMessage } from '../domain/threads/threadMessages';
import { communityOf, threadIdInConversation } from './activityContext';
import { harvestedFromPayload } from './messagePayload';

/** What thread capture needs. */
export interface ThreadCaptureDeps {
  threads: ThreadRepository;
  clock: Clock;
  retentionDays: number;
}

interface ChannelMessageInfo {
  communityId: string;
  threadRootId: string;
  messageId: string;
}

/**
 * Where a channel message sits, or undefined for anything that is not a person's
 * channel message (chats, the bot's own posts): only channel threads are kept.
 */
function channelMessageOf(activity: Partial<Activity>): ChannelMessageInfo | undefined {
  if (activity.conversation?.conversationType !== 'channel' || !activity.id) return undefined;
  if (activity.from?.id && activity.from.id === activity.recipient?.id) return undefined;
  const community = communityOf(activity);
  const threadRootId = threadIdInConversation(activity.conversation.id) ?? activity.replyToId ?? activity.id;
  return { communityId: communityId(community), threadRootId, messageId: activity.id };
}

/** Teams puts the full HTML of a message in a text/html attachment; `text` is the fallback. */
function htmlOf(activity: Partial<Activity>): { content: string; contentType: string } {
  const html = activity.attachments?.find((a) => a.contentType === 'text/html' && typeof a.content === 'string');
  if (html) return { content: html.content as string, contentType: 'html' };
  // Teams marks most messages "plain" yet still writes <at> mentions and markup into text.
  const text = activity.text ?? '';
  return { content: text, contentType: /<\/?(at|p|div|br|span|b|i|strong|em|a|ul|ol|li|pre|code)\b/i.test(text) ? 'html' : 'text' };
}

/** What question tracking needs, besides what thread capture does. */
export interface QuestionTrackingDeps {
  questions: QuestionRepository;
  questionFigures: QuestionFigureRepository;
  threads: ThreadRepository;
  clock: Clock;
}

/** Mentions (of the bot, which the Playground requires, or of people) are not part of what a post asks. */
const MENTION = /<at\b[^>]*>[\s\S]*?<\/at>/gi;

/**
 * Follows a new or edited root post or reply of a community's channel as a question (see
 * trackChannelMessage): bots' posts, chats and activities that name no channel are not.
 * Runs after {@link captureChannelMessage}, so a root finds the replies kept before it.
 */
export async function trackChannelQuestion(context: TurnContext, kind: 'post' | 'edit', deps: QuestionTrackingDeps): Promise<void> {
  const activity = context.activity;
  const where = channelMessageOf(activity);
  if (!where) return;
  const body = htmlOf(activity);
  const message = harvestedFromPayload(
    {
      id: where.messageId,
      createdDateTime: activity.timestamp ? new Date(activity.timestamp).toISOString() : undefined,
      from: { user: { id: activity.from?.id, aadObjectId: activity.from?.aadObjectId, displayName: activity.from?.name } },
      body: { ...body, content: body.content.replace(MENTION, ' ') },
    },
    deps.clock.now(),
  );
  await trackChannelMessage(
    {
      communityId: where.communityId,
      messageId: where.messageId,
      threadRootId: where.threadRootId,
      author: message.author,
      authorIsBot: isBotId(activity.from?.id ?? '') || activity.from?.role === 'bot',
      sentAt: message.sentAt,
      text: message.text,
      kind,
      at: message.sentAt,
    },
    deps,
  );
}

/** Stops following a deleted channel message as a question, or as its answer. */
export async function forgetChannelQuestion(context: TurnContext, deps: QuestionTrackingDeps): Promise<void> {
  const where = channelMessageOf(context.activity);
  if (!where) return;
  await forgetChannelMessage(where, deps);
}

/**
 * Keeps a new or edited channel message for the thread-harvest window, so that
 * "Save to community" can offer the thread's replies.
 */
export async function captureChannelMessage(context: TurnContext, deps: ThreadCaptureDeps): Promise<void> {
  const activity = context.activity;
  const where = channelMessageOf(activity);
  if (!where) return;
  const body = htmlOf(activity);
  const mentions = (activity.entities ?? [])
    .filter((e) => e.type === 'mention')
    .map((e) => ({
      mentionText: typeof e.text === 'string' ? e.text : undefined,
      mentioned: { user: { id: e.mentioned?.id as string | undefined, displayName: e.mentioned?.name as string | undefined } },
    }));
  const message = harvestedFromPayload(
    {
      id: where.messageId,
      createdDateTime: activity.timestamp ? new Date(activity.timestamp).toISOString() : undefined,
      from: { user: { id: activity.from?.id, aadObjectId: activity.from?.aadObjectId, displayName: activity.from?.name } },
      body,
      mentions,
    },
    deps.clock.now(),
  );
  if (!message.text.trim()) return;
  await keepThreadMessage(
    { communityId: where.communityId, threadRootId: where.threadRootId, message, retentionDays: deps.retentionDays },
    deps,
  );
}

/** Forgets a channel message that was deleted in Teams. */
export async function forgetDeletedMessage(context: TurnContext, deps: ThreadCaptureDeps): Promise<void> {
  const where = channelMessageOf(context.activity);
  if (!where) return;
  await forgetThreadMessage(where, deps);
}
