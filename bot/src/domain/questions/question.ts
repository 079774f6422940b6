import { STOP_WORDS, wordsOf } from '../cards/search';
import type { Person } from '../shared/person';

/** How a question came to be tracked or not: by the rule, or by a person who said so. */
export interface ExplicitDecision {
  by: Person;
  /** ISO 8601. */
  at: string;
}

/** The first reply by someone other than the asker (and not a bot). */
export interface FirstResponse {
  by: Person;
  messageId: string;
  /** When the reply was written, ISO 8601. */
  at: string;
}

/** The reply the asker (or a manager) marked as the answer. */
export interface MarkedAnswer {
  messageId: string;
  /** Who wrote the reply. */
  by: Person;
  /** When the reply was written, ISO 8601: time to answer counts to here. */
  at: string;
  markedBy: Person;
  markedAt: string;
}

/**
 * A root post of a community's channel and whether it is a question being tracked. The
 * message's text is not kept here: the thread store keeps it for the retention window;
 * a question keeps its normalized terms, for matching experts, and its times, for figures.
 */
export interface Question {
  communityId: string;
  /** The root message's id, which is also the thread's. */
  messageId: string;
  /** Absent only on a marker row kept for a deletion or an edit that came before the post. */
  asker?: Person;
  /** When the question was posted, ISO 8601. */
  askedAt?: string;
  tracked: boolean;
  /** Set when a person said it is (or is not) a question: edits no longer re-judge it. */
  explicit?: ExplicitDecision;
  terms: string[];
  /** Whether the words last judged came from an edit, and that edit's time: a late original never replaces them. */
  contentFrom?: 'post' | 'edit';
  contentAt?: string;
  firstResponse?: FirstResponse;
  answer?: MarkedAnswer;
  /** How many steps of the escalation ladder the question has reached (0 until the ladder exists). */
  escalatedSteps: number;
  /** Set when the root post was deleted in Teams: nothing about it is tracked from then on. */
  deletedAt?: string;
  /** The week the figures last counted the question in (see {@link weekOf}). */
  countedWeek?: string;
  /** Set on every change, cleared once the week's figures include it; a retried event finishes the job. */
  figuresPending?: boolean;
  /** Storage's version, for conditional writes. */
  version?: string;
}

/** Most terms kept per question. */
export const QUESTION_TERMS_MAX = 30;

/** Words that say nothing about a question's topic, on top of search's own stop words. */
const QUESTION_STOP_WORDS = new Set(
  (
    'anyone anybody someone somebody does did could would should hi hello hey thanks thank please ' +
    'know help need any about me my just get got use using like also all not no one some way does doing'
  ).split(' '),
);
/**
 * The normalized words of a question, for matching experts: lower-case, accent-free,
 * without stop words, each once, first-seen order, bounded. The text itself is not kept.
 */
export function questionTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const word of wordsOf(text)) {
    if (word.length < 2 || word.length > 40 || STOP_WORDS.has(word) || QUESTION_STOP_WORDS.has(word)) continue;
    terms.add(word);
    if (terms.size >= QUESTION_TERMS_MAX) break;
  }
  return [...terms];
}

/** A tracked question still waiting for its answer. */
export function isWaiting(question: Question): boolean {
  return question.tracked && !question.deletedAt && !question.answer;
}

/** Whether two states of a question say the same (their version and figures flag aside), whatever order their fields were set in. */
export function sameQuestion(a: Question, b: Question): boolean {
  const strip = ({ version: _v, figuresPending: _f, ...rest }: Question) => rest;
  return canonical(strip(a)) === canonical(strip(b));
}

/** JSON with every object's keys sorted, and absent values left out. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
