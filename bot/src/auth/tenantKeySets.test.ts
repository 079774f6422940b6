import { errors, type JWTVerifyGetKey } from 'jose';
import { TenantKeySets } from './tenantKeySets';
import { TokenRejectedError } from './tokenRejection';

const AUTHORITY = 'https://login.microsoftonline.com';
const tenant = (n: number) => `0000000${n}-0000-4000-8000-000000000000`;

/** A factory that records which addresses it was asked to make key sets for. */
function recordingFactory(keySet: JWTVerifyGetKey = async () => new Uint8Array()) {
  const made: string[] = [];
  return { made, factory: (url: URL) => (made.push(url.href), keySet) };
}

describe('TenantKeySets', () => {
  it("makes one key set per tenant, at the tenant's JWKS address", () => {
    const { made, factory } = recordingFactory();
    const sets = new TenantKeySets(AUTHORITY, 10, factory);

    sets.forTenant(tenant(1));
    sets.forTenant(tenant(1));
    sets.forTenant(tenant(1).toUpperCase());

    expect(made).toEqual([`${AUTHORITY}/${tenant(1)}/discovery/v2.0/keys`]);
  });

  it('holds at most maxTenants, dropping the one used longest ago', () => {
    const { made, factory } = recordingFactory();
    const sets = new TenantKeySets(AUTHORITY, 2, factory);

    sets.forTenant(tenant(1));
    sets.forTenant(tenant(2));
    sets.forTenant(tenant(1)); // tenant 2 is now the least recently used
    sets.forTenant(tenant(3));
    expect(sets.size).toBe(2);

    sets.forTenant(tenant(1));
    expect(made.filter((url) => url.includes(tenant(1)))).toHaveLength(1);
    sets.forTenant(tenant(2));
    expect(made.filter((url) => url.includes(tenant(2)))).toHaveLength(2);
  });

  it('turns a failure to fetch keys into keys_unavailable, keeping the cause for the log', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const { factory } = recordingFactory(async () => {
      throw down;
    });
    const keys = new TenantKeySets(AUTHORITY, 10, factory).forTenant(tenant(1));

    const error = await Promise.resolve(keys({ alg: 'RS256' }, { payload: '', signature: '' })).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(TokenRejectedError);
    expect(error).toMatchObject({ reason: 'keys_unavailable', status: 503, cause: down });
  });

  it('leaves "no matching key" as it is: that is the token\'s fault', async () => {
    const { factory } = recordingFactory(async () => {
      throw new errors.JWKSNoMatchingKey();
    });
    const keys = new TenantKeySets(AUTHORITY, 10, factory).forTenant(tenant(1));

    await expect(Promise.resolve(keys({ alg: 'RS256', kid: 'x' }, { payload: '', signature: '' }))).rejects.toBeInstanceOf(
      errors.JWKSNoMatchingKey,
    );
  });
});
