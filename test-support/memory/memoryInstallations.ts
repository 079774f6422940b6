import type { CommunityRef } from '../../bot/src/domain/communities/community';
import type { TeamRef } from '../../bot/src/domain/communities/communityPorts';
import {
  CHANNEL_DELETED,
  TEAM_GONE_REASONS,
  type InstalledChannels,
  type KnownTeam,
  type TeamInstallations,
} from '../../bot/src/domain/installation/installation';
import type { ChannelStatus, ReminderChannels } from '../../bot/src/domain/rituals/ritualPorts';
import { copy } from './versions';

interface ChannelRecord {
  name?: string;
  disabledAt?: string;
  disabledReason?: string;
}

/** A channel the bot heard of, and whether posts may go there. */
export interface KnownChannel extends ChannelRecord {
  tenantId: string;
  teamId: string;
  channelId: string;
}

/**
 * The teams the bot is in and their channels, in memory: each write merges into what is
 * known, as the Table registries' merge-upserts do, so a later event that leaves a field
 * out keeps what an earlier one said.
 */
export class MemoryInstallations implements TeamInstallations, InstalledChannels, ReminderChannels {
  private readonly teams = new Map<string, Partial<KnownTeam> & TeamRef>();
  private readonly channels = new Map<string, ChannelRecord>();

  async remember(team: KnownTeam): Promise<void> {
    const known = this.team(team);
    if (team.aadGroupId) known.aadGroupId = team.aadGroupId;
    if (team.serviceUrl) known.serviceUrl = team.serviceUrl;
    if (team.name) known.name = team.name;
    known.seenAt = team.seenAt;
  }

  async markInstalled(team: KnownTeam): Promise<void> {
    await this.remember(team);
    const known = this.team(team);
    delete known.removedAt;
    delete known.removedReason;
  }

  async markRemoved(team: TeamRef, reason: string, at: string): Promise<void> {
    Object.assign(this.team(team), { removedAt: at, removedReason: reason });
  }

  async rename(tenantId: string, teamId: string, channelId: string, name: string): Promise<void> {
    this.channel(tenantId, teamId, channelId).name = name;
  }

  async disable(tenantId: string, teamId: string, channelId: string, reason: string, at: string): Promise<void> {
    Object.assign(this.channel(tenantId, teamId, channelId), { disabledAt: at, disabledReason: reason });
  }

  async enableTeam(tenantId: string, teamId: string): Promise<void> {
    const prefix = `${tenantId}\n${teamId}\n`;
    for (const [key, channel] of this.channels) {
      if (key.startsWith(prefix) && channel.disabledAt && channel.disabledReason !== CHANNEL_DELETED) {
        delete channel.disabledAt;
        delete channel.disabledReason;
      }
    }
  }

  async statusOf(ref: CommunityRef): Promise<ChannelStatus> {
    if (ref.scope !== 'channel' || !ref.teamId) return { state: 'disabled', detail: 'Reminders are posted in team channels only.' };
    const team = this.teams.get(teamKey(ref.tenantId, ref.teamId));
    const channel = this.channels.get(channelKey(ref.tenantId, ref.teamId, ref.conversationId));
    if (!team?.serviceUrl) return { state: 'waiting', detail: 'Reminders start once Commonplace is added to this team.' };
    if (team.removedAt) {
      return {
        state: 'disabled',
        detail: `Reminders stopped: ${team.removedReason || TEAM_GONE_REASONS.removed} Add the app to the team again to restart them.`,
      };
    }
    if (channel?.disabledAt) {
      return { state: 'disabled', detail: `Reminders stopped: ${channel.disabledReason || 'the channel could not be reached.'}` };
    }
    return { state: 'active' };
  }

  /** The team as recorded, if the bot heard of it. */
  known(team: TeamRef): (Partial<KnownTeam> & TeamRef) | undefined {
    const known = this.teams.get(teamKey(team.tenantId, team.teamId));
    return known && copy(known);
  }

  /** The channel as recorded, if the bot heard of it. */
  knownChannel(tenantId: string, teamId: string, channelId: string): KnownChannel | undefined {
    const record = this.channels.get(channelKey(tenantId, teamId, channelId));
    return record && { tenantId, teamId, channelId, ...copy(record) };
  }

  private team(team: TeamRef): Partial<KnownTeam> & TeamRef {
    const key = teamKey(team.tenantId, team.teamId);
    const known = this.teams.get(key) ?? { tenantId: team.tenantId, teamId: team.teamId };
    this.teams.set(key, known);
    return known;
  }

  private channel(tenantId: string, teamId: string, channelId: string): ChannelRecord {
    const key = channelKey(tenantId, teamId, channelId);
    const record = this.channels.get(key) ?? {};
    this.channels.set(key, record);
    return record;
  }
}

function teamKey(tenantId: string, teamId: string): string {
  return `${tenantId}\n${teamId}`;
}

function channelKey(tenantId: string, teamId: string, channelId: string): string {
  return `${tenantId}\n${teamId}\n${channelId}`;
}
