import { isElement, pushAll, type ContentNode, type ElementNode } from './model';
import { sanitizedTree } from './sanitize';
import type { CardBlock } from './types';
import { collapseWhitespace } from '../domain/shared/text';

interface Position {
  /** Spaces that put a line inside the list item it belongs to. */
  readonly indent: string;
  /** Lines of one list are joined by single newlines; elsewhere only a blank line starts a new line. */
  readonly inList: boolean;
}

interface Format {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly link?: boolean;
}

const TOP: Position = { indent: '', inList: false };

/**
 * Renders SafeContent.html as the Markdown subset Adaptive Cards TextBlock
 * supports (bold, italic, bullet and numbered lists, links [t](url), paragraphs
 * separated by blank lines). Code blocks (pre/code) become their raw text in
 * separate `code` blocks, because TextBlock markdown has no code syntax.
 *
 * The input is sanitized again first, so raw HTML can never reach a card even
 * when this is handed something other than stored content. Characters that
 * TextBlock markdown would interpret (`* _ [ ] < > \` and friends, list or
 * heading markers at the start of a line) are backslash-escaped in text.
 * Headings become bold paragraphs; underline, strikethrough, quotes and table
 * layout have no markdown here and are rendered as their plain content.
 */
export function toCardBlocks(html: string): CardBlock[] {
  const blocks: CardBlock[] = [];
  for (const piece of renderFlow(sanitizedTree(typeof html === 'string' ? html : ''), TOP)) {
    const last = blocks[blocks.length - 1];
    if (piece.type === 'text' && last?.type === 'text') {
      blocks[blocks.length - 1] = { type: 'text', markdown: `${last.markdown}\n\n${piece.markdown}` };
    } else {
      blocks.push(piece);
    }
  }
  // A list interrupted by a code block resumes indented; a new TextBlock has nothing to indent into,
  // and four spaces would turn the line into a markdown code block.
  return blocks.map((block) => (block.type === 'text' ? { type: 'text', markdown: block.markdown.replace(/^ +/, '') } : block));
}

/** Renders mixed inline and block content (the root, list items, cells). */
function renderFlow(nodes: readonly ContentNode[], position: Position): CardBlock[] {
  const out: CardBlock[] = [];
  let run: ContentNode[] = [];
  const flush = (): void => {
    if (run.length > 0) pushAll(out, paragraph(inlineMarkdown(run, {}), position));
    run = [];
  };
  for (const node of nodes) {
    if (isElement(node, 'p', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'pre', 'blockquote', 'table')) {
      flush();
      pushAll(out, renderBlock(node, position));
    } else {
      run.push(node);
    }
  }
  flush();
  return out;
}

function renderBlock(node: ElementNode, position: Position): CardBlock[] {
  switch (node.tag) {
    case 'p':
      return paragraph(inlineMarkdown(node.children, {}), position);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      // TextBlock has no headings; a bold paragraph reads the same way.
      return paragraph(emphasize('**', inlineMarkdown(node.children, { bold: true })), position);
    case 'ul':
    case 'ol':
      return renderList(node, position);
    case 'pre':
      return [{ type: 'code', code: rawText(node.children) }];
    case 'table':
      return renderTable(node, position);
    default:
      return renderFlow(node.children, position);
  }
}

function renderList(list: ElementNode, position: Position): CardBlock[] {
  const out: CardBlock[] = [];
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length > 0) out.push({ type: 'text', markdown: lines.join('\n') });
    lines = [];
  };
  list.children
    .filter((item): item is ElementNode => isElement(item))
    .forEach((item, index) => {
      const marker = list.tag === 'ol' ? `${index + 1}. ` : '- ';
      const inner: Position = { indent: position.indent + ' '.repeat(marker.length), inList: true };
      let marked = false;
      for (const piece of renderFlow(item.children, inner)) {
        if (piece.type === 'code') {
          if (!marked) lines.push(position.indent + marker.trimEnd());
          marked = true;
          // A code block cannot live inside a TextBlock: end the list here; explicit numbers let it resume.
          flush();
          out.push(piece);
          continue;
        }
        for (const line of piece.markdown.split('\n')) {
          lines.push(marked ? line : position.indent + marker + line.slice(inner.indent.length));
          marked = true;
        }
      }
    });
  flush();
  return out;
}

/** TextBlock has no tables: one line per row, cells separated by a bar. */
function renderTable(table: ElementNode, position: Position): CardBlock[] {
  const out: CardBlock[] = [];
  for (const section of table.children) {
    if (!isElement(section)) continue;
    for (const row of section.children) {
      if (!isElement(row)) continue;
      const cells = row.children.map((cell) => (isElement(cell) ? cellMarkdown(cell) : '')).filter((cell) => cell !== '');
      pushAll(out, paragraph(cells.join(' | '), position));
    }
  }
  return out;
}

function cellMarkdown(cell: ElementNode): string {
  return renderFlow(cell.children, { indent: '', inList: true })
    .map((piece) =>
      piece.type === 'text'
        ? piece.markdown
            .split('\n')
            .map((line) => line.trim())
            .join(' ')
        : escapeMarkdown(collapseWhitespace(piece.code)),
    )
    .join(' ');
}

/** One paragraph: each line break (from <br>) becomes a line of its own, indented into its list item. */
function paragraph(markdown: string, position: Position): CardBlock[] {
  const lines = markdown
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => position.indent + escapeLineStart(line));
  if (lines.length === 0) return [];
  // TextBlock only shows a line break for a blank line, except inside lists.
  return [{ type: 'text', markdown: lines.join(position.inList ? '\n' : '\n\n') }];
}

function inlineMarkdown(nodes: readonly ContentNode[], format: Format): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += escapeMarkdown(node.text);
      continue;
    }
    switch (node.tag) {
      case 'br':
        out += '\n';
        break;
      case 'strong':
        out += format.bold
          ? inlineMarkdown(node.children, format)
          : emphasize('**', inlineMarkdown(node.children, { ...format, bold: true }));
        break;
      case 'em':
        out += format.italic
          ? inlineMarkdown(node.children, format)
          : emphasize('_', inlineMarkdown(node.children, { ...format, italic: true }));
        break;
      case 'a':
        out += format.link ? inlineMarkdown(node.children, format) : link(node, format);
        break;
      case 'code':
        out += escapeMarkdown(rawText(node.children));
        break;
      default:
        out += inlineMarkdown(node.children, format);
    }
  }
  return out;
}

function link(node: ElementNode, format: Format): string {
  const href = node.href ?? '';
  const label = inlineMarkdown(node.children, { ...format, link: true })
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  // Only characters that would end or break the destination need encoding; the href is already a valid URL.
  const destination = href.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${label === '' ? escapeMarkdown(href) : label}](${destination})`;
}

/**
 * Wraps each line in emphasis markers. Markdown ignores `** x**` (whitespace
 * inside the marker) and emphasis cannot span a line break, so whitespace is
 * moved outside and every line gets its own pair.
 */
function emphasize(marker: string, markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(line);
      const [, lead = '', core = '', trail = ''] = match ?? [];
      return core === '' ? line : `${lead}${marker}${core}${marker}${trail}`;
    })
    .join('\n');
}

/** Backslash-escapes what TextBlock markdown would read as formatting, links or HTML. */
function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>~]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Escapes a line start that would otherwise become a list item, heading or rule. */
function escapeLineStart(line: string): string {
  const marker = /^([#+=-])/.exec(line);
  if (marker) return `\\${line}`;
  const numbered = /^(\d+)([.)])/.exec(line);
  return numbered ? `${numbered[1]}\\${line.slice(numbered[1]?.length ?? 0)}` : line;
}

function rawText(nodes: readonly ContentNode[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.text : rawText(node.children))).join('');
}
