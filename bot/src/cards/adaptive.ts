/** An Adaptive Card as plain JSON. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[] };

/** Adaptive Card schema version Teams renders everywhere we post. */
export const CARD_VERSION = '1.5';

/** A card with the common envelope. */
export function adaptiveCard(body: unknown[], actions: unknown[] = [], extra: Record<string, unknown> = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length ? { actions } : {}),
    ...extra,
  };
}

/** The attachment form of an Adaptive Card. */
export function cardAttachment(card: AdaptiveCard): { contentType: string; content: AdaptiveCard } {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/** Anything {@link plain} would escape; most names and titles have none. */
const MARKDOWN_SYNTAX = /[\\`*_[\]]|^\s*(?:[-+]|\d+\.)\s/m;

/**
 * Escapes text so Adaptive Card markdown shows it literally: names, titles and
 * summaries come from people and must not turn into links, emphasis or lists.
 * Only the characters that markdown subset acts on are escaped, so a client that
 * ignored backslash escapes would show as few stray backslashes as possible.
 */
export function plain(text: string): string {
  if (!MARKDOWN_SYNTAX.test(text)) return text;
  return text
    .replace(/([\\`*_[\]])/g, '\\$1')
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, (_, indent: string, marker: string, space: string) => `${indent}\\${marker}${space}`);
}

/** A short date in the reader's locale, rendered by Teams itself. */
export function cardDate(iso: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(iso) ? iso.replace(/\.\d+Z$/, 'Z') : undefined;
  return valid ? `{{DATE(${valid}, SHORT)}}` : '';
}
