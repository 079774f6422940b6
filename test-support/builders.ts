import type { Ritual } from '../bot/src/domain/rituals/ritual';
import type { HarvestedMessage, KnowledgeCard } from '../bot/src/domain/cards/knowledgeCard';
import { authorsOf, cardIdForMessage } from '../bot/src/domain/cards/knowledgeCard';
import type { Person } from '../bot/src/domain/shared/person';

/** Test people. */
export const ADA: Person = { id: 'aad-ada', name: 'Ada Lovelace' };
export const GRACE: Person = { id: 'aad-grace', name: 'Grace Hopper' };
export const LINUS: Person = { id: 'aad-linus', name: 'Linus Torvalds' };

/** A harvested message with sensible defaults. */
export function message(overrides: Partial<HarvestedMessage> = {}): HarvestedMessage {
  const text = overrides.text ?? 'Restart the build agent, then clear the npm cache.';
  return {
    messageId: '1700000000000',
    author: ADA,
    sentAt: '2026-11-01T10:00:00.000Z',
    html: `<p>${text}</p>`,
    text,
    ...overrides,
  };
}

/** A card with sensible defaults, for repository tests. */
export function card(overrides: Partial<KnowledgeCard> & { communityId: string }): KnowledgeCard {
  const messages = overrides.messages ?? [message({ messageId: overrides.source?.messageId ?? '1700000000000' })];
  const sourceMessageId = overrides.source?.messageId ?? messages[0].messageId;
  const createdAt = overrides.createdAt ?? '2026-11-01T12:00:00.000Z';
  return {
    id: cardIdForMessage(sourceMessageId),
    title: 'Fix flaky deploys',
    summary: 'Clear the npm cache before retrying.',
    kind: 'how-to',
    tags: ['ci'],
    messages,
    authors: authorsOf(messages),
    harvester: GRACE,
    source: { conversationId: 'chat-1', messageId: sourceMessageId, link: 'https://teams.microsoft.com/l/message/x/y' },
    createdAt,
    updatedAt: createdAt,
    updatedBy: GRACE,
    submissionId: '00000000-0000-4000-8000-000000000000',
    ...overrides,
  };
}

/** Plain text of simple test HTML. */
export function stripTags(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A controllable clock. */
export function fixedClock(iso: string): { now: () => Date; set: (iso: string) => void } {
  let current = new Date(iso);
  return { now: () => new Date(current), set: (next: string) => (current = new Date(next)) };
}

/** Real time moved forward by however much a test says, so timers keep running while the date jumps. */
export function shiftedClock(): { now: () => Date; advanceTo: (iso: string) => void } {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advanceTo: (iso: string) => {
      offset = Math.max(offset, Date.parse(iso) - Date.now());
    },
  };
}

/** An AMA on the 2nd Tuesday at 17:00 Paris time, first on 10 November 2026, with `overrides`. */
export function aRitual(overrides: Partial<Ritual> = {}): Ritual {
  return {
    id: 'r1',
    communityId: 't|channel|team|chan',
    community: { scope: 'channel', tenantId: 't', teamId: 'team', conversationId: 'chan' },
    kind: 'ama',
    title: 'AMA',
    description: '',
    hosts: [{ id: 'a', name: 'Ada' }],
    schedule: { firstStart: '2026-11-10T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
    reminderOffsets: [1440, 60],
    paused: false,
    changes: [],
    createdBy: { id: 'a', name: 'Ada' },
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedBy: { id: 'a', name: 'Ada' },
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}
