import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import { ConflictError, NotFoundError } from '../domain/shared/errors';
import type { Person } from '../domain/shared/person';
import type { RitualItem } from '../domain/rituals/ritual';
import type { RitualItemRepository } from '../domain/rituals/ritualPorts';
import { guardStorage, tableStatus } from './errors';
import { parseJson } from './json';
import { findRow } from './findRow';
import { composeKey, escapeKeyPart } from './keys';

/*
 *   RitualItems  PK <community>|<ritual>|<occurrence>  RK <item id>   kind, text, author, voters (JSON)
 */

/** Questions, problems and sign-ups in Table storage, one partition per occurrence. */
export class TableRitualItemRepository implements RitualItemRepository {
  constructor(private readonly table: TableClient) {}

  async list(communityId: string, ritualId: string, occurrenceId: string): Promise<RitualItem[]> {
    return guardStorage('list questions', async () => {
      const items: RitualItem[] = [];
      const filter = odata`PartitionKey eq ${composeKey(communityId, ritualId, occurrenceId)}`;
      for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) items.push(fromRow(row));
      return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    });
  }

  async get(communityId: string, ritualId: string, occurrenceId: string, itemId: string): Promise<RitualItem | undefined> {
    return guardStorage('read a question', async () => {
      const row = await findRow(this.table, composeKey(communityId, ritualId, occurrenceId), escapeKeyPart(itemId));
      return row && fromRow(row);
    });
  }

  async create(item: RitualItem): Promise<RitualItem> {
    return this.write(item, () => this.table.createEntity(toRow(item)));
  }

  async replace(item: RitualItem): Promise<RitualItem> {
    return this.write(item, () => this.table.updateEntity(toRow(item), 'Replace', { etag: item.version ?? '*' }));
  }

  async remove(item: RitualItem): Promise<void> {
    try {
      await this.table.deleteEntity(composeKey(item.communityId, item.ritualId, item.occurrenceId), escapeKeyPart(item.id));
    } catch (error) {
      if (tableStatus(error) === 404) return;
      await guardStorage('delete a question', () => Promise.reject(error));
    }
  }

  private async write(item: RitualItem, call: () => Promise<{ etag?: string }>): Promise<RitualItem> {
    try {
      const written = await call();
      return { ...item, version: written.etag };
    } catch (error) {
      if (tableStatus(error) === 412 || tableStatus(error) === 409) throw new ConflictError('item');
      // Only a replace finds no row: the item was removed since it was read.
      if (tableStatus(error) === 404) throw new NotFoundError('item');
      return guardStorage('save a question', () => Promise.reject(error));
    }
  }
}

function toRow(item: RitualItem) {
  return {
    partitionKey: composeKey(item.communityId, item.ritualId, item.occurrenceId),
    rowKey: escapeKeyPart(item.id),
    id: item.id,
    communityId: item.communityId,
    ritualId: item.ritualId,
    occurrenceId: item.occurrenceId,
    kind: item.kind,
    text: item.text,
    author: JSON.stringify(item.author),
    createdAt: item.createdAt,
    voterIds: JSON.stringify(item.voterIds),
  };
}

function fromRow(row: Record<string, unknown>): RitualItem {
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : '');
  return {
    id: text('id'),
    communityId: text('communityId'),
    ritualId: text('ritualId'),
    occurrenceId: text('occurrenceId'),
    kind: text('kind') as RitualItem['kind'],
    text: text('text'),
    author: parseJson<Person>(row.author, { id: '', name: '' }),
    createdAt: text('createdAt'),
    voterIds: parseJson<string[]>(row.voterIds, []),
    version: typeof row.etag === 'string' ? row.etag : undefined,
  };
}
