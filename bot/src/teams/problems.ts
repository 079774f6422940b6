import { DomainError, NotFoundError, StorageUnavailableError, UnsupportedConversationError, ValidationError } from '../domain/errors';
import type { Logger } from '../logging';
import { UnreadableActivityError } from './activityContext';
import { MalformedInvokeError } from './messageAction';

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
  if (error instanceof NotFoundError) return 'That card is no longer in this community.';
  if (error instanceof StorageUnavailableError) {
    log.error('storage.unavailable', { where }, error);
    return 'Commonplace cannot reach its storage right now. Nothing was saved; please try again in a minute.';
  }
  log.error('invoke.failed', { where, domain: error instanceof DomainError }, error);
  return 'Something went wrong on our side and nothing was saved. Please try again.';
}
