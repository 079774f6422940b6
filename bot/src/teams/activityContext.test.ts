import type { Activity } from 'botbuilder';
import { UnsupportedConversationError } from '../domain/shared/errors';
import {
  communityIdOf,
  communityOf,
  deepLinkToMessage,
  personOf,
  teamOfActivity,
  threadIdInConversation,
  UnreadableActivityError,
} from './activityContext';
import { MalformedInvokeError, parseHarvestSubmission, parseMessageAction } from './messageAction';

/** Test activities carry only the fields under test. */
const activity = (fields: Record<string, unknown>) => fields as Partial<Activity>;

const channelActivity = (threadId: string, extra: Record<string, unknown> = {}) =>
  activity({
    conversation: { id: `19:general@thread.tacv2;messageid=${threadId}`, conversationType: 'channel', tenantId: 'tenant-1' },
    channelData: {
      tenant: { id: 'tenant-1' },
      team: { id: '19:team@thread.tacv2', aadGroupId: 'group-1' },
      channel: { id: '19:general@thread.tacv2' },
    },
    ...extra,
  });

describe('communityOf', () => {
  it('takes a channel community from channelData, never from the thread-specific conversation id', () => {
    expect(communityOf(channelActivity('111'))).toEqual({
      scope: 'channel',
      tenantId: 'tenant-1',
      teamId: '19:team@thread.tacv2',
      conversationId: '19:general@thread.tacv2',
    });
    expect(communityIdOf(channelActivity('111'))).toBe(communityIdOf(channelActivity('222')));
  });

  it('makes group and personal chats communities of their own', () => {
    const group = communityOf({
      conversation: { id: '19:chat@thread.v2', conversationType: 'groupChat', tenantId: 't', isGroup: true, name: '' },
      channelData: { tenant: { id: 't' } },
    });
    const personal = communityOf({ conversation: { id: 'a:1', conversationType: 'personal', tenantId: 't', isGroup: false, name: '' } });
    expect(group).toEqual({ scope: 'groupChat', tenantId: 't', conversationId: '19:chat@thread.v2' });
    expect(personal).toEqual({ scope: 'personal', tenantId: 't', conversationId: 'a:1' });
  });

  it('refuses unknown conversation types and channels without channelData', () => {
    expect(() => communityOf({ conversation: { id: 'x', tenantId: 't', isGroup: false, name: '', conversationType: 'meeting' } })).toThrow(
      UnsupportedConversationError,
    );
    expect(() =>
      communityOf({ conversation: { id: 'x', tenantId: 't', isGroup: false, name: '', conversationType: undefined as unknown as string } }),
    ).toThrow(UnsupportedConversationError);
    expect(() =>
      communityOf({ conversation: { id: '19:c;messageid=1', conversationType: 'channel', tenantId: 't', isGroup: true, name: '' } }),
    ).toThrow(UnsupportedConversationError);
  });
});

describe('ids Teams never gives', () => {
  it('refuses a community whose tenant, team, channel or conversation id is not well-formed', () => {
    const hostile: [string, Record<string, unknown>][] = [
      ['tenant id', { channelData: { tenant: { id: 't\ud800' }, team: { id: '19:team' }, channel: { id: '19:general' } } }],
      ['team id', { channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team\u0001' }, channel: { id: '19:general' } } }],
      ['channel id', { channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team' }, channel: { id: '\udc00' } } }],
      ['conversation id', { conversation: { id: '19:c\u0000', conversationType: 'channel', tenantId: 'tenant-1' } }],
    ];
    for (const [field, fields] of hostile) {
      expect(() => communityOf(channelActivity('1', fields))).toThrow(new UnreadableActivityError(field));
    }
  });

  it('refuses a sender whose id is not well-formed, and mends a name with a lone surrogate', () => {
    expect(() => personOf({ id: '29:x', aadObjectId: 'aad-\ud800' })).toThrow(UnreadableActivityError);
    expect(personOf({ aadObjectId: 'aad-x', name: 'Ada \ud800' })).toEqual({ id: 'aad-x', name: 'Ada \ufffd' });
  });

  it('records no team whose ids are not well-formed', () => {
    expect(teamOfActivity(channelActivity('1', { channelData: { tenant: { id: 't\ud800' }, team: { id: '19:team' } } }))).toBeUndefined();
    expect(teamOfActivity(channelActivity('1'))).toMatchObject({
      tenantId: 'tenant-1',
      teamId: '19:team@thread.tacv2',
      aadGroupId: 'group-1',
    });
  });
});

describe('activity helpers', () => {
  it('reads the thread from a channel conversation id', () => {
    expect(threadIdInConversation('19:general@thread.tacv2;messageid=1700')).toBe('1700');
    expect(threadIdInConversation('19:general@thread.tacv2')).toBeUndefined();
  });

  it('prefers the Entra object id for people', () => {
    expect(personOf({ id: '29:x', aadObjectId: 'aad-x', name: ' Ada ' })).toEqual({ id: 'aad-x', name: 'Ada' });
    expect(personOf(undefined)).toEqual({ id: 'unknown', name: 'Someone' });
  });

  it('builds deep links to channel and chat messages', () => {
    const channel = communityOf(channelActivity('1700'));
    expect(deepLinkToMessage(channel, '1800', '1700', 'group-1')).toBe(
      'https://teams.microsoft.com/l/message/19%3Ageneral%40thread.tacv2/1800?tenantId=tenant-1&groupId=group-1&parentMessageId=1700',
    );
    expect(deepLinkToMessage({ scope: 'groupChat', tenantId: 't', conversationId: '19:chat' }, '5', undefined)).toContain('contextType');
  });
});

describe('parseMessageAction', () => {
  const payload = {
    id: '1800',
    replyToId: '1700',
    body: { contentType: 'html', content: '<p>Hi <at id="0">Ada</at></p>' },
    from: { user: { id: '29:x', displayName: 'Grace' } },
  };

  it('parses a message action from a thread reply', () => {
    const request = parseMessageAction(
      channelActivity('1700', { value: { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload } }),
      new Date('2026-11-01T00:00:00Z'),
    );
    expect(request.source).toMatchObject({ messageId: '1800', threadRootId: '1700', conversationId: '19:general@thread.tacv2' });
    expect(request.actedMessage).toMatchObject({
      text: 'Hi @Ada',
      author: { id: '29:x', name: 'Grace' },
      sentAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('rejects payloads no message action sends', () => {
    const bad = [
      { commandId: 'saveToCommunity', commandContext: 'compose', messagePayload: payload },
      { commandId: 'saveToCommunity', commandContext: 'message' },
      { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: { ...payload, body: 'text' } },
      { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload, data: ['save'] },
      { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload, data: 'save' },
      'nonsense',
    ];
    for (const value of bad) expect(() => parseMessageAction(channelActivity('1', { value }), new Date())).toThrow(MalformedInvokeError);
  });

  it('parses dialog submissions and merges chosen and new tags', () => {
    expect(parseHarvestSubmission({ action: 'save', title: 'T', tags: 'a,b', newTags: 'c, d', replyIds: 'r1,r2' }).values).toEqual({
      title: 'T',
      summary: '',
      kind: '',
      tags: ['a', 'b', 'c', 'd'],
      replyIds: ['r1', 'r2'],
    });
    expect(() => parseHarvestSubmission({ action: 'explode' })).toThrow(MalformedInvokeError);
    expect(() => parseHarvestSubmission({ action: 'save', cardId: '../../etc' })).toThrow(MalformedInvokeError);
  });
});
