import type { TableClient } from '@azure/data-tables';
import type { TeamRef } from '../domain/ports';
import { guardStorage, tableStatus } from './errors';
import { escapeKeyPart } from './keys';

/*
 *   Teams  PK <tenant>  RK <team thread id>   the team's Microsoft 365 group id, service URL, name
 */

/** A team the bot is installed in. */
export interface KnownTeam extends TeamRef {
  /** The team's Microsoft 365 group id, which Microsoft Graph addresses it by. */
  aadGroupId?: string;
  serviceUrl?: string;
  name?: string;
  seenAt: string;
}

/** Teams the bot has seen, so the API can ask Graph about a team by its group id. */
export class TableTeamRegistry {
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

  /** The team, if the bot has seen it. */
  async get(team: TeamRef): Promise<KnownTeam | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(escapeKeyPart(team.tenantId), escapeKeyPart(team.teamId));
      return {
        tenantId: team.tenantId,
        teamId: team.teamId,
        ...(typeof row.aadGroupId === 'string' ? { aadGroupId: row.aadGroupId } : {}),
        ...(typeof row.serviceUrl === 'string' ? { serviceUrl: row.serviceUrl } : {}),
        ...(typeof row.name === 'string' ? { name: row.name } : {}),
        seenAt: String(row.seenAt ?? ''),
      };
    } catch (error) {
      if (tableStatus(error) === 404) return undefined;
      return guardStorage('read a team', () => Promise.reject(error));
    }
  }
}
