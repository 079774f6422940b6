import type { TeamRef } from '../communities/communityPorts';

/*
 * Where the bot is installed. Reminders go only into channels of teams the bot is in, so
 * Teams' installation events (added to or removed from a team, a channel renamed or
 * deleted, a team archived, deleted or restored) keep that record current.
 */

/** A team the bot is installed in. */
export interface KnownTeam extends TeamRef {
  /** The team's Microsoft 365 group id, which Microsoft Graph addresses it by. */
  aadGroupId?: string;
  serviceUrl?: string;
  name?: string;
  seenAt: string;
  /** Set when the bot was removed from the team (or the team deleted); cleared when it is added again. */
  removedAt?: string;
  removedReason?: string;
}

/** The teams the bot is in. */
export interface TeamInstallations {
  /** Records or refreshes a team the bot heard from, leaving whether it is installed as it is. */
  remember(team: KnownTeam): Promise<void>;
  /** Records that the bot is in the team (again): its posts may go there. */
  markInstalled(team: KnownTeam): Promise<void>;
  /** Records that the bot is no longer in the team, and why, worded for people. */
  markRemoved(team: TeamRef, reason: string, at: string): Promise<void>;
}

/** What is known of a team the bot is in, e.g. its Microsoft 365 group id for Graph. */
export interface TeamLookup {
  get(team: TeamRef): Promise<KnownTeam | undefined>;
}

/** The channels of those teams. */
export interface InstalledChannels {
  rename(tenantId: string, teamId: string, channelId: string, name: string): Promise<void>;
  /** Stops posts into one channel and records why, worded for people. */
  disable(tenantId: string, teamId: string, channelId: string, reason: string, at: string): Promise<void>;
  /** Turns posts back on in every channel of a team that was not deleted. */
  enableTeam(tenantId: string, teamId: string): Promise<void>;
}

/** Ports of the installation use cases. */
export interface InstallationPorts {
  teams: TeamInstallations;
  channels: InstalledChannels;
}

/** Why a deleted channel's reminders stopped; adding the bot again does not bring a deleted channel back. */
export const CHANNEL_DELETED = 'the channel was deleted.';

/** Why a team gets no more posts, for each way the bot can leave it. */
export const TEAM_GONE_REASONS = {
  removed: 'Commonplace was removed from this team.',
  deleted: 'The team was deleted.',
  archived: 'The team was archived.',
} as const;

/** How the bot left a team. */
export type TeamGone = keyof typeof TEAM_GONE_REASONS;

/**
 * The bot is in a team again (added, or the team unarchived or restored): posts refused
 * meanwhile stopped its channels, and they start again; a deleted channel stays off.
 */
export async function teamJoined(team: KnownTeam, ports: InstallationPorts): Promise<void> {
  await ports.teams.markInstalled(team);
  await ports.channels.enableTeam(team.tenantId, team.teamId);
}

/** The bot left a team: its channels get no posts until it is back. */
export async function teamLeft(team: TeamRef, how: TeamGone, at: string, ports: Pick<InstallationPorts, 'teams'>): Promise<void> {
  await ports.teams.markRemoved(team, TEAM_GONE_REASONS[how], at);
}

/** A channel has a new name. */
export async function channelRenamed(
  team: TeamRef,
  channelId: string,
  name: string,
  ports: Pick<InstallationPorts, 'channels'>,
): Promise<void> {
  await ports.channels.rename(team.tenantId, team.teamId, channelId, name);
}

/** A channel was deleted: its reminders stop for good. */
export async function channelDeleted(
  team: TeamRef,
  channelId: string,
  at: string,
  ports: Pick<InstallationPorts, 'channels'>,
): Promise<void> {
  await ports.channels.disable(team.tenantId, team.teamId, channelId, CHANNEL_DELETED, at);
}
