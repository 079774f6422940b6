import type { MessagingExtensionResult, TurnContext } from 'botbuilder';
import { cardAttachment } from '../cards/adaptive';
import { knowledgeCardView, knowledgePreview } from '../cards/knowledgeCardView';
import { sectionsOf } from '../cards/knowledgeContent';
import type { Clock } from '../domain/shared/clock';
import { searchCards, type SearchPorts } from '../domain/search/searchCards';
import type { CardLinkSettings } from '../cards/cardLinks';
import { communityId as idOf } from '../domain/communities/community';
import { communityOf } from './activityContext';

/** The search command's parameters as Teams sends them. */
export interface SearchParameters {
  query?: unknown;
  initialRun?: unknown;
}

/** `composeExtension/query`: the community's cards best matching what the person typed, a page at a time. */
export async function searchKnowledge(
  context: TurnContext,
  query: { count?: number; skip?: number; parameters?: SearchParameters },
  deps: SearchPorts & { clock: Clock; cardLinks?: CardLinkSettings },
): Promise<MessagingExtensionResult> {
  const community = communityOf(context.activity);
  const communityId = idOf(community);
  const text = typeof query.parameters?.query === 'string' ? query.parameters.query : '';
  const page = await searchCards({ communityId, text, skip: query.skip, count: query.count, now: deps.clock.now() }, deps);
  if (!page.hits.length && !text.trim() && !query.skip) {
    return { type: 'message', text: 'No cards yet. Use "Save to community" on a helpful message to start this community\'s knowledge.' };
  }
  // The card put into the conversation shows the messages themselves, so each result's
  // card is read whole; the page is small (Teams asks for 25 at most).
  const stored = await Promise.all(page.hits.map(({ card }) => deps.cards.get(communityId, card.id)));
  return {
    type: 'result',
    attachmentLayout: 'list',
    attachments: page.hits.map(({ card }, i) => {
      const whole = stored[i];
      const origin = { community, links: deps.cardLinks ?? {} };
      return { ...cardAttachment(knowledgeCardView(card, whole && sectionsOf(whole), origin)), preview: knowledgePreview(card) };
    }),
  };
}
