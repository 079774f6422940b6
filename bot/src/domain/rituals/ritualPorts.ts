import type { CommunityRef } from '../communities/community';
import type { Ritual, RitualItem } from './ritual';

/** Storage of communities' rituals. */
export interface RitualRepository {
  /** The community's rituals, in creation order. */
  list(communityId: string): Promise<Ritual[]>;
  /** Every ritual of every community in a tenant, for a person's own "rituals" list. */
  listTenant(tenantId: string): Promise<Ritual[]>;
  get(communityId: string, ritualId: string): Promise<Ritual | undefined>;
  /** @throws ConflictError when the id is taken. */
  create(ritual: Ritual): Promise<Ritual>;
  /**
   * Writes the ritual if it is still at `ritual.version`.
   * @throws ConflictError when someone changed it in between; NotFoundError when it was deleted.
   */
  replace(ritual: Ritual): Promise<Ritual>;
  /** Deletes the ritual if it is still at `ritual.version`. @throws ConflictError */
  remove(ritual: Ritual): Promise<void>;
}

/** Storage of what members bring to an occurrence. */
export interface RitualItemRepository {
  /** The occurrence's items, oldest first. */
  list(communityId: string, ritualId: string, occurrenceId: string): Promise<RitualItem[]>;
  get(communityId: string, ritualId: string, occurrenceId: string, itemId: string): Promise<RitualItem | undefined>;
  /** @throws ConflictError when an item with the same id exists. */
  create(item: RitualItem): Promise<RitualItem>;
  /**
   * Writes the item if it is still at `item.version`.
   * @throws ConflictError when someone changed it in between; NotFoundError when it was removed.
   */
  replace(item: RitualItem): Promise<RitualItem>;
  remove(item: RitualItem): Promise<void>;
}

/** One thing the bot posts for a ritual at a time: a reminder, an opener or a follow-up. */
export interface PlannedPost {
  /** Unique per ritual, occurrence, kind of post and due time, so a re-plan never posts twice. */
  key: string;
  dueAt: string;
  tenantId: string;
  communityId: string;
  ritualId: string;
  occurrenceId: string;
  post: RitualPostKind;
  /** Reminders: minutes before the start. */
  offsetMinutes?: number;
}

/** What the bot posts about an occurrence. */
export type RitualPostKind = 'reminder' | 'opening' | 'followUp';

/** Where planned posts wait until they are due. */
export interface PostPlanner {
  /** Idempotent: a post already planned or already done is left as it is. */
  schedule(posts: PlannedPost[]): Promise<void>;
}

/** Whether the bot can post into a community's channel. */
export interface ChannelStatus {
  state: 'active' | 'waiting' | 'disabled';
  /** Why reminders wait or stopped, worded for people. */
  detail?: string;
}

/** What the bot knows about the channels it can post into. */
export interface ReminderChannels {
  statusOf(ref: CommunityRef): Promise<ChannelStatus>;
}

/** A channel the bot can post into, with how to reach it. */
export interface ChannelTarget {
  tenantId: string;
  teamId: string;
  channelId: string;
  serviceUrl: string;
  teamAadGroupId?: string;
}

/** Where a community's posts go, or why they cannot go there now. */
export interface ChannelTargets {
  targetOf(ref: CommunityRef): Promise<{ target: ChannelTarget } | { status: ChannelStatus }>;
}
