import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import { ConflictError, ValidationError } from '../domain/errors';
import { summarize, type CardSummary, type KnowledgeCard, type StoredCard } from '../domain/knowledgeCard';
import { SEARCH_LIMITS } from '../domain/limits';
import { CardAlreadyExistsError, type CardIndex, type CardPage, type CardRepository } from '../domain/ports';
import { matchesPlan, type SearchPlan } from '../domain/search';
import {
  ROW,
  SUMMARY_SELECT,
  cardEntity,
  cardFromEntity,
  communityPartition,
  summaryColumns,
  summaryFromColumns,
  termsOfEntity,
  type SummaryColumns,
} from './cardEntities';
import { estimateEntityBytes } from './chunks';
import { guardStorage, tableErrorCode, tableStatus } from './errors';
import { prefixUpperBound } from './keys';

/** Table storage caps an entity at 1 MiB; stay clear of it. */
const MAX_CARD_ENTITY_BYTES = 1_000_000;
/** Table storage reads at most 1,000 entities a page. */
const MAX_PAGE = 1_000;
const TAGS_READ_MAX = 500;
const MAX_TRANSACTION_ACTIONS = 100;

/** Cards, their index and contributions in one Table, one partition per community. */
export class TableCardRepository implements CardRepository {
  constructor(
    private readonly table: TableClient,
    private readonly htmlToText: (html: string) => string,
  ) {}

  async create(card: KnowledgeCard, index: CardIndex): Promise<StoredCard> {
    const entity = this.checkedCardEntity(card, index.terms);
    const summary = summarize(card);
    const actions: TransactionAction[] = [
      ['create', entity],
      ['create', this.row(card, ROW.recent(card), summaryColumns(summary))],
      ...index.terms.map((term): TransactionAction => ['create', this.row(card, ROW.term(term, card), { ...summaryColumns(summary), terms: JSON.stringify(index.terms) })]),
      ...this.tagAndContributionUpserts(card, index),
    ];
    try {
      const response = await this.table.submitTransaction(actions);
      return { ...card, version: response.subResponses[0]?.etag ?? '' };
    } catch (error) {
      if (tableStatus(error) === 409 && tableErrorCode(error) === 'EntityAlreadyExists') {
        throw new CardAlreadyExistsError(card.id);
      }
      return guardStorage('save a card', () => Promise.reject(error));
    }
  }

  async replace(card: KnowledgeCard, index: CardIndex, previous: StoredCard): Promise<StoredCard> {
    const partitionKey = communityPartition(card.communityId);
    const current = await guardStorage('read a card', () => this.table.getEntity(partitionKey, ROW.card(card.id)));
    if (current.etag !== previous.version) throw new ConflictError('Card');
    const oldTerms = termsOfEntity(current);
    const entity = this.checkedCardEntity(card, index.terms);
    const summary = summaryColumns(summarize(card));
    const newTermKeys = new Set(index.terms.map((t) => ROW.term(t, card)));
    const actions: TransactionAction[] = [
      ['update', entity, 'Replace', { etag: previous.version }],
      ['upsert', this.row(card, ROW.recent(card), summary), 'Replace'],
      ...oldTerms
        .map((t) => ROW.term(t, card))
        .filter((key) => !newTermKeys.has(key))
        .map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
      ...index.terms.map((t): TransactionAction => ['upsert', this.row(card, ROW.term(t, card), { ...summary, terms: JSON.stringify(index.terms) }), 'Replace']),
      ...this.tagAndContributionUpserts(card, index),
    ];
    // A transaction takes at most 100 operations. The first batch holds the card's
    // conditional update, so a lost race changes nothing; the rest are idempotent
    // index writes that a repeated update would redo.
    const [first, ...rest] = batches(actions, MAX_TRANSACTION_ACTIONS);
    let version: string;
    try {
      const response = await this.table.submitTransaction(first);
      version = response.subResponses[0]?.etag ?? '';
    } catch (error) {
      if (tableStatus(error) === 412) throw new ConflictError('Card');
      return guardStorage('update a card', () => Promise.reject(error));
    }
    for (const batch of rest) await guardStorage('update a card index', () => this.table.submitTransaction(batch));
    return { ...card, version };
  }

  async get(communityId: string, cardId: string): Promise<StoredCard | undefined> {
    try {
      const entity = await this.table.getEntity<Record<string, unknown>>(communityPartition(communityId), ROW.card(cardId));
      return { ...cardFromEntity(entity, this.htmlToText), version: entity.etag };
    } catch (error) {
      if (tableStatus(error) === 404) return undefined;
      return guardStorage('read a card', () => Promise.reject(error));
    }
  }

  async search(communityId: string, plan: SearchPlan, skip: number, take: number): Promise<CardPage> {
    const prefix = ROW.termPrefix(plan.driver);
    const filterRow = plan.tokens.length > 1 ? (row: SummaryColumns & { terms?: string }) => matchesPlan(plan, parseTerms(row.terms)) : undefined;
    return this.readRange(communityId, prefix, prefixUpperBound(prefix), skip, take, filterRow);
  }

  async recent(communityId: string, skip: number, take: number): Promise<CardPage> {
    return this.readRange(communityId, ROW.recentPrefix, prefixUpperBound(ROW.recentPrefix), skip, take);
  }

  async tags(communityId: string, max: number): Promise<string[]> {
    const rows = await guardStorage('read tags', async () => {
      const found: { tag: string; lastUsedAt: string }[] = [];
      const pk = communityPartition(communityId);
      const query = this.table.listEntities<{ tag?: string; lastUsedAt?: string }>({
        queryOptions: {
          filter: odata`PartitionKey eq ${pk} and RowKey ge ${ROW.tagPrefix} and RowKey lt ${prefixUpperBound(ROW.tagPrefix)}`,
          select: ['tag', 'lastUsedAt'],
        },
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
   * Reads rows of one key range, newest first, until the page is full (one extra row
   * tells whether more exist) or the scan budget is spent, so a search reads a bounded
   * number of entities however large the community grows.
   */
  private async readRange(
    communityId: string,
    from: string,
    to: string,
    skip: number,
    take: number,
    keep?: (row: SummaryColumns & { terms?: string }) => boolean,
  ): Promise<CardPage> {
    const wanted = skip + take + 1;
    const pk = communityPartition(communityId);
    return guardStorage('search cards', async () => {
      const seen = new Set<string>();
      const matches: CardSummary[] = [];
      let entitiesRead = 0;
      const query = this.table.listEntities<SummaryColumns & { terms?: string }>({
        queryOptions: {
          filter: odata`PartitionKey eq ${pk} and RowKey ge ${from} and RowKey lt ${to}`,
          select: SUMMARY_SELECT,
        },
      });
      const pageSize = Math.min(MAX_PAGE, keep ? Math.max(wanted, 100) : wanted);
      for await (const page of query.byPage({ maxPageSize: pageSize })) {
        for (const row of page) {
          entitiesRead += 1;
          if (seen.has(row.cardId) || (keep && !keep(row))) continue;
          seen.add(row.cardId);
          matches.push(summaryFromColumns(row));
          if (matches.length >= wanted) break;
        }
        if (matches.length >= wanted || entitiesRead >= SEARCH_LIMITS.scanBudget) break;
      }
      return { cards: matches.slice(skip, skip + take), hasMore: matches.length > skip + take, entitiesRead };
    });
  }

  private checkedCardEntity(card: KnowledgeCard, terms: string[]): TableEntity<Record<string, unknown>> {
    const entity = cardEntity(card, terms);
    // The domain's content limits keep cards far below this; the check makes sure a
    // change there can never surface as a storage error.
    if (estimateEntityBytes(entity) > MAX_CARD_ENTITY_BYTES) {
      throw new ValidationError([{ field: 'replies', message: 'This is more content than a card can hold. Choose fewer replies.' }]);
    }
    return entity;
  }

  private row(card: KnowledgeCard, rowKey: string, columns: object): TableEntity<Record<string, unknown>> {
    return { partitionKey: communityPartition(card.communityId), rowKey, ...columns };
  }

  private tagAndContributionUpserts(card: KnowledgeCard, index: CardIndex): TransactionAction[] {
    return [
      ...card.tags.map((tag): TransactionAction => ['upsert', this.row(card, ROW.tag(tag), { tag, lastUsedAt: card.updatedAt }), 'Replace']),
      ...index.contributions.map((c): TransactionAction => [
        'upsert',
        this.row(card, ROW.contribution(c), { personId: c.person.id, personName: c.person.name, role: c.role, cardId: c.cardId, at: c.at }),
        'Replace',
      ]),
    ];
  }
}

function batches<T>(items: T[], size: number): [T[], ...T[][]] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result as [T[], ...T[][]];
}

function parseTerms(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const terms = JSON.parse(value) as unknown;
    return Array.isArray(terms) ? terms.map(String) : [];
  } catch {
    return [];
  }
}
