import type { GraphTokenProvider } from '../auth/graphToken';
import type { AppConfig } from '../config/config';
import type { TeamDirectory } from '../domain/communities/communityPorts';
import type { TeamLookup } from '../domain/installation/installation';
import { developmentTeamDirectory } from './developmentTeamDirectory';
import { GraphTeamDirectory } from './graphTeamDirectory';

/**
 * Who belongs to which team: Microsoft Graph with the bot's own identity in Azure (its
 * secret, per tenant, or its managed identity); the Playground's team locally.
 */
export function teamDirectoryFor(config: AppConfig, teams: TeamLookup, graphTokens: GraphTokenProvider): TeamDirectory {
  return config.developmentIdentity ? developmentTeamDirectory : new GraphTeamDirectory(teams, graphTokens, config.graphBaseUrl);
}
