import type { ThreadMessage, ThreadRepository } from '../../bot/src/domain/threads/threadPorts';
import { copy } from './versions';

/** Recent channel thread messages in memory. */
export class MemoryThreadRepository implements ThreadRepository {
  private readonly messages = new Map<string, ThreadMessage>();

  async save(message: ThreadMessage): Promise<void> {
    this.messages.set(keyOf(message.communityId, message.threadRootId, message.messageId), copy(message));
  }

  async remove(communityId: string, threadRootId: string, messageId: string): Promise<void> {
    this.messages.delete(keyOf(communityId, threadRootId, messageId));
  }

  async list(communityId: string, threadRootId: string, now: Date): Promise<ThreadMessage[]> {
    const nowIso = now.toISOString();
    return [...this.messages.values()]
      .filter((m) => m.communityId === communityId && m.threadRootId === threadRootId && m.expiresAt > nowIso)
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt))
      .map(copy);
  }

  async purgeExpired(now: Date): Promise<number> {
    const nowIso = now.toISOString();
    let purged = 0;
    for (const [key, message] of this.messages) {
      if (message.expiresAt > nowIso) continue;
      this.messages.delete(key);
      purged += 1;
    }
    return purged;
  }
}

function keyOf(communityId: string, threadRootId: string, messageId: string): string {
  return [communityId, threadRootId, messageId].join('\n');
}
