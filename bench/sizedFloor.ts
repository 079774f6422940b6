import type { TableEntity } from '@azure/data-tables';
import type { TaskModuleTaskInfo } from 'botbuilder';
import { savedDialog } from '../bot/src/cards/outcomeCards';
import { toSafeContent } from '../bot/src/content/index';
import { CARD_LIMITS } from '../bot/src/domain/cards/limits';
import { summarize, type KnowledgeCard } from '../bot/src/domain/cards/knowledgeCard';
import type { Person } from '../bot/src/domain/shared/person';
import { cardEntity } from '../bot/src/storage/cardEntities';
import { dialog } from '../bot/src/teams/harvestHandlers';

/** The message-extension command the benchmark registers for the sized floor. */
export const SIZED_FLOOR_COMMAND = 'benchSizedFloor';

/**
 * What the sized floor writes and answers, built once before it is measured: a card row
 * and a "Saved" dialog as large, and with the same columns, as a benchmark save's, made
 * by the code a save uses. Its handler then only stores the row under a key of its own
 * and returns the dialog, so next to the floor it costs what a save's size costs (its
 * invoke in, its row to storage, its dialog out) and nothing of what a save computes.
 */
export function sizedFloorReplies(sample: {
  title: string;
  summary: string;
  tag: string;
  html: string;
  communityId: string;
  conversationId: string;
  /** The benchmark's person, who writes and saves every message. */
  person: Person;
}): {
  row: TableEntity<Record<string, unknown>>;
  answer: TaskModuleTaskInfo;
} {
  const at = new Date().toISOString();
  const { person } = sample;
  const content = toSafeContent({ content: sample.html, contentType: 'html' }, CARD_LIMITS.messageMaxLength);
  const card: KnowledgeCard = {
    id: '0'.repeat(32),
    communityId: sample.communityId,
    title: sample.title,
    summary: sample.summary,
    kind: 'how-to',
    tags: [sample.tag],
    messages: [{ messageId: 'bench-sized', author: person, sentAt: at, html: content.html, text: content.text }],
    authors: [person],
    harvester: person,
    source: {
      conversationId: sample.conversationId,
      messageId: 'bench-sized',
      threadRootId: 'bench-sized',
      link: `https://teams.microsoft.com/l/message/${encodeURIComponent(sample.conversationId)}/bench-sized`,
    },
    createdAt: at,
    updatedAt: at,
    updatedBy: person,
    submissionId: '00000000-0000-4000-8000-000000000000',
  };
  // Marked indexed, so nothing ever takes these rows for cards waiting for the indexer.
  const row = { ...cardEntity(card, { state: 'new' }, 1), indexState: 'indexed' };
  return { row, answer: dialog(savedDialog(summarize(card), 'Saved')) };
}
