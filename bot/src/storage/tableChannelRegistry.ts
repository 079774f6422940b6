import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import type { CommunityRef } from '../domain/communities/community';
import {
  CHANNEL_DELETED,
  TEAM_GONE_REASONS,
  type InstalledChannels,
  type KnownTeam,
  type TeamLookup,
} from '../domain/installation/installation';
import type { ChannelStatus, ChannelTarget, ChannelTargets, ReminderChannels } from '../domain/rituals/ritualPorts';
import { guardStorage } from './errors';
import { findRow } from './findRow';
import { composeKey, escapeKeyPart, prefixUpperBound } from './keys';

/*
 *   Channels  PK <tenant>  RK <team>|<channel>   name, disabledAt, disabledReason
 */

/**
 * The channels of the teams the bot is in, and whether their reminders are on. A team
 * the bot was removed from, and a channel that was deleted or refused a post for good,
 * get no posts until the bot is added again.
 */
export class TableChannelRegistry implements ReminderChannels, ChannelTargets, InstalledChannels {
  constructor(
    private readonly table: TableClient,
    private readonly teams: TeamLookup,
  ) {}

  /** Records a channel's name as Teams last gave it. */
  async rename(tenantId: string, teamId: string, channelId: string, name: string): Promise<void> {
    await guardStorage('record a channel', () =>
      this.table.upsertEntity({ partitionKey: escapeKeyPart(tenantId), rowKey: composeKey(teamId, channelId), name }, 'Merge'),
    );
  }

  /** Stops posts into one channel and records why. */
  async disable(tenantId: string, teamId: string, channelId: string, reason: string, at: string): Promise<void> {
    await guardStorage('disable a channel', () =>
      this.table.upsertEntity(
        { partitionKey: escapeKeyPart(tenantId), rowKey: composeKey(teamId, channelId), disabledAt: at, disabledReason: reason },
        'Merge',
      ),
    );
  }

  /** Turns posts back on in every channel of a team, when the bot is added to it again. */
  async enableTeam(tenantId: string, teamId: string): Promise<void> {
    await guardStorage('enable a team’s channels', async () => {
      const prefix = `${escapeKeyPart(teamId)}|`;
      const filter = odata`PartitionKey eq ${escapeKeyPart(tenantId)} and RowKey ge ${prefix} and RowKey lt ${prefixUpperBound(prefix)}`;
      for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        if (row.disabledAt && row.disabledReason !== CHANNEL_DELETED) {
          await this.table.upsertEntity(
            { partitionKey: row.partitionKey!, rowKey: row.rowKey!, disabledAt: '', disabledReason: '' },
            'Merge',
          );
        }
      }
    });
  }

  async statusOf(ref: CommunityRef): Promise<ChannelStatus> {
    const found = await this.lookup(ref);
    if ('status' in found) return found.status;
    return { state: 'active' };
  }

  /** Where to post a community's reminders, or why not. */
  async targetOf(ref: CommunityRef): Promise<{ target: ChannelTarget } | { status: ChannelStatus }> {
    return this.lookup(ref);
  }

  private async lookup(ref: CommunityRef): Promise<{ target: ChannelTarget } | { status: ChannelStatus }> {
    if (ref.scope !== 'channel' || !ref.teamId)
      return { status: { state: 'disabled', detail: 'Reminders are posted in team channels only.' } };
    const [team, channel] = await Promise.all([
      this.teams.get({ tenantId: ref.tenantId, teamId: ref.teamId }),
      this.channel(ref.tenantId, ref.teamId, ref.conversationId),
    ]);
    if (!team?.serviceUrl) {
      return { status: { state: 'waiting', detail: 'Reminders start once Commonplace is added to this team.' } };
    }
    if (team.removedAt) {
      return {
        status: {
          state: 'disabled',
          detail: `Reminders stopped: ${team.removedReason || TEAM_GONE_REASONS.removed} Add the app to the team again to restart them.`,
        },
      };
    }
    if (channel?.disabledAt) {
      return {
        status: { state: 'disabled', detail: `Reminders stopped: ${channel.disabledReason || 'the channel could not be reached.'}` },
      };
    }
    return { target: targetFrom(team, ref.conversationId) };
  }

  private async channel(
    tenantId: string,
    teamId: string,
    channelId: string,
  ): Promise<{ disabledAt?: string; disabledReason?: string } | undefined> {
    return guardStorage('read a channel', async () => {
      const row = await findRow(this.table, escapeKeyPart(tenantId), composeKey(teamId, channelId));
      if (!row) return undefined;
      return typeof row.disabledAt === 'string' && row.disabledAt
        ? { disabledAt: row.disabledAt, disabledReason: String(row.disabledReason ?? '') }
        : {};
    });
  }
}

function targetFrom(team: KnownTeam, channelId: string): ChannelTarget {
  return {
    tenantId: team.tenantId,
    teamId: team.teamId,
    channelId,
    serviceUrl: team.serviceUrl!,
    ...(team.aadGroupId ? { teamAadGroupId: team.aadGroupId } : {}),
  };
}
