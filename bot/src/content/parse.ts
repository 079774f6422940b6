import { DomUtils, parseDocument } from 'htmlparser2';
import { mentionText, type MentionResolver, type ResolvedMention } from './mentions';
import { el, pushAll, stripControlChars, text, type ContentNode, type Tag } from './model';
import { safeHref } from './url';
import { collapseWhitespace } from '../domain/shared/text';

type DomDocument = ReturnType<typeof parseDocument>;
type DomNode = DomDocument['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

/**
 * Elements dropped with everything inside them: their content is code, styling,
 * form state or fallback for plugins, never part of what a person wrote.
 */
const DROPPED: ReadonlySet<string> = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'param',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'textarea',
  'select',
  'datalist',
  'option',
  'svg',
  'math',
  'head',
  'title',
  'meta',
  'link',
  'base',
]);

/** Allow-listed tags, with the synonyms Teams and pasted content use mapped onto one spelling. */
const TAGS: Readonly<Record<string, Tag>> = {
  p: 'p',
  br: 'br',
  a: 'a',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  u: 'u',
  ins: 'u',
  s: 's',
  strike: 's',
  del: 's',
  code: 'code',
  tt: 'code',
  kbd: 'code',
  samp: 'code',
  // Teams sends code snippets as <codeblock><code>…</code></codeblock>.
  pre: 'pre',
  codeblock: 'pre',
  h1: 'h1',
  h2: 'h2',
  h3: 'h3',
  h4: 'h4',
  h5: 'h4',
  h6: 'h4',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  menu: 'ul',
  dir: 'ul',
  blockquote: 'blockquote',
  table: 'table',
  thead: 'thead',
  tbody: 'tbody',
  tfoot: 'tbody',
  tr: 'tr',
  th: 'th',
  td: 'td',
};

/**
 * Unknown tags whose text would otherwise run into its neighbours: they are
 * dropped like any unknown tag but still end a paragraph, as a browser shows them.
 */
const BOUNDARIES: ReadonlySet<string> = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'address',
  'figure',
  'figcaption',
  'details',
  'summary',
  'dialog',
  'dl',
  'dt',
  'dd',
  'center',
  'fieldset',
  'legend',
  'form',
  'hgroup',
  'html',
  'body',
  'caption',
  'hr',
  'search',
]);

/**
 * Deeper input is flattened to text. Well above anything sanitized output
 * contains (see normalize.ts), so stored content is never flattened on re-reading.
 */
const MAX_DEPTH = 256;

/**
 * Parses HTML into the content tree: allow-listed elements only, `<at>`
 * mentions and images replaced by text, links validated, every attribute
 * except a safe `href` gone. Structure is not yet canonical (see normalize.ts).
 */
export function parseContent(html: string, resolveMention: MentionResolver): ContentNode[] {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  return cleanNodes(document.children, 0, resolveMention);
}

function cleanNodes(nodes: readonly DomNode[], depth: number, resolveMention: MentionResolver): ContentNode[] {
  const out: ContentNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DomNode;
    if (DomUtils.isText(node)) {
      out.push(text(stripControlChars(node.data)));
      continue;
    }
    // Comments, CDATA and processing instructions are never content.
    if (!DomUtils.isTag(node) || DROPPED.has(node.name)) continue;
    if (depth >= MAX_DEPTH) {
      out.push(text(plainTextOf(node)));
    } else if (node.name === 'at') {
      const run = mentionRun(nodes, i, resolveMention);
      out.push(text(run.text));
      i = run.last;
    } else {
      pushAll(out, cleanElement(node, depth, resolveMention));
    }
  }
  return out;
}

function cleanElement(node: DomElement, depth: number, resolveMention: MentionResolver): ContentNode[] {
  const name = node.name;
  if (name === 'img') return [text(imageText(node))];
  if (name === 'emoji') return [text(collapseWhitespace(node.attribs.alt ?? plainTextOf(node)))];

  const children = cleanNodes(node.children as DomNode[], depth + 1, resolveMention);
  if (name === 'a') {
    const href = safeHref(node.attribs.href ?? '');
    return href === undefined ? children : [el('a', children, href)];
  }
  const tag = TAGS[name];
  if (tag !== undefined) return [el(tag, children)];
  if (BOUNDARIES.has(name)) return [el('div', children)];
  return children;
}

/**
 * Inline images point at URLs that need a Teams session, so they would be
 * broken outside Teams; the alt text (or a marker) says something was there.
 * Emoji are images with the character as alt text: keep the character.
 */
function imageText(node: DomElement): string {
  const alt = collapseWhitespace(node.attribs.alt ?? '');
  const isEmoji = /emoji/i.test(node.attribs.itemtype ?? '') || /(^|\s)emoji(\s|$)/i.test(node.attribs.class ?? '');
  if (isEmoji && alt !== '') return alt;
  return alt === '' ? '[image]' : `[${alt}]`;
}

/** Resolves the `<at>` at `start` together with directly following `<at>`s for the same person. */
function mentionRun(nodes: readonly DomNode[], start: number, resolveMention: MentionResolver): { text: string; last: number } {
  const resolveAt = (node: DomElement): ResolvedMention => resolveMention(node.attribs.id, plainTextOf(node));
  const first = resolveAt(nodes[start] as DomElement);
  const parts = [first];
  let last = start;
  for (let j = start + 1; j < nodes.length && first.personId !== undefined; j++) {
    const node = nodes[j] as DomNode;
    if (DomUtils.isText(node) && /^\s*$/.test(node.data)) continue;
    if (!DomUtils.isTag(node) || node.name !== 'at') break;
    const next = resolveAt(node);
    if (next.personId !== first.personId) break;
    parts.push(next);
    last = j;
  }
  return { text: mentionText(parts), last };
}

/** Text of a subtree, walked with an explicit stack so hostile nesting cannot overflow ours. */
function plainTextOf(root: DomElement): string {
  const parts: string[] = [];
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode;
    if (DomUtils.isText(node)) parts.push(stripControlChars(node.data));
    else if (DomUtils.isTag(node) && !DROPPED.has(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as DomNode);
    }
  }
  return parts.join('');
}
