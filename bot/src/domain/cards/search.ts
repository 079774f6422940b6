import { isAscii } from '../shared/text';
import type { CardKind, CardSummary } from './knowledgeCard';

/** Words that say nothing of what a text is about: kept out of the terms a text is matched by. */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can do for from has have how i if in into is it its of on or our so ' +
    'that the their then there these this to was we were what when where which who why will with you your'
  ).split(' '),
);

/** Lower-cased, accent-free words of a text, in order. */
export function wordsOf(text: string): string[] {
  // Most text is ASCII, which has no accents to fold and only a-z and 0-9 as letters
  // and digits: the same words, without Unicode normalization on every save and search.
  const words = isAscii(text)
    ? text.toLowerCase().split(/[^a-z0-9]+/)
    : text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u);
  return words.filter(Boolean);
}

/** Which cards a listing shows: archived cards only when asked for. */
export type CardStatusFilter = 'active' | 'needs-review' | 'archived';

/** Narrows a listing or search. */
export interface CardFilter {
  status: CardStatusFilter;
  kind?: CardKind;
  tag?: string;
  /** ISO 8601; a card due for review at or before this needs review. */
  now: string;
}

/** Whether a listed card passes a filter. */
export function matchesFilter(card: CardSummary, filter: CardFilter | undefined): boolean {
  const status = filter?.status ?? 'active';
  if (status === 'archived' ? !card.archived : card.archived) return false;
  if (status === 'needs-review' && !(filter && card.reviewDueAt && card.reviewDueAt <= filter.now)) return false;
  if (filter?.kind && card.kind !== filter.kind) return false;
  if (filter?.tag && !card.tags.includes(filter.tag)) return false;
  return true;
}
