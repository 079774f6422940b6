import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/adaptive';
import type { CardLinkSettings } from '../cards/cardLinks';
import { readCardRefreshData } from '../cards/cardRefresh';
import { knowledgeCardView, removedCardView } from '../cards/knowledgeCardView';
import { sectionsOf } from '../cards/knowledgeContent';
import type { CardRepository } from '../domain/cards/cardPorts';
import { summarize } from '../domain/cards/knowledgeCard';
import { currentSharedCard } from '../domain/cards/sharedCard';
import { ForbiddenError } from '../domain/shared/errors';
import type { Logger } from '../logging';
import { tenantIdOf } from './activityContext';
import { problemMessage } from './problems';

/** What answering a shared card's refresh needs. */
export interface CardRefreshDeps {
  cards: CardRepository;
  cardLinks?: CardLinkSettings;
  log: Logger;
}

/** The body of an `adaptiveCard/action` answer (Universal Actions' response format). */
export type CardActionResponse =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | { statusCode: 400 | 403 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

const cardResponse = (card: AdaptiveCard): CardActionResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.card.adaptive',
  value: card,
});

const errorResponse = (statusCode: 400 | 403 | 500, code: string, message: string): CardActionResponse => ({
  statusCode,
  type: 'application/vnd.microsoft.error',
  value: { code, message },
});

/**
 * `adaptiveCard/action` with the refresh verb: a shared card as it is now. Teams sends it
 * each time someone opens a conversation holding the card, so it costs one read and
 * writes nothing. On an error Teams keeps showing the card as it was shared.
 */
export async function refreshSharedCard(context: TurnContext, data: unknown, deps: CardRefreshDeps): Promise<CardActionResponse> {
  const request = readCardRefreshData(data);
  if (!request) {
    deps.log.warn('cardRefresh.malformed');
    return errorResponse(400, 'BadRequest', 'This card’s refresh data is not one Commonplace made, so it cannot be brought up to date.');
  }
  try {
    const card = await currentSharedCard({ ...request, viewerTenantId: tenantIdOf(context.activity) }, deps);
    if (!card) return cardResponse(removedCardView());
    return cardResponse(
      knowledgeCardView(summarize(card), sectionsOf(card), { community: request.community, links: deps.cardLinks ?? {} }),
    );
  } catch (error) {
    if (error instanceof ForbiddenError) {
      deps.log.warn('cardRefresh.otherTenant');
      return errorResponse(403, 'Forbidden', 'This card belongs to another organization, so it cannot be brought up to date here.');
    }
    return errorResponse(500, 'InternalError', problemMessage(error, deps.log, 'cardRefresh'));
  }
}
