import { communityId, type CommunityRef } from '../communities/community';
import { ForbiddenError } from '../shared/errors';
import type { CardRepository } from './cardPorts';
import type { StoredCard } from './knowledgeCard';

/**
 * A card put into a conversation, as it is now, for someone viewing it there: one read of
 * the community the card's data names, and only within the viewer's own organization,
 * so data copied or forged from another tenant reads nothing. Undefined once the card is
 * no longer in the community.
 * @throws ForbiddenError when the community belongs to another tenant than the viewer's.
 */
export async function currentSharedCard(
  request: { community: CommunityRef; cardId: string; viewerTenantId: string | undefined },
  ports: { cards: CardRepository },
): Promise<StoredCard | undefined> {
  if (!request.viewerTenantId || request.viewerTenantId !== request.community.tenantId) {
    throw new ForbiddenError('card', "see another organization's card");
  }
  return ports.cards.get(communityId(request.community), request.cardId);
}
