import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { immediately, type QuietPacer } from '../background/quietPacer';
import type { Logger } from '../logging';

/** Posts a short message into a conversation without holding up the current turn. */
export interface Announcer {
  announce(reference: Partial<ConversationReference>, text: string): Promise<void>;
}

/**
 * Posts through the adapter as proactive messages after the invoke has answered
 * (Teams gives a message action five seconds in all). Posts queue and go out one at a
 * time, each when the pacer gives background work its turn, so a burst of saves is not
 * slowed by a burst of posts.
 */
export function adapterAnnouncer(adapter: CloudAdapter, botAppId: string, log: Logger, pacer: QuietPacer = immediately): Announcer {
  const queue: { reference: Partial<ConversationReference>; text: string; since: number }[] = [];
  let draining: Promise<void> | undefined;

  const post = async ({ reference, text }: { reference: Partial<ConversationReference>; text: string }) => {
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        await context.sendActivity({ type: 'message', text, textFormat: 'plain' });
      });
    } catch (error) {
      // The bot may not be a member of the chat where the action was used: the dialog
      // has already confirmed the save, so this is only logged.
      log.warn('announce.failed', { conversationType: reference.conversation?.conversationType, error: String((error as Error)?.message ?? error) });
    }
  };

  const drain = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      await pacer.paced(item.since)(() => post(item));
    }
  };

  const kick = () => {
    draining ??= drain().finally(() => {
      draining = undefined;
      if (queue.length) kick();
    });
  };

  return {
    async announce(reference, text) {
      queue.push({ reference, text, since: Date.now() });
      kick();
    },
  };
}
