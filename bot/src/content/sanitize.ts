import { createMentionResolver, resolvePlainTextMentions } from './mentions';
import { el, stripControlChars, text, type ContentNode, type ElementNode } from './model';
import { normalize } from './normalize';
import { parseContent } from './parse';
import { toPlainText } from './plainText';
import { serialize } from './serialize';
import { shorten } from './truncate';
import type { MentionInfo, SafeContent } from './types';

/** What Teams gives us for one message. */
export interface MessageContent {
  content: string;
  contentType?: 'html' | 'text' | string;
  mentions?: MentionInfo[];
}

/**
 * Sanitizes Teams message HTML (or plain text when contentType is text) into
 * SafeContent, cutting to maxLength characters of sanitized HTML.
 *
 * Only allow-listed markup survives: p, br, strong, em, u, s, ul, ol, li, pre,
 * code, blockquote, h1-h4, table/thead/tbody/tr/th/td, and a with an http(s) or
 * mailto href (plus rel="noopener noreferrer" target="_blank"). Mentions become
 * '@Name' text and images '[alt]' / '[image]' text. The result is canonical:
 * sanitizing `html` again returns it unchanged.
 *
 * @throws RangeError when maxLength is negative or not a number.
 */
export function toSafeContent(input: MessageContent, maxLength: number): SafeContent {
  if (Number.isNaN(maxLength) || maxLength < 0) throw new RangeError(`maxLength must be a non-negative number, got ${maxLength}`);
  const tree = contentTree(input);
  const html = serialize(tree);
  if (html.length <= maxLength) return { html, text: toPlainText(tree) };
  const cut = shorten(tree, maxLength);
  return { html: cut.html, text: toPlainText(cut.nodes), shortenedFrom: html.length };
}

/** Plain text of stored safe HTML. */
export function textOfSafeHtml(html: string): string {
  return toSafeContent({ content: html, contentType: 'html' }, Number.MAX_SAFE_INTEGER).text;
}

/** The normalized tree of any HTML, for renderers that must not trust what they are given. */
export function sanitizedTree(html: string): ElementNode[] {
  return normalize(parseContent(html, createMentionResolver()));
}

function contentTree(input: MessageContent): ElementNode[] {
  // Bodies arrive from JSON; do not let a missing one become the string "undefined".
  const content = typeof input.content === 'string' ? input.content : '';
  const resolveMention = createMentionResolver(Array.isArray(input.mentions) ? input.mentions : []);
  if (isPlainText(input.contentType)) {
    return normalize(plainTextTree(resolvePlainTextMentions(content, resolveMention)));
  }
  return normalize(parseContent(content, resolveMention));
}

function isPlainText(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && /^\s*text(\/plain)?\s*$/i.test(contentType);
}

/** Blank lines separate paragraphs, single newlines are line breaks; the text itself is escaped on serializing. */
function plainTextTree(content: string): ContentNode[] {
  return stripControlChars(content)
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n/)
    .map((paragraph) => {
      const children: ContentNode[] = [];
      paragraph.split('\n').forEach((line, index) => {
        if (index > 0) children.push(el('br'));
        children.push(text(line));
      });
      return el('p', children);
    });
}
