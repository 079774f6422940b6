/**
 * The small tree every stage works on. Parsing produces it, normalizing makes
 * it canonical, and serializing, cutting and text extraction read it, so no
 * stage ever has to trust raw HTML again.
 */

/** Block tags that can appear in sanitized output. */
export type BlockTag =
  'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'ul' | 'ol' | 'li' | 'pre' | 'blockquote' | 'table' | 'thead' | 'tbody' | 'tr' | 'th' | 'td';

/** Inline tags that can appear in sanitized output. */
export type InlineTag = 'strong' | 'em' | 'u' | 's' | 'code' | 'a' | 'br';

/** Every tag of the tree; `div` only marks a block boundary between parsing and normalizing. */
export type Tag = BlockTag | InlineTag | 'div';

/** Text, already decoded: escaping happens only when serializing. */
export interface TextNode {
  readonly type: 'text';
  readonly text: string;
}

/** An element; `href` is set only on `a` and has already been validated. */
export interface ElementNode {
  readonly type: 'element';
  readonly tag: Tag;
  readonly href?: string;
  readonly children: readonly ContentNode[];
}

/** A node of the content tree. */
export type ContentNode = TextNode | ElementNode;

/** Creates a text node. */
export function text(value: string): TextNode {
  return { type: 'text', text: value };
}

/** Creates an element node. */
export function el(tag: Tag, children: readonly ContentNode[] = [], href?: string): ElementNode {
  return href === undefined ? { type: 'element', tag, children } : { type: 'element', tag, href, children };
}

/** Whether a node is an element, optionally one of the given tags. */
export function isElement(node: ContentNode, ...tags: Tag[]): node is ElementNode {
  return node.type === 'element' && (tags.length === 0 || tags.includes(node.tag));
}

/** Tags that end a line when their content is flattened to text. */
export const LINE_TAGS: ReadonlySet<Tag> = new Set<Tag>([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
]);

/**
 * The text of nodes with line breaks kept: `br` and block boundaries become a
 * single newline, cells are separated by a space. Used where markup cannot
 * survive (inside code) and to decide whether anything visible is left.
 */
export function flattenText(nodes: readonly ContentNode[]): string {
  let out = '';
  // Separators are only written once more text follows, so boundaries never add leading or trailing breaks.
  let pending: '' | ' ' | '\n' = '';
  const write = (value: string): void => {
    if (value === '') return;
    if (pending !== '' && out !== '' && !out.endsWith('\n') && !(pending === ' ' && /\s$/.test(out))) out += pending;
    pending = '';
    out += value;
  };
  const walk = (list: readonly ContentNode[]): void => {
    for (const node of list) {
      if (node.type === 'text') {
        write(node.text);
      } else if (node.tag === 'br') {
        pending = '';
        out += '\n';
      } else if (LINE_TAGS.has(node.tag)) {
        pending = '\n';
        walk(node.children);
        pending = '\n';
      } else if (node.tag === 'td' || node.tag === 'th') {
        if (pending === '') pending = ' ';
        walk(node.children);
      } else {
        walk(node.children);
      }
    }
  };
  walk(nodes);
  return out;
}

/** Whether nodes contain any text a person would see (non-breaking spaces do not count). */
export function hasVisibleText(nodes: readonly ContentNode[]): boolean {
  return nodes.some((node) => (node.type === 'text' ? /\S/.test(node.text) : hasVisibleText(node.children)));
}

// Browsers turn NUL into U+FFFD, and the other C0 controls carry nothing a person wrote.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes control characters other than tab, line feed and carriage return. */
export function stripControlChars(value: string): string {
  return value.replace(CONTROL_CHARS, '');
}

/** Appends items one by one: spreading a huge array into push() can overflow the call stack. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
