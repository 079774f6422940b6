import type { TeamDirectory, TeamRef } from '../../bot/src/domain/communities/communityPorts';
import type { TeamRole } from '../../bot/src/domain/communities/communityProfile';

/**
 * Who is in which team, as a test says: team id, then person id, then their role. It
 * stands in for Microsoft Graph, so it has no Table counterpart to check it against.
 * `asked` lists the teams it was asked about, in order.
 */
export interface MemoryTeamDirectory extends TeamDirectory {
  asked: string[];
  /** Puts a person in a team with a role. */
  add(team: TeamRef, personId: string, role: TeamRole): MemoryTeamDirectory;
}

/** A directory holding `members`, which `add` extends. */
export function memoryTeamDirectory(members: Record<string, Record<string, TeamRole>>): MemoryTeamDirectory {
  const asked: string[] = [];
  const directory: MemoryTeamDirectory = {
    asked,
    add(team, personId, role) {
      members[team.teamId] = { ...members[team.teamId], [personId]: role };
      return directory;
    },
    async roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined> {
      asked.push(team.teamId);
      return members[team.teamId]?.[personId];
    },
  };
  return directory;
}
