import type { TableClient } from '@azure/data-tables';
import type { CommunityProfile } from '../domain/communities/communityProfile';
import { ConflictError, NotFoundError } from '../domain/shared/errors';
import type { Person } from '../domain/shared/person';
import type { CommunityRepository } from '../domain/communities/communityPorts';
import { REVIEW_INTERVAL_DEFAULT_DAYS } from '../domain/cards/stewardship';
import { guardStorage, tableStatus } from './errors';
import { parseJson } from './json';
import { findRow } from './findRow';
import { escapeKeyPart } from './keys';

/*
 *   Communities  PK <community>  RK profile   name, managers, review interval
 */
const PROFILE_ROW = 'profile';

/** Community profiles in Table storage, one row each, written conditionally. */
export class TableCommunityRepository implements CommunityRepository {
  constructor(private readonly table: TableClient) {}

  async get(communityId: string): Promise<CommunityProfile | undefined> {
    return guardStorage('read a community', async () => {
      const row = await findRow(this.table, escapeKeyPart(communityId), PROFILE_ROW);
      return (
        row && {
          communityId,
          ...(typeof row.name === 'string' ? { name: row.name } : {}),
          managers: parseJson<Person[]>(row.managers, []),
          reviewIntervalDays: typeof row.reviewIntervalDays === 'number' ? row.reviewIntervalDays : REVIEW_INTERVAL_DEFAULT_DAYS,
          ...(typeof row.configuredAt === 'string' ? { configuredAt: row.configuredAt } : {}),
          ...(typeof row.configuredBy === 'string' ? { configuredBy: parseJson<Person>(row.configuredBy, { id: '', name: '' }) } : {}),
          version: row.etag,
        }
      );
    });
  }

  async save(profile: CommunityProfile): Promise<CommunityProfile> {
    const entity = {
      partitionKey: escapeKeyPart(profile.communityId),
      rowKey: PROFILE_ROW,
      communityId: profile.communityId,
      ...(profile.name !== undefined ? { name: profile.name } : {}),
      managers: JSON.stringify(profile.managers),
      reviewIntervalDays: profile.reviewIntervalDays,
      ...(profile.configuredAt ? { configuredAt: profile.configuredAt } : {}),
      ...(profile.configuredBy ? { configuredBy: JSON.stringify(profile.configuredBy) } : {}),
    };
    try {
      const written = profile.version
        ? await this.table.updateEntity(entity, 'Replace', { etag: profile.version })
        : await this.table.createEntity(entity);
      return { ...profile, version: written.etag };
    } catch (error) {
      // 412: changed since read; 409: created by someone else since read.
      if (tableStatus(error) === 412 || tableStatus(error) === 409) throw new ConflictError('community');
      // 404: a versioned write found no profile to replace.
      if (tableStatus(error) === 404) throw new NotFoundError('community');
      return guardStorage('save a community', () => Promise.reject(error));
    }
  }
}
