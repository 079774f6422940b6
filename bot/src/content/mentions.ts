import { DomUtils, parseDocument } from 'htmlparser2';
import type { MentionInfo } from './types';
import { collapseWhitespace } from '../domain/shared/text';

/** What an `<at>` tag stands for. */
export interface ResolvedMention {
  /** Display name, without a leading '@'. */
  name: string;
  /** The mentioned person's id, when an entity matched; lets split mentions be merged. */
  personId?: string;
}

/** Resolves one `<at>` tag from its `id` attribute and its own text. */
export type MentionResolver = (tagId: string | undefined, tagText: string) => ResolvedMention;

/** Entity texts look like `<at>Ada</at>` and may carry entities such as `&amp;`; compare them as plain text. */
function entityText(value: string): string {
  return collapseWhitespace(DomUtils.textContent(parseDocument(value)));
}

/**
 * Builds the resolver for one message's mention entities. Teams refers to an
 * entity by the tag's `id` (Graph's messagePayload.mentions) or only by the
 * tag's text (bot activity entities), so both are tried, id first.
 */
export function createMentionResolver(mentions: readonly MentionInfo[] = []): MentionResolver {
  const entities = mentions.filter((m): m is MentionInfo => typeof m === 'object' && m !== null);
  const byText = (tagText: string): MentionInfo | undefined =>
    tagText === ''
      ? undefined
      : entities.find((m) => [m.mentionText, m.text].some((t) => typeof t === 'string' && entityText(t) === tagText));

  return (tagId, rawTagText) => {
    const tagText = collapseWhitespace(rawTagText);
    const entity =
      (tagId !== undefined ? entities.find((m) => m.id !== undefined && String(m.id) === tagId) : undefined) ?? byText(tagText);
    const candidates = [entity?.mentioned?.name, entity?.mentioned?.displayName, tagText];
    const name = candidates
      .map((c) => (typeof c === 'string' ? collapseWhitespace(c).replace(/^@+/, '').trim() : ''))
      .find((c) => c !== '');
    const personId = entity?.mentioned?.id;
    return { name: name ?? '', ...(typeof personId === 'string' && personId !== '' ? { personId } : {}) };
  };
}

/**
 * One '@Name' for a run of mentions of the same person. Teams splits a
 * mention of "Ada Lovelace" into one `<at>` per word, each with its own
 * entity for the same person, carrying either the full name or just that word.
 */
export function mentionText(parts: readonly ResolvedMention[]): string {
  const names: string[] = [];
  for (const { name } of parts) if (name !== '' && !names.includes(name)) names.push(name);
  if (names.length === 0) return '';
  const whole = names.find((n) => names.every((other) => n.toLowerCase().includes(other.toLowerCase())));
  return `@${whole ?? names.join(' ')}`;
}

/** Groups consecutive mentions of the same person, in order. */
function groupMentions(parts: readonly ResolvedMention[]): ResolvedMention[][] {
  const groups: ResolvedMention[][] = [];
  for (const part of parts) {
    const last = groups[groups.length - 1];
    if (last !== undefined && part.personId !== undefined && last[0]?.personId === part.personId) last.push(part);
    else groups.push([part]);
  }
  return groups;
}

// Bounded, '<'-free parts keep matching linear on hostile input such as thousands of unclosed `<at`.
const AT_TAG = /<at\b([^<>]{0,200})>([^<]{0,500})<\/at\s*>/gi;
const AT_RUN = new RegExp(`${AT_TAG.source}(?:[\\s\\u00A0]*${AT_TAG.source})*`, 'gi');

/**
 * Resolves `<at>` markup left in plain-text content: Teams keeps it in
 * activity.text even when the message is not HTML.
 */
export function resolvePlainTextMentions(content: string, resolve: MentionResolver): string {
  return content.replace(AT_RUN, (run: string) => {
    const parts = [...run.matchAll(AT_TAG)].map((m) => {
      const id = /\bid\s*=\s*["']?([^"'\s>]{1,50})/i.exec(m[1] ?? '')?.[1];
      return resolve(id, m[2] ?? '');
    });
    return groupMentions(parts)
      .map(mentionText)
      .filter((t) => t !== '')
      .join(' ');
  });
}
