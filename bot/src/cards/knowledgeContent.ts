import type { CardBlock } from '../content';
import { cardDate, plain } from './adaptive';

/** One harvested message, rendered for a card. */
export interface ContentSection {
  author: string;
  sentAt: string;
  blocks: CardBlock[];
}

/**
 * Teams refuses cards much over 28 KB, so a long card shows its beginning and
 * says where the rest is.
 */
const CONTENT_BUDGET = 12_000;

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
      const text = block.type === 'text' ? block.markdown : block.code;
      const shown = text.length > left ? `${text.slice(0, left)}…` : text;
      left -= shown.length;
      elements.push(
        block.type === 'text'
          ? { type: 'TextBlock', text: shown, wrap: true }
          : { type: 'Container', style: 'emphasis', items: [{ type: 'TextBlock', text: shown, wrap: true, fontType: 'Monospace' }] },
      );
    }
  }
  if (left <= 0) {
    elements.push({ type: 'TextBlock', text: 'This card continues: open the conversation to read the rest.', wrap: true, isSubtle: true, size: 'Small' });
  }
  return elements;
}
