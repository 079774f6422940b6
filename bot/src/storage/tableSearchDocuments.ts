import { odata } from '@azure/data-tables';
import { type SearchDocument, type SearchDocumentChange, type SearchDocumentSource } from '../search/searchDocuments';
import { SUMMARY_SELECT, communityPartition, summaryColumns, summaryFromColumns, type SummaryColumns } from './cardEntities';
import { guardStorage } from './errors';
import { parseJson } from './json';
import type { Tables } from './tables';

/** Table storage returns at most 1,000 entities a page. */
const MAX_PAGE = 1_000;

/** Columns of a search document row (and of a change log row, which repeats it). */
type SearchDocumentColumns = SummaryColumns & {
  updatedAt: string;
  revision: number;
  text: string;
  authorsText: string;
  changedAt?: string;
};

const DOCUMENT_SELECT = [...SUMMARY_SELECT, 'updatedAt', 'revision', 'text', 'authorsText', 'changedAt'];

/** A search document's row, in the community's partition of `SearchDocs` or `SearchChanges`. */
export function searchDocumentRow(communityId: string, rowKey: string, document: SearchDocument, changedAt?: string) {
  return {
    partitionKey: communityPartition(communityId),
    rowKey,
    ...summaryColumns(document.summary),
    updatedAt: document.updatedAt,
    revision: document.revision,
    text: document.text,
    authorsText: JSON.stringify(document.authorNames),
    ...(changedAt ? { changedAt } : {}),
  };
}

function documentFromRow(row: Partial<SearchDocumentColumns>): SearchDocument {
  return {
    summary: summaryFromColumns(row),
    updatedAt: String(row.updatedAt ?? ''),
    revision: typeof row.revision === 'number' ? row.revision : 0,
    text: String(row.text ?? ''),
    authorNames: parseJson<string[]>(row.authorsText, []),
  };
}

/** The engine's view of Table storage: a community's documents in one partition, its changes by time. */
export class TableSearchDocuments implements SearchDocumentSource {
  constructor(private readonly tables: Pick<Tables, 'searchDocs' | 'searchChanges'>) {}

  load(communityId: string): Promise<{ documents: SearchDocument[]; entitiesRead: number }> {
    return guardStorage('load the search index', async () => {
      const documents: SearchDocument[] = [];
      const rows = this.tables.searchDocs.listEntities<SearchDocumentColumns>({
        queryOptions: { filter: odata`PartitionKey eq ${communityPartition(communityId)}`, select: DOCUMENT_SELECT },
      });
      for await (const page of rows.byPage({ maxPageSize: MAX_PAGE })) {
        for (const row of page) documents.push(documentFromRow(row));
      }
      return { documents, entitiesRead: documents.length };
    });
  }

  changesSince(communityId: string, since: string): Promise<{ changes: SearchDocumentChange[]; entitiesRead: number }> {
    return guardStorage('read search changes', async () => {
      const changes: SearchDocumentChange[] = [];
      const rows = this.tables.searchChanges.listEntities<SearchDocumentColumns>({
        queryOptions: {
          filter: odata`PartitionKey eq ${communityPartition(communityId)} and RowKey ge ${since}`,
          select: DOCUMENT_SELECT,
        },
      });
      for await (const page of rows.byPage({ maxPageSize: MAX_PAGE })) {
        for (const row of page) changes.push({ at: String(row.changedAt ?? ''), document: documentFromRow(row) });
      }
      return { changes, entitiesRead: changes.length };
    });
  }

  /**
   * Removes change log rows older than `before`: an instance reads back only a few seconds,
   * and a community loaded later reads its documents whole.
   */
  async pruneChanges(before: Date): Promise<number> {
    return guardStorage('prune search changes', async () => {
      let removed = 0;
      const rows = this.tables.searchChanges.listEntities<{ changedAt?: string }>({
        queryOptions: { filter: odata`changedAt lt ${before.toISOString()}`, select: ['PartitionKey', 'RowKey'] },
      });
      for await (const row of rows) {
        await this.tables.searchChanges.deleteEntity(row.partitionKey!, row.rowKey!).catch(() => undefined);
        removed += 1;
      }
      return removed;
    });
  }
}
