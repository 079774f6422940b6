import type { TableClient } from '@azure/data-tables';
import type { KnownTeam, TeamInstallations } from '../domain/installation/installation';
import type { TeamRef } from '../domain/communities/communityPorts';
import { guardStorage } from './errors';
import { findRow } from './findRow';
import { escapeKeyPart } from './keys';

/*
 *   Teams  PK <tenant>  RK <team thread id>   the team's Microsoft 365 group id, service URL, name
 */

/** Teams the bot has seen, so the API can ask Graph about a team by its group id. */
export class TableTeamRegistry implements TeamInstallations {
  constructor(private readonly table: TableClient) {}

  /** Records or refreshes a team. */
  async remember(team: KnownTeam): Promise<void> {
    await guardStorage('record a team', () =>
      this.table.upsertEntity(
        {
          partitionKey: escapeKeyPart(team.tenantId),
          rowKey: escapeKeyPart(team.teamId),
          tenantId: team.tenantId,
          teamId: team.teamId,
          ...(team.aadGroupId ? { aadGroupId: team.aadGroupId } : {}),
          ...(team.serviceUrl ? { serviceUrl: team.serviceUrl } : {}),
          ...(team.name ? { name: team.name } : {}),
          seenAt: team.seenAt,
        },
        'Merge',
      ),
    );
  }

  /** Records that the bot is no longer in the team, and why, so its channels get no posts. */
  async markRemoved(team: TeamRef, reason: string, at: string): Promise<void> {
    await guardStorage('record a team removal', () =>
      this.table.upsertEntity(
        {
          partitionKey: escapeKeyPart(team.tenantId),
          rowKey: escapeKeyPart(team.teamId),
          tenantId: team.tenantId,
          teamId: team.teamId,
          removedAt: at,
          removedReason: reason,
        },
        'Merge',
      ),
    );
  }

  /** Records that the bot was added to the team (again). */
  async markInstalled(team: KnownTeam): Promise<void> {
    await this.remember(team);
    await guardStorage('record a team installation', () =>
      this.table.upsertEntity(
        { partitionKey: escapeKeyPart(team.tenantId), rowKey: escapeKeyPart(team.teamId), removedAt: '', removedReason: '' },
        'Merge',
      ),
    );
  }

  /** The team, if the bot has seen it. */
  async get(team: TeamRef): Promise<KnownTeam | undefined> {
    return guardStorage('read a team', async () => {
      const row = await findRow(this.table, escapeKeyPart(team.tenantId), escapeKeyPart(team.teamId));
      return (
        row && {
          tenantId: team.tenantId,
          teamId: team.teamId,
          ...(typeof row.aadGroupId === 'string' ? { aadGroupId: row.aadGroupId } : {}),
          ...(typeof row.serviceUrl === 'string' ? { serviceUrl: row.serviceUrl } : {}),
          ...(typeof row.name === 'string' ? { name: row.name } : {}),
          seenAt: String(row.seenAt ?? ''),
          ...(typeof row.removedAt === 'string' && row.removedAt
            ? { removedAt: row.removedAt, removedReason: String(row.removedReason ?? '') }
            : {}),
        }
      );
    });
  }
}
