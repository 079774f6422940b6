import { UNKNOWN_PERSON_NAME } from '../domain/shared/person';

/** Who is calling the API: established from their Teams SSO token, or the local development stand-in. */
export interface CallerIdentity {
  /** The caller's Entra tenant: every read and write is confined to it. */
  tenantId: string;
  /** `id` is the caller's Entra object id (`oid`), stable across the tenant's apps. */
  person: { id: string; name: string };
  /** True only for the development identity, which no token vouches for. */
  development: boolean;
}

/**
 * The identity a verified token describes. The display name prefers `name`, then the sign-in name
 * (`preferred_username` in v2 tokens, `upn` in v1), because guests and some service accounts
 * carry no `name`.
 */
export function identityFromClaims(tenantId: string, objectId: string, claims: Record<string, unknown>): CallerIdentity {
  return { tenantId, person: { id: objectId, name: displayName(claims) }, development: false };
}

function displayName(claims: Record<string, unknown>): string {
  for (const claim of ['name', 'preferred_username', 'upn']) {
    const value = claims[claim];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return UNKNOWN_PERSON_NAME;
}
