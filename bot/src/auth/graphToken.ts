import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { BotAuthConfig } from '../config/config';
import { BoundedCache } from '../cache/boundedCache';

/** An app-only Microsoft Graph token for a tenant. */
export type GraphTokenProvider = (tenantId: string) => Promise<string>;

/** Tenants whose credential is kept; each holds its own token cache. */
const TENANT_CREDENTIALS_MAX = 1_000;

/**
 * App-only Graph tokens with the bot's own identity, shared by everything that asks
 * Graph (the team directory, the scheduler's delivery check), so each tenant's token is
 * fetched once and renewed by one credential:
 * - with its secret, a credential per tenant, since a multi-tenant app's token for a
 *   tenant comes from that tenant;
 * - without one (a managed-identity bot), its managed identity: the user-assigned one
 *   whose client id is the bot's app id;
 * - with no bot set, the service's own credential (`serviceIdentity`, shared with storage).
 * Credentials are made on first use, so a service that never asks Graph makes none.
 */
export function graphTokenProvider(
  auth: BotAuthConfig | undefined,
  graphBaseUrl: string,
  serviceIdentity: TokenCredential,
): GraphTokenProvider {
  const scope = `${graphBaseUrl}/.default`;
  const tokenFrom = async (credential: TokenCredential): Promise<string> => {
    const token = await credential.getToken(scope);
    if (!token) throw new Error('no Graph token');
    return token.token;
  };
  if (!auth) return () => tokenFrom(serviceIdentity);
  const password = auth.password;
  if (!password) {
    let botIdentity: TokenCredential | undefined;
    return () => tokenFrom((botIdentity ??= new DefaultAzureCredential({ managedIdentityClientId: auth.appId })));
  }
  const credentials = new BoundedCache<TokenCredential>(TENANT_CREDENTIALS_MAX, Number.POSITIVE_INFINITY);
  return (tenantId) => {
    let credential = credentials.get(tenantId);
    if (!credential) {
      credential = new ClientSecretCredential(tenantId, auth.appId, password);
      credentials.set(tenantId, credential);
    }
    return tokenFrom(credential);
  };
}
