/**
 * Whitespace that collapsing changes: runs of it, and any single character other than
 * a plain space. A lone space is left alone, so most text is returned without being
 * rewritten (matching every space of it was the costly part).
 */
const COLLAPSIBLE_WHITESPACE = /\s{2,}|[^\S ]/g;

/** The text with each run of whitespace made one space, and none at either end. */
export function collapseWhitespace(text: string): string {
  return text.replace(COLLAPSIBLE_WHITESPACE, ' ').trim();
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Whether text is all ASCII, which Unicode normalization leaves as it is. */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}
