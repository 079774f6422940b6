import {
  assertMayConfigure,
  defaultProfile,
  roleIn,
  withManager,
  withoutManager,
  type CommunityProfile,
  type CommunityRole,
} from './communityProfile';
import { communityId, type CommunityRef } from './community';
import { NotFoundError } from '../shared/errors';
import type { Person } from '../shared/person';
import type { CommunityRepository, TeamDirectory } from './communityPorts';

/** A channel community as one person sees it. */
export interface OpenedCommunity {
  ref: CommunityRef;
  profile: CommunityProfile;
  role: CommunityRole;
}

/** Ports the community use cases need. */
export interface CommunityPorts {
  communities: CommunityRepository;
  directory: TeamDirectory;
}

/**
 * Opens a channel's community for a member of its team. Someone outside the team is
 * told it does not exist, so a guess reveals nothing.
 * @throws NotFoundError
 */
export async function openCommunity(ref: CommunityRef, person: Person, ports: CommunityPorts): Promise<OpenedCommunity> {
  if (ref.scope !== 'channel' || !ref.teamId) throw new NotFoundError('community');
  const teamRole = await ports.directory.roleOf({ tenantId: ref.tenantId, teamId: ref.teamId }, person.id);
  if (!teamRole) throw new NotFoundError('community');
  const id = communityId(ref);
  const profile = (await ports.communities.get(id)) ?? defaultProfile(id);
  return { ref, profile, role: roleIn(profile, person, teamRole) };
}

/** Names a community from the tab's configuration page. */
export async function configureCommunity(
  opened: OpenedCommunity,
  person: Person,
  settings: { name: string },
  now: Date,
  ports: Pick<CommunityPorts, 'communities'>,
): Promise<CommunityProfile> {
  assertMayConfigure(opened.profile, opened.role);
  return ports.communities.save({
    ...opened.profile,
    name: settings.name,
    configuredAt: now.toISOString(),
    configuredBy: person,
  });
}

/** A manager adds someone as a manager. */
export async function addManager(
  opened: OpenedCommunity,
  person: Person,
  ports: Pick<CommunityPorts, 'communities'>,
): Promise<CommunityProfile> {
  const next = withManager(opened.profile, opened.role, person);
  return next === opened.profile ? next : ports.communities.save(next);
}

/** A manager removes someone from the managers. */
export async function removeManager(
  opened: OpenedCommunity,
  personId: string,
  ports: Pick<CommunityPorts, 'communities'>,
): Promise<CommunityProfile> {
  return ports.communities.save(withoutManager(opened.profile, opened.role, personId));
}
