const ALLOWED_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link target to store for an `href`, or undefined when it must not be a link.
 *
 * The value is run through the WHATWG URL parser, the same algorithm browsers
 * use: it drops tabs and newlines anywhere and control characters at the ends,
 * and lowercases the scheme. Checking its result therefore catches every
 * obfuscated `javascript:` / `data:` / `vbscript:` a browser would still follow.
 * Returning the parser's serialization (not the input) means what we checked
 * is exactly what gets stored. Relative URLs are refused: a stored card has
 * no meaningful base to resolve them against.
 */
export function safeHref(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return undefined;
  if (url.protocol !== 'mailto:' && url.hostname === '') return undefined;
  return url.href;
}
