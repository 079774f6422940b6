import { randomUUID } from 'node:crypto';
import { channelInvoke, type TeamsChannel, type TeamsUser } from '../activities';
import { BOT_APP_ID } from './botHarness';

/*
 * Activities as Teams (and the Agents Playground, where they differ) post them to the
 * bot, for the in-process handler tests.
 */

/** The service URL Teams names in every activity. */
export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** The bot as Teams addresses it. */
export const BOT = { id: `28:${BOT_APP_ID}`, name: 'Commonplace' };

/** A team's channel, with the ids Teams gives. */
export const CHANNEL: TeamsChannel = {
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  teamId: '19:platform-team@thread.tacv2',
  channelId: '19:general@thread.tacv2',
};

/** The team's Microsoft 365 group id and name, as Teams sends them in channelData. */
export const TEAM = { aadGroupId: '02bd9fd6-8f93-4758-87c3-1fb73740a315', name: 'Platform guild' };

/**
 * The Playground's current user: its message-action payload names them `user-id-0`,
 * while the activities they send carry their Entra object id as aadObjectId.
 */
export const ALEX: TeamsUser = { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000a1' };
/** Other people, as Teams names them in activities (`29:…` ids and their Entra object ids). */
export const MEGAN: TeamsUser = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000b2' };
export const ADELE: TeamsUser = { id: '29:adele', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000c3' };

/** The person an activity's sender becomes in Commonplace: their Entra object id and name. */
export const personOf = (user: TeamsUser) => ({ id: user.aadObjectId, name: user.name });

/**
 * The message payload the Playground's "…" menu sends with a message action on a channel
 * message its current user posted: the author is named `user-id-0`, with no aadObjectId.
 */
export function playgroundPayload(message: { id: string; html: string; sentAt?: string }): Record<string, unknown> {
  return {
    id: message.id,
    replyToId: message.id,
    createdDateTime: message.sentAt ?? '2026-11-02T08:30:00.000Z',
    deleted: false,
    importance: 'normal',
    locale: 'en-us',
    from: { user: { userIdentityType: 'aadUser', id: ALEX.id, displayName: ALEX.name } },
    body: { contentType: 'html', content: message.html },
    attachments: [],
    mentions: [],
    reactions: [],
    linkToMessage: '',
  };
}

/** A "Save to community" invoke in the channel, on the thread of `payload`. */
export function saveToCommunity(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  from: TeamsUser,
  payload: Record<string, unknown>,
  data?: Record<string, unknown>,
): Record<string, unknown> {
  const invoke = channelInvoke({
    name,
    channel: CHANNEL,
    from,
    serviceUrl: SERVICE_URL,
    threadId: String(payload.replyToId ?? payload.id),
    value: { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload, ...(data ? { data } : {}) },
  });
  return { ...invoke, recipient: BOT };
}

/** Where channel activities come from: the tenant, the team and the channel. */
export function channelData(): Record<string, unknown> {
  return {
    tenant: { id: CHANNEL.tenantId },
    team: { id: CHANNEL.teamId, aadGroupId: TEAM.aadGroupId, name: TEAM.name },
    channel: { id: CHANNEL.channelId },
  };
}

/** A channel message as Teams delivers it to a bot with the channel's RSC permission: in a thread, or opening one. */
export function channelMessage(options: {
  id: string;
  from: TeamsUser;
  text: string;
  threadId?: string;
  timestamp?: string;
}): Record<string, unknown> {
  const thread = options.threadId ?? options.id;
  return {
    type: 'message',
    id: options.id,
    timestamp: options.timestamp ?? '2026-11-02T08:45:00.000Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: options.from.id, name: options.from.name, aadObjectId: options.from.aadObjectId },
    recipient: BOT,
    conversation: {
      id: `${CHANNEL.channelId};messageid=${thread}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: CHANNEL.tenantId,
    },
    ...(options.threadId ? { replyToId: options.threadId } : {}),
    channelData: channelData(),
    text: options.text,
    textFormat: 'plain',
  };
}

/** A dialog opened (`task/fetch`) or submitted (`task/submit`) from a card's button in the channel. */
export function taskInvoke(name: 'task/fetch' | 'task/submit', from: TeamsUser, data: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'invoke',
    name,
    id: randomUUID(),
    timestamp: '2026-11-02T09:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: BOT,
    conversation: { id: CHANNEL.channelId, conversationType: 'channel', isGroup: true, tenantId: CHANNEL.tenantId },
    channelData: channelData(),
    value: { data, context: { theme: 'default' } },
  };
}

/** A `conversationUpdate` Teams sends about the team: `eventType` in channelData, members added or removed. */
export function teamEvent(
  eventType: string,
  options: { membersAdded?: { id: string }[]; membersRemoved?: { id: string }[]; channel?: { id: string; name?: string } } = {},
): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: randomUUID(),
    timestamp: '2026-11-02T09:00:00.000Z',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from: { id: ALEX.id, aadObjectId: ALEX.aadObjectId },
    recipient: BOT,
    conversation: { id: CHANNEL.teamId, conversationType: 'channel', isGroup: true, tenantId: CHANNEL.tenantId },
    ...(options.membersAdded ? { membersAdded: options.membersAdded } : {}),
    ...(options.membersRemoved ? { membersRemoved: options.membersRemoved } : {}),
    channelData: {
      eventType,
      tenant: { id: CHANNEL.tenantId },
      team: { id: CHANNEL.teamId, aadGroupId: TEAM.aadGroupId, name: TEAM.name },
      ...(options.channel ? { channel: options.channel } : {}),
    },
  };
}
