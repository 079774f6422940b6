import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import { ConflictError, NotFoundError, ValidationError } from '../domain/shared/errors';
import type { CardSummary, KnowledgeCard, StoredCard } from '../domain/cards/knowledgeCard';
import { SEARCH_LIMITS } from '../domain/cards/limits';
import { CardAlreadyExistsError, type CardBrowsePage, type CardPage, type CardRepository } from '../domain/cards/cardPorts';
import { type Contribution } from '../domain/contributors/contribution';
import type { CardFilter } from '../domain/cards/search';
import { systemClock } from '../domain/shared/clock';
import { SearchEngine, type SearchEngineOptions } from '../search/searchEngine';
import {
  KEYS,
  SUMMARY_SELECT,
  cardEntity,
  cardFromEntity,
  cardPartition,
  communityPartition,
  indexWorkOf,
  revisionOf,
  summaryFromColumns,
  type SummaryColumns,
} from './cardEntities';
import { CardIndexer, type CardIndexerOptions, type CardRef } from './cardIndexer';
import { continuationOf, positionOf, type TablePosition } from './continuation';
import { estimateEntityBytes } from './chunks';
import { guardStorage, tableErrorCode, tableStatus } from './errors';
import { findRow } from './findRow';
import { escapeKeyPart } from './keys';
import type { Tables } from './tables';
import { TableKnowledgeGaps } from './tableKnowledgeGaps';
import { TableSearchDocuments } from './tableSearchDocuments';

/** Table storage caps an entity at 1 MiB; stay clear of it. */
const MAX_CARD_ENTITY_BYTES = 1_000_000;
/** Table storage returns at most 1,000 entities a page. */
const MAX_PAGE = 1_000;
const TAGS_READ_MAX = 500;
/** Storage requests one page of a listing may make. */
const BROWSE_REQUESTS_MAX = 8;

/** Writes a card's derived rows from its row; each resolves when that is done or has failed (and will be retried). */
export interface DerivedCardRows {
  /** In the background. */
  schedule(card: CardRef): Promise<void>;
  /** Now, for a person waiting on it. */
  refresh(card: CardRef): Promise<void>;
}

/** The cards' store: the repository, the indexer writing their derived rows, and the search engine reading them. */
export interface TableCardStore {
  cards: TableCardRepository;
  indexer: CardIndexer;
  search: SearchEngine;
  searchDocuments: TableSearchDocuments;
  gaps: TableKnowledgeGaps;
}

/**
 * The cards' repository, the indexer that writes their derived rows, and the search
 * engine built from those rows, wired together: a card this instance indexes is in its
 * search at once, other instances find it through the change log.
 */
export function tableCardStore(
  tables: Pick<Tables, 'cards' | 'recent' | 'searchDocs' | 'searchChanges' | 'searchGaps' | 'contributions'>,
  htmlToText: (html: string) => string,
  options: CardIndexerOptions & { search?: Partial<SearchEngineOptions> } = {},
): TableCardStore {
  const { search: searchOptions, ...indexerOptions } = options;
  const searchDocuments = new TableSearchDocuments(tables);
  const search = new SearchEngine(searchDocuments, { clock: systemClock, log: options.log, ...searchOptions });
  const indexer = new CardIndexer(tables, htmlToText, {
    ...indexerOptions,
    onDocument: (communityId, document) => {
      search.apply(communityId, document);
      indexerOptions.onDocument?.(communityId, document);
    },
  });
  const gaps = new TableKnowledgeGaps(tables.searchGaps, options.log);
  return { cards: new TableCardRepository(tables, htmlToText, indexer), indexer, search, searchDocuments, gaps };
}

/** How often an update is tried again when only the indexer's bookkeeping changed the row meanwhile. */
const UPDATE_ATTEMPTS = 5;

/**
 * Cards in Table storage. A save or update writes the card row alone, conditionally,
 * marked as waiting for its derived rows (listing, search, contributions), which
 * `derived` then writes. A save answers once its row is written; an update answers once
 * its derived rows are written too, so whoever changed a card sees the change in the
 * next list or search they make. Table storage cannot write rows of different tables
 * or partitions in one transaction, so the marker carries the work across a failure
 * or a stopped instance.
 */
export class TableCardRepository implements CardRepository {
  constructor(
    private readonly tables: Pick<Tables, 'cards' | 'recent' | 'contributions'>,
    private readonly htmlToText: (html: string) => string,
    private readonly derived: DerivedCardRows,
  ) {}

  async create(card: KnowledgeCard): Promise<StoredCard> {
    const entity = checkedSize(cardEntity(card, { state: 'new' }, 1));
    try {
      await this.tables.cards.createEntity(entity);
      return { ...card, version: '1' };
    } catch (error) {
      if (tableStatus(error) === 409 && (tableErrorCode(error) ?? 'EntityAlreadyExists') === 'EntityAlreadyExists') {
        throw new CardAlreadyExistsError(card.id);
      }
      return guardStorage('save a card', () => Promise.reject(error));
    } finally {
      // Whatever the answer, the row may be there with its marker: a failed request may
      // have been written, and a card found already saved may not have its rows yet.
      void this.derived.schedule({ communityId: card.communityId, cardId: card.id });
    }
  }

  async replace(card: KnowledgeCard, credits: Contribution[], previous: StoredCard): Promise<StoredCard> {
    const ref = { communityId: card.communityId, cardId: card.id };
    let written = false;
    let stored = 0;
    try {
      for (let attempt = 1; ; attempt++) {
        const current = await guardStorage('read a card', async () => {
          const row = await this.readRow(card.communityId, card.id);
          if (!row) throw new NotFoundError('card');
          return row;
        });
        const revision = revisionOf(current);
        if (String(revision) !== previous.version) throw new ConflictError('card');
        const before = indexWorkOf(current);
        const entity = checkedSize(
          cardEntity(card, { state: 'pending', contributions: [...before.contributions, ...credits] }, revision + 1),
        );
        written = true;
        try {
          // The ETag guards the moment between reading the revision and writing the next one.
          await this.tables.cards.updateEntity(entity, 'Replace', { etag: current.etag });
          stored = revision + 1;
          break;
        } catch (error) {
          if (tableStatus(error) !== 412) return await guardStorage('update a card', () => Promise.reject(error));
          // The row changed since it was read. Another person's change is a new revision,
          // found as such when it is read again; the indexer's bookkeeping is not.
          if (attempt >= UPDATE_ATTEMPTS) throw new ConflictError('card');
        }
      }
    } catch (error) {
      if (written) void this.derived.schedule(ref);
      throw error;
    }
    await this.derived.refresh(ref);
    return { ...card, version: String(stored) };
  }

  async get(communityId: string, cardId: string): Promise<StoredCard | undefined> {
    const entity = await guardStorage('read a card', () => this.readRow(communityId, cardId));
    return entity && { ...cardFromEntity(entity, this.htmlToText), version: String(revisionOf(entity)) };
  }

  private readRow(communityId: string, cardId: string) {
    return findRow(this.tables.cards, cardPartition(communityId, cardId), escapeKeyPart(cardId));
  }

  async recent(communityId: string, skip: number, take: number, filter?: CardFilter): Promise<CardPage> {
    const partition = communityPartition(communityId);
    return this.readRange(this.tables.recent, { from: partition, to: partition }, '', '~', skip, take, undefined, listingFilter(filter));
  }

  async browse(communityId: string, take: number, continuation: string | undefined, filter?: CardFilter): Promise<CardBrowsePage> {
    const query = `${odata`PartitionKey eq ${communityPartition(communityId)}`} and ${listingFilter(filter)}`;
    return this.readContinued([this.tables.recent], query, take, continuation === undefined ? { table: 0 } : positionOf(continuation, 1));
  }

  async tags(communityId: string, max: number): Promise<string[]> {
    const rows = await guardStorage('read tags', async () => {
      const found: { tag: string; lastUsedAt: string }[] = [];
      const query = this.tables.recent.listEntities<{ tag?: string; lastUsedAt?: string }>({
        queryOptions: { filter: odata`PartitionKey eq ${KEYS.tagPartition(communityId)}`, select: ['tag', 'lastUsedAt'] },
      });
      for await (const page of query.byPage({ maxPageSize: TAGS_READ_MAX })) {
        for (const row of page) found.push({ tag: String(row.tag ?? ''), lastUsedAt: String(row.lastUsedAt ?? '') });
        if (found.length >= TAGS_READ_MAX) break;
      }
      return found;
    });
    return rows
      .filter((r) => r.tag)
      .sort((a, b) => b.lastUsedAt.localeCompare(a.lastUsedAt) || a.tag.localeCompare(b.tag))
      .slice(0, max)
      .map((r) => r.tag);
  }

  /**
   * Reads one key range, newest first within each term, until the page is full (one
   * extra row tells whether more exist) or the scan budget is spent: a search reads a
   * bounded number of entities however large the community grows.
   */
  private async readRange(
    table: TableClient,
    partitions: { from: string; to: string },
    from: string,
    to: string,
    skip: number,
    take: number,
    keep?: (row: SummaryColumns & { terms?: string }) => boolean,
    extraFilter?: string,
  ): Promise<CardPage> {
    const { rows, entitiesRead } = await this.readRows(table, partitions, from, to, skip + take + 1, keep, extraFilter);
    return pageOf(rows, skip, take, entitiesRead);
  }

  /**
   * Reads up to `take` cards from `start`, page by page, each page no larger than what is
   * still wanted: a page is always read whole, so storage's continuation after it is
   * exactly where the next listing page starts. Rows kept out by `keep` still count
   * against the scan budget, so one request stays bounded however large the community.
   */
  private async readContinued(
    tables: TableClient[],
    filter: string,
    take: number,
    start: TablePosition,
    keep?: (row: SummaryColumns & { terms?: string; rowKey?: string }) => boolean,
  ): Promise<CardBrowsePage> {
    return guardStorage('list cards', async () => {
      const cards: CardSummary[] = [];
      let entitiesRead = 0;
      let position: TablePosition | undefined = start;
      for (
        let requests = 0;
        position && cards.length < take && requests < BROWSE_REQUESTS_MAX && entitiesRead < SEARCH_LIMITS.scanBudget;
        requests += 1
      ) {
        const pages = tables[position.table]
          // The row key tells which term an index row is under.
          .listEntities<SummaryColumns & { terms?: string }>({ queryOptions: { filter, select: [...SUMMARY_SELECT, 'rowKey'] } })
          .byPage({
            maxPageSize: Math.min(MAX_PAGE, take - cards.length),
            ...(position.token ? { continuationToken: position.token } : {}),
          });
        const page = await pages.next().catch((error: unknown) => {
          // Storage refuses a continuation it did not write: the caller's position, not an outage.
          if (position?.token && tableStatus(error) === 400) {
            throw new ValidationError([
              { field: 'cursor', message: 'This list’s page position is not valid. Reload the list and try again.' },
            ]);
          }
          throw error;
        });
        for (const row of page.value ?? []) {
          entitiesRead += 1;
          if (!keep || keep(row)) cards.push(summaryFromColumns(row));
        }
        const token: string | undefined = page.value?.continuationToken;
        position = token
          ? { table: position.table, token }
          : position.table + 1 < tables.length
            ? { table: position.table + 1 }
            : undefined;
      }
      return { cards, entitiesRead, ...(position ? { continuation: continuationOf(position) } : {}) };
    });
  }

  private async readRows(
    table: TableClient,
    partitions: { from: string; to: string },
    from: string,
    to: string,
    wanted: number,
    keep?: (row: SummaryColumns & { terms?: string }) => boolean,
    extraFilter?: string,
  ): Promise<{ rows: KeyedSummary[]; entitiesRead: number }> {
    return guardStorage('search cards', async () => {
      const seen = new Set<string>();
      const rows: KeyedSummary[] = [];
      let entitiesRead = 0;
      const partitionFilter =
        partitions.from === partitions.to
          ? odata`PartitionKey eq ${partitions.from}`
          : odata`PartitionKey ge ${partitions.from} and PartitionKey lt ${partitions.to}`;
      const query = table.listEntities<SummaryColumns & { terms?: string }>({
        queryOptions: {
          filter: `${partitionFilter} and ${odata`RowKey ge ${from} and RowKey lt ${to}`}${extraFilter ? ` and ${extraFilter}` : ''}`,
          select: SUMMARY_SELECT,
        },
      });
      const pageSize = Math.min(MAX_PAGE, keep ? Math.max(wanted, 100) : wanted);
      for await (const page of query.byPage({ maxPageSize: pageSize })) {
        for (const row of page) {
          entitiesRead += 1;
          if (seen.has(row.cardId) || (keep && !keep(row))) continue;
          seen.add(row.cardId);
          rows.push({ partitionKey: row.partitionKey ?? '', rowKey: row.rowKey ?? '', summary: summaryFromColumns(row) });
          if (rows.length >= wanted) break;
        }
        if (rows.length >= wanted || entitiesRead >= SEARCH_LIMITS.scanBudget) break;
      }
      return { rows, entitiesRead };
    });
  }
}

/**
 * The listing's filter, evaluated by the service so only matching rows come back.
 * A listing partition holds nothing but cards, so there is no term to match in memory.
 */
function listingFilter(filter: CardFilter | undefined): string {
  const status = filter?.status ?? 'active';
  const parts = [status === 'archived' ? odata`archived eq ${true}` : odata`archived eq ${false}`];
  if (status === 'needs-review' && filter) parts.push(odata`reviewDueAt le ${filter.now}`);
  if (filter?.kind) parts.push(odata`kind eq ${filter.kind}`);
  if (filter?.tag) throw new Error('A tag listing is the search engine’s, not the listing’s');
  return parts.join(' and ');
}

/** A result row with the keys that order it. */
interface KeyedSummary {
  partitionKey: string;
  rowKey: string;
  summary: CardSummary;
}

/** One page of distinct cards from rows in result order. */
function pageOf(rows: KeyedSummary[], skip: number, take: number, entitiesRead: number): CardPage {
  const seen = new Set<string>();
  const cards = rows.map((r) => r.summary).filter((c) => !seen.has(c.id) && seen.add(c.id));
  return { cards: cards.slice(skip, skip + take), hasMore: cards.length > skip + take, entitiesRead };
}

/**
 * The domain's content limits keep cards far below Table storage's entity limit; this
 * makes sure a change there can never surface as a storage error.
 */
function checkedSize(entity: TableEntity<Record<string, unknown>>): TableEntity<Record<string, unknown>> {
  if (estimateEntityBytes(entity) > MAX_CARD_ENTITY_BYTES) {
    throw new ValidationError([{ field: 'replies', message: 'This is more content than a card can hold. Choose fewer replies.' }]);
  }
  return entity;
}
