/**
 * Limits shared by every edge that accepts a knowledge card: the Teams dialog,
 * the HTTP API and the tab's forms all validate against these same numbers.
 */
export const CARD_LIMITS = {
  titleMaxLength: 120,
  summaryMaxLength: 1_000,
  tagsMax: 8,
  tagMaxLength: 40,
  /**
   * Replies a person may pick from a thread in one harvest. A save writes the card, its
   * index and one contribution per author in a single Table transaction (at most 100
   * operations), so this bounds the authors a card can credit.
   */
  repliesMax: 40,
  /**
   * Harvested content, in characters of sanitized HTML, across all messages of a card.
   * Table storage caps an entity at 1 MiB with strings stored as UTF-16, so
   * 300,000 characters (about 600 KB) leaves room for everything else on the entity.
   */
  contentMaxLength: 300_000,
  /** A single message is never allowed to take the whole budget on its own. */
  messageMaxLength: 100_000,
} as const;

/** Limits of the search message extension and the card lists. */
export const SEARCH_LIMITS = {
  queryMaxLength: 200,
  pageSizeDefault: 10,
  pageSizeMax: 25,
  /** Teams pages by `skip`; beyond this a person should refine the query instead. */
  skipMax: 500,
  /** Listing rows a single page may read before it stops, whatever the community's size. */
  scanBudget: 600,
} as const;
