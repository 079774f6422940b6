import { isElement, type ContentNode, type ElementNode, type Tag } from './model';
import { collapseWhitespace } from '../domain/shared/text';

/**
 * Plain text of a normalized tree, for drafting titles, previews and search:
 * one line per paragraph, list item, table row and line break; code kept
 * verbatim; elsewhere whitespace collapsed (non-breaking spaces included).
 */
export function toPlainText(blocks: readonly ContentNode[]): string {
  const lines: string[] = [];
  flowLines(blocks, lines);
  // Drop blank lines at the ends but keep the indentation of a leading code line.
  return lines
    .join('\n')
    .replace(/^(?:[^\S\n]*\n)+/, '')
    .trimEnd();
}

function flowLines(nodes: readonly ContentNode[], lines: string[]): void {
  let run: ContentNode[] = [];
  const flush = (): void => {
    if (run.length > 0) inlineLines(run, lines);
    run = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || !isBlock(node)) {
      run.push(node);
      continue;
    }
    flush();
    blockLines(node, lines);
  }
  flush();
}

const INLINE_TAGS: ReadonlySet<Tag> = new Set<Tag>(['strong', 'em', 'u', 's', 'code', 'a', 'br']);

function isBlock(node: ElementNode): boolean {
  return !INLINE_TAGS.has(node.tag);
}

function blockLines(node: ElementNode, lines: string[]): void {
  switch (node.tag) {
    case 'pre':
      for (const line of codeText(node.children).split('\n')) lines.push(line);
      break;
    case 'table':
      for (const section of node.children) {
        if (!isElement(section)) continue;
        for (const row of section.children) {
          if (!isElement(row)) continue;
          const cells = row.children.map((cell) => (isElement(cell) ? cellText(cell) : '')).filter((c) => c !== '');
          if (cells.length > 0) lines.push(cells.join(' | '));
        }
      }
      break;
    case 'p':
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      inlineLines(node.children, lines);
      break;
    default:
      // ul, ol, li, blockquote: containers whose children each start a line.
      for (const child of node.children) {
        if (isElement(child, 'li')) flowLines(child.children, lines);
        else flowLines([child], lines);
      }
  }
}

function cellText(cell: ElementNode): string {
  const lines: string[] = [];
  flowLines(cell.children, lines);
  return collapseWhitespace(lines.join(' '));
}

function codeText(nodes: readonly ContentNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : codeText(node.children))).join('');
}

function inlineLines(nodes: readonly ContentNode[], lines: string[]): void {
  let current = '';
  const walk = (list: readonly ContentNode[]): void => {
    for (const node of list) {
      if (node.type === 'text') current += node.text;
      else if (node.tag === 'br') current += '\n';
      else walk(node.children);
    }
  };
  walk(nodes);
  for (const line of current.split('\n')) lines.push(collapseWhitespace(line));
}
