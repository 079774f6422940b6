import { connectHost } from './teamsHost';

/* Inside Teams, a card's deep link reaches the tab as its context's page.subPageId (teams-js v2 app.getContext()). */

const CARD = '0123456789abcdef0123456789abcdef';
let subPageId: string | undefined;

jest.mock('./teamsSdk', () => ({
  app: {
    initialize: async () => undefined,
    getContext: async () => ({
      app: { locale: 'en-GB', theme: 'default' },
      page: { id: 'commonplace-community', subPageId },
      team: { internalId: '19:team@thread.tacv2' },
      channel: { id: '19:channel@thread.tacv2', displayName: 'Platform Guild' },
    }),
    registerOnThemeChangeHandler: () => undefined,
    openLink: async () => undefined,
  },
  authentication: { getAuthToken: async () => 'token' },
  pages: { config: {} },
}));

beforeAll(() => {
  // Teams opens tabs in a frame or from another window; jsdom's page is neither.
  Object.defineProperty(window, 'opener', { value: {}, configurable: true });
});

describe('the Teams host', () => {
  it('starts on the card a deep link names', async () => {
    subPageId = CARD;
    const host = await connectHost();
    expect(host.inTeams).toBe(true);
    expect(host.startCardId).toBe(CARD);
  });

  it('starts on no card when opened as a tab, or when the sub-page cannot be a card id', async () => {
    for (const value of [undefined, '', 'cards/../x']) {
      subPageId = value;
      expect((await connectHost()).startCardId).toBeUndefined();
    }
  });
});
