import { odata, type TableClient } from '@azure/data-tables';
import type { Contribution } from '../domain/contributors/contribution';
import type { ContributionRepository } from '../domain/contributors/contributorPorts';
import { communityPartition } from './cardEntities';
import { guardStorage } from './errors';
import { prefixUpperBound } from './keys';

/** A report reads at most this many contributions, so one request's memory stays bounded. */
const READ_MAX = 20_000;

/** Contributions in Table storage, partitioned by community and month (see cardEntities). */
export class TableContributionRepository implements ContributionRepository {
  constructor(private readonly table: TableClient) {}

  async list(communityId: string, fromMonth?: string): Promise<Contribution[]> {
    const prefix = `${communityPartition(communityId)}|`;
    const filter = odata`PartitionKey ge ${fromMonth ? prefix + fromMonth : prefix} and PartitionKey lt ${prefixUpperBound(prefix)}`;
    return guardStorage('read contributions', async () => {
      const found: Contribution[] = [];
      const rows = this.table.listEntities<Record<string, unknown>>({
        queryOptions: { filter, select: ['personId', 'personName', 'role', 'cardId', 'title', 'at'] },
      });
      for await (const row of rows) {
        const role = row.role === 'harvester' || row.role === 'author' || row.role === 'curator' ? row.role : undefined;
        if (!role) continue;
        found.push({
          person: { id: String(row.personId ?? ''), name: String(row.personName ?? '') },
          role,
          cardId: String(row.cardId ?? ''),
          at: String(row.at ?? ''),
          ...(typeof row.title === 'string' ? { title: row.title } : {}),
        });
        if (found.length >= READ_MAX) break;
      }
      return found;
    });
  }
}
