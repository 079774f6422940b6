import { randomUUID } from 'node:crypto';

/** The Teams shape of a channel in the tests: tenant, team and channel ids. */
export interface TeamsChannel {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/** A user as Teams sends them. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

const BOT = { id: '28:commonplace-bot', name: 'Commonplace' };

/** A message payload as Teams sends it with a message action. */
export function messagePayload(options: {
  id: string;
  html: string;
  from: TeamsUser;
  replyToId?: string;
  createdDateTime?: string;
}): Record<string, unknown> {
  return {
    id: options.id,
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    createdDateTime: options.createdDateTime ?? new Date().toISOString(),
    from: {
      user: { id: options.from.id, displayName: options.from.name, aadObjectId: options.from.aadObjectId, userIdentityType: 'aadUser' },
    },
    body: { contentType: 'html', content: options.html },
    mentions: [],
    attachments: [],
  };
}

/** A compose extension invoke from a channel, as Teams posts it to the bot. */
export function channelInvoke(options: {
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction' | 'composeExtension/query';
  channel: TeamsChannel;
  from: TeamsUser;
  value: Record<string, unknown>;
  serviceUrl: string;
  threadId?: string;
}): Record<string, unknown> {
  const { channel } = options;
  return {
    type: 'invoke',
    name: options.name,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: options.from.id, name: options.from.name, aadObjectId: options.from.aadObjectId },
    recipient: BOT,
    conversation: {
      id: options.threadId ? `${channel.channelId};messageid=${options.threadId}` : channel.channelId,
      conversationType: 'channel',
      isGroup: true,
      tenantId: channel.tenantId,
    },
    channelData: { tenant: { id: channel.tenantId }, team: { id: channel.teamId }, channel: { id: channel.channelId } },
    value: options.value,
  };
}
