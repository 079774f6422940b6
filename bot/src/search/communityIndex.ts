import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { kindLabel } from '../domain/cards/kinds';
import { matchesFilter, type CardFilter } from '../domain/cards/search';
import type { CardHit } from '../domain/search/searchPorts';
import type { CardQuery } from '../domain/search/searchQuery';
import { isTechnical, phraseForm, queryTerms, termOf, tokenize, typosForgiven, type QueryTerm } from './analysis';
import type { SearchDocument } from './searchDocuments';

/** Field weights: a word in the title says most about a card, one in its conversation least. */
const BOOST = { title: 5, tags: 3.5, summary: 2, kind: 1.5, authors: 1.5, text: 1 } as const;
const FIELDS = Object.keys(BOOST) as (keyof typeof BOOST)[];
/** A card due for review ranks slightly below an otherwise equal verified one. */
const NEEDS_REVIEW_FACTOR = 0.9;
/** Recency only breaks near-ties: at most this fraction of a score. */
const RECENCY_WEIGHT = 0.02;
const RECENCY_HALF_LIFE_DAYS = 90;
/** Words a hit shows as why it matched. */
const MATCHED_MAX = 12;

interface Held {
  document: SearchDocument;
  /** When the card last changed, for the recency tie-break. */
  changedMs: number;
  bytes: number;
}

/** A page of ranked hits from one community's index. */
export interface IndexPage {
  hits: CardHit[];
  hasMore: boolean;
}

/**
 * One community's cards in a MiniSearch index (BM25+ with field weights, prefix and fuzzy
 * matching), with each card's summary beside it so results need no storage read.
 */
export class CommunityIndex {
  private readonly engine = new MiniSearch<SearchDocument>({
    idField: 'id',
    fields: FIELDS,
    extractField: (document, field) => fieldText(document, field),
    tokenize,
    processTerm: termOf,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term },
  });
  private readonly held = new Map<string, Held>();
  private size = 0;

  /** Estimated bytes this index holds, for the cache's bound. */
  get bytes(): number {
    return this.size;
  }

  get count(): number {
    return this.held.size;
  }

  revisionOf(cardId: string): number | undefined {
    return this.held.get(cardId)?.document.revision;
  }

  /** Adds a card or replaces what the index holds of it, unless it holds a newer revision. */
  put(document: SearchDocument): void {
    const id = document.summary.id;
    const current = this.held.get(id);
    if (current && current.document.revision > document.revision) return;
    if (current) {
      this.engine.discard(id);
      this.size -= current.bytes;
    }
    const bytes = estimateBytes(document);
    const changedMs = Date.parse(document.updatedAt || document.summary.createdAt) || 0;
    this.held.set(id, { document, changedMs, bytes });
    this.size += bytes;
    this.engine.add(document);
  }

  /** Cards matching a query, best first; without words, the newest matching its filter. */
  search(query: CardQuery, skip: number, take: number, now: Date): IndexPage {
    const terms = queryTerms([query.text, ...query.phrases].join(' '));
    if (!terms.length) return this.newest(query.filter, skip, take);
    const lastTyped = query.typing && !query.phrases.length ? terms[terms.length - 1] : undefined;
    const phrases = query.phrases.map(phraseForm).filter(Boolean);
    const run = (q: Query) => this.rank(this.engine.search(q, { boost: BOOST }), query.filter, now, phrases);
    // Cards with every word first, each word also as the start of a longer one ("rot cert").
    // If none has them all, a longer search (a question, a paraphrase) finds the cards with
    // at least half its words; a search of one or two words never drifts to either alone.
    // Typos are looked for only when the words as typed do not fill the page: a fuzzy
    // search walks much more of the index, and a word found as typed needs no forgiving.
    const wanted = skip + take;
    let results = run(combined('AND', terms, lastTyped, true, false));
    if (results.length < wanted) results = run(combined('AND', terms, lastTyped, true, true));
    if (!results.length && terms.length >= 3) {
      const needed = Math.ceil(terms.length / 2);
      results = run(combined('OR', terms, lastTyped, false, true)).filter((r) => r.queryTerms.length >= needed);
    }
    return {
      hits: results.slice(skip, skip + take).map((r) => this.hitOf(r, query.phrases)),
      hasMore: results.length > skip + take,
    };
  }

  /**
   * Cards sharing enough of a text's distinctive words to be the same knowledge: exact
   * terms only (a draft is written, not typed in a box), and a card must match a share of
   * them, so one common word in an unrelated message brings no hint.
   */
  similar(text: string, max: number, now: Date): CardHit[] {
    const terms = queryTerms(text).slice(0, 64);
    if (!terms.length) return [];
    const needed = terms.length <= 2 ? terms.length : Math.min(4, Math.max(2, Math.ceil(terms.length * 0.25)));
    const results = this.rank(
      this.engine.search({ combineWith: 'OR', queries: terms.map((t) => t.term) }, { boost: BOOST }),
      { status: 'active', now: now.toISOString() },
      now,
      [],
    );
    return results
      .filter((r) => r.queryTerms.length >= needed)
      .slice(0, max)
      .map((r) => this.hitOf(r, []));
  }

  /**
   * Keeps the results that pass the filter and hold the phrases, and ranks them by their
   * BM25 score, slightly less for a card due for review, plus at most 2% for recency (a
   * tie-break). Done once per result here rather than per term inside the scoring.
   */
  private rank(results: SearchResult[], filter: CardFilter | undefined, now: Date, phrases: string[]): SearchResult[] {
    const nowMs = now.getTime();
    const nowIso = now.toISOString();
    const kept: SearchResult[] = [];
    for (const result of results) {
      const held = this.held.get(String(result.id));
      if (!held || !matchesFilter(held.document.summary, filter)) continue;
      // Phrases are rare: a card's words in order are made only for the cards a phrase's words found.
      if (phrases.length && !phrases.every((p) => phraseOf(held.document).includes(p))) continue;
      const due = held.document.summary.reviewDueAt;
      const ageDays = Math.max(0, (nowMs - held.changedMs) / 86_400_000);
      const recency = RECENCY_WEIGHT * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS);
      result.score *= (due && due <= nowIso ? NEEDS_REVIEW_FACTOR : 1) * (1 + recency);
      kept.push(result);
    }
    return kept.sort((x, y) => y.score - x.score);
  }

  private newest(filter: CardFilter | undefined, skip: number, take: number): IndexPage {
    const cards = [...this.held.values()]
      .map((h) => h.document.summary)
      .filter((s) => matchesFilter(s, filter))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
    return {
      hits: cards.slice(skip, skip + take).map((card) => ({ card, matched: [] })),
      hasMore: cards.length > skip + take,
    };
  }

  /** A result with the words of its listing that matched, as written there. */
  private hitOf(result: SearchResult, phrases: string[]): CardHit {
    const held = this.held.get(String(result.id))!;
    const card = held.document.summary;
    const terms = new Set(result.terms);
    const matched = new Map<string, string>();
    for (const phrase of phrases) matched.set(phrase.toLowerCase(), phrase);
    for (const source of [card.title, card.tags.join(' '), card.summary, card.excerpt]) {
      for (const token of tokenize(source)) {
        const term = termOf(token);
        if (term && terms.has(term) && !matched.has(token.toLowerCase())) matched.set(token.toLowerCase(), token);
        if (matched.size >= MATCHED_MAX) break;
      }
    }
    // A word found only deeper in the conversation than the excerpt still says why.
    if (!matched.size) for (const term of result.queryTerms.slice(0, MATCHED_MAX)) matched.set(term, term);
    return { card, matched: [...matched.values()] };
  }
}

/**
 * One query over all terms: each forgiving typos by its typed length, the one being typed
 * also a prefix, and with `everyPrefix` any other of three letters or more too.
 */
function combined(
  combineWith: 'AND' | 'OR',
  terms: QueryTerm[],
  lastTyped: QueryTerm | undefined,
  everyPrefix: boolean,
  forgiving: boolean,
): Query {
  return {
    combineWith,
    queries: terms.map((t) => {
      const technical = isTechnical(t.term);
      const typos = technical || !forgiving ? 0 : typosForgiven(t.typedLength);
      return {
        queries: [t.term],
        fuzzy: typos || false,
        prefix: t === lastTyped ? [...t.term].length >= 2 : everyPrefix && !technical && [...t.term].length >= 3,
        weights: { fuzzy: 0.45, prefix: 0.6 },
      };
    }),
  };
}

function fieldText(document: SearchDocument, field: string): string {
  const summary = document.summary;
  switch (field) {
    case 'id':
      return summary.id;
    case 'title':
      return summary.title;
    case 'tags':
      return summary.tags.join(' ');
    case 'summary':
      return summary.summary;
    case 'kind':
      return kindLabel(summary.kind);
    case 'authors':
      return document.authorNames.join(' ');
    case 'text':
      return document.text;
    default:
      return '';
  }
}

/** A card's words as a spaced sequence, for finding a phrase in it. */
function phraseOf(document: SearchDocument): string {
  return phraseForm(FIELDS.map((f) => fieldText(document, f)).join('\n'));
}

/**
 * A rough count of the bytes a card costs in memory: its strings as held, and the index's
 * postings, about one entry of some 48 bytes per distinct word per field.
 */
function estimateBytes(document: SearchDocument): number {
  const s = document.summary;
  const strings =
    s.title.length + s.summary.length + s.excerpt.length + s.tags.join('').length + s.authorNames.join('').length + document.text.length;
  const words = (s.title.length + s.summary.length + document.text.length) / 6;
  return strings + words * 48 + 600;
}
