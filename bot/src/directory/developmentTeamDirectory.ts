import type { TeamRole } from '../domain/communities/communityProfile';
import type { Person } from '../domain/shared/person';
import type { TeamDirectory, TeamRef } from '../domain/communities/communityPorts';

/**
 * The Microsoft 365 Agents Playground's built-in tenant, team, channel and default
 * user: the local development identity and the community the tab opens locally.
 */
export const PLAYGROUND = {
  tenantId: '00000000-0000-0000-0000-0000000000001',
  teamId: 'team-id',
  /** The team's General channel has the team's id. */
  channelId: 'team-id',
  channelName: 'General',
  user: { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber' } satisfies Person,
} as const;

/**
 * Local development only: the Playground's default user owns the Playground's team,
 * and everyone else in its tenant is a member. No other team exists.
 */
export const developmentTeamDirectory: TeamDirectory = {
  async roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined> {
    if (team.tenantId !== PLAYGROUND.tenantId || team.teamId !== PLAYGROUND.teamId) return undefined;
    return personId === PLAYGROUND.user.id ? 'owner' : 'member';
  },
};
