import type { TurnContext } from 'botbuilder';
import { channelDeleted, channelRenamed, teamJoined, teamLeft, type InstallationPorts, type KnownTeam } from '../domain/installation';
import type { TeamRef } from '../domain/ports';
import type { Logger } from '../logging';

interface InstallChannelData {
  tenant?: { id?: string };
  team?: { id?: string; aadGroupId?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** What the installation handlers keep current. */
export interface InstallationDeps extends InstallationPorts {
  log: Logger;
  now: () => Date;
}

function teamOf(context: TurnContext): (TeamRef & { data: InstallChannelData }) | undefined {
  const data = (context.activity.channelData ?? {}) as InstallChannelData;
  const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId;
  const teamId = data.team?.id;
  return tenantId && teamId ? { tenantId, teamId, data } : undefined;
}

/** The team as this activity describes it, for recording the installation. */
function knownTeam(context: TurnContext, team: NonNullable<ReturnType<typeof teamOf>>, seenAt: Date): KnownTeam {
  return {
    tenantId: team.tenantId,
    teamId: team.teamId,
    ...(team.data.team?.aadGroupId ? { aadGroupId: team.data.team.aadGroupId } : {}),
    ...(context.activity.serviceUrl ? { serviceUrl: context.activity.serviceUrl } : {}),
    ...(team.data.team?.name ? { name: team.data.team.name } : {}),
    seenAt: seenAt.toISOString(),
  };
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
  return {
    async membersAdded(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team || !includesBot(context, context.activity.membersAdded)) return;
      await teamJoined(knownTeam(context, team, deps.now()), deps);
      deps.log.info('team.installed', { tenantId: team.tenantId });
    },

    async membersRemoved(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team || !includesBot(context, context.activity.membersRemoved)) return;
      await teamLeft(team, 'removed', deps.now().toISOString(), deps);
      deps.log.info('team.uninstalled', { tenantId: team.tenantId });
    },

    async channelRenamed(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      const channel = team?.data.channel;
      if (!team || !channel?.id || !channel.name) return;
      await channelRenamed(team, channel.id, channel.name, deps);
    },

    async channelDeleted(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      const channelId = team?.data.channel?.id;
      if (!team || !channelId) return;
      await channelDeleted(team, channelId, deps.now().toISOString(), deps);
    },

    async teamGone(context: TurnContext, how: 'deleted' | 'archived'): Promise<void> {
      const team = teamOf(context);
      if (!team) return;
      await teamLeft(team, how, deps.now().toISOString(), deps);
    },

    async teamBack(context: TurnContext): Promise<void> {
      const team = teamOf(context);
      if (!team) return;
      await teamJoined(knownTeam(context, team, deps.now()), deps);
    },
  };
}
