import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/adaptive';
import type { Logger } from '../logging';

/** Posts a short message into a conversation without holding up the current turn. */
export interface Announcer {
  /** Posts `text`, followed by `card` when there is one. */
  announce(reference: Partial<ConversationReference>, text: string, card?: AdaptiveCard): Promise<void>;
}

interface Announcement {
  reference: Partial<ConversationReference>;
  text: string;
  card?: AdaptiveCard;
}

/** Posts in flight at once: enough that a slow conversation holds up no other, few enough for Teams' per-app limits. */
const POSTS_IN_FLIGHT = 4;

/**
 * Posts through the adapter as proactive messages after the invoke has answered
 * (Teams gives a message action five seconds in all). A post that fails is logged and
 * the others go on.
 */
export function adapterAnnouncer(adapter: CloudAdapter, botAppId: string, log: Logger): Announcer {
  const queue: Announcement[] = [];
  let inFlight = 0;

  const post = async ({ reference, text, card }: Announcement) => {
    try {
      await adapter.continueConversationAsync(botAppId, reference, async (context) => {
        await context.sendActivity({
          type: 'message',
          text,
          textFormat: 'plain',
          ...(card ? { attachments: [cardAttachment(card)] } : {}),
        });
      });
    } catch (error) {
      // The bot may not be a member of the chat where the action was used: the dialog
      // has already confirmed the save, so this is only logged.
      log.warn('announce.failed', {
        conversationType: reference.conversation?.conversationType,
        error: String((error as Error)?.message ?? error),
      });
    }
  };

  const next = () => {
    while (inFlight < POSTS_IN_FLIGHT && queue.length) {
      const item = queue.shift()!;
      inFlight += 1;
      void post(item).finally(() => {
        inFlight -= 1;
        next();
      });
    }
  };

  return {
    async announce(reference, text, card) {
      queue.push({ reference, text, card });
      next();
    },
  };
}
