import type { RitualItem } from '../../bot/src/domain/rituals/ritual';
import type { RitualItemRepository } from '../../bot/src/domain/rituals/ritualPorts';
import { ConflictError, NotFoundError } from '../../bot/src/domain/shared/errors';
import { freshCommunity } from './cardRepository.contract';

const OCCURRENCE = '2026-11-10T16:00:00.000Z';

function anItem(communityId: string, id: string, overrides: Partial<RitualItem> = {}): RitualItem {
  return {
    id,
    communityId,
    ritualId: 'ama',
    occurrenceId: OCCURRENCE,
    kind: 'question',
    text: `Question ${id}?`,
    author: { id: 'aad-grace', name: 'Grace Hopper' },
    createdAt: '2026-11-02T09:00:00.000Z',
    voterIds: [],
    ...overrides,
  };
}

/**
 * What every RitualItemRepository does: an occurrence's items oldest first, each created
 * once, changed only at the version read, and removed quietly.
 */
export function describeRitualItemRepositoryContract(name: string, open: () => Promise<RitualItemRepository>): void {
  describe(`RitualItemRepository contract: ${name}`, () => {
    let repo: RitualItemRepository;

    beforeAll(async () => {
      repo = await open();
    });

    it('reads an item back whole, at the version create answered', async () => {
      const community = freshCommunity('items');
      const item = anItem(community, 'q|1/odd#id?', { voterIds: ['a', 'b'], kind: 'problem' });
      const created = await repo.create(item);
      expect(created).toEqual({ ...item, version: created.version });
      expect(created.version).toEqual(expect.any(String));
      expect(await repo.get(community, 'ama', OCCURRENCE, item.id)).toEqual(created);
      expect(await repo.get(community, 'ama', OCCURRENCE, 'none')).toBeUndefined();
    });

    it('lists one occurrence’s items oldest first, then by id', async () => {
      const community = freshCommunity('item-order');
      await repo.create(anItem(community, 'late', { createdAt: '2026-11-02T10:00:00.000Z' }));
      await repo.create(anItem(community, 'b-tie', { createdAt: '2026-11-02T09:00:00.000Z' }));
      await repo.create(anItem(community, 'a-tie', { createdAt: '2026-11-02T09:00:00.000Z' }));
      await repo.create(anItem(community, 'next-session', { occurrenceId: '2026-12-08T16:00:00.000Z' }));
      await repo.create(anItem(community, 'other-ritual', { ritualId: 'huddle' }));
      expect((await repo.list(community, 'ama', OCCURRENCE)).map((i) => i.id)).toEqual(['a-tie', 'b-tie', 'late']);
    });

    it('refuses a second item of the same id', async () => {
      const community = freshCommunity('item-twice');
      await repo.create(anItem(community, 'once'));
      const refusal = await repo.create(anItem(community, 'once', { text: 'Again' })).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as ConflictError).subject).toBe('item');
      expect((await repo.get(community, 'ama', OCCURRENCE, 'once'))?.text).toBe('Question once?');
    });

    it('replaces an item at the version read; of two votes from one version, one wins', async () => {
      const community = freshCommunity('votes');
      const created = await repo.create(anItem(community, 'voted'));
      const results = await Promise.allSettled([
        repo.replace({ ...created, voterIds: ['ada'] }),
        repo.replace({ ...created, voterIds: ['linus'] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError)).toHaveLength(1);
      const won = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<RitualItem>).value;
      expect(won.version).not.toBe(created.version);
      expect(await repo.get(community, 'ama', OCCURRENCE, 'voted')).toEqual(won);
    });

    it('says a replaced item that was removed meanwhile is not found', async () => {
      const community = freshCommunity('item-gone');
      const created = await repo.create(anItem(community, 'gone'));
      await repo.remove(created);
      const refusal = await repo.replace({ ...created, voterIds: ['ada'] }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(NotFoundError);
      expect((refusal as NotFoundError).subject).toBe('item');
    });

    it('removes an item whatever its version, and one that is gone quietly', async () => {
      const community = freshCommunity('item-removed');
      const created = await repo.create(anItem(community, 'removed'));
      await repo.replace({ ...created, voterIds: ['ada'] });
      await repo.remove(created);
      expect(await repo.list(community, 'ama', OCCURRENCE)).toEqual([]);
      await expect(repo.remove(created)).resolves.toBeUndefined();
    });
  });
}
