import type { TableEntity } from '@azure/data-tables';
import { isCardKind, type CardSummary, type HarvestedMessage, type KnowledgeCard } from '../domain/knowledgeCard';
import type { Contribution } from '../domain/ports';
import type { Person } from '../domain/person';
import { fromChunks, toChunks } from './chunks';
import { composeKey, escapeKeyPart, newestFirst } from './keys';

/*
 * Layout of the cards table. One partition per community, so a save is a single
 * atomic transaction and a search is a range read inside one partition:
 *
 *   card|<cardId>                          the card and its content
 *   recent|<newest-first time>|<cardId>    listing order, with the card's summary
 *   term|<term>|<newest-first>|<cardId>    search index, one row per term, with the summary
 *   tag|<tag>                              tags in use, for suggestions
 *   contrib|<personId>|<newest-first>|<cardId>|<role>   who harvested and who was credited
 */

/** Partition of a community's rows. */
export function communityPartition(communityId: string): string {
  return escapeKeyPart(communityId);
}

export const ROW = {
  card: (cardId: string) => composeKey('card', cardId),
  recent: (card: KnowledgeCard) => composeKey('recent', newestFirst(card.createdAt), card.id),
  term: (term: string, card: KnowledgeCard) => composeKey('term', term, newestFirst(card.createdAt), card.id),
  termPrefix: (prefix: string) => `term|${escapeKeyPart(prefix)}`,
  recentPrefix: 'recent|',
  tag: (tag: string) => composeKey('tag', tag),
  tagPrefix: 'tag|',
  contribution: (c: Contribution) => composeKey('contrib', c.person.id, newestFirst(c.at), c.cardId, c.role),
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
}

/** Columns a listing or search reads. */
export const SUMMARY_SELECT: (keyof SummaryColumns | 'terms')[] = [
  'cardId', 'title', 'summary', 'excerpt', 'kind', 'tags', 'authorNames', 'harvesterName', 'createdAt', 'sourceLink', 'terms',
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
  };
}

/** Stored messages leave out plain text: it is derived from the HTML on read, halving the size. */
type StoredMessage = Omit<HarvestedMessage, 'text'>;

/** The card row. */
export function cardEntity(card: KnowledgeCard, terms: string[]): TableEntity<Record<string, unknown>> {
  const messages: StoredMessage[] = card.messages.map(({ text: _text, ...rest }) => rest);
  return {
    partitionKey: communityPartition(card.communityId),
    rowKey: ROW.card(card.id),
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
    terms: JSON.stringify(terms),
    ...toChunks('messages', JSON.stringify(messages)),
  };
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
  };
}

/** Index terms the card row was written with, so a replace can remove the old index rows. */
export function termsOfEntity(entity: Record<string, unknown>): string[] {
  return parseJson<string[]>(entity.terms, []);
}

function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== 'string' || !value) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
