import type { AccessToken, TokenCredential } from '@azure/identity';
import { loadConfig } from './config/config';
import type { Logger } from './logging';
import { composeService } from './service';

/** Every DefaultAzureCredential the service makes; each records the scopes asked of it and refuses. */
const madeCredentials: { scopes: string[] }[] = [];

jest.mock('@azure/identity', () => ({
  ...jest.requireActual('@azure/identity'),
  DefaultAzureCredential: class implements TokenCredential {
    readonly scopes: string[] = [];
    constructor() {
      madeCredentials.push(this);
    }
    async getToken(scopes: string | string[]): Promise<AccessToken | null> {
      this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
      throw new Error('no token in a unit test');
    }
  },
}));

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('the composition root', () => {
  it('reaches every table of an account URL with one credential, made on first use', async () => {
    const config = loadConfig({ STORAGE_ACCOUNT_URL: 'https://contoso.table.core.windows.net' });
    const { tables } = composeService(config, { log: silent });
    expect(madeCredentials).toEqual([]);

    const clients = Object.values(tables).flat();
    const outcomes = await Promise.allSettled(clients.map((client) => client.getEntity('p', 'r')));
    expect(outcomes.map((o) => o.status === 'rejected' && String(o.reason))).toEqual(clients.map(() => expect.stringMatching(/no token/)));
    expect(madeCredentials).toHaveLength(1);
    expect(madeCredentials[0].scopes).toHaveLength(clients.length);
  });
});
