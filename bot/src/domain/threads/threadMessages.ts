import type { HarvestedMessage } from '../cards/knowledgeCard';
import type { Clock } from '../shared/clock';
import type { ThreadRepository } from './threadPorts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A channel message seen by the bot, to keep for the thread-harvest window. */
export interface KeepThreadMessageCommand {
  communityId: string;
  threadRootId: string;
  message: HarvestedMessage;
  retentionDays: number;
}

/**
 * Keeps a channel message until the retention window closes. The window counts from
 * when the message was written, so an edit does not extend it.
 */
export async function keepThreadMessage(
  command: KeepThreadMessageCommand,
  ports: { threads: ThreadRepository; clock: Clock },
): Promise<void> {
  const sent = Date.parse(command.message.sentAt);
  const start = Number.isFinite(sent) ? sent : ports.clock.now().getTime();
  const expiresAt = new Date(start + command.retentionDays * DAY_MS);
  if (expiresAt <= ports.clock.now()) return;
  await ports.threads.save({
    ...command.message,
    communityId: command.communityId,
    threadRootId: command.threadRootId,
    expiresAt: expiresAt.toISOString(),
  });
}

/** Forgets a message that was deleted in Teams, so it can no longer be harvested. */
export async function forgetThreadMessage(
  command: { communityId: string; threadRootId: string; messageId: string },
  ports: { threads: ThreadRepository },
): Promise<void> {
  await ports.threads.remove(command.communityId, command.threadRootId, command.messageId);
}

/** Deletes every kept message past its retention window; returns how many. */
export async function purgeExpiredThreadMessages(ports: { threads: ThreadRepository; clock: Clock }): Promise<number> {
  return ports.threads.purgeExpired(ports.clock.now());
}
