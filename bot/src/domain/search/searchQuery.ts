import { SEARCH_LIMITS } from '../cards/limits';
import type { CardFilter } from '../cards/search';

/** A search as the engine runs it: what was typed, read into its parts. */
export interface CardQuery {
  /** The words outside quotes, as typed. */
  text: string;
  /** Quoted phrases, each found only as those words in that order. */
  phrases: string[];
  /**
   * Whether the person is still typing the last word (no space after it): the last word
   * then matches as a prefix, for typeahead.
   */
  typing: boolean;
  /** Narrows the results; archived cards only when the status asks for them. */
  filter?: CardFilter;
}

/**
 * Reads what a person typed: "quoted words" are phrases, the rest is free text.
 * An unclosed quote is read as a phrase still being typed.
 */
export function parseQuery(typed: string, filter?: CardFilter): CardQuery {
  const text = typed.slice(0, SEARCH_LIMITS.queryMaxLength);
  const phrases: string[] = [];
  const rest = text.replace(/["“”]([^"“”]*)(["“”]|$)/g, (_, phrase: string) => {
    const words = phrase.trim();
    if (words) phrases.push(words);
    return ' ';
  });
  return { text: rest.trim(), phrases, typing: /[^\s"“”]$/.test(text), ...(filter ? { filter } : {}) };
}

/** Whether a query asks for anything beyond a listing. */
export function hasWords(query: CardQuery): boolean {
  return Boolean(query.text || query.phrases.length);
}

/**
 * The form a search's text is counted in as a knowledge gap: case, accents, punctuation
 * and spacing folded, so "Café  Wi-Fi?" and "cafe wi-fi" are one gap.
 */
export function gapText(typed: string): string {
  return typed
    .slice(0, SEARCH_LIMITS.queryMaxLength)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/["“”'’`]/g, '')
    .replace(/[\s,;:!?()[\]{}]+/g, ' ')
    .trim();
}
