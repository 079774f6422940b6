import { hash } from 'node:crypto';

/**
 * Table keys forbid `/ \ # ?` and control characters. We also reserve `|` as our own
 * separator and `%` as the escape character, so escaping is reversible and composite
 * keys split unambiguously.
 */
const UNSAFE_KEY_CHARS = /[/\\#?%|\u0000-\u001f\u007f-\u009f]/g;
/** The same characters, for a test that keeps no state between calls (unlike a global pattern). */
const HAS_UNSAFE_KEY_CHAR = new RegExp(UNSAFE_KEY_CHARS.source);

/** Longest escaped part we keep readable; Table keys cap at 1 KiB for the whole key. */
const MAX_READABLE_PART = 300;

/**
 * Parts that needed escaping, escaped: a community id (which holds `|`) recurs in
 * the keys of every request, so it is escaped once, not each time. Bounded, so ids
 * that never recur cannot grow it without limit.
 */
const escapedParts = new Map<string, string>();
const ESCAPED_PARTS_KEPT = 1_000;

/** Escapes one part of a Table key. */
export function escapeKeyPart(value: string): string {
  if (value.length <= MAX_READABLE_PART && !HAS_UNSAFE_KEY_CHAR.test(value)) return value;
  const known = escapedParts.get(value);
  if (known !== undefined) return known;
  const replaced = value.replace(UNSAFE_KEY_CHARS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // Ids this long do not occur in Teams; hashing keeps such a key valid and still unique.
  const escaped = replaced.length <= MAX_READABLE_PART ? replaced : `~${hash('sha256', value, 'hex')}`;
  if (escapedParts.size >= ESCAPED_PARTS_KEPT) escapedParts.clear();
  escapedParts.set(value, escaped);
  return escaped;
}

/** Reverses {@link escapeKeyPart} for parts that were not hashed. */
export function unescapeKeyPart(part: string): string {
  return part.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Joins escaped parts into one key. */
export function composeKey(...parts: string[]): string {
  return parts.map(escapeKeyPart).join('|');
}

/**
 * The smallest string greater than every string starting with `prefix`, for range
 * queries `RowKey ge prefix and RowKey lt upperBound(prefix)`.
 */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

const MAX_TIME = 9_999_999_999_999;

/** A key part that sorts newest first. */
export function newestFirst(iso: string): string {
  return String(MAX_TIME - Date.parse(iso)).padStart(13, '0');
}
