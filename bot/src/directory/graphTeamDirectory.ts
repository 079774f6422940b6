import type { GraphTokenProvider } from '../auth/graphToken';
import type { TeamRole } from '../domain/communities/communityProfile';
import { DependencyUnavailableError } from '../domain/shared/errors';
import type { TeamDirectory, TeamRef } from '../domain/communities/communityPorts';
import type { TeamLookup } from '../domain/installation/installation';
import { BoundedCache } from '../cache/boundedCache';

/** Roles are asked for again after this long, so a new owner becomes a manager soon. */
const ROLE_TTL_MS = 5 * 60_000;
const ROLE_CACHE_MAX = 5_000;
const GRAPH_TIMEOUT_MS = 4_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Asks Microsoft Graph who belongs to a team and who owns it, with the app's own
 * identity and the team's resource-specific consent (TeamMember.Read.Group). A team
 * the bot was never installed in is unknown: nobody is a member of it here.
 */
export class GraphTeamDirectory implements TeamDirectory {
  private readonly roles = new BoundedCache<TeamRole | 'none'>(ROLE_CACHE_MAX, ROLE_TTL_MS);

  constructor(
    private readonly teams: TeamLookup,
    /** App-only tokens for the tenant's Graph: the app's own secret or managed identity. */
    private readonly tokenFor: GraphTokenProvider,
    private readonly graphBaseUrl: string,
  ) {}

  async roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined> {
    if (!GUID.test(personId)) return undefined;
    const key = `${team.tenantId}\n${team.teamId}\n${personId}`;
    const cached = this.roles.get(key);
    if (cached) return cached === 'none' ? undefined : cached;
    const known = await this.teams.get(team);
    if (!known?.aadGroupId || !GUID.test(known.aadGroupId)) return undefined;
    const role = await this.askGraph(team.tenantId, known.aadGroupId, personId);
    this.roles.set(key, role ?? 'none');
    return role;
  }

  private async askGraph(tenantId: string, groupId: string, personId: string): Promise<TeamRole | undefined> {
    try {
      const token = await this.tokenFor(tenantId);
      const filter = encodeURIComponent(`(microsoft.graph.aadUserConversationMember/userId eq '${personId}')`);
      const response = await fetch(`${this.graphBaseUrl}/v1.0/teams/${groupId}/members?$filter=${filter}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(GRAPH_TIMEOUT_MS),
      });
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`Graph answered ${response.status}`);
      const body = (await response.json()) as { value?: { roles?: string[] }[] };
      const member = body.value?.[0];
      if (!member) return undefined;
      if (member.roles?.includes('owner')) return 'owner';
      return member.roles?.includes('guest') ? 'guest' : 'member';
    } catch (error) {
      throw new DependencyUnavailableError('Microsoft Graph could not say who belongs to the team', error);
    }
  }
}
