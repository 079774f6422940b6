import type { TableClient } from '@azure/data-tables';
import { odata } from '@azure/data-tables';
import type { CommunityRef } from '../domain/communities/community';
import { ConflictError, NotFoundError } from '../domain/shared/errors';
import type { Person } from '../domain/shared/person';
import type { OccurrenceChange, Ritual, RitualSchedule } from '../domain/rituals/ritual';
import type { RitualKindId } from '../domain/rituals/ritualKinds';
import type { RitualRepository } from '../domain/rituals/ritualPorts';
import { guardStorage, tableStatus } from './errors';
import { parseJson } from './json';
import { findRow } from './findRow';
import { escapeKeyPart, prefixUpperBound } from './keys';

/*
 *   Rituals  PK <community>  RK <ritual id>   fields; people, schedule and changes as JSON columns
 */

const NOBODY: Person = { id: '', name: '' };

/** Rituals in Table storage, one row each, written conditionally. */
export class TableRitualRepository implements RitualRepository {
  constructor(private readonly table: TableClient) {}

  async list(communityId: string): Promise<Ritual[]> {
    return this.query(odata`PartitionKey eq ${escapeKeyPart(communityId)}`, 'list rituals');
  }

  async listTenant(tenantId: string): Promise<Ritual[]> {
    // Community ids start with the tenant, so a tenant's rituals are one key range.
    const prefix = escapeKeyPart(`${tenantId}|`);
    return this.query(odata`PartitionKey ge ${prefix} and PartitionKey lt ${prefixUpperBound(prefix)}`, 'list a tenant’s rituals');
  }

  async get(communityId: string, ritualId: string): Promise<Ritual | undefined> {
    return guardStorage('read a ritual', async () => {
      const row = await findRow(this.table, escapeKeyPart(communityId), escapeKeyPart(ritualId));
      return row && fromRow(row);
    });
  }

  async create(ritual: Ritual): Promise<Ritual> {
    return this.write(ritual, () => this.table.createEntity(toRow(ritual)));
  }

  async replace(ritual: Ritual): Promise<Ritual> {
    return this.write(ritual, () => this.table.updateEntity(toRow(ritual), 'Replace', { etag: ritual.version ?? '*' }));
  }

  async remove(ritual: Ritual): Promise<void> {
    try {
      await this.table.deleteEntity(escapeKeyPart(ritual.communityId), escapeKeyPart(ritual.id), { etag: ritual.version ?? '*' });
    } catch (error) {
      if (tableStatus(error) === 404) return;
      if (tableStatus(error) === 412) throw new ConflictError('ritual');
      await guardStorage('delete a ritual', () => Promise.reject(error));
    }
  }

  private async write(ritual: Ritual, call: () => Promise<{ etag?: string }>): Promise<Ritual> {
    try {
      const written = await call();
      return { ...ritual, version: written.etag };
    } catch (error) {
      if (tableStatus(error) === 412 || tableStatus(error) === 409) throw new ConflictError('ritual');
      // Only a replace finds no row: the ritual was deleted since it was read.
      if (tableStatus(error) === 404) throw new NotFoundError('ritual');
      return guardStorage('save a ritual', () => Promise.reject(error));
    }
  }

  private async query(filter: string, operation: string): Promise<Ritual[]> {
    return guardStorage(operation, async () => {
      const rituals: Ritual[] = [];
      for await (const row of this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rituals.push(fromRow(row));
      return rituals.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    });
  }
}

function toRow(ritual: Ritual): Record<string, unknown> & { partitionKey: string; rowKey: string } {
  return {
    partitionKey: escapeKeyPart(ritual.communityId),
    rowKey: escapeKeyPart(ritual.id),
    id: ritual.id,
    communityId: ritual.communityId,
    community: JSON.stringify(ritual.community),
    kind: ritual.kind,
    title: ritual.title,
    description: ritual.description,
    hosts: JSON.stringify(ritual.hosts),
    ...(ritual.featuredExpert ? { featuredExpert: ritual.featuredExpert } : {}),
    ...(ritual.meetingUrl ? { meetingUrl: ritual.meetingUrl } : {}),
    schedule: JSON.stringify(ritual.schedule),
    reminderOffsets: JSON.stringify(ritual.reminderOffsets),
    ...(ritual.slots !== undefined ? { slots: ritual.slots } : {}),
    paused: ritual.paused,
    changes: JSON.stringify(ritual.changes),
    createdBy: JSON.stringify(ritual.createdBy),
    createdAt: ritual.createdAt,
    updatedBy: JSON.stringify(ritual.updatedBy),
    updatedAt: ritual.updatedAt,
  };
}

function fromRow(row: Record<string, unknown>): Ritual {
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : '');
  return {
    id: text('id'),
    communityId: text('communityId'),
    community: parseJson<CommunityRef>(row.community, { scope: 'channel', tenantId: '', conversationId: '' }),
    kind: text('kind') as RitualKindId,
    title: text('title'),
    description: text('description'),
    hosts: parseJson<Person[]>(row.hosts, []),
    ...(text('featuredExpert') ? { featuredExpert: text('featuredExpert') } : {}),
    ...(text('meetingUrl') ? { meetingUrl: text('meetingUrl') } : {}),
    schedule: parseJson<RitualSchedule>(row.schedule, { firstStart: '', timeZone: 'UTC', durationMinutes: 0, rule: '' }),
    reminderOffsets: parseJson<number[]>(row.reminderOffsets, []),
    ...(typeof row.slots === 'number' ? { slots: row.slots } : {}),
    paused: row.paused === true,
    changes: parseJson<OccurrenceChange[]>(row.changes, []),
    createdBy: parseJson<Person>(row.createdBy, NOBODY),
    createdAt: text('createdAt'),
    updatedBy: parseJson<Person>(row.updatedBy, NOBODY),
    updatedAt: text('updatedAt'),
    version: typeof row.etag === 'string' ? row.etag : undefined,
  };
}
