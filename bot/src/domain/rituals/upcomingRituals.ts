import { communityId, type CommunityRef } from '../communities/community';
import type { Clock } from '../shared/clock';
import type { CommunityRepository, TeamDirectory } from '../communities/communityPorts';
import { nextOccurrences } from './recurrence';
import type { Occurrence, Ritual } from './ritual';
import type { RitualRepository } from './ritualPorts';

/** One ritual's next occurrence, for a person asking what is coming up. */
export interface UpcomingEntry {
  ritual: Ritual;
  occurrence: Occurrence;
  /** The community's name, when the list spans several. */
  communityName?: string;
}

/** What is coming up, and whether it is one community's or every community the person is in. */
export interface UpcomingRituals {
  span: 'community' | 'person';
  entries: UpcomingEntry[];
}

/** Ports the upcoming list needs. */
export interface UpcomingRitualPorts {
  rituals: RitualRepository;
  communities: CommunityRepository;
  directory: TeamDirectory;
  clock: Clock;
}

/** Shown when a community has no name on record yet. */
const UNNAMED_COMMUNITY = 'A community channel';

/**
 * The next occurrence of each ritual, soonest first, at most `limit`: asked in a channel,
 * that community's; asked anywhere else, those of every team the person belongs to in
 * their organization.
 */
export async function upcomingRituals(
  request: { community: CommunityRef; personId: string; limit: number },
  ports: UpcomingRitualPorts,
): Promise<UpcomingRituals> {
  const now = ports.clock.now();
  if (request.community.scope === 'channel') {
    const rituals = await ports.rituals.list(communityId(request.community));
    return { span: 'community', entries: nextOf(rituals, now).slice(0, request.limit) };
  }
  const rituals = await ports.rituals.listTenant(request.community.tenantId);
  const visible = await visibleTo(rituals, request.personId, ports.directory);
  const entries = nextOf(visible, now).slice(0, request.limit);
  const names = new Map<string, string | undefined>();
  await Promise.all(
    [...new Set(entries.map((e) => e.ritual.communityId))].map(async (id) => names.set(id, (await ports.communities.get(id))?.name)),
  );
  return {
    span: 'person',
    entries: entries.map((e) => ({ ...e, communityName: names.get(e.ritual.communityId) ?? UNNAMED_COMMUNITY })),
  };
}

/** Rituals of the teams the person is in; membership is asked once per team. */
async function visibleTo(rituals: Ritual[], personId: string, directory: TeamDirectory): Promise<Ritual[]> {
  const teams = new Map<string, CommunityRef>();
  for (const r of rituals) if (r.community.teamId) teams.set(r.community.teamId, r.community);
  const member = new Set<string>();
  await Promise.all(
    [...teams.values()].map(async (ref) => {
      if (await directory.roleOf({ tenantId: ref.tenantId, teamId: ref.teamId! }, personId)) member.add(ref.teamId!);
    }),
  );
  return rituals.filter((r) => r.community.teamId && member.has(r.community.teamId));
}

/** Each unpaused ritual's next occurrence that is not skipped, soonest first. */
function nextOf(rituals: Ritual[], now: Date): UpcomingEntry[] {
  return rituals
    .filter((r) => !r.paused)
    .flatMap((ritual) => {
      const occurrence = nextOccurrences(ritual.schedule, ritual.changes, now, 4).find((o) => o.status !== 'skipped');
      return occurrence ? [{ ritual, occurrence }] : [];
    })
    .sort((a, b) => a.occurrence.startsAt.localeCompare(b.occurrence.startsAt));
}
