import type { CommunityRef } from '../domain/communities/community';
import { cardLink } from './cardLinks';

const CHANNEL: CommunityRef = {
  scope: 'channel',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  teamId: '19:team-general@thread.tacv2',
  conversationId: '19:platform-guild@thread.tacv2',
};
const CARD = '0123456789abcdef0123456789abcdef';
const APP = '5c3b6a3e-1f1e-4c1e-9a8e-3b2f7e0c9d11';

describe('the link to a card', () => {
  it('is a Teams deep link to the channel tab, with the card as its sub-page, when the Teams app id is known', () => {
    const link = cardLink(CHANNEL, CARD, { teamsAppId: APP, tabUrl: 'http://localhost:53000/' });
    expect(link).toBe(
      `https://teams.microsoft.com/l/entity/${APP}/commonplace-community` +
        '?tenantId=72f988bf-86f1-41af-91ab-2d7cd011db47' +
        '&context=%7B%22subEntityId%22%3A%220123456789abcdef0123456789abcdef%22%2C%22channelId%22%3A%2219%3Aplatform-guild%40thread.tacv2%22%7D',
    );
    const url = new URL(link!);
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: CARD, channelId: '19:platform-guild@thread.tacv2' });
  });

  it("is the tab's own address with the card outside Teams (local development)", () => {
    expect(cardLink(CHANNEL, CARD, { tabUrl: 'http://localhost:53000/' })).toBe(`http://localhost:53000/?card=${CARD}`);
    // A tab address with its own parameters keeps them.
    expect(cardLink(CHANNEL, CARD, { tabUrl: 'http://127.0.0.1:4100/?theme=dark' })).toBe(`http://127.0.0.1:4100/?theme=dark&card=${CARD}`);
  });

  it('is absent for a chat, which has no community tab, and when nothing says how to link', () => {
    const chat: CommunityRef = { scope: 'groupChat', tenantId: CHANNEL.tenantId, conversationId: '19:chat@thread.v2' };
    expect(cardLink(chat, CARD, { teamsAppId: APP, tabUrl: 'http://localhost:53000/' })).toBeUndefined();
    expect(cardLink(CHANNEL, CARD, {})).toBeUndefined();
  });
});
