import type { ContentNode, ElementNode } from './model';

/** Every link opens outside Teams and gives the target no handle back to us. */
const LINK_ATTRIBUTES = 'rel="noopener noreferrer" target="_blank"';

/** Escapes text content; the only characters that can start markup or an entity. */
export function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** Escapes a double-quoted attribute value. */
function escapeAttribute(value: string): string {
  return value.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** The start tag of an element. */
export function openTag(node: ElementNode): string {
  if (node.tag === 'a') return `<a href="${escapeAttribute(node.href ?? '')}" ${LINK_ATTRIBUTES}>`;
  return `<${node.tag}>`;
}

/** The end tag of an element; `br` has none. */
export function closeTag(node: ElementNode): string {
  return node.tag === 'br' ? '' : `</${node.tag}>`;
}

/** Serializes a (normalized) tree to HTML. Attributes never come from input except a validated href. */
export function serialize(nodes: readonly ContentNode[]): string {
  const parts: string[] = [];
  const walk = (list: readonly ContentNode[]): void => {
    for (const node of list) {
      if (node.type === 'text') {
        parts.push(escapeText(node.text));
      } else {
        parts.push(openTag(node));
        walk(node.children);
        parts.push(closeTag(node));
      }
    }
  };
  walk(nodes);
  return parts.join('');
}
