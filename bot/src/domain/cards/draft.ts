import { CARD_LIMITS } from './limits';
import { collapseWhitespace } from '../shared/text';
import { excerpt, type CardFields, type CardKind, type HarvestedMessage } from './knowledgeCard';

const DRAFT_SUMMARY_LENGTH = 400;

/**
 * A first version of a card's fields, drawn from the message a person acted on,
 * so that saving is usually one click. The title is the first sentence; one too long
 * for a title is cut between words and the summary picks up where it stops, so no
 * word of the message's opening is lost between the two fields.
 */
export function draftFromMessage(message: HarvestedMessage): CardFields {
  const text = message.text.trim();
  const firstLine = text.split(/\n/).find((line) => line.trim()) ?? '';
  const firstSentence = firstLine.match(/^(.+?[.!?])(\s|$)/)?.[1] ?? firstLine;
  const afterSentence = text.slice(text.indexOf(firstSentence) + firstSentence.length).trim();
  const sentence = collapseWhitespace(firstSentence);
  let title = sentence;
  let rest = afterSentence;
  if (sentence.length > CARD_LIMITS.titleMaxLength) {
    const head = wordsWithin(sentence, CARD_LIMITS.titleMaxLength - 1);
    title = `${head}…`;
    rest = `…${sentence.slice(head.length).trimStart()}${afterSentence ? ` ${afterSentence}` : ''}`;
  }
  const summary = excerpt(rest, DRAFT_SUMMARY_LENGTH);
  return { title, summary, kind: guessKind(message), tags: [] };
}

/** The longest start of `text` that ends between words and fits `maxLength`; a single overlong word is cut. */
function wordsWithin(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > 0 ? cut.slice(0, lastSpace) : text.slice(0, maxLength)).trimEnd();
}

/** A kind that fits the message's shape; the person can always change it. */
export function guessKind(message: HarvestedMessage): CardKind {
  if (/<pre[\s>]|<code[\s>]/i.test(message.html)) return 'snippet';
  const withoutLinks = message.text.replace(/https?:\/\/\S+/g, '').trim();
  if (withoutLinks.length < 40 && /https?:\/\//.test(message.text)) return 'link';
  if (/\b(we decided|decision|agreed to)\b/i.test(message.text)) return 'decision';
  if (/\b(template)\b/i.test(message.text)) return 'template';
  if (/\b(lesson learned|post-?mortem|what went wrong)\b/i.test(message.text)) return 'lesson';
  return 'how-to';
}
