import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';

/**
 * The service's own Azure identity: its managed identity in Azure (a developer's sign-in or
 * environment elsewhere). The service holds one, shared by every table client and by Graph
 * when the bot has no identity of its own, so one token cache is filled and renewed per
 * resource instead of one per client. It is made on first use: a service that never asks
 * Azure for a token (Azurite and a bot with a secret) makes none.
 */
export function serviceCredential(make: () => TokenCredential = () => new DefaultAzureCredential()): TokenCredential {
  let credential: TokenCredential | undefined;
  return { getToken: (scopes, options) => (credential ??= make()).getToken(scopes, options) };
}
