/*
 * The service normalizes tags with the domain's rules; the tab applies the same rules while
 * typing so people see the tag that will be stored. Kept in step with the domain's normalizeTag.
 */

const TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\-_.+#]*$/u;

/** Lower case, words joined by hyphens, no leading '#'. */
export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').trim().replace(/^#+/, '').toLowerCase().replace(/\s+/g, '-');
}

/** Why a normalized tag would be refused, or undefined when it is fine. */
export function tagProblem(tag: string): string | undefined {
  if (!TAG_PATTERN.test(tag)) return `The tag “${tag}” can only use letters, numbers and - _ . + #.`;
  return undefined;
}
