import { stemmer } from '@orama/stemmers/english';

/*
 * How text becomes search terms, the same for cards and for queries. Prose words are
 * case- and accent-folded and stemmed (deploy, deployed, deploying and deployment meet
 * at one stem); technical tokens (npm_config_fetch_retries, --prefer-offline, v1.2.3, C#,
 * .NET) are kept whole as typed, and their word parts are indexed too, so either form finds them.
 */

/** Words too common to tell cards apart: a query of them alone lists nothing, and they never drown the rest. */
const STOP_WORDS = new Set(
  (
    'a about after again all also am an and any are as at be because been before being but by can could did do does ' +
    'doing done for from get gets got had has have having he her here hers him his how i if in into is it its itself ' +
    'just let me more most my no nor not now of off on once only or other our ours out over own same she should so ' +
    'some still such than that the their theirs them then there these they this those through to today too under ' +
    'until up us very was we were what when where which while who whom why will with would yes yet you your yours ' +
    'anyone anybody someone somebody everyone thanks thank hi hello hey please ok okay'
  ).split(' '),
);

/**
 * Breaks text at spaces and punctuation, but not at `. - _ # +` inside a token, so
 * identifiers and flags survive; a token holding those is followed by its word parts.
 */
const SEPARATORS = /[\s,;:!?()[\]{}<>"'`“”‘’|\\/=*&^%$@~]+/u;
const WORD_PARTS = /[^\p{L}\p{N}]+/u;
const LEADING = /^[^\p{L}\p{N}]+/u;
/** A sentence's full stop or a dash after a word is punctuation; C#, C++ keep theirs. */
const TRAILING = /[^\p{L}\p{N}#+]+$/u;
const PLAIN_WORD = /^\p{L}+$/u;
const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;
const ASCII = /^[\x20-\x7e]*$/;
const HYPHENATED = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+$/u;

/** One token as written, trimmed of surrounding punctuation, or undefined if nothing is left. */
function trimToken(chunk: string): string | undefined {
  const leading = LEADING.exec(chunk)?.[0] ?? '';
  // A flag's dashes (--prefer-offline) and a leading dot (.NET, .npmrc) belong to the token.
  const kept = leading === '--' || leading === '-' || leading === '.' ? leading : '';
  const token = kept + chunk.slice(leading.length).replace(TRAILING, '');
  return token.length > kept.length ? token : undefined;
}

/** Tokens of a text, in order: each as written, then the word parts of a technical one. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const chunk of text.split(SEPARATORS)) {
    if (!chunk) continue;
    const token = trimToken(chunk);
    if (!token) continue;
    tokens.push(token);
    if (!LETTERS_AND_DIGITS.test(token)) {
      const parts = token.split(WORD_PARTS).filter(Boolean);
      tokens.push(...parts);
      // A hyphenated word is also written closed up: Wi-Fi is wifi, e-mail is email.
      if (parts.length > 1 && HYPHENATED.test(token)) tokens.push(parts.join(''));
    }
  }
  return tokens;
}

/** Lower case without accents: "Café" is "cafe". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return ASCII.test(lower) ? lower : lower.normalize('NFKD').replace(/\p{M}/gu, '');
}

const stems = new Map<string, string>();
const STEMS_KEPT = 50_000;

/**
 * The stem of a folded word. Porter's steps are not idempotent (deployment → deploy →
 * deploi), so a word is stemmed until it no longer changes: every inflection then meets
 * at one stem, and a stem processed again stays itself.
 */
export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  let current = word;
  for (let i = 0; i < 4; i++) {
    const next = stemmer(current);
    if (next === current || next.length < 2) break;
    current = next;
  }
  if (stems.size >= STEMS_KEPT) stems.clear();
  stems.set(word, current);
  return current;
}

/** The term a token is indexed and searched as, or null for a token that says nothing. */
export function termOf(token: string): string | null {
  const folded = fold(token);
  if (PLAIN_WORD.test(folded)) {
    if (folded.length < 2 || STOP_WORDS.has(folded)) return null;
    return stem(folded);
  }
  if (LETTERS_AND_DIGITS.test(folded)) return folded.length < 2 ? null : folded;
  // Technical tokens are found as typed, so no stemming or typo tolerance applies.
  return folded;
}

/** Whether a term is a technical token kept whole (so matched exactly, never fuzzily). */
export function isTechnical(term: string): boolean {
  return !LETTERS_AND_DIGITS.test(term) || /\p{N}/u.test(term);
}

/** A query's term with what decides how forgiving its match is. */
export interface QueryTerm {
  term: string;
  /** Letters of the word as typed: a stem is shorter, typo tolerance counts what was typed. */
  typedLength: number;
}

/** The distinct terms of a text, in order of first appearance. */
export function queryTerms(text: string): QueryTerm[] {
  const seen = new Map<string, QueryTerm>();
  for (const token of tokenize(text)) {
    const term = termOf(token);
    if (!term || seen.has(term)) continue;
    seen.set(term, { term, typedLength: [...token].length });
  }
  return [...seen.values()];
}

/** Edits forgiven in a word as typed: one from 5 letters, two from 9. */
export function typosForgiven(typedLength: number): number {
  return typedLength >= 9 ? 2 : typedLength >= 5 ? 1 : 0;
}

/** A text as a sequence of folded word parts, spaced, for finding a phrase in it. */
export function phraseForm(text: string): string {
  const words = fold(text).split(WORD_PARTS).filter(Boolean);
  return words.length ? ` ${words.join(' ')} ` : '';
}
