import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';
import { openTables, type Tables } from './tables';

/** Every DefaultAzureCredential made while opening tables without a credential of their own. */
const madeCredentials: RecordingCredential[] = [];

jest.mock('@azure/identity', () => ({
  DefaultAzureCredential: class {
    constructor() {
      madeCredentials.push(new RecordingCredential());
      return madeCredentials[madeCredentials.length - 1];
    }
  },
}));

/** A credential that records who asks it for a token and refuses, so no request leaves the process. */
class RecordingCredential implements TokenCredential {
  readonly scopes: string[] = [];
  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken | null> {
    this.scopes.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    throw new Error('no token in a unit test');
  }
}

const ACCOUNT = { kind: 'managedIdentity', accountUrl: 'https://contoso.table.core.windows.net' } as const;

/** Makes one request on every table client, each of which asks its credential for a token first. */
async function askEveryTable(tables: Tables): Promise<number> {
  const clients = Object.values(tables).flat();
  const outcomes = await Promise.allSettled(clients.map((client) => client.getEntity('p', 'r')));
  expect(outcomes.every((o) => o.status === 'rejected' && /no token in a unit test/.test(String(o.reason)))).toBe(true);
  return clients.length;
}

describe('openTables with an account URL', () => {
  beforeEach(() => madeCredentials.splice(0));

  it('reaches every table with the one credential it is given', async () => {
    const credential = new RecordingCredential();
    const tableCount = await askEveryTable(openTables(ACCOUNT, 'p', { credential }));
    expect(credential.scopes).toEqual(Array(tableCount).fill('https://storage.azure.com/.default'));
    expect(madeCredentials).toEqual([]);
  });

  it('makes one credential for all its tables when given none', async () => {
    const tableCount = await askEveryTable(openTables(ACCOUNT, 'p'));
    expect(madeCredentials).toHaveLength(1);
    expect(madeCredentials[0].scopes).toHaveLength(tableCount);
  });

  it('makes no credential for a connection string', () => {
    openTables({ kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' }, 'p');
    expect(madeCredentials).toEqual([]);
  });
});
