import {
  ConflictError,
  DependencyUnavailableError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  StorageUnavailableError,
  UnsupportedConversationError,
  ValidationError,
  type ForbiddenSubject,
  type Subject,
} from '../domain/shared/errors';
import type { Logger } from '../logging';
import { UnreadableActivityError } from './activityContext';
import { MalformedInvokeError } from './messageAction';

/** What a person is told when the thing a card, button or dialog refers to is gone. */
const NOT_FOUND: Record<Subject, string> = {
  card: 'That card is no longer in this community.',
  community: 'Commonplace does not know this community yet, or you are not a member of its team.',
  ritual: 'That ritual is no longer in this community. A manager may have deleted it.',
  occurrence: 'That session is no longer on the ritual’s schedule. It may have been moved or cancelled.',
  item: 'That entry is no longer in this session. Its author or a manager may have removed it.',
  manager: 'That person is not a member of this community’s team.',
  page: 'What this refers to is no longer in this community.',
  question:
    'This conversation is not tracked as a question. Its asker or a manager can track it with "Track as a question" on its first post.',
};

/** What a person is told when they may not do something, and who may. */
const FORBIDDEN: Record<ForbiddenSubject, string> = {
  card: 'You are not allowed to change this card. Ask its owner or one of the community’s managers.',
  community: 'Only the community’s managers can rename it or change who manages it.',
  ritual: 'Only the community’s managers can create, change or delete its rituals.',
  item: 'Only the person who added this entry, or one of the community’s managers, can remove it.',
  question: 'Only the person who asked, or one of the community’s managers, can decide about this question and its answer.',
};

/** How a subject is named in a sentence about someone else's change. */
const NAMES: Record<Subject, string> = {
  card: 'card',
  community: 'community',
  ritual: 'ritual',
  occurrence: 'session',
  item: 'entry',
  manager: 'owner',
  page: 'page',
  question: 'question',
};

/**
 * What a person is told when a Teams request fails. The one place errors are mapped
 * for Teams; internal messages never reach people.
 */
export function problemMessage(error: unknown, log: Logger, where: string): string {
  if (error instanceof ValidationError) return error.issues.map((i) => i.message).join(' ');
  if (error instanceof UnsupportedConversationError) {
    return 'Commonplace works in team channels, group chats and personal chats; it cannot be used in this kind of conversation.';
  }
  if (error instanceof MalformedInvokeError) {
    log.warn('invoke.malformed', { where, detail: error.detail.slice(0, 300) });
    return 'Teams sent a request Commonplace could not read. Close this and try again from the message\'s "…" menu.';
  }
  if (error instanceof UnreadableActivityError) {
    log.warn('activity.unreadable', { where, field: error.field });
    return 'Teams sent this request with ids Commonplace cannot read, so nothing was saved. Close this and try again.';
  }
  if (error instanceof NotFoundError) return NOT_FOUND[error.subject];
  if (error instanceof ForbiddenError) return FORBIDDEN[error.subject];
  if (error instanceof ConflictError) {
    return `Someone else changed this ${NAMES[error.subject]} at the same time, so nothing was saved. Close this and try again.`;
  }
  if (error instanceof StorageUnavailableError) {
    log.error('storage.unavailable', { where }, error);
    return 'Commonplace cannot reach its storage right now. Nothing was saved; please try again in a minute.';
  }
  if (error instanceof DependencyUnavailableError) {
    log.error('dependency.unavailable', { where }, error);
    return 'Commonplace cannot reach Microsoft 365 right now. Nothing was saved; please try again in a minute.';
  }
  log.error('invoke.failed', { where, domain: error instanceof DomainError }, error);
  return 'Something went wrong on our side and nothing was saved. Please try again.';
}
