import { el, hasVisibleText, text, type ContentNode } from './model';

/**
 * Collapses whitespace as a browser displays it, drops leading and trailing
 * spaces and line breaks, and removes emptied elements; undefined when
 * nothing visible is left.
 *
 * Whitespace is judged across element boundaries (`a <b> b</b>` has one space),
 * so the passes walk the leaves in document order: forwards for what follows a
 * space or the start, backwards for what precedes a break or the end.
 * Storing what a browser would show anyway keeps cards small and makes the
 * result a fixed point: running it again finds nothing to change.
 */
export function normalizeRun(nodes: readonly ContentNode[]): ContentNode[] | undefined {
  const collapsed = collapseForward(nodes, { afterSpace: true, afterContent: false });
  const trimmed = trimBackward(collapsed, { atEnd: true, contentAfter: false });
  const pruned = prune(trimmed);
  return hasVisibleText(pruned) ? pruned : undefined;
}

function collapseForward(nodes: readonly ContentNode[], state: { afterSpace: boolean; afterContent: boolean }): ContentNode[] {
  const out: ContentNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      // Only ASCII whitespace collapses in HTML; non-breaking spaces are deliberate.
      let value = node.text.replace(/[ \t\n\r\f]+/g, ' ');
      if (state.afterSpace && value.startsWith(' ')) value = value.slice(1);
      if (value !== '') {
        state.afterSpace = value.endsWith(' ');
        state.afterContent = true;
        out.push(text(value));
      }
    } else if (node.tag === 'br') {
      if (state.afterContent) out.push(node);
      state.afterSpace = true;
    } else {
      out.push(el(node.tag, collapseForward(node.children, state), node.href));
    }
  }
  return out;
}

function trimBackward(nodes: readonly ContentNode[], state: { atEnd: boolean; contentAfter: boolean }): ContentNode[] {
  const out: ContentNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as ContentNode;
    if (node.type === 'text') {
      const value = state.atEnd && node.text.endsWith(' ') ? node.text.slice(0, -1) : node.text;
      if (value !== '') {
        state.atEnd = false;
        state.contentAfter = true;
        out.push(text(value));
      }
    } else if (node.tag === 'br') {
      if (state.contentAfter) out.push(node);
      state.atEnd = true;
    } else {
      out.push(el(node.tag, trimBackward(node.children, state), node.href));
    }
  }
  return out.reverse();
}

function prune(nodes: readonly ContentNode[]): ContentNode[] {
  const out: ContentNode[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text') {
      if (node.text === '') continue;
      if (last?.type === 'text') out[out.length - 1] = text(last.text + node.text);
      else out.push(node);
    } else if (node.tag === 'br') {
      out.push(node);
    } else {
      const children = prune(node.children);
      if (children.length === 0) continue;
      // <b>a</b><b>b</b> is one bold run; merging also keeps markdown emphasis markers from touching.
      if (last?.type === 'element' && last.tag === node.tag && last.href === node.href) {
        out[out.length - 1] = el(node.tag, prune([...last.children, ...children]), node.href);
      } else {
        out.push(el(node.tag, children, node.href));
      }
    }
  }
  return out;
}
