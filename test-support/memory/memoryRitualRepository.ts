import type { Ritual } from '../../bot/src/domain/rituals/ritual';
import type { RitualRepository } from '../../bot/src/domain/rituals/ritualPorts';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { copy, nextVersion } from './versions';

/** Communities' rituals in memory, written conditionally on their version as Table storage writes them. */
export class MemoryRitualRepository implements RitualRepository {
  private readonly rituals = new Map<string, Ritual>();

  async list(communityId: string): Promise<Ritual[]> {
    return this.sorted((r) => r.communityId === communityId);
  }

  async listTenant(tenantId: string): Promise<Ritual[]> {
    // A community id starts with its tenant.
    return this.sorted((r) => r.communityId.startsWith(`${tenantId}|`));
  }

  async get(communityId: string, ritualId: string): Promise<Ritual | undefined> {
    const ritual = this.rituals.get(keyOf(communityId, ritualId));
    return ritual && copy(ritual);
  }

  async create(ritual: Ritual): Promise<Ritual> {
    const key = keyOf(ritual.communityId, ritual.id);
    if (this.rituals.has(key)) throw new ConflictError('ritual');
    return this.write(key, ritual);
  }

  async replace(ritual: Ritual): Promise<Ritual> {
    const key = keyOf(ritual.communityId, ritual.id);
    const current = this.rituals.get(key);
    if (!current) throw new NotFoundError('ritual');
    if (ritual.version !== undefined && current.version !== ritual.version) throw new ConflictError('ritual');
    return this.write(key, ritual);
  }

  async remove(ritual: Ritual): Promise<void> {
    const key = keyOf(ritual.communityId, ritual.id);
    const current = this.rituals.get(key);
    if (!current) return;
    if (ritual.version !== undefined && current.version !== ritual.version) throw new ConflictError('ritual');
    this.rituals.delete(key);
  }

  private write(key: string, ritual: Ritual): Ritual {
    const written = { ...copy(ritual), version: nextVersion() };
    this.rituals.set(key, written);
    return copy(written);
  }

  /** In creation order; rituals created at the same moment by id, as their row keys sort. */
  private sorted(keep: (ritual: Ritual) => boolean): Ritual[] {
    return [...this.rituals.values()]
      .filter(keep)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.communityId.localeCompare(b.communityId) || a.id.localeCompare(b.id))
      .map(copy);
  }
}

function keyOf(communityId: string, ritualId: string): string {
  return `${communityId}\n${ritualId}`;
}
