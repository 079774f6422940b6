import type { RitualItem } from '../../bot/src/domain/rituals/ritual';
import type { RitualItemRepository } from '../../bot/src/domain/rituals/ritualPorts';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { copy, nextVersion } from './versions';

/** What members bring to occurrences, in memory, written conditionally as Table storage writes it. */
export class MemoryRitualItemRepository implements RitualItemRepository {
  private readonly items = new Map<string, RitualItem>();

  async list(communityId: string, ritualId: string, occurrenceId: string): Promise<RitualItem[]> {
    return [...this.items.values()]
      .filter((i) => i.communityId === communityId && i.ritualId === ritualId && i.occurrenceId === occurrenceId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map(copy);
  }

  async get(communityId: string, ritualId: string, occurrenceId: string, itemId: string): Promise<RitualItem | undefined> {
    const item = this.items.get(keyOf(communityId, ritualId, occurrenceId, itemId));
    return item && copy(item);
  }

  async create(item: RitualItem): Promise<RitualItem> {
    const key = keyOf(item.communityId, item.ritualId, item.occurrenceId, item.id);
    if (this.items.has(key)) throw new ConflictError('item');
    return this.write(key, item);
  }

  async replace(item: RitualItem): Promise<RitualItem> {
    const key = keyOf(item.communityId, item.ritualId, item.occurrenceId, item.id);
    const current = this.items.get(key);
    if (!current) throw new NotFoundError('item');
    if (item.version !== undefined && current.version !== item.version) throw new ConflictError('item');
    return this.write(key, item);
  }

  async remove(item: RitualItem): Promise<void> {
    this.items.delete(keyOf(item.communityId, item.ritualId, item.occurrenceId, item.id));
  }

  private write(key: string, item: RitualItem): RitualItem {
    const written = { ...copy(item), version: nextVersion() };
    this.items.set(key, written);
    return copy(written);
  }
}

function keyOf(communityId: string, ritualId: string, occurrenceId: string, itemId: string): string {
  return [communityId, ritualId, occurrenceId, itemId].join('\n');
}
