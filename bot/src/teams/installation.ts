import type { TurnContext } from 'botbuilder';
import { channelDeleted, channelRenamed, teamJoined, teamLeft, type InstallationPorts } from '../domain/installation/installation';
import type { Logger } from '../logging';
import { channelOfActivity, teamOfActivity } from './activityContext';

/** What the installation handlers keep current. */
export interface InstallationDeps extends InstallationPorts {
  log: Logger;
  now: () => Date;
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
      const team = teamOfActivity(context.activity);
      if (!team || !includesBot(context, context.activity.membersAdded)) return;
      await teamJoined({ ...team, seenAt: deps.now().toISOString() }, deps);
      deps.log.info('team.installed', { tenantId: team.tenantId });
    },

    async membersRemoved(context: TurnContext): Promise<void> {
      const team = teamOfActivity(context.activity);
      if (!team || !includesBot(context, context.activity.membersRemoved)) return;
      await teamLeft(team, 'removed', deps.now().toISOString(), deps);
      deps.log.info('team.uninstalled', { tenantId: team.tenantId });
    },

    async channelRenamed(context: TurnContext): Promise<void> {
      const team = teamOfActivity(context.activity);
      const channel = channelOfActivity(context.activity);
      if (!team || !channel?.id || !channel.name) return;
      await channelRenamed(team, channel.id, channel.name, deps);
    },

    async channelDeleted(context: TurnContext): Promise<void> {
      const team = teamOfActivity(context.activity);
      const channelId = channelOfActivity(context.activity)?.id;
      if (!team || !channelId) return;
      await channelDeleted(team, channelId, deps.now().toISOString(), deps);
    },

    async teamGone(context: TurnContext, how: 'deleted' | 'archived'): Promise<void> {
      const team = teamOfActivity(context.activity);
      if (!team) return;
      await teamLeft(team, how, deps.now().toISOString(), deps);
    },

    async teamBack(context: TurnContext): Promise<void> {
      const team = teamOfActivity(context.activity);
      if (!team) return;
      await teamJoined({ ...team, seenAt: deps.now().toISOString() }, deps);
    },
  };
}
