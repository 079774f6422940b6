import { card } from '../../../../test-support/builders';
import { MemoryCardRepository } from '../../../../test-support/memory/memoryCardRepository';
import { NotFoundError } from '../shared/errors';
import { cardById, communityTags, TAGS_SHOWN } from './readCards';

const COMMUNITY = 't|channel|team|chan';

describe('reading cards', () => {
  it('gives the card a community holds', async () => {
    const cards = new MemoryCardRepository();
    const stored = await cards.create(card({ communityId: COMMUNITY }));
    await expect(cardById({ communityId: COMMUNITY, cardId: stored.id }, { cards })).resolves.toEqual(stored);
  });

  it('says a card is missing, as a card, when the community has no such card', async () => {
    const cards = new MemoryCardRepository();
    const stored = await cards.create(card({ communityId: COMMUNITY }));
    const missing = await cardById({ communityId: 't|channel|team|other', cardId: stored.id }, { cards }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).subject).toBe('card');
  });

  it('offers the tags most recently used first, at most the tags shown', async () => {
    const cards = new MemoryCardRepository();
    // 26 cards of 8 tags each: more tags than are shown, the newest card's first.
    for (let n = 0; n < 26; n++) {
      const at = new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString();
      const tags = Array.from({ length: 8 }, (_, t) => `t${String(n).padStart(2, '0')}-${t}`);
      await cards.create(
        card({ communityId: COMMUNITY, tags, createdAt: at, updatedAt: at, source: { conversationId: 'c', messageId: `m${n}` } }),
      );
    }
    const tags = await communityTags({ communityId: COMMUNITY }, { cards });
    expect(tags).toHaveLength(TAGS_SHOWN);
    expect(tags.slice(0, 2)).toEqual(['t25-0', 't25-1']);
    expect(tags).not.toContain('t00-0');
  });
});
