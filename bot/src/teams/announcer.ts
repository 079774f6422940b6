import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Logger } from '../logging';

/** Posts a short message into a conversation without holding up the current turn. */
export interface Announcer {
  announce(reference: Partial<ConversationReference>, text: string): Promise<void>;
}

/**
 * Posts through the adapter as a proactive message, so the post can happen after the
 * invoke has answered (Teams gives a message action five seconds in all).
 */
export function adapterAnnouncer(adapter: CloudAdapter, botAppId: string, log: Logger): Announcer {
  return {
    async announce(reference, text) {
      try {
        await adapter.continueConversationAsync(botAppId, reference, async (context) => {
          await context.sendActivity({ type: 'message', text, textFormat: 'plain' });
        });
      } catch (error) {
        // The bot may not be a member of the chat where the action was used: the dialog
        // has already confirmed the save, so this is only logged.
        log.warn('announce.failed', { conversationType: reference.conversation?.conversationType, error: String((error as Error)?.message ?? error) });
      }
    },
  };
}
