import { toCardBlocks, type CardBlock } from '../content/index';
import type { KnowledgeCard } from '../domain/cards/knowledgeCard';
import { cardDate, plain } from './adaptive';

/** One harvested message, rendered for a card. */
export interface ContentSection {
  author: string;
  sentAt: string;
  blocks: CardBlock[];
}

/** A card's messages as sections: each with its author, its text as card markdown and its code apart. */
export function sectionsOf(card: Pick<KnowledgeCard, 'messages'>): ContentSection[] {
  return card.messages.map((m) => ({ author: m.author.name, sentAt: m.sentAt, blocks: toCardBlocks(m.html) }));
}

/**
 * Teams refuses cards much over 28 KB, so a long card shows its beginning and
 * says where the rest is.
 */
export const CONTENT_BUDGET = 12_000;

/**
 * What a card put into a conversation shows of its content: enough to be useful in
 * the chat, short enough to read there; the rest is a click away.
 */
export const SHARED_CONTENT_BUDGET = 2_500;

/**
 * A code line costs at least this much of the budget: each is an element of its own,
 * so many short lines must not make a card too large for Teams.
 */
const CODE_LINE_MIN_COST = 40;

/** The harvested messages as Adaptive Card elements: who wrote each, then its text and code. */
export function contentElements(sections: ContentSection[], budget = CONTENT_BUDGET): unknown[] {
  const elements: unknown[] = [];
  let left = budget;
  for (const section of sections) {
    if (left <= 0) break;
    elements.push({
      type: 'TextBlock',
      text: `**${plain(section.author)}**${section.sentAt ? `, ${cardDate(section.sentAt)}` : ''}`,
      wrap: true,
      spacing: 'Medium',
      size: 'Small',
    });
    for (const block of section.blocks) {
      if (left <= 0) break;
      if (block.type === 'text') {
        const shown = block.markdown.length > left ? `${cutMarkdown(block.markdown, left)}…` : block.markdown;
        left -= shown.length;
        elements.push({ type: 'TextBlock', text: shown, wrap: true });
      } else {
        const { element, cost } = codeElement(block.code, left);
        left -= cost;
        elements.push(element);
      }
    }
  }
  if (left <= 0) {
    elements.push({
      type: 'TextBlock',
      text: 'This card continues: open the conversation to read the rest.',
      wrap: true,
      isSubtle: true,
      size: 'Small',
    });
  }
  return elements;
}

/**
 * Code as code: a monospace block with one TextBlock per line, because a TextBlock
 * joins single line breaks. Each line is escaped so markdown leaves it alone, and its
 * indentation is kept with non-breaking spaces, which markdown does not strip.
 */
function codeElement(code: string, budget: number): { element: unknown; cost: number } {
  const items: unknown[] = [];
  let cost = 0;
  for (const line of code.replace(/\n+$/, '').split('\n')) {
    if (cost >= budget) {
      items.push({ type: 'TextBlock', text: '…', wrap: true, fontType: 'Monospace', spacing: 'None' });
      break;
    }
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    const text = `${'\u00a0'.repeat(indent.replace(/\t/g, '  ').length)}${plain(line.slice(indent.length))}` || '\u00a0';
    cost += Math.max(text.length, CODE_LINE_MIN_COST);
    items.push({ type: 'TextBlock', text, wrap: true, fontType: 'Monospace', spacing: 'None' });
  }
  return { element: { type: 'Container', style: 'emphasis', items }, cost };
}

/** Markdown cut to at most `length` characters without leaving a link or an escape half-written. */
function cutMarkdown(markdown: string, length: number): string {
  let cut = markdown.slice(0, length);
  const openLink = cut.lastIndexOf('[');
  if (openLink >= 0 && !/\]\([^)]*\)/.test(cut.slice(openLink))) cut = cut.slice(0, openLink);
  return cut.replace(/\\$/, '').trimEnd();
}
