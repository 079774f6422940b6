import type { Contribution } from '../../bot/src/domain/contributors/contribution';
import { ADA, GRACE, LINUS, message } from '../builders';
import { freshCommunity, nthCard, type CardStore } from './cardRepository.contract';

/** A contribution as the contract compares it. */
function line(c: Contribution): string {
  return `${c.person.name} ${c.role} ${c.cardId.slice(0, 6)} ${c.at} "${c.title ?? ''}"`;
}

/**
 * What every ContributionRepository does, fed by its card repository: a new card credits
 * its harvester and each author, a change records the credits it makes, each once, and a
 * report from a month on reads that month and later ones.
 */
export function describeContributionRepositoryContract(name: string, open: () => Promise<CardStore>): void {
  describe(`ContributionRepository contract: ${name}`, () => {
    let store: CardStore;

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close?.();
    });

    it('credits the harvester and every author of a new card, at its creation, under its title', async () => {
      const community = freshCommunity('credits');
      const messages = [
        message({ messageId: 'credit-1', author: ADA }),
        message({ messageId: 'credit-2', author: LINUS, sentAt: '2026-11-01T10:05:00.000Z' }),
      ];
      const saved = nthCard(community, 1, { messages, authors: [ADA, LINUS], harvester: GRACE, title: 'Credited notes' });
      await store.cards.create(saved);
      await store.settled();
      const at = saved.createdAt;
      const id = saved.id.slice(0, 6);
      expect((await store.contributions.list(community)).map(line).sort()).toEqual(
        [
          `Ada Lovelace author ${id} ${at} "Credited notes"`,
          `Grace Hopper harvester ${id} ${at} "Credited notes"`,
          `Linus Torvalds author ${id} ${at} "Credited notes"`,
        ].sort(),
      );
    });

    it('records the credits a change makes, each once however often it is recorded', async () => {
      const community = freshCommunity('curation');
      const saved = nthCard(community, 1, { harvester: ADA, messages: [message({ author: ADA })], authors: [ADA] });
      let stored = await store.cards.create(saved);
      await store.settled();
      const curated: Contribution = { person: LINUS, role: 'curator', cardId: saved.id, at: '2026-11-02T09:00:00.000Z' };
      stored = await store.cards.replace({ ...saved, title: 'Curated title' }, [curated], stored);
      await store.cards.replace({ ...saved, title: 'Curated title' }, [curated], stored);
      await store.settled();
      const lines = (await store.contributions.list(community)).map(line);
      expect(lines.filter((l) => l.startsWith('Linus Torvalds curator'))).toEqual([
        `Linus Torvalds curator ${saved.id.slice(0, 6)} 2026-11-02T09:00:00.000Z "Curated title"`,
      ]);
      expect(lines).toHaveLength(3);
    });

    it('reads from a month on, and nothing of another community', async () => {
      const community = freshCommunity('months');
      await store.cards.create(nthCard(community, 1, { createdAt: '2026-09-30T23:59:59.000Z', harvester: ADA, authors: [ADA] }));
      await store.cards.create(nthCard(community, 2, { createdAt: '2026-10-01T00:00:00.000Z', harvester: GRACE, authors: [GRACE] }));
      await store.cards.create(nthCard(community, 3, { createdAt: '2026-11-15T08:00:00.000Z', harvester: LINUS, authors: [LINUS] }));
      await store.cards.create(nthCard(freshCommunity('months-other'), 4, { createdAt: '2026-11-15T08:00:00.000Z' }));
      await store.settled();
      const people = async (from?: string) =>
        [...new Set((await store.contributions.list(community, from)).map((c) => c.person.name))].sort();
      expect(await people()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds']);
      expect(await people('2026-10')).toEqual(['Grace Hopper', 'Linus Torvalds']);
      expect(await people('2026-11')).toEqual(['Linus Torvalds']);
      expect(await people('2026-12')).toEqual([]);
    });
  });
}
