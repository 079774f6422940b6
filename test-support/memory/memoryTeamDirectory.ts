import type { TeamDirectory, TeamRef } from '../../bot/src/domain/communities/communityPorts';
import type { TeamRole } from '../../bot/src/domain/communities/communityProfile';

/**
 * Who is in which team, as a test says: team id, then person id, then their role. It
 * stands in for Microsoft Graph, so it has no Table counterpart to check it against.
 * `asked` lists the teams it was asked about, in order.
 */
export function memoryTeamDirectory(members: Record<string, Record<string, TeamRole>>): TeamDirectory & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined> {
      asked.push(team.teamId);
      return members[team.teamId]?.[personId];
    },
  };
}
