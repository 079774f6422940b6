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

/** Escapes one part of a Table key. */
export function escapeKeyPart(value: string): string {
  if (value.length <= MAX_READABLE_PART && !HAS_UNSAFE_KEY_CHAR.test(value)) return value;
  const escaped = value.replace(UNSAFE_KEY_CHARS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  if (escaped.length <= MAX_READABLE_PART) return escaped;
  // Ids this long do not occur in Teams; hashing keeps such a key valid and still unique.
  return `~${hash('sha256', value, 'hex')}`;
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
