import { normalizeRun } from './inlineRun';
import { el, flattenText, hasVisibleText, isElement, pushAll, text, type ContentNode, type ElementNode, type Tag } from './model';

/**
 * Turns a parsed tree into its one canonical shape. Sanitizing must be
 * idempotent, and an HTML parser silently restructures some nestings (a block
 * inside <p> closes the <p>, a stray </p> opens one), so the output may only
 * contain shapes a parser reads back unchanged:
 *
 * - the root and blockquotes hold blocks only (p, h1-h4, ul, ol, pre, blockquote, table);
 *   loose inline content is wrapped in <p>;
 * - li, td and th hold "flow": their first run of inline content stays bare, later
 *   runs become <p>, blocks stay blocks;
 * - p and headings hold inline content only; a block met inside inline formatting
 *   splits it, the formatting is repeated on each side;
 * - lists hold only li, tables only thead/tbody, those only tr, rows only th/td;
 * - pre holds exactly one <code> with the raw text;
 * - whitespace is collapsed as a browser shows it, empty elements are dropped.
 */
export function normalize(nodes: readonly ContentNode[]): ElementNode[] {
  return blocks(nodes, ROOT);
}

/**
 * Lists, quotes and tables nested deeper than this are flattened into their
 * parent, which bounds the depth of the output (and of our recursion on it).
 */
const MAX_NESTING = 12;

interface Context {
  /** Block containers (list, quote, table) around this point. */
  readonly nesting: number;
  /** Formatting already applied around this point: repeating it adds nothing. */
  readonly marks: ReadonlySet<Tag>;
}

const NO_MARKS: ReadonlySet<Tag> = new Set();
const ROOT: Context = { nesting: 0, marks: NO_MARKS };

type Item =
  | { readonly kind: 'inline'; readonly node: ContentNode }
  | { readonly kind: 'break' }
  | { readonly kind: 'block'; readonly node: ElementNode };

type Segment = { readonly kind: 'run'; readonly nodes: ContentNode[] } | { readonly kind: 'block'; readonly node: ElementNode };

const BREAK: Item = { kind: 'break' };
const inline = (node: ContentNode): Item => ({ kind: 'inline', node });
const block = (node: ElementNode | undefined): Item[] => (node === undefined ? [] : [{ kind: 'block', node }]);

function blocks(nodes: readonly ContentNode[], context: Context): ElementNode[] {
  return segments(collect(nodes, context)).map((s) => (s.kind === 'block' ? s.node : el('p', s.nodes)));
}

function flow(nodes: readonly ContentNode[], context: Context): ContentNode[] {
  const out: ContentNode[] = [];
  segments(collect(nodes, context)).forEach((segment, index) => {
    if (segment.kind === 'block') out.push(segment.node);
    else if (index === 0) pushAll(out, segment.nodes);
    else out.push(el('p', segment.nodes));
  });
  return out;
}

/** Flattens nodes into inline items, paragraph breaks and finished blocks. */
function collect(nodes: readonly ContentNode[], context: Context): Item[] {
  const items: Item[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      items.push(inline(node));
      continue;
    }
    const tooDeep = context.nesting >= MAX_NESTING;
    switch (node.tag) {
      case 'br':
        items.push(inline(node));
        break;
      case 'strong':
      case 'em':
      case 'u':
      case 's':
      case 'a':
        if (context.marks.has(node.tag)) {
          pushAll(items, collect(node.children, context));
        } else {
          const marks = new Set(context.marks).add(node.tag);
          pushAll(items, wrapInline(node, collect(node.children, { ...context, marks })));
        }
        break;
      case 'code': {
        const code = flattenText(node.children);
        if (code !== '') items.push(inline(el('code', [text(code)])));
        break;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4': {
        // Formatting around a heading does not reach it (blocks escape inline wrappers), but keeping
        // the marks means the same content is read the same way whether or not it ends up a heading.
        const content = collect(node.children, context);
        items.push(BREAK);
        if (content.every((item) => item.kind === 'inline')) {
          const run = normalizeRun(content.flatMap((item) => (item.kind === 'inline' ? [item.node] : [])));
          if (run !== undefined) items.push(...block(el(node.tag, run)));
        } else {
          // A heading around blocks is a layout accident, not a heading: keep what is inside.
          pushAll(items, content);
        }
        items.push(BREAK);
        break;
      }
      case 'pre':
        items.push(...block(pre(node)));
        break;
      case 'ul':
      case 'ol':
        if (tooDeep) pushAll(items, boundary(node, context));
        else items.push(...block(list(node, nested(context))));
        break;
      case 'blockquote':
        if (tooDeep) pushAll(items, boundary(node, context));
        else items.push(...block(quote(node, nested(context))));
        break;
      case 'table':
        if (tooDeep) pushAll(items, boundary(node, context));
        else items.push(...block(table(node, nested(context))));
        break;
      default:
        // p, div, and list or table parts found outside a list or table.
        pushAll(items, boundary(node, context));
    }
  }
  return items;
}

/** The context inside a block container: one level deeper, with no formatting around it yet. */
function nested(context: Context): Context {
  return { nesting: context.nesting + 1, marks: NO_MARKS };
}

function boundary(node: ElementNode, context: Context): Item[] {
  return [BREAK, ...collect(node.children, context), BREAK];
}

/** Repeats an inline element around each stretch of inline items, so blocks inside it escape it. */
function wrapInline(node: ElementNode, items: readonly Item[]): Item[] {
  const out: Item[] = [];
  let pending: ContentNode[] = [];
  const flush = (): void => {
    if (pending.length > 0) out.push(inline(el(node.tag, pending, node.href)));
    pending = [];
  };
  for (const item of items) {
    if (item.kind === 'inline') {
      pending.push(item.node);
    } else {
      flush();
      out.push(item);
    }
  }
  flush();
  return out;
}

/** Groups items into runs of inline content and blocks, dropping runs with nothing visible. */
function segments(items: readonly Item[]): Segment[] {
  const out: Segment[] = [];
  let run: ContentNode[] = [];
  const flush = (): void => {
    const nodes = normalizeRun(run);
    if (nodes !== undefined) out.push({ kind: 'run', nodes });
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'inline') {
      run.push(item.node);
    } else {
      flush();
      if (item.kind === 'block') out.push(item);
    }
  }
  flush();
  return out;
}

function pre(node: ElementNode): ElementNode | undefined {
  // Browsers drop a newline written right after <pre>; match them so the stored text shows the same.
  const first = node.children[0];
  const children =
    first?.type === 'text' && /^\r?\n/.test(first.text)
      ? [text(first.text.replace(/^\r?\n/, '')), ...node.children.slice(1)]
      : node.children;
  const code = flattenText(children).replace(/\r\n?/g, '\n');
  return /\S/.test(code) ? el('pre', [el('code', [text(code)])]) : undefined;
}

function list(node: ElementNode, context: Context): ElementNode | undefined {
  // Anything between items (a nested list written without its <li>, stray text) belongs to the item before it.
  const groups: ContentNode[][] = [];
  for (const child of node.children) {
    const last = groups[groups.length - 1];
    if (isElement(child, 'li')) groups.push([...child.children]);
    else if (last !== undefined) last.push(child);
    else if (hasVisibleText([child])) groups.push([child]);
  }
  const items = groups
    .map((group) => flow(group, context))
    .filter((c) => c.length > 0)
    .map((c) => el('li', c));
  return items.length > 0 ? el(node.tag, items) : undefined;
}

function quote(node: ElementNode, context: Context): ElementNode | undefined {
  const content = blocks(node.children, context);
  return content.length > 0 ? el('blockquote', content) : undefined;
}

function table(node: ElementNode, context: Context): ElementNode | undefined {
  const head: ElementNode[] = [];
  const body: ElementNode[] = [];
  let stray: ContentNode[] = [];
  const flushStray = (): void => {
    pushAll(body, strayRow(stray, context));
    stray = [];
  };
  for (const child of node.children) {
    if (isElement(child, 'thead', 'tbody', 'tr')) {
      flushStray();
      const target = child.tag === 'thead' ? head : body;
      pushAll(target, child.tag === 'tr' ? rows([child], context) : rows(child.children, context));
    } else {
      stray.push(child);
    }
  }
  flushStray();
  if (!hasVisibleText([...head, ...body])) return undefined;
  const sections: ElementNode[] = [];
  if (head.length > 0) sections.push(el('thead', head));
  if (body.length > 0) sections.push(el('tbody', body));
  return el('table', sections);
}

/** Rows of a table section; content outside any row gets a row of its own rather than being lost. */
function rows(nodes: readonly ContentNode[], context: Context): ElementNode[] {
  const out: ElementNode[] = [];
  let stray: ContentNode[] = [];
  for (const node of nodes) {
    if (isElement(node, 'tr')) {
      pushAll(out, strayRow(stray, context));
      stray = [];
      const row = cells(node.children, context);
      if (row !== undefined) out.push(row);
    } else {
      stray.push(node);
    }
  }
  pushAll(out, strayRow(stray, context));
  return out;
}

function strayRow(nodes: readonly ContentNode[], context: Context): ElementNode[] {
  return hasVisibleText(nodes) ? [el('tr', [el('td', flow(nodes, context))])] : [];
}

function cells(nodes: readonly ContentNode[], context: Context): ElementNode | undefined {
  const out: ElementNode[] = [];
  let stray: ContentNode[] = [];
  const flushStray = (): void => {
    if (hasVisibleText(stray)) out.push(el('td', flow(stray, context)));
    stray = [];
  };
  for (const node of nodes) {
    if (isElement(node, 'td', 'th')) {
      flushStray();
      // Empty cells stay: dropping them would shift the columns after them.
      out.push(el(node.tag, flow(node.children, context)));
    } else {
      stray.push(node);
    }
  }
  flushStray();
  return out.length > 0 ? el('tr', out) : undefined;
}
