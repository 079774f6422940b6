import { card } from '../../../../test-support/builders';
import { NotFoundError } from '../shared/errors';
import type { StoredCard } from './knowledgeCard';
import type { CardRepository } from './cardPorts';
import { cardById, communityTags, TAGS_SHOWN } from './readCards';

const COMMUNITY = 't|channel|team|chan';

function cardsHolding(stored: StoredCard[], tags: string[] = []): { repo: CardRepository; tagLimits: number[] } {
  const tagLimits: number[] = [];
  const repo: Partial<CardRepository> = {
    get: async (communityId, cardId) => stored.find((c) => c.communityId === communityId && c.id === cardId),
    tags: async (_communityId, max) => {
      tagLimits.push(max);
      return tags.slice(0, max);
    },
  };
  return { repo: repo as CardRepository, tagLimits };
}

describe('reading cards', () => {
  const stored: StoredCard = { ...card({ communityId: COMMUNITY }), version: '1' };

  it('gives the card a community holds', async () => {
    const { repo } = cardsHolding([stored]);
    await expect(cardById({ communityId: COMMUNITY, cardId: stored.id }, { cards: repo })).resolves.toBe(stored);
  });

  it('says a card is missing, as a card, when the community has no such card', async () => {
    const { repo } = cardsHolding([stored]);
    const missing = await cardById({ communityId: 't|channel|team|other', cardId: stored.id }, { cards: repo }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).subject).toBe('card');
  });

  it('asks for at most the tags shown', async () => {
    const { repo, tagLimits } = cardsHolding([], ['release', 'flags']);
    await expect(communityTags({ communityId: COMMUNITY }, { cards: repo })).resolves.toEqual(['release', 'flags']);
    expect(tagLimits).toEqual([TAGS_SHOWN]);
  });
});
