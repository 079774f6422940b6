import type { TableEntity } from '@azure/data-tables';
import { creationCredits, isCardKind, type CardSummary, type HarvestedMessage, type KnowledgeCard } from '../domain/cards/knowledgeCard';
import type { Contribution } from '../domain/contributors/contribution';
import type { Person } from '../domain/shared/person';
import type { CardChange, StoredStewardship } from '../domain/cards/stewardship';
import { fromChunks, toChunks } from './chunks';
import { parseJson } from './json';
import { composeKey, escapeKeyPart, newestFirst } from './keys';

/*
 * Where a community's cards live (README, "Search and the storage layout"):
 *
 *   Cards         PK <community>|<cardId>                 RK <cardId>                 the card, written once per save
 *   Recent        PK <community>                          RK <newest-first>|<cardId>  listing order, with the summary
 *                 PK <community>|~tags                    RK <tag>                    tags in use, for suggestions
 *   SearchDocs    PK <community>                          RK <cardId>                 what search knows of the card
 *   SearchChanges PK <community>                          RK <time>|<cardId>|<rev>    the same, logged by time of change
 *   Contributions PK <community>|<yyyy-mm>                RK <person>|<newest-first>|<cardId>|<role>
 *
 * A save is one conditional write of the card row, so a retry or a race collides on
 * the key. The listing, search and contribution rows are derived from the card row by
 * the indexer right after, and again by its sweep if the service stopped in between.
 * A community's search documents share one partition, so its index is built with one
 * partition query; its change log is keyed by time, so "what changed since" is a key range.
 */

/** Partition of a community's listing. */
export function communityPartition(communityId: string): string {
  return escapeKeyPart(communityId);
}

/**
 * Partition of a card row: one per card. Nothing reads a community's cards as a range
 * (listings and searches read the derived rows), so each card row stands alone.
 */
export function cardPartition(communityId: string, cardId: string): string {
  return `${communityPartition(communityId)}|${escapeKeyPart(cardId)}`;
}

export const KEYS = {
  searchDocRow: (cardId: string) => escapeKeyPart(cardId),
  /** Ascending by time of change, so the changes since a moment are one key range. */
  searchChangeRow: (at: string, cardId: string, revision: number) => composeKey(at, cardId, String(revision).padStart(8, '0')),
  recentRow: (createdAt: string, cardId: string) => composeKey(newestFirst(createdAt), cardId),
  tagPartition: (communityId: string) => `${communityPartition(communityId)}|~tags`,
  tagRow: (tag: string) => escapeKeyPart(tag),
  contributionPartition: (communityId: string, at: string) => `${communityPartition(communityId)}|${at.slice(0, 7)}`,
  contributionRow: (c: Contribution) => composeKey(c.person.id, newestFirst(c.at), c.cardId, c.role),
};

/** The summary columns repeated on listing and index rows, so results need no second read. */
export interface SummaryColumns {
  cardId: string;
  title: string;
  summary: string;
  excerpt: string;
  kind: string;
  tags: string;
  authorNames: string;
  harvesterName: string;
  createdAt: string;
  sourceLink?: string;
  archived: boolean;
  reviewDueAt: string;
  ownerId: string;
}

/** Columns a listing or search reads. */
export const SUMMARY_SELECT: (keyof SummaryColumns)[] = [
  'cardId',
  'title',
  'summary',
  'excerpt',
  'kind',
  'tags',
  'authorNames',
  'harvesterName',
  'createdAt',
  'sourceLink',
  'archived',
  'reviewDueAt',
  'ownerId',
];

/** Summary columns of a card summary. */
export function summaryColumns(s: CardSummary): SummaryColumns {
  return {
    cardId: s.id,
    title: s.title,
    summary: s.summary,
    excerpt: s.excerpt,
    kind: s.kind,
    tags: JSON.stringify(s.tags),
    authorNames: JSON.stringify(s.authorNames),
    harvesterName: s.harvesterName,
    createdAt: s.createdAt,
    ...(s.sourceLink ? { sourceLink: s.sourceLink } : {}),
    archived: s.archived,
    reviewDueAt: s.reviewDueAt,
    ownerId: s.ownerId,
  };
}

/** A card summary read back from summary columns. */
export function summaryFromColumns(row: Partial<SummaryColumns>): CardSummary {
  const kind = isCardKind(row.kind) ? row.kind : 'how-to';
  return {
    id: String(row.cardId ?? ''),
    title: String(row.title ?? ''),
    summary: String(row.summary ?? ''),
    excerpt: String(row.excerpt ?? ''),
    kind,
    tags: parseJson<string[]>(row.tags, []),
    authorNames: parseJson<string[]>(row.authorNames, []),
    harvesterName: String(row.harvesterName ?? ''),
    createdAt: String(row.createdAt ?? ''),
    ...(row.sourceLink ? { sourceLink: row.sourceLink } : {}),
    archived: row.archived === true,
    reviewDueAt: String(row.reviewDueAt ?? ''),
    ownerId: String(row.ownerId ?? ''),
  };
}

/** Stored messages leave out plain text: it is derived from the HTML on read, halving the size. */
type StoredMessage = Omit<HarvestedMessage, 'text'>;

/**
 * Index work a card row carries until the indexer has done it. The credits a new card
 * records follow from the card itself, so the row carries only the credits a change made.
 */
export type PendingIndex =
  /** A new card: derive its rows and record its creation credits. */
  | { state: 'new' }
  /** A changed card: derive its rows again and record `contributions`. */
  | { state: 'pending'; contributions: Contribution[] };

/**
 * The card row, marked as waiting for the indexer. `revision` is the version people
 * see: the indexer's own bookkeeping changes the row's ETag but never the revision.
 */
export function cardEntity(card: KnowledgeCard, pending: PendingIndex, revision: number): TableEntity<Record<string, unknown>> {
  const messages: StoredMessage[] = card.messages.map(({ text: _text, ...rest }) => rest);
  // Columns are written onto this one object, not built in objects of their own and
  // spread in: a save builds the row while a person waits.
  const entity: TableEntity<Record<string, unknown>> = {
    partitionKey: cardPartition(card.communityId, card.id),
    rowKey: escapeKeyPart(card.id),
    cardId: card.id,
    communityId: card.communityId,
    title: card.title,
    summary: card.summary,
    kind: card.kind,
    tags: JSON.stringify(card.tags),
    authors: JSON.stringify(card.authors),
    harvester: JSON.stringify(card.harvester),
    source: JSON.stringify(card.source),
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
    updatedBy: JSON.stringify(card.updatedBy),
    submissionId: card.submissionId,
    revision,
    indexState: pending.state,
  };
  writeStewardshipColumns(card, entity);
  if (pending.state === 'pending') entity.pendingContributions = JSON.stringify(pending.contributions);
  toChunks('messages', JSON.stringify(messages), entity);
  return entity;
}

/** A card read back from its row. */
export function cardFromEntity(entity: Record<string, unknown>, htmlToText: (html: string) => string): KnowledgeCard {
  const messages = parseJson<StoredMessage[]>(fromChunks('messages', entity), []).map((m) => ({ ...m, text: htmlToText(m.html) }));
  return {
    id: String(entity.cardId),
    communityId: String(entity.communityId),
    title: String(entity.title ?? ''),
    summary: String(entity.summary ?? ''),
    kind: isCardKind(entity.kind) ? entity.kind : 'how-to',
    tags: parseJson<string[]>(entity.tags, []),
    messages,
    authors: parseJson<Person[]>(entity.authors, []),
    harvester: parseJson<Person>(entity.harvester, { id: '', name: '' }),
    source: parseJson(entity.source, { conversationId: '', messageId: '' }),
    createdAt: String(entity.createdAt ?? ''),
    updatedAt: String(entity.updatedAt ?? ''),
    updatedBy: parseJson<Person>(entity.updatedBy, { id: '', name: '' }),
    submissionId: String(entity.submissionId ?? ''),
    ...stewardshipFromColumns(entity),
  };
}

/** Stewardship is written only once someone set it, so older rows keep reading with defaults. */
function writeStewardshipColumns(card: KnowledgeCard, columns: Record<string, unknown>): void {
  if (card.owner) columns.owner = JSON.stringify(card.owner);
  if (card.reviewIntervalDays !== undefined) columns.reviewIntervalDays = card.reviewIntervalDays;
  if (card.verifiedAt) columns.verifiedAt = card.verifiedAt;
  if (card.verifiedBy) columns.verifiedBy = JSON.stringify(card.verifiedBy);
  // Replace semantics drop a column that is absent, so restoring clears these.
  if (card.archivedAt) columns.archivedAt = card.archivedAt;
  if (card.archivedBy) columns.archivedBy = JSON.stringify(card.archivedBy);
  if (card.history) columns.history = JSON.stringify(card.history);
}

function stewardshipFromColumns(entity: Record<string, unknown>): StoredStewardship {
  const stewardship: StoredStewardship = {};
  if (typeof entity.owner === 'string') stewardship.owner = parseJson<Person>(entity.owner, { id: '', name: '' });
  if (typeof entity.reviewIntervalDays === 'number') stewardship.reviewIntervalDays = entity.reviewIntervalDays;
  if (typeof entity.verifiedAt === 'string') stewardship.verifiedAt = entity.verifiedAt;
  if (typeof entity.verifiedBy === 'string') stewardship.verifiedBy = parseJson<Person>(entity.verifiedBy, { id: '', name: '' });
  if (typeof entity.archivedAt === 'string') stewardship.archivedAt = entity.archivedAt;
  if (typeof entity.archivedBy === 'string') stewardship.archivedBy = parseJson<Person>(entity.archivedBy, { id: '', name: '' });
  if (typeof entity.history === 'string') stewardship.history = parseJson<CardChange[]>(entity.history, []);
  return stewardship;
}

/** What the indexer still owes a card row. */
export interface IndexWork {
  /** Whether the derived rows are behind the row. */
  pending: boolean;
  /** Contributions not yet recorded. */
  contributions: Contribution[];
}

/** The index work a card row calls for. */
export function indexWorkOf(entity: Record<string, unknown>): IndexWork {
  const state = String(entity.indexState);
  if (state === 'indexed') return { pending: false, contributions: [] };
  return {
    pending: true,
    contributions:
      state === 'new'
        ? creationCredits({
            id: String(entity.cardId),
            title: String(entity.title ?? ''),
            createdAt: String(entity.createdAt ?? ''),
            harvester: parseJson<Person>(entity.harvester, { id: '', name: '' }),
            authors: parseJson<Person[]>(entity.authors, []),
          })
        : parseJson<Contribution[]>(entity.pendingContributions, []),
  };
}

/** The revision a card row is at. */
export function revisionOf(entity: Record<string, unknown>): number {
  const revision = Number(entity.revision);
  return Number.isInteger(revision) && revision > 0 ? revision : 1;
}
