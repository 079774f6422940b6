import { el, type ContentNode, type ElementNode } from './model';
import { normalize } from './normalize';
import { closeTag, escapeText, openTag, serialize } from './serialize';

/** How far back a cut may move to end on a word boundary instead of mid-word. */
const WORD_BACKOFF = 40;

/**
 * Cuts a normalized tree to at most `maxLength` characters of HTML.
 *
 * Cutting the tree rather than the HTML string means a cut can never land
 * inside a tag or an entity, and every element kept is closed. The cut tree is
 * normalized again (a cut can leave an empty item or a trailing space), which
 * only ever removes markup, and the length is checked once more to be sure.
 */
export function shorten(tree: readonly ContentNode[], maxLength: number): { nodes: ElementNode[]; html: string } {
  const sizes = new WeakMap<ContentNode, number>();
  let budget = Math.max(0, Math.floor(maxLength));
  for (;;) {
    const nodes = normalize(take(tree, budget, sizes));
    const html = serialize(nodes);
    if (html.length <= maxLength || budget === 0) return { nodes, html };
    budget = Math.max(0, budget - (html.length - maxLength));
  }
}

function size(node: ContentNode, sizes: WeakMap<ContentNode, number>): number {
  const known = sizes.get(node);
  if (known !== undefined) return known;
  let total: number;
  if (node.type === 'text') {
    total = escapeText(node.text).length;
  } else {
    total = openTag(node).length + closeTag(node).length;
    for (const child of node.children) total += size(child, sizes);
  }
  sizes.set(node, total);
  return total;
}

/** The longest prefix of nodes (in document order) whose HTML fits the budget. */
function take(nodes: readonly ContentNode[], budget: number, sizes: WeakMap<ContentNode, number>): ContentNode[] {
  const out: ContentNode[] = [];
  let left = budget;
  for (const node of nodes) {
    const nodeSize = size(node, sizes);
    if (nodeSize <= left) {
      out.push(node);
      left -= nodeSize;
      continue;
    }
    const part = takePart(node, left, sizes);
    if (part !== undefined) out.push(part);
    break;
  }
  return out;
}

function takePart(node: ContentNode, budget: number, sizes: WeakMap<ContentNode, number>): ContentNode | undefined {
  if (node.type === 'text') {
    const kept = cutText(node.text, budget);
    return kept === '' ? undefined : { type: 'text', text: kept };
  }
  const overhead = openTag(node).length + closeTag(node).length;
  if (node.tag === 'br' || budget <= overhead) return undefined;
  const children = take(node.children, budget - overhead, sizes);
  return children.length > 0 ? el(node.tag, children, node.href) : undefined;
}

/** The longest prefix of text whose escaped form fits, never splitting a character, preferably at a word boundary. */
function cutText(value: string, budget: number): string {
  let used = 0;
  let end = 0;
  while (end < value.length) {
    const width = (value.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    const cost = escapeText(value.slice(end, end + width)).length;
    if (used + cost > budget) break;
    used += cost;
    end += width;
  }
  if (end === value.length || end === 0 || /\s/.test(value.charAt(end))) return value.slice(0, end);
  const start = Math.max(0, end - WORD_BACKOFF);
  const lastSpace = value.slice(start, end).search(/\s\S*$/);
  const cut = lastSpace === -1 ? end : start + lastSpace;
  return value.slice(0, cut > 0 ? cut : end);
}
