import { SEARCH_LIMITS } from './limits';
import { isAscii } from '../shared/text';
import type { CardFields, CardKind, CardSummary } from './knowledgeCard';

/**
 * Words that carry no meaning for finding knowledge. Indexing them would cost a row
 * per card and match everything.
 */
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

function indexable(word: string): string | undefined {
  if (word.length < 2 || STOP_WORDS.has(word)) return undefined;
  return word.slice(0, SEARCH_LIMITS.termMaxLength);
}

/**
 * The terms a card is found by: tags first, then title, then summary words,
 * each once and bounded in number so a save writes a bounded number of index rows.
 */
export function indexTermsFor(fields: Pick<CardFields, 'title' | 'summary' | 'tags'>): string[] {
  const terms = new Set<string>(fields.tags.map(tagTerm));
  const sources = [fields.tags.join(' '), fields.title, fields.summary];
  for (const source of sources) {
    for (const word of wordsOf(source)) {
      const term = indexable(word);
      if (term) terms.add(term);
      if (terms.size >= SEARCH_LIMITS.termsPerCardMax) return [...terms];
    }
  }
  return [...terms];
}

/** A search as storage executes it: read index rows by the driver prefix, keep those matching every token. */
export interface SearchPlan {
  /** Query tokens; each must be a prefix of one of a card's terms. */
  tokens: string[];
  /** The most selective token: the one whose index range is read. */
  driver: string;
  /** Read only the driver term itself, not every term it begins (a tag listing). */
  exact?: boolean;
}

/** The plan that lists the cards carrying a tag. */
export function tagPlan(tag: string): SearchPlan {
  return { tokens: [], driver: tagTerm(tag), exact: true };
}

const MAX_QUERY_TOKENS = 8;

/**
 * Turns what a person typed into a plan, or undefined for an empty query (which lists
 * the newest cards). Every token is a prefix, so typeahead works on partial words.
 */
export function planSearch(query: string): SearchPlan | undefined {
  const words = wordsOf(query.slice(0, 200)).filter((w) => !STOP_WORDS.has(w));
  const unique = [...new Set(words.map((w) => w.slice(0, SEARCH_LIMITS.termMaxLength)))];
  // "dep deploy" asks for nothing more than "deploy".
  const tokens = unique.filter((w) => !unique.some((other) => other !== w && other.startsWith(w))).slice(0, MAX_QUERY_TOKENS);
  if (!tokens.length) return undefined;
  const driver = tokens.reduce((best, t) => (t.length > best.length ? t : best));
  return { tokens, driver };
}

/** Whether every token of the plan is a prefix of at least one of the terms. */
export function matchesPlan(plan: SearchPlan, terms: readonly string[]): boolean {
  return plan.tokens.every((token) => terms.some((term) => term.startsWith(token)));
}

/**
 * The index term that lists a card under one of its tags. Words never contain `#`, so
 * a tag term cannot collide with a word a person searches for.
 */
export function tagTerm(tag: string): string {
  return `#${tag}`;
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
