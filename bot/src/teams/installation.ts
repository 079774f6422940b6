import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging';
import { CHANNEL_DELETED, type TableChannelRegistry } from '../storage/tableChannelRegistry';
import type { TableTeamRegistry } from '../storage/tableTeamRegistry';

interface InstallChannelData {
  tenant?: { id?: string };
  team?: { id?: string; aadGroupId?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** What the installation handlers keep current. */
export interface InstallationDeps {
  teams: TableTeamRegistry;
  channels: TableChannelRegistry;
  log: Logger;
  now: () => Date;
}

function teamOf(context: TurnContext): { tenantId: string; teamId: string; data: InstallChannelData } | undefined {
  const data = (context.activity.channelData ?? {}) as InstallChannelData;
  const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId;
  const teamId = data.team?.id;
  return tenantId && teamId ? { tenantId, teamId, data } : undefined;
}

function includesBot(context: TurnContext, members: { id?: string }[] | undefined): boolean {
  return (members ?? []).some((m) => m.id === context.activity.recipient?.id);
}

/**
 * Keeps the channels the bot can post into current: added to a team, removed from it,
 * a channel renamed or deleted, a team archived or deleted. Reminders use this to know
 * where they can go, and stop (saying why) where they cannot.
 */
export function installationHandlers(deps: InstallationDeps) {
  /**
   * The bot is in the team again, added or with the team unarchived or restored: posts
   * refused meanwhile stopped its channels, and they start again (a deleted one stays off).
   */
  const teamIsBack = async (context: TurnContext, team: NonNullable<ReturnType<typeof teamOf>>) => {
    await deps.teams.markInstalled({
      tenantId: team.tenantId,
      teamId: team.teamId,
      ...(team.data.team?.aadGroupId ? { aadGroupId: team.data.team.aadGroupId } : {}),
      ...(context.activity.serviceUrl ? { serviceUrl: context.activity.serviceUrl } : {}),
      ...(team.data.team?.name ? { name: team.data.team.name } : {}),
      seenAt: deps.now().toISOString(),
    });
    await deps.channels.enableTeam(team.tenantId, team.teamId);
  };

  return {
    async membersAdded(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team || !includesBot(context, context.activity.membersAdded)) return;
      await teamIsBack(context, team);
      deps.log.info('team.installed', { tenantId: team.tenantId });
    },

    async membersRemoved(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team || !includesBot(context, context.activity.membersRemoved)) return;
      await deps.teams.markRemoved(team, 'Commonplace was removed from this team.', deps.now().toISOString());
      deps.log.info('team.uninstalled', { tenantId: team.tenantId });
    },

    async channelRenamed(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      const channel = team?.data.channel;
      if (!team || !channel?.id || !channel.name) return;
      await deps.channels.rename(team.tenantId, team.teamId, channel.id, channel.name);
    },

    async channelDeleted(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      const channelId = team?.data.channel?.id;
      if (!team || !channelId) return;
      await deps.channels.disable(team.tenantId, team.teamId, channelId, CHANNEL_DELETED, deps.now().toISOString());
    },

    async teamGone(context: TurnContext, why: 'deleted' | 'archived'): Promise<void> {
      const team = teamOf(context);
      if (!team) return;
      await deps.teams.markRemoved(team, `The team was ${why}.`, deps.now().toISOString());
    },

    async teamBack(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team) return;
      await teamIsBack(context, team);
    },
  };
}
