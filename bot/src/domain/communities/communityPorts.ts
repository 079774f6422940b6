import type { CommunityProfile, TeamRole } from './communityProfile';

/** Storage of community profiles. */
export interface CommunityRepository {
  get(communityId: string): Promise<CommunityProfile | undefined>;
  /**
   * Writes a profile if it is still at `profile.version` (or does not exist yet when it has none).
   * @throws ConflictError when someone changed or created it in between; NotFoundError when it has a version but no profile is stored.
   */
  save(profile: CommunityProfile): Promise<CommunityProfile>;
}

/** A Teams team, as the bot saw it. */
export interface TeamRef {
  tenantId: string;
  /** The team's thread id (`19:…@thread.tacv2`), as channelData and the tab's context give it. */
  teamId: string;
}

/** Who belongs to a team, and as what. */
export interface TeamDirectory {
  /** The person's role in the team, or undefined when they are not in it (or the app does not know the team). */
  roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined>;
}
