import type { HarvestedMessage } from '../cards/knowledgeCard';

/** A channel message kept for a bounded time so a harvest can include its thread. */
export interface ThreadMessage extends HarvestedMessage {
  communityId: string;
  threadRootId: string;
  /** ISO 8601; after this the message is no longer offered and is purged. */
  expiresAt: string;
}

/** Storage of recent channel thread messages. */
export interface ThreadRepository {
  /** Inserts or replaces one message (edits arrive as the same message again). */
  save(message: ThreadMessage): Promise<void>;
  remove(communityId: string, threadRootId: string, messageId: string): Promise<void>;
  /** The thread's unexpired messages, oldest first. */
  list(communityId: string, threadRootId: string, now: Date): Promise<ThreadMessage[]>;
  /** Deletes every message that expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}
