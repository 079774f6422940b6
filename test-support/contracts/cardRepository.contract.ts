import { CardAlreadyExistsError, type CardRepository } from '../../bot/src/domain/cards/cardPorts';
import type { KnowledgeCard } from '../../bot/src/domain/cards/knowledgeCard';
import type { ContributionRepository } from '../../bot/src/domain/contributors/contributorPorts';
import { ConflictError, NotFoundError, ValidationError } from '../../bot/src/domain/shared/errors';
import { ADA, GRACE, LINUS, card, message } from '../builders';

/** A card repository under test, with the contributions it records. */
export interface CardStore {
  cards: CardRepository;
  contributions: ContributionRepository;
  /** Resolves once what follows from the writes so far (listing, contributions) is written. */
  settled(): Promise<void>;
  close?(): Promise<void>;
}

let communities = 0;
/** A community no other test of the run uses, so tests sharing one store never see each other's cards. */
export function freshCommunity(label: string): string {
  communities += 1;
  return `tenant-${label}|channel|team-${communities}|19:${label}-${communities}@thread.tacv2`;
}

/** The n-th card of a community, created n minutes after 1 November 2026. */
export function nthCard(communityId: string, n: number, overrides: Partial<KnowledgeCard> = {}): KnowledgeCard {
  const createdAt = new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString();
  return card({
    communityId,
    title: `Card number ${n}`,
    createdAt,
    updatedAt: createdAt,
    source: { conversationId: 'c', messageId: `${communityId}-message-${n}` },
    ...overrides,
  });
}

/**
 * What every CardRepository does: the card as written is the card read, one create of
 * an id wins, a replace needs the version it read, and the newest-first listing reaches
 * every active card once. Search by plan is left to the search's own tests.
 */
export function describeCardRepositoryContract(name: string, open: () => Promise<CardStore>): void {
  describe(`CardRepository contract: ${name}`, () => {
    let store: CardStore;

    beforeAll(async () => {
      store = await open();
    });

    afterAll(async () => {
      await store?.close?.();
    });

    describe('create and get', () => {
      it('reads a card back whole, at the version create answered', async () => {
        const community = freshCommunity('roundtrip');
        const messages = [
          message({ messageId: 'rt-1', author: ADA, text: 'First', html: '<p>First</p>' }),
          message({ messageId: 'rt-2', author: LINUS, text: 'Second', html: '<p>Second</p>', sentAt: '2026-11-01T10:05:00.000Z' }),
        ];
        const written = card({
          communityId: community,
          messages,
          authors: [ADA, LINUS],
          owner: LINUS,
          reviewIntervalDays: 30,
          history: [{ at: '2026-11-01T12:00:00.000Z', by: GRACE, action: 'created' }],
          source: { conversationId: 'c', messageId: 'rt-1', threadRootId: 'rt-1', link: 'https://teams.microsoft.com/l/message/c/rt-1' },
        });
        const stored = await store.cards.create(written);
        expect(stored).toEqual({ ...written, version: stored.version });
        expect(stored.version).toEqual(expect.any(String));
        expect(await store.cards.get(community, written.id)).toEqual({ ...written, version: stored.version });
      });

      it('finds nothing for an unknown id, or for a card of another community', async () => {
        const community = freshCommunity('apart');
        const theirs = nthCard(freshCommunity('apart-other'), 1);
        await store.cards.create(theirs);
        expect(await store.cards.get(community, 'no-such-card')).toBeUndefined();
        expect(await store.cards.get(community, theirs.id)).toBeUndefined();
      });

      it('keeps a card of the same id in each community', async () => {
        const [one, two] = [freshCommunity('same-id'), freshCommunity('same-id')];
        const id = 'one-message-two-communities';
        await store.cards.create({ ...nthCard(one, 1), id, title: 'In one' });
        await store.cards.create({ ...nthCard(two, 1), id, title: 'In two' });
        expect((await store.cards.get(one, id))?.title).toBe('In one');
        expect((await store.cards.get(two, id))?.title).toBe('In two');
      });

      it('refuses a second card of the same id, leaving the first as it was', async () => {
        const community = freshCommunity('duplicate');
        const first = nthCard(community, 1, { title: 'Original wording' });
        const stored = await store.cards.create(first);
        const refusal = await store.cards.create({ ...first, title: 'Second wording', submissionId: 'another' }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(CardAlreadyExistsError);
        expect((refusal as CardAlreadyExistsError).cardId).toBe(first.id);
        expect(await store.cards.get(community, first.id)).toEqual({ ...first, version: stored.version });
      });

      it('lets exactly one of several concurrent creates of an id win, and keeps the winner', async () => {
        const community = freshCommunity('race');
        const base = nthCard(community, 1);
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => store.cards.create({ ...base, submissionId: `submission-${i}` })),
        );
        const won = results.filter(
          (r): r is PromiseFulfilledResult<Awaited<ReturnType<CardRepository['create']>>> => r.status === 'fulfilled',
        );
        expect(won).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof CardAlreadyExistsError)).toHaveLength(5);
        expect((await store.cards.get(community, base.id))?.submissionId).toBe(won[0].value.submissionId);
      });
    });

    describe('replace', () => {
      it('replaces a card at the version read, answering and then reading a new version', async () => {
        const community = freshCommunity('replace');
        const original = nthCard(community, 1);
        const stored = await store.cards.create(original);
        const changed = { ...original, title: 'Liveness checks explained', tags: ['health'], updatedBy: ADA };
        const replaced = await store.cards.replace(changed, [], stored);
        expect(replaced).toEqual({ ...changed, version: replaced.version });
        expect(replaced.version).not.toBe(stored.version);
        expect(await store.cards.get(community, original.id)).toEqual({ ...changed, version: replaced.version });
      });

      it('refuses a stale version as a conflict and changes nothing', async () => {
        const community = freshCommunity('stale');
        const original = nthCard(community, 1);
        const stored = await store.cards.create(original);
        const first = await store.cards.replace({ ...original, title: 'First change' }, [], stored);
        const refusal = await store.cards.replace({ ...original, title: 'Lost change' }, [], stored).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(ConflictError);
        expect((refusal as ConflictError).subject).toBe('card');
        expect(await store.cards.get(community, original.id)).toEqual({ ...original, title: 'First change', version: first.version });
      });

      it('lets one of several replaces from the same version win, the others conflict', async () => {
        const community = freshCommunity('replace-race');
        const original = nthCard(community, 1);
        const stored = await store.cards.create(original);
        const results = await Promise.allSettled(
          Array.from({ length: 4 }, (_, i) => store.cards.replace({ ...original, title: `Change ${i}` }, [], stored)),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        expect(won).toHaveLength(1);
        expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(3);
        const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<CardRepository['replace']>>>).value;
        expect(await store.cards.get(community, original.id)).toEqual(winner);
      });

      it('says a card that is not there is not found, as a card', async () => {
        const community = freshCommunity('missing');
        const never = nthCard(community, 1);
        const refusal = await store.cards.replace(never, [], { ...never, version: '1' }).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(NotFoundError);
        expect((refusal as NotFoundError).subject).toBe('card');
        expect(await store.cards.get(community, never.id)).toBeUndefined();
      });

      it('drops what the new card leaves out, so restoring an archived card clears its archiving', async () => {
        const community = freshCommunity('restore');
        const original = nthCard(community, 1);
        const stored = await store.cards.create(original);
        const archived = await store.cards.replace({ ...original, archivedAt: '2026-11-03T00:00:00.000Z', archivedBy: ADA }, [], stored);
        const restored = await store.cards.replace(original, [], archived);
        const read = await store.cards.get(community, original.id);
        expect(read).toEqual({ ...original, version: restored.version });
        expect(read).not.toHaveProperty('archivedAt');
      });
    });

    describe('newest-first listing, without a search', () => {
      it('lists active cards newest first and pages by skip and take', async () => {
        const community = freshCommunity('recent');
        for (const n of [3, 1, 5, 2, 4]) await store.cards.create(nthCard(community, n));
        await store.cards.create(nthCard(community, 6, { archivedAt: '2026-11-02T00:00:00.000Z', archivedBy: ADA }));
        await store.settled();
        const first = await store.cards.recent(community, 0, 3);
        expect(first.cards.map((c) => c.title)).toEqual(['Card number 5', 'Card number 4', 'Card number 3']);
        expect(first.hasMore).toBe(true);
        const second = await store.cards.recent(community, 3, 3);
        expect(second.cards.map((c) => c.title)).toEqual(['Card number 2', 'Card number 1']);
        expect(second.hasMore).toBe(false);
      });

      it('lists only archived cards when asked for them', async () => {
        const community = freshCommunity('archived');
        await store.cards.create(nthCard(community, 1));
        await store.cards.create(nthCard(community, 2, { archivedAt: '2026-11-02T00:00:00.000Z', archivedBy: ADA }));
        await store.settled();
        const page = await store.cards.recent(community, 0, 10, { status: 'archived', now: '2026-11-05T00:00:00.000Z' });
        expect(page.cards.map((c) => [c.title, c.archived])).toEqual([['Card number 2', true]]);
      });

      it('shows a replaced card as it now is', async () => {
        const community = freshCommunity('relisted');
        const original = nthCard(community, 1);
        const stored = await store.cards.create(original);
        await store.settled();
        await store.cards.replace({ ...original, title: 'Renamed' }, [], stored);
        await store.settled();
        expect((await store.cards.recent(community, 0, 10)).cards.map((c) => [c.id, c.title])).toEqual([[original.id, 'Renamed']]);
      });

      it('browses page after page, newest first, reaching every active card once', async () => {
        const community = freshCommunity('browse');
        for (let n = 1; n <= 7; n++) await store.cards.create(nthCard(community, n));
        await store.cards.create(nthCard(community, 8, { archivedAt: '2026-11-02T00:00:00.000Z', archivedBy: ADA }));
        await store.settled();
        const seen: string[] = [];
        let continuation: string | undefined;
        let pages = 0;
        do {
          const page = await store.cards.browse(community, 3, continuation);
          expect(page.cards.length).toBeLessThanOrEqual(3);
          seen.push(...page.cards.map((c) => c.title));
          continuation = page.continuation;
          pages += 1;
        } while (continuation && pages < 10);
        expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `Card number ${n}`));
      });

      it('refuses a continuation it did not hand out', async () => {
        const community = freshCommunity('garbled');
        for (const garbled of ['not a position', '0.%%%', '99']) {
          await expect(store.cards.browse(community, 3, garbled)).rejects.toBeInstanceOf(ValidationError);
        }
      });
    });
  });
}
