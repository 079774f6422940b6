import { errors, jwtVerify, type JWTPayload } from 'jose';
import { isGuid } from './guid';
import { identityFromClaims, type CallerIdentity } from './identity';
import { TenantKeySets, type KeySetFactory } from './tenantKeySets';
import { TokenRejectedError } from './tokenRejection';
import { readUnverifiedToken } from './unverifiedToken';

/** What the API accepts as a Teams SSO token. */
export interface EntraTokenSettings {
  /** The app registration's client id (a GUID): the audience of v2 tokens. */
  clientId: string;
  /** The app's Application ID URI, e.g. `api://contoso.example/botid-<botId>`: the audience of v1 tokens. */
  applicationIdUri: string;
  /** Tenant ids (GUIDs) whose users may call the API, or `'any'` for a multi-tenant app. */
  allowedTenants: readonly string[] | 'any';
  /** The delegated scope the tab asks for; `scp` must include it. Default `access_as_user`. */
  requiredScope?: string;
  /** Tolerated clock difference, in seconds, when checking `exp` and `nbf`. Default 300. */
  clockSkewSeconds?: number;
  /** The Entra authority's origin; also the host of v2 issuers. Default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** How many tenants' signing keys to keep. Default 100. */
  maxCachedTenants?: number;
  /** Makes the key set for a JWKS address; replace to serve keys from somewhere other than jose's fetcher. */
  keySets?: KeySetFactory;
}

const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
const DEFAULT_SCOPE = 'access_as_user';
const DEFAULT_CLOCK_SKEW_SECONDS = 300;
const DEFAULT_MAX_CACHED_TENANTS = 100;
/** Entra signs access tokens with RS256 only; accepting anything else would only widen the attack surface. */
const ACCEPTED_ALGORITHMS = ['RS256'];

/**
 * Validates Teams SSO tokens (Entra ID access tokens for this app) and says who they identify.
 * Checks, cheapest and least trusting first: shape, algorithm, tenant; then, with the tenant's
 * signing keys, signature, issuer, audience, lifetime; then scope and subject.
 */
export class EntraTokenValidator {
  private readonly audiences: string[];
  private readonly allowedTenants: ReadonlySet<string> | 'any';
  private readonly requiredScope: string;
  private readonly clockSkewSeconds: number;
  private readonly authorityHost: string;
  private readonly keys: TenantKeySets;

  /** Throws when a setting is unusable, so a misconfiguration fails at start-up rather than on each request. */
  constructor(settings: EntraTokenSettings) {
    if (!isGuid(settings.clientId)) throw new Error("EntraTokenSettings.clientId must be the app registration's client id (a GUID).");
    if (typeof settings.applicationIdUri !== 'string' || settings.applicationIdUri.trim() === '') {
      throw new Error("EntraTokenSettings.applicationIdUri must be the app's Application ID URI.");
    }
    this.audiences = [settings.clientId, settings.applicationIdUri];
    this.allowedTenants = readAllowedTenants(settings.allowedTenants);
    this.requiredScope = settings.requiredScope ?? DEFAULT_SCOPE;
    if (!/^\S+$/.test(this.requiredScope)) throw new Error('EntraTokenSettings.requiredScope must be one scope name, without spaces.');
    this.clockSkewSeconds = settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    if (!Number.isFinite(this.clockSkewSeconds) || this.clockSkewSeconds < 0) {
      throw new Error('EntraTokenSettings.clockSkewSeconds must be a number of seconds, zero or more.');
    }
    this.authorityHost = readAuthorityHost(settings.authorityHost ?? DEFAULT_AUTHORITY_HOST);
    const maxCachedTenants = settings.maxCachedTenants ?? DEFAULT_MAX_CACHED_TENANTS;
    if (!Number.isInteger(maxCachedTenants) || maxCachedTenants < 1) {
      throw new Error('EntraTokenSettings.maxCachedTenants must be a whole number, one or more.');
    }
    this.keys = new TenantKeySets(this.authorityHost, maxCachedTenants, settings.keySets);
  }

  /** The caller the token identifies; otherwise throws a {@link TokenRejectedError} saying why not. */
  async validate(token: string | undefined): Promise<CallerIdentity> {
    if (token === undefined || token.trim() === '') throw new TokenRejectedError('missing');
    const unverified = readUnverifiedToken(token);
    if (unverified.header.alg !== 'RS256') throw new TokenRejectedError('algorithm');
    // Before any key fetch: the tenant id goes into the keys' URL, and only allowed tenants may make us fetch.
    const tenantId = this.allowedTenantOf(unverified.claims.tid);

    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.keys.forTenant(tenantId), {
        algorithms: ACCEPTED_ALGORITHMS,
        audience: this.audiences,
        // Binding the issuer to the token's own tid stops another tenant's token borrowing an allowed tid.
        issuer: [`https://sts.windows.net/${tenantId}/`, `${this.authorityHost}/${tenantId}/v2.0`],
        clockTolerance: this.clockSkewSeconds,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw asRejection(error);
    }

    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    if (!scopes.includes(this.requiredScope)) throw new TokenRejectedError('scope');
    if (!isGuid(claims.oid))
      throw new TokenRejectedError(
        'malformed',
        'The token does not identify the signed-in user: its "oid" claim is missing or not a GUID.',
      );
    return identityFromClaims(tenantId, claims.oid, claims);
  }

  private allowedTenantOf(tid: unknown): string {
    if (!isGuid(tid)) throw new TokenRejectedError('tenant', 'The token does not name a Microsoft Entra ID tenant.');
    if (this.allowedTenants !== 'any' && !this.allowedTenants.has(tid.toLowerCase())) throw new TokenRejectedError('tenant');
    return tid;
  }
}

function readAllowedTenants(allowed: readonly string[] | 'any'): ReadonlySet<string> | 'any' {
  if (allowed === 'any') return 'any';
  if (!Array.isArray(allowed) || allowed.length === 0 || !allowed.every(isGuid)) {
    throw new Error('EntraTokenSettings.allowedTenants must be "any" or a non-empty list of tenant ids (GUIDs).');
  }
  return new Set(allowed.map((tenant) => tenant.toLowerCase()));
}

/**
 * The authority's origin. Plain HTTP is accepted only on the loopback interface, where tests
 * serve keys: anywhere else it would let the network substitute signing keys.
 */
function readAuthorityHost(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('EntraTokenSettings.authorityHost must be an absolute URL, e.g. https://login.microsoftonline.com.');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error('EntraTokenSettings.authorityHost must use https.');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new Error('EntraTokenSettings.authorityHost must be an origin only, e.g. https://login.microsoftonline.com.');
  }
  return url.origin;
}

/** Translates jose's verification failures into rejections; anything unexpected is a fault, not a verdict, and propagates. */
function asRejection(error: unknown): unknown {
  if (error instanceof TokenRejectedError) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejectedError('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    // Absent or wrong, an audience or issuer that is not ours gets the same answer.
    if (error.claim === 'aud') return new TokenRejectedError('audience');
    if (error.claim === 'iss') return new TokenRejectedError('issuer');
    if (error.claim === 'nbf' && error.reason === 'check_failed') return new TokenRejectedError('not_yet_valid');
    // The claim's name comes from jose's own checks, never from the token, so it is safe to repeat.
    return new TokenRejectedError('malformed', `The token's "${error.claim}" claim is missing or invalid.`);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new TokenRejectedError('signature');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejectedError('algorithm');
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) return new TokenRejectedError('malformed');
  return error;
}
