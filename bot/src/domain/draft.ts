import { CARD_LIMITS } from './limits';
import { excerpt, type CardFields, type CardKind, type HarvestedMessage } from './knowledgeCard';

const DRAFT_TITLE_LENGTH = 80;
const DRAFT_SUMMARY_LENGTH = 400;

/**
 * A first version of a card's fields, drawn from the message a person acted on,
 * so that saving is usually one click.
 */
export function draftFromMessage(message: HarvestedMessage): CardFields {
  const text = message.text.trim();
  const firstLine = text.split(/\n/).find((line) => line.trim()) ?? '';
  const firstSentence = firstLine.match(/^(.+?[.!?])(\s|$)/)?.[1] ?? firstLine;
  const title = excerpt(firstSentence, Math.min(DRAFT_TITLE_LENGTH, CARD_LIMITS.titleMaxLength));
  const rest = text.slice(text.indexOf(firstSentence) + firstSentence.length).trim();
  const summary = excerpt(rest || text, DRAFT_SUMMARY_LENGTH);
  return { title, summary: summary === title ? '' : summary, kind: guessKind(message), tags: [] };
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
