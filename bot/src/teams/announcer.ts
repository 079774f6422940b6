import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { immediately, type QuietPacer } from '../background/quietPacer';
import type { Logger } from '../logging';

/** Posts a short message into a conversation without holding up the current turn. */
export interface Announcer {
  announce(reference: Partial<ConversationReference>, text: string): Promise<void>;
}

/**
 * Posts through the adapter as a proactive message after the invoke has answered
 * (Teams gives a message action five seconds in all), at the pacer's next quiet moment.
 */
export function adapterAnnouncer(adapter: CloudAdapter, botAppId: string, log: Logger, pacer: QuietPacer = immediately): Announcer {
  return {
    async announce(reference, text) {
      try {
        await pacer.quietMoment(Date.now());
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
