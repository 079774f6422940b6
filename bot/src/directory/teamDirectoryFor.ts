import { ClientSecretCredential, DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import type { AppConfig } from '../config/config';
import type { TeamDirectory } from '../domain/ports';
import type { TableTeamRegistry } from '../storage/tableTeamRegistry';
import { BoundedCache } from './boundedCache';
import { developmentTeamDirectory } from './developmentTeamDirectory';
import { GraphTeamDirectory } from './graphTeamDirectory';

/**
 * Who belongs to which team: Microsoft Graph with the bot's own identity in Azure (its
 * secret, per tenant, or its managed identity); the Playground's team locally.
 */
export function teamDirectoryFor(config: AppConfig, registry: TableTeamRegistry): TeamDirectory {
  if (config.developmentIdentity) return developmentTeamDirectory;
  const auth = config.botAuth;
  const password = auth?.password;
  if (!auth || !password) {
    const managedIdentity = new DefaultAzureCredential();
    return new GraphTeamDirectory(registry, () => managedIdentity, config.graphBaseUrl);
  }
  const credentials = new BoundedCache<TokenCredential>(1_000, Number.POSITIVE_INFINITY);
  const credentialFor = (tenantId: string): TokenCredential => {
    const known = credentials.get(tenantId);
    if (known) return known;
    const credential = new ClientSecretCredential(tenantId, auth.appId, password);
    credentials.set(tenantId, credential);
    return credential;
  };
  return new GraphTeamDirectory(registry, credentialFor, config.graphBaseUrl);
}
