import type { CommunityProfile, TeamRole } from '../../bot/src/domain/communities/communityProfile';
import type { CommunityRepository, TeamDirectory, TeamRef } from '../../bot/src/domain/communities/communityPorts';
import {
  CHANNEL_DELETED,
  type InstalledChannels,
  type KnownTeam,
  type TeamInstallations,
} from '../../bot/src/domain/installation/installation';
import type { Ritual, RitualItem } from '../../bot/src/domain/rituals/ritual';
import type { RitualItemRepository, RitualRepository } from '../../bot/src/domain/rituals/ritualPorts';
import { ConflictError } from '../../bot/src/domain/shared/errors';
import type { ThreadMessage, ThreadRepository } from '../../bot/src/domain/threads/threadPorts';

/*
 * The ports the Teams handlers use, kept in memory for in-process tests. They keep the
 * promises the Table adapters keep: versions move on every write, a write at a stale
 * version or onto a taken id is refused with the same errors, and what is read back is a
 * copy, so a handler never changes what is stored by changing what it read.
 */

const copy = <T>(value: T): T => structuredClone(value);
const key = (...parts: string[]) => parts.join('\n');

/** Channel messages kept for the thread-harvest window. */
export class MemoryThreadRepository implements ThreadRepository {
  private readonly messages = new Map<string, ThreadMessage>();

  async save(message: ThreadMessage): Promise<void> {
    this.messages.set(key(message.communityId, message.threadRootId, message.messageId), copy(message));
  }

  async remove(communityId: string, threadRootId: string, messageId: string): Promise<void> {
    this.messages.delete(key(communityId, threadRootId, messageId));
  }

  async list(communityId: string, threadRootId: string, now: Date): Promise<ThreadMessage[]> {
    return [...this.messages.values()]
      .filter((m) => m.communityId === communityId && m.threadRootId === threadRootId && Date.parse(m.expiresAt) > now.getTime())
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .map(copy);
  }

  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (const [at, message] of this.messages) {
      if (Date.parse(message.expiresAt) <= now.getTime()) {
        this.messages.delete(at);
        purged++;
      }
    }
    return purged;
  }
}

/** Versions as storage hands them out: opaque, and new on every write. */
class Versions {
  private next = 1;
  issue(): string {
    return `v${this.next++}`;
  }
}

/** Communities' rituals. */
export class MemoryRitualRepository implements RitualRepository {
  private readonly rituals = new Map<string, Ritual>();
  private readonly versions = new Versions();

  async list(communityId: string): Promise<Ritual[]> {
    return [...this.rituals.values()].filter((r) => r.communityId === communityId).map(copy);
  }

  async listTenant(tenantId: string): Promise<Ritual[]> {
    return [...this.rituals.values()].filter((r) => r.community.tenantId === tenantId).map(copy);
  }

  async get(communityId: string, ritualId: string): Promise<Ritual | undefined> {
    const ritual = this.rituals.get(key(communityId, ritualId));
    return ritual && copy(ritual);
  }

  async create(ritual: Ritual): Promise<Ritual> {
    const at = key(ritual.communityId, ritual.id);
    if (this.rituals.has(at)) throw new ConflictError('ritual');
    return this.write(at, ritual);
  }

  async replace(ritual: Ritual): Promise<Ritual> {
    const at = key(ritual.communityId, ritual.id);
    this.check(at, ritual.version);
    return this.write(at, ritual);
  }

  async remove(ritual: Ritual): Promise<void> {
    const at = key(ritual.communityId, ritual.id);
    this.check(at, ritual.version);
    this.rituals.delete(at);
  }

  /** A write at a version names that version; one without (`*` in Table terms) writes whatever is there. */
  private check(at: string, version: string | undefined): void {
    const current = this.rituals.get(at);
    if (!current || (version !== undefined && current.version !== version)) throw new ConflictError('ritual');
  }

  private write(at: string, ritual: Ritual): Ritual {
    const stored = { ...copy(ritual), version: this.versions.issue() };
    this.rituals.set(at, stored);
    return copy(stored);
  }
}

/** What members bring to occurrences. */
export class MemoryRitualItemRepository implements RitualItemRepository {
  private readonly items = new Map<string, RitualItem>();
  private readonly versions = new Versions();

  async list(communityId: string, ritualId: string, occurrenceId: string): Promise<RitualItem[]> {
    return [...this.items.values()]
      .filter((i) => i.communityId === communityId && i.ritualId === ritualId && i.occurrenceId === occurrenceId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(copy);
  }

  async get(communityId: string, ritualId: string, occurrenceId: string, itemId: string): Promise<RitualItem | undefined> {
    const item = this.items.get(key(communityId, ritualId, occurrenceId, itemId));
    return item && copy(item);
  }

  async create(item: RitualItem): Promise<RitualItem> {
    const at = this.keyOf(item);
    if (this.items.has(at)) throw new ConflictError('item');
    return this.write(at, item);
  }

  async replace(item: RitualItem): Promise<RitualItem> {
    const at = this.keyOf(item);
    const current = this.items.get(at);
    if (!current || (item.version !== undefined && current.version !== item.version)) throw new ConflictError('item');
    return this.write(at, item);
  }

  async remove(item: RitualItem): Promise<void> {
    this.items.delete(this.keyOf(item));
  }

  private keyOf(item: RitualItem): string {
    return key(item.communityId, item.ritualId, item.occurrenceId, item.id);
  }

  private write(at: string, item: RitualItem): RitualItem {
    const stored = { ...copy(item), version: this.versions.issue() };
    this.items.set(at, stored);
    return copy(stored);
  }
}

/** Community profiles. */
export class MemoryCommunityRepository implements CommunityRepository {
  private readonly profiles = new Map<string, CommunityProfile>();
  private readonly versions = new Versions();

  async get(communityId: string): Promise<CommunityProfile | undefined> {
    const profile = this.profiles.get(communityId);
    return profile && copy(profile);
  }

  async save(profile: CommunityProfile): Promise<CommunityProfile> {
    const current = this.profiles.get(profile.communityId);
    if (current ? current.version !== profile.version : profile.version !== undefined) throw new ConflictError('community');
    const stored = { ...copy(profile), version: this.versions.issue() };
    this.profiles.set(profile.communityId, stored);
    return copy(stored);
  }
}

/** Who is in which team, as the directory would answer. */
export class MemoryTeamDirectory implements TeamDirectory {
  private readonly roles = new Map<string, TeamRole>();

  /** Puts a person in a team with a role. */
  add(team: TeamRef, personId: string, role: TeamRole): this {
    this.roles.set(key(team.tenantId, team.teamId, personId), role);
    return this;
  }

  async roleOf(team: TeamRef, personId: string): Promise<TeamRole | undefined> {
    return this.roles.get(key(team.tenantId, team.teamId, personId));
  }
}

/** A channel the bot knows, and whether posts may go there. */
export interface KnownChannel {
  tenantId: string;
  teamId: string;
  channelId: string;
  name?: string;
  disabledAt?: string;
  disabledReason?: string;
}

/** The teams the bot is in, and their channels. */
export class MemoryInstallations implements TeamInstallations, InstalledChannels {
  private readonly teamsByKey = new Map<string, KnownTeam>();
  private readonly channelsByKey = new Map<string, KnownChannel>();

  async remember(team: KnownTeam): Promise<void> {
    const at = key(team.tenantId, team.teamId);
    const { removedAt: _at, removedReason: _reason, ...seen } = copy(team);
    const current = this.teamsByKey.get(at);
    // Like the Table's merge: what this sighting says replaces what it knew, removal stays.
    this.teamsByKey.set(at, {
      ...current,
      ...seen,
      ...(current?.removedAt ? { removedAt: current.removedAt, removedReason: current.removedReason } : {}),
    });
  }

  async markInstalled(team: KnownTeam): Promise<void> {
    await this.remember(team);
    const at = key(team.tenantId, team.teamId);
    const { removedAt: _at, removedReason: _reason, ...installed } = this.teamsByKey.get(at)!;
    this.teamsByKey.set(at, installed);
  }

  async markRemoved(team: TeamRef, reason: string, at: string): Promise<void> {
    const where = key(team.tenantId, team.teamId);
    const current = this.teamsByKey.get(where) ?? { tenantId: team.tenantId, teamId: team.teamId, seenAt: '' };
    this.teamsByKey.set(where, { ...current, removedAt: at, removedReason: reason });
  }

  async rename(tenantId: string, teamId: string, channelId: string, name: string): Promise<void> {
    const at = key(tenantId, teamId, channelId);
    this.channelsByKey.set(at, { ...(this.channelsByKey.get(at) ?? { tenantId, teamId, channelId }), name });
  }

  async disable(tenantId: string, teamId: string, channelId: string, reason: string, disabledAt: string): Promise<void> {
    const at = key(tenantId, teamId, channelId);
    this.channelsByKey.set(at, {
      ...(this.channelsByKey.get(at) ?? { tenantId, teamId, channelId }),
      disabledAt,
      disabledReason: reason,
    });
  }

  async enableTeam(tenantId: string, teamId: string): Promise<void> {
    for (const [at, channel] of this.channelsByKey) {
      if (channel.tenantId === tenantId && channel.teamId === teamId && channel.disabledAt && channel.disabledReason !== CHANNEL_DELETED) {
        const { disabledAt: _at, disabledReason: _reason, ...enabled } = channel;
        this.channelsByKey.set(at, enabled);
      }
    }
  }

  /** The team as recorded, if the bot has seen it. */
  team(team: TeamRef): KnownTeam | undefined {
    const known = this.teamsByKey.get(key(team.tenantId, team.teamId));
    return known && copy(known);
  }

  /** The channel as recorded, if the bot knows it. */
  channel(tenantId: string, teamId: string, channelId: string): KnownChannel | undefined {
    const known = this.channelsByKey.get(key(tenantId, teamId, channelId));
    return known && copy(known);
  }
}
