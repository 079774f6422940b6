import { hash } from 'node:crypto';
import { ValidationError, type FieldIssue } from '../shared/errors';
import { CARD_LIMITS } from './limits';
import { distinctPeople, type Person } from '../shared/person';
import type { Contribution } from '../contributors/contribution';
import { reviewDueAt, stewardshipOf, type StoredStewardship } from './stewardship';

export { CARD_KINDS, kindLabel, isCardKind, type CardKind } from './kinds';
import { isCardKind, type CardKind } from './kinds';
import { collapseWhitespace, isAscii } from '../shared/text';

/** One chat message as it is kept in a card: safe HTML plus its plain text. */
export interface HarvestedMessage {
  messageId: string;
  author: Person;
  /** ISO 8601. */
  sentAt: string;
  /** Sanitized HTML; the only markup that is ever stored. */
  html: string;
  /** Plain text of `html`, for drafting titles and previews. */
  text: string;
  /** Set when the message was longer than a card keeps; says what was cut. */
  shortenedFrom?: number;
}

/** Where a card came from, so people can go back to the conversation. */
export interface CardSource {
  /** Channel id or chat id. */
  conversationId: string;
  messageId: string;
  /** The thread's root message in a channel; equals messageId for a root. */
  threadRootId?: string;
  /** Teams deep link to the message, when known. */
  link?: string;
}

/** The fields a person edits in the dialog or the tab. */
export interface CardFields {
  title: string;
  summary: string;
  kind: CardKind;
  tags: string[];
}

/** A harvested piece of community knowledge. */
export interface KnowledgeCard extends CardFields, StoredStewardship {
  id: string;
  communityId: string;
  /** The message acted on and the chosen replies, in the order they were written. */
  messages: HarvestedMessage[];
  /** Distinct authors of `messages`, credited on the card. */
  authors: Person[];
  harvester: Person;
  source: CardSource;
  createdAt: string;
  updatedAt: string;
  updatedBy: Person;
  /** The dialog submission that created the card: a retry of it is recognised, not duplicated. */
  submissionId: string;
}

/** A card as read back from storage, with the version used for optimistic concurrency. */
export interface StoredCard extends KnowledgeCard {
  version: string;
}

/** What lists and search results show of a card without loading its content. */
export interface CardSummary {
  id: string;
  title: string;
  summary: string;
  /** The start of the harvested content, so a result shows the knowledge itself. */
  excerpt: string;
  kind: CardKind;
  tags: string[];
  authorNames: string[];
  harvesterName: string;
  createdAt: string;
  sourceLink?: string;
  archived: boolean;
  /** ISO 8601: when the card is due for review. */
  reviewDueAt: string;
  ownerId: string;
}

const SUMMARY_EXCERPT_LENGTH = 280;
const CONTENT_EXCERPT_LENGTH = 500;

/** The listing form of a card. */
export function summarize(card: KnowledgeCard): CardSummary {
  const stewardship = stewardshipOf(card);
  return {
    id: card.id,
    title: card.title,
    summary: excerpt(card.summary, SUMMARY_EXCERPT_LENGTH),
    excerpt: excerpt(card.messages.map((m) => m.text).join('\n'), CONTENT_EXCERPT_LENGTH),
    kind: card.kind,
    tags: card.tags,
    authorNames: card.authors.map((a) => a.name),
    harvesterName: card.harvester.name,
    createdAt: card.createdAt,
    sourceLink: card.source.link,
    archived: Boolean(stewardship.archivedAt),
    reviewDueAt: reviewDueAt(stewardship),
    ownerId: stewardship.owner.id,
  };
}

/**
 * The one card a message can become in a community. Deriving the id from the message
 * makes a retried or concurrent save collide on the same key instead of duplicating.
 */
export function cardIdForMessage(messageId: string): string {
  return hash('sha256', messageId, 'hex').slice(0, 32);
}

/** Authors of the given messages, in order, each once. */
export function authorsOf(messages: HarvestedMessage[]): Person[] {
  return distinctPeople(messages.map((m) => m.author));
}

/** What saving a card credits: its harvester, and each author of its messages. */
export function creationCredits(card: Pick<KnowledgeCard, 'id' | 'title' | 'createdAt' | 'harvester' | 'authors'>): Contribution[] {
  const credit = (person: Person, role: Contribution['role']): Contribution => ({
    person,
    role,
    cardId: card.id,
    at: card.createdAt,
    title: card.title,
  });
  return [credit(card.harvester, 'harvester'), ...card.authors.map((person) => credit(person, 'author'))];
}

/** Cuts text at a word boundary and marks the cut with an ellipsis. */
export function excerpt(text: string, maxLength: number): string {
  const clean = collapseWhitespace(text);
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength - 1);
  const endsAtWord = clean[maxLength - 1] === ' ';
  const lastSpace = cut.lastIndexOf(' ');
  return `${(endsAtWord || lastSpace <= maxLength * 0.6 ? cut : cut.slice(0, lastSpace)).trimEnd()}…`;
}

/** Normalizes one tag: lower case, words joined by hyphens, no leading '#'. */
export function normalizeTag(tag: string): string {
  // ASCII is already in normal form: skip the Unicode pass most tags would not need.
  return (isAscii(tag) ? tag : tag.normalize('NFKC')).trim().replace(/^#+/, '').toLowerCase().replace(/\s+/g, '-');
}

const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\-_.+#]*$/u;

/** Raw field values as they arrive from a form, before any checks. */
export interface RawCardFields {
  title?: unknown;
  summary?: unknown;
  kind?: unknown;
  tags?: unknown;
}

/**
 * Checks and normalizes a person's card fields. Every problem is reported at once,
 * worded for the person who typed it.
 */
export function validateCardFields(raw: RawCardFields): CardFields {
  const issues: FieldIssue[] = [];
  const title = typeof raw.title === 'string' ? collapseWhitespace(raw.title) : '';
  if (!title) issues.push({ field: 'title', message: 'Give the card a title.' });
  else if (title.length > CARD_LIMITS.titleMaxLength) {
    issues.push({
      field: 'title',
      message: `The title is ${title.length} characters; keep it to ${CARD_LIMITS.titleMaxLength}.`,
    });
  }

  const summary = typeof raw.summary === 'string' ? raw.summary.trim() : '';
  if (summary.length > CARD_LIMITS.summaryMaxLength) {
    issues.push({
      field: 'summary',
      message: `The summary is ${summary.length} characters; keep it to ${CARD_LIMITS.summaryMaxLength}.`,
    });
  }

  let kind: CardKind = 'how-to';
  if (isCardKind(raw.kind)) kind = raw.kind;
  else issues.push({ field: 'kind', message: 'Choose what kind of knowledge this is.' });

  const tags = parseTags(raw.tags, issues);

  if (issues.length) throw new ValidationError(issues);
  return { title, summary, kind, tags };
}

function parseTags(raw: unknown, issues: FieldIssue[]): string[] {
  let parts: unknown[];
  if (raw === undefined || raw === null || raw === '') parts = [];
  else if (typeof raw === 'string') parts = raw.split(',');
  else if (Array.isArray(raw)) parts = raw.flatMap((p) => (typeof p === 'string' ? p.split(',') : [p]));
  else {
    issues.push({ field: 'tags', message: 'Tags must be words separated by commas.' });
    return [];
  }
  const tags: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      issues.push({ field: 'tags', message: 'Tags must be words separated by commas.' });
      return [];
    }
    const tag = normalizeTag(part);
    if (!tag || tags.includes(tag)) continue;
    if (tag.length > CARD_LIMITS.tagMaxLength) {
      issues.push({
        field: 'tags',
        message: `The tag "${tag.slice(0, 20)}…" is too long; keep each tag to ${CARD_LIMITS.tagMaxLength} characters.`,
      });
      return [];
    }
    if (!TAG_PATTERN.test(tag)) {
      issues.push({ field: 'tags', message: `The tag "${tag}" can only use letters, numbers and - _ . + #.` });
      return [];
    }
    tags.push(tag);
  }
  if (tags.length > CARD_LIMITS.tagsMax) {
    issues.push({ field: 'tags', message: `That is ${tags.length} tags; a card can have at most ${CARD_LIMITS.tagsMax}.` });
  }
  return tags;
}

/**
 * Refuses a message with nothing to save.
 * @throws ValidationError
 */
export function requireText(message: HarvestedMessage): void {
  if (!message.text.trim()) {
    throw new ValidationError([{ field: 'message', message: 'This message has no text to save.' }]);
  }
}
