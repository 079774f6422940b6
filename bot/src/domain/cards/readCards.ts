import { NotFoundError } from '../shared/errors';
import type { StoredCard } from './knowledgeCard';
import type { CardRepository } from './cardPorts';

/** Most tags offered to pick from: enough for any filter list a person scans. */
export const TAGS_SHOWN = 200;

/** One card of a community, as stored. @throws NotFoundError when the community has no such card. */
export async function cardById(request: { communityId: string; cardId: string }, ports: { cards: CardRepository }): Promise<StoredCard> {
  const card = await ports.cards.get(request.communityId, request.cardId);
  if (!card) throw new NotFoundError('card');
  return card;
}

/** The tags a community already uses, most recently used first, at most `TAGS_SHOWN`. */
export function communityTags(request: { communityId: string }, ports: { cards: CardRepository }): Promise<string[]> {
  return ports.cards.tags(request.communityId, TAGS_SHOWN);
}
