import type { Activity, ChannelAccount } from 'botbuilder';
import { communityId, type CommunityRef } from '../domain/communities/community';
import { UnsupportedConversationError } from '../domain/shared/errors';
import { isWellFormedId, wellFormedText } from '../domain/shared/ids';
import type { KnownTeam } from '../domain/installation/installation';
import { UNKNOWN_PERSON_NAME, type Person } from '../domain/shared/person';

/**
 * The activity names its tenant, team, channel, conversation or sender with an id Teams
 * never gives (a lone surrogate, a control character, an absurd length): bad input, refused
 * before anything is stored under it.
 */
export class UnreadableActivityError extends Error {
  constructor(readonly field: string) {
    super(`The activity's ${field} is not a well-formed id`);
    this.name = 'UnreadableActivityError';
  }
}

/** The id, checked; an absent one stays absent. @throws UnreadableActivityError for one that cannot be an id. */
function checkedId<T extends string | undefined>(value: T, field: string): T {
  if (value !== undefined && !isWellFormedId(value)) throw new UnreadableActivityError(field);
  return value;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; aadGroupId?: string; name?: string };
  channel?: { id?: string; name?: string };
}

function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/**
 * The team an activity comes from, as the bot records it (but for when it was seen);
 * undefined outside a team, or when its ids are not ones Teams gives (nothing is recorded then).
 */
export function teamOfActivity(activity: Partial<Activity>): Omit<KnownTeam, 'seenAt'> | undefined {
  const data = channelDataOf(activity);
  const tenantId = data.tenant?.id ?? activity.conversation?.tenantId;
  const teamId = data.team?.id;
  if (!isWellFormedId(tenantId) || !isWellFormedId(teamId)) return undefined;
  const aadGroupId = data.team?.aadGroupId;
  return {
    tenantId,
    teamId,
    ...(isWellFormedId(aadGroupId, { keySafe: true }) ? { aadGroupId } : {}),
    ...(typeof activity.serviceUrl === 'string' && activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
    ...(typeof data.team?.name === 'string' && data.team.name ? { name: wellFormedText(data.team.name) } : {}),
  };
}

/** The tenant an activity comes from, as Teams names it; undefined when it names none. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const tenantId = channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
  return isWellFormedId(tenantId) ? tenantId : undefined;
}

/** The channel a channel event is about (id and, when Teams sends it, its name). */
export function channelOfActivity(activity: Partial<Activity>): { id?: string; name?: string } | undefined {
  return channelDataOf(activity).channel;
}

/**
 * The community an activity belongs to. In a channel it comes from channelData
 * (tenant + team + channel): the conversation id there carries `;messageid=…` and
 * would split one channel into a community per thread.
 * @throws UnsupportedConversationError for anything that is not a channel, group chat or personal chat.
 * @throws UnreadableActivityError when an id it would use is not one Teams gives.
 */
export function communityOf(activity: Partial<Activity>): CommunityRef {
  const data = channelDataOf(activity);
  const conversation = activity.conversation;
  const tenantId = checkedId(data.tenant?.id ?? conversation?.tenantId, 'tenant id');
  const type = conversation?.conversationType;
  if (!tenantId || !conversation || !checkedId(conversation.id, 'conversation id')) throw new UnsupportedConversationError(type);
  switch (type) {
    case 'channel': {
      const channelId = checkedId(data.channel?.id, 'channel id');
      const teamId = checkedId(data.team?.id, 'team id');
      if (!channelId || !teamId) throw new UnsupportedConversationError(type);
      return { scope: 'channel', tenantId, teamId, conversationId: channelId };
    }
    case 'groupChat':
      return { scope: 'groupChat', tenantId, conversationId: conversation.id };
    case 'personal':
      return { scope: 'personal', tenantId, conversationId: conversation.id };
    default:
      throw new UnsupportedConversationError(type);
  }
}

/** The community id of an activity; see {@link communityOf}. */
export function communityIdOf(activity: Partial<Activity>): string {
  return communityId(communityOf(activity));
}

/** The message id a channel conversation id points at (`19:…@thread.tacv2;messageid=123`), if any. */
export function threadIdInConversation(conversationId: string | undefined): string | undefined {
  return conversationId?.match(/;messageid=([^;]+)/)?.[1];
}

/**
 * A person from a Teams account: the Entra object id is stable across chats, so prefer it.
 * @throws UnreadableActivityError when that id is not one Teams gives.
 */
export function personOf(account: Partial<ChannelAccount> | undefined): Person {
  const name = typeof account?.name === 'string' ? wellFormedText(account.name).trim() : '';
  return {
    id: checkedId(account?.aadObjectId || account?.id || 'unknown', 'sender id'),
    name: name || UNKNOWN_PERSON_NAME,
  };
}

const CHAT_CONTEXT = encodeURIComponent(JSON.stringify({ contextType: 'chat' }));

/** The Teams deep link to a message, built when Teams did not send one. */
export function deepLinkToMessage(ref: CommunityRef, messageId: string, threadRootId: string | undefined, aadGroupId?: string): string {
  const base = `https://teams.microsoft.com/l/message/${encodeURIComponent(ref.conversationId)}/${encodeURIComponent(messageId)}`;
  if (ref.scope === 'channel') {
    const group = aadGroupId ? `&groupId=${encodeURIComponent(aadGroupId)}` : '';
    return `${base}?tenantId=${encodeURIComponent(ref.tenantId)}${group}&parentMessageId=${encodeURIComponent(threadRootId ?? messageId)}`;
  }
  return `${base}?context=${CHAT_CONTEXT}`;
}

/** The team's Microsoft 365 group id, used in channel deep links. */
export function aadGroupIdOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).team?.aadGroupId;
}
