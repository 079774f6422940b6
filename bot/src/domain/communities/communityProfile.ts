import { ForbiddenError, ValidationError } from '../shared/errors';
import type { Person } from '../shared/person';
import { REVIEW_INTERVAL_DEFAULT_DAYS } from '../cards/stewardship';

/** What someone may do in a community: managers curate anything and manage the community. */
export type CommunityRole = 'manager' | 'member';

/** Someone's place in a Teams team. */
export type TeamRole = 'owner' | 'member' | 'guest';

/** Most people a community can add as managers besides its team owners. */
export const MANAGERS_MAX = 50;

/** A community's own settings, kept beside its cards. */
export interface CommunityProfile {
  communityId: string;
  /** Set once someone names the community on the tab's configuration page. */
  name?: string;
  /** People team owners added as managers; team owners are managers without being listed. */
  managers: Person[];
  /** Review interval given to cards that do not set their own. */
  reviewIntervalDays: number;
  configuredAt?: string;
  configuredBy?: Person;
  /** Storage's version of the profile, for conditional writes. */
  version?: string;
}

/** A profile for a community nobody has configured yet. */
export function defaultProfile(communityId: string): CommunityProfile {
  return { communityId, managers: [], reviewIntervalDays: REVIEW_INTERVAL_DEFAULT_DAYS };
}

/** A person's role in a community, from their role in the team and the community's managers. */
export function roleIn(profile: CommunityProfile, person: Person, teamRole: TeamRole): CommunityRole {
  return teamRole === 'owner' || profile.managers.some((m) => m.id === person.id) ? 'manager' : 'member';
}

/**
 * Naming a community is for its managers; the first person to set the tab up names it
 * when nobody has yet, as adding a tab to a channel is how a community starts.
 * @throws ForbiddenError
 */
export function assertMayConfigure(profile: CommunityProfile, role: CommunityRole): void {
  if (role !== 'manager' && profile.name !== undefined) throw new ForbiddenError('community', 'rename this community');
}

/** The profile with one more manager. @throws ForbiddenError, ValidationError */
export function withManager(profile: CommunityProfile, role: CommunityRole, person: Person): CommunityProfile {
  if (role !== 'manager') throw new ForbiddenError('community', 'add managers');
  if (profile.managers.some((m) => m.id === person.id)) return profile;
  if (profile.managers.length >= MANAGERS_MAX) {
    throw new ValidationError([
      { field: 'person', message: `A community can list at most ${MANAGERS_MAX} managers besides its team owners.` },
    ]);
  }
  return { ...profile, managers: [...profile.managers, person] };
}

/** The profile without a manager. @throws ForbiddenError */
export function withoutManager(profile: CommunityProfile, role: CommunityRole, personId: string): CommunityProfile {
  if (role !== 'manager') throw new ForbiddenError('community', 'remove managers');
  return { ...profile, managers: profile.managers.filter((m) => m.id !== personId) };
}
