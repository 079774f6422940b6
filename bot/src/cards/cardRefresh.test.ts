import { cardProblems } from '../../../test-support/adaptiveCards';
import type { CardSummary } from '../domain/cards/knowledgeCard';
import { communityId, type CommunityRef } from '../domain/communities/community';
import { CARD_REFRESH_VERB, cardRefresh, readCardRefreshData } from './cardRefresh';
import { knowledgeCardView, removedCardView } from './knowledgeCardView';

const CHANNEL: CommunityRef = {
  scope: 'channel',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  teamId: '19:team-general@thread.tacv2',
  conversationId: '19:platform-guild@thread.tacv2',
};
const CHANNEL_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47|channel|19:team-general@thread.tacv2|19:platform-guild@thread.tacv2';
const CARD = '0123456789abcdef0123456789abcdef';
const APP = '5c3b6a3e-1f1e-4c1e-9a8e-3b2f7e0c9d11';

const summary: CardSummary = {
  id: CARD,
  title: 'Pin the runner image',
  summary: 'Pinned images make builds repeatable.',
  excerpt: 'We pin the runner image by digest.',
  kind: 'decision',
  tags: ['ci'],
  authorNames: ['Ada Lovelace'],
  harvesterName: 'Grace Hopper',
  createdAt: '2026-11-01T12:00:00.000Z',
  sourceLink: 'https://teams.microsoft.com/l/message/19%3Ax/1?tenantId=t',
  archived: false,
  reviewDueAt: '2027-01-30T12:00:00.000Z',
  ownerId: 'aad-grace',
};

const texts = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(texts)
    : node && typeof node === 'object'
      ? [
          ...(typeof (node as { text?: unknown }).text === 'string' ? [(node as { text: string }).text] : []),
          ...Object.values(node).flatMap(texts),
        ]
      : [];

describe("a shared card's refresh", () => {
  it('asks the bot with Action.Execute for the card in its community, for everyone Teams refreshes automatically', () => {
    expect(cardRefresh(CARD, CHANNEL)).toEqual({
      action: { type: 'Action.Execute', verb: CARD_REFRESH_VERB, data: { cardId: CARD, community: CHANNEL_ID } },
    });
    // No userIds: naming people would refresh the card for them alone.
    expect(cardRefresh(CARD, CHANNEL)).not.toHaveProperty('userIds');
  });

  it('reads back exactly the card and community it was made with', () => {
    const { data } = cardRefresh(CARD, CHANNEL).action as { data: unknown };
    expect(readCardRefreshData(JSON.parse(JSON.stringify(data)))).toEqual({
      cardId: CARD,
      community: CHANNEL,
    });
    const chat: CommunityRef = { scope: 'groupChat', tenantId: CHANNEL.tenantId, conversationId: '19:chat@thread.v2' };
    expect(readCardRefreshData({ cardId: CARD, community: communityId(chat) })).toEqual({ cardId: CARD, community: chat });
  });

  it.each([
    ['no data', undefined],
    ['a string', 'card'],
    ['no card id', { community: CHANNEL_ID }],
    ['a card id that is no key', { cardId: '../other', community: CHANNEL_ID }],
    ['a card id with a control character', { cardId: 'a\u0000b', community: CHANNEL_ID }],
    ['a number for the card', { cardId: 7, community: CHANNEL_ID }],
    ['no community', { cardId: CARD }],
    ['a community of an unknown kind', { cardId: CARD, community: `${CHANNEL.tenantId}|meeting|x` }],
    ['a channel without its team', { cardId: CARD, community: `${CHANNEL.tenantId}|channel|19:c@thread.tacv2` }],
    ['a community without a tenant', { cardId: CARD, community: '|groupChat|19:chat@thread.v2' }],
    ['a community id too long to be one', { cardId: CARD, community: `${CHANNEL.tenantId}|groupChat|${'x'.repeat(600)}` }],
  ])('refuses data with %s', (_what, data) => {
    expect(readCardRefreshData(data)).toBeUndefined();
  });
});

describe('the card put into a conversation', () => {
  const origin = { community: CHANNEL, links: { teamsAppId: APP } };

  it('carries its refresh and "Open in community", and renders with Adaptive Cards 1.4 or later', () => {
    const card = knowledgeCardView(summary, undefined, origin);
    expect(card.refresh).toEqual(cardRefresh(CARD, CHANNEL));
    expect(Number(card.version)).toBeGreaterThanOrEqual(1.4);
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open in community',
        url: expect.stringMatching(new RegExp(`^https://teams\\.microsoft\\.com/l/entity/${APP}/commonplace-community\\?`)),
      },
      { type: 'Action.OpenUrl', title: 'Open conversation', url: summary.sourceLink },
    ]);
    expect(cardProblems(card)).toEqual([]);
  });

  it('refreshes but links nowhere in a chat, which has no community tab', () => {
    const chat: CommunityRef = { scope: 'groupChat', tenantId: CHANNEL.tenantId, conversationId: '19:chat@thread.v2' };
    const card = knowledgeCardView(summary, undefined, { community: chat, links: { teamsAppId: APP } });
    expect(card.refresh).toEqual(cardRefresh(CARD, chat));
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open conversation', url: summary.sourceLink }]);
  });

  it('is not a shared card without an origin: no refresh, no link to the tab', () => {
    const card = knowledgeCardView(summary);
    expect(card).not.toHaveProperty('refresh');
    expect(texts(card.actions)).toEqual([]);
    expect(JSON.stringify(card)).not.toContain('Open in community');
  });

  it('says so when the card is archived', () => {
    const card = knowledgeCardView({ ...summary, archived: true }, undefined, origin);
    expect(texts(card.body)[0]).toBe('Archived in the community: this may be out of date.');
    expect(texts(knowledgeCardView(summary, undefined, origin).body).join(' ')).not.toContain('Archived');
    expect(cardProblems(card)).toEqual([]);
  });

  it('says a card that is gone was removed, and asks for no more refreshes', () => {
    const card = removedCardView();
    expect(texts(card.body)).toContain('This card was removed from the community.');
    expect(card).not.toHaveProperty('refresh');
    expect(cardProblems(card)).toEqual([]);
  });
});
