import { aRitual, fixedClock } from '../../../../test-support/builders';
import type { CommunityRef } from '../communities/community';
import { MemoryCommunityRepository } from '../../../../test-support/memory/memoryCommunityRepository';
import { MemoryRitualRepository } from '../../../../test-support/memory/memoryRitualRepository';
import { memoryTeamDirectory } from '../../../../test-support/memory/memoryTeamDirectory';
import { defaultProfile } from '../communities/communityProfile';
import type { Ritual } from './ritual';
import { upcomingRituals, type UpcomingRitualPorts } from './upcomingRituals';

const TEAM_A: CommunityRef = { scope: 'channel', tenantId: 't', teamId: 'team-a', conversationId: 'chan-a' };
const TEAM_B: CommunityRef = { scope: 'channel', tenantId: 't', teamId: 'team-b', conversationId: 'chan-b' };
const PERSONAL: CommunityRef = { scope: 'personal', tenantId: 't', conversationId: 'a:personal' };
const A = 't|channel|team-a|chan-a';
const B = 't|channel|team-b|chan-b';

function ritualIn(community: CommunityRef, communityId: string, overrides: Partial<Ritual>): Ritual {
  return aRitual({ community, communityId, ...overrides });
}

/** In-memory ports: rituals by community, names of communities, and who is in which team. */
async function portsWith(rituals: Ritual[], members: Record<string, string[]>, names: Record<string, string> = {}) {
  const ritualRepo = new MemoryRitualRepository();
  for (const ritual of rituals) await ritualRepo.create(ritual);
  const communities = new MemoryCommunityRepository();
  for (const [communityId, name] of Object.entries(names)) await communities.save({ ...defaultProfile(communityId), name });
  const directory = memoryTeamDirectory(
    Object.fromEntries(
      Object.entries(members).map(([teamId, people]) => [teamId, Object.fromEntries(people.map((p) => [p, 'member' as const]))]),
    ),
  );
  const ports = {
    rituals: ritualRepo,
    communities,
    directory,
    clock: fixedClock('2026-11-02T09:00:00.000Z'),
  } satisfies UpcomingRitualPorts;
  return { ports, membershipQuestions: directory.asked };
}

describe('upcomingRituals', () => {
  const monthly = ritualIn(TEAM_A, A, { id: 'monthly', title: 'Monthly AMA' });
  const weekly = ritualIn(TEAM_A, A, {
    id: 'weekly',
    title: 'Weekly clinic',
    schedule: { firstStart: '2026-11-05T10:00', timeZone: 'Europe/Paris', durationMinutes: 30, rule: 'FREQ=WEEKLY;BYDAY=TH' },
  });
  const paused = ritualIn(TEAM_A, A, { id: 'paused', title: 'Paused', paused: true });
  const otherTeam = ritualIn(TEAM_B, B, { id: 'other', title: 'Other team demo' });

  it('in a channel, lists that community’s unpaused rituals, soonest first', async () => {
    const { ports } = await portsWith([monthly, weekly, paused, otherTeam], {});
    const answer = await upcomingRituals({ community: TEAM_A, personId: 'p', limit: 10 }, ports);
    expect(answer.span).toBe('community');
    expect(answer.entries.map((e) => e.ritual.id)).toEqual(['weekly', 'monthly']);
    expect(answer.entries[0].occurrence.startsAt).toBe('2026-11-05T09:00:00.000Z');
    expect(answer.entries[0].communityName).toBeUndefined();
  });

  it('skips a skipped occurrence and shows the one after it', async () => {
    const skipping: Ritual = {
      ...weekly,
      changes: [
        {
          occurrenceId: '2026-11-05T09:00:00.000Z',
          kind: 'skipped',
          reason: 'Holiday',
          by: { id: 'a', name: 'Ada' },
          at: '2026-11-01T00:00:00.000Z',
        },
      ],
    };
    const { ports } = await portsWith([skipping], {});
    const [entry] = (await upcomingRituals({ community: TEAM_A, personId: 'p', limit: 10 }, ports)).entries;
    expect(entry.occurrence.startsAt).toBe('2026-11-12T09:00:00.000Z');
  });

  it('elsewhere, lists the rituals of the teams the person is in, each with its community’s name, asking once per team', async () => {
    const { ports, membershipQuestions } = await portsWith([monthly, weekly, otherTeam], { 'team-a': ['p'] }, { [A]: 'Platform guild' });
    const answer = await upcomingRituals({ community: PERSONAL, personId: 'p', limit: 10 }, ports);
    expect(answer.span).toBe('person');
    expect(answer.entries.map((e) => [e.ritual.id, e.communityName])).toEqual([
      ['weekly', 'Platform guild'],
      ['monthly', 'Platform guild'],
    ]);
    expect(membershipQuestions.sort()).toEqual(['team-a', 'team-b']);
  });

  it('names a community with no name on record generically, and keeps to the limit', async () => {
    const { ports } = await portsWith([monthly, weekly, otherTeam], { 'team-a': ['p'], 'team-b': ['p'] });
    const answer = await upcomingRituals({ community: PERSONAL, personId: 'p', limit: 2 }, ports);
    expect(answer.entries).toHaveLength(2);
    expect(answer.entries.map((e) => e.communityName)).toEqual(['A community channel', 'A community channel']);
  });
});
