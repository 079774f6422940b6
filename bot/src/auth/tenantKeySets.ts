import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { TokenRejectedError } from './tokenRejection';

/** Makes the key set that serves one JWKS address. Replaceable so tests can serve keys locally. */
export type KeySetFactory = (jwksUrl: URL) => JWTVerifyGetKey;

/**
 * jose refetches at once when a token names a key id it has not seen (at most every 30 s), which
 * covers Entra's key rollover. Its own 10-minute maximum age would make a short outage of the
 * keys endpoint fail every request; an hour keeps serving through one while still dropping a
 * withdrawn key within the hour.
 */
const KEY_SET_MAX_AGE_MS = 60 * 60 * 1000;
const KEY_FETCH_TIMEOUT_MS = 5000;

/** The production key sets: fetched over HTTP(S) by jose, which caches and refreshes them. */
export const remoteKeySet: KeySetFactory = (jwksUrl) =>
  createRemoteJWKSet(jwksUrl, { timeoutDuration: KEY_FETCH_TIMEOUT_MS, cacheMaxAge: KEY_SET_MAX_AGE_MS });

/**
 * One signing-key set per tenant, each at `${authorityHost}/${tenantId}/discovery/v2.0/keys`,
 * kept so a tenant's keys are fetched once rather than per request. Bounded, evicting the tenant
 * used longest ago, so a stream of tenants cannot grow it without limit.
 */
export class TenantKeySets {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  /** `authorityHost` is an origin without a trailing slash; `tenantId` must already be a checked GUID. */
  constructor(
    private readonly authorityHost: string,
    private readonly maxTenants: number,
    private readonly createKeySet: KeySetFactory = remoteKeySet,
  ) {}

  /**
   * The tenant's key resolver for `jwtVerify`. Failing to obtain keys becomes a
   * `keys_unavailable` rejection; a token naming a key the set lacks stays jose's
   * "no matching key" error, which is the token's fault, not ours.
   */
  forTenant(tenantId: string): JWTVerifyGetKey {
    const cacheKey = tenantId.toLowerCase();
    let set = this.sets.get(cacheKey);
    if (set) {
      // Re-inserting moves the tenant to the newest end of the Map's order.
      this.sets.delete(cacheKey);
    } else {
      set = unavailableOnFetchFailure(this.createKeySet(new URL(`${this.authorityHost}/${cacheKey}/discovery/v2.0/keys`)));
    }
    this.sets.set(cacheKey, set);
    if (this.sets.size > this.maxTenants) {
      const oldest = this.sets.keys().next().value;
      if (oldest !== undefined) this.sets.delete(oldest);
    }
    return set;
  }

  /** How many tenants' key sets are held. */
  get size(): number {
    return this.sets.size;
  }
}

function unavailableOnFetchFailure(keySet: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new TokenRejectedError('keys_unavailable', undefined, { cause: error });
    }
  };
}
