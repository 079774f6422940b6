import type { ThreadMessage, ThreadRepository } from '../../bot/src/domain/threads/threadPorts';
import { ADA, GRACE, message } from '../builders';
import { freshCommunity } from './cardRepository.contract';

/**
 * What every ThreadRepository does: a thread's unexpired messages oldest first, an edit
 * replacing its message, and a purge deleting (and counting) exactly what expired.
 */
export function describeThreadRepositoryContract(name: string, open: () => Promise<ThreadRepository>): void {
  describe(`ThreadRepository contract: ${name}`, () => {
    let repo: ThreadRepository;

    beforeAll(async () => {
      repo = await open();
    });

    const kept = (community: string, root: string, id: string, sentAt: string, expiresAt: string, author = ADA): ThreadMessage => ({
      ...message({ messageId: id, sentAt, author, text: `message ${id}`, html: `<p>message ${id}</p>` }),
      communityId: community,
      threadRootId: root,
      expiresAt,
    });
    const mid = new Date('2026-11-15T00:00:00.000Z');

    it('lists a thread oldest first, whole, without expired messages or other threads', async () => {
      const community = freshCommunity('thread');
      const m1 = kept(community, 'root', 'm1', '2026-11-01T10:01:00.000Z', '2026-12-01T10:01:00.000Z');
      const m2 = {
        ...kept(community, 'root', 'm2', '2026-11-01T10:02:00.000Z', '2026-12-01T10:02:00.000Z', GRACE),
        shortenedFrom: 120_000,
      };
      await repo.save(m2);
      await repo.save(m1);
      await repo.save(kept(community, 'root', 'old', '2026-09-01T10:00:00.000Z', '2026-10-01T10:00:00.000Z'));
      await repo.save(kept(community, 'other-root', 'o1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'));
      await repo.save(kept(freshCommunity('thread-other'), 'root', 'x1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'));
      expect(await repo.list(community, 'root', mid)).toEqual([m1, m2]);
    });

    it('stops listing a message at the moment it expires', async () => {
      const community = freshCommunity('expiry');
      await repo.save(kept(community, 'root', 'm1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'));
      expect(await repo.list(community, 'root', new Date('2026-12-01T09:59:59.999Z'))).toHaveLength(1);
      expect(await repo.list(community, 'root', new Date('2026-12-01T10:00:00.000Z'))).toEqual([]);
    });

    it('replaces an edited message, and forgets a deleted one (or one it never had) quietly', async () => {
      const community = freshCommunity('edits');
      await repo.save(kept(community, 'root', 'e1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'));
      await repo.save({
        ...kept(community, 'root', 'e1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'),
        html: '<p>edited</p>',
        text: 'edited',
      });
      await repo.save(kept(community, 'root', 'e2', '2026-11-01T10:01:00.000Z', '2026-12-01T10:00:00.000Z'));
      await repo.remove(community, 'root', 'e2');
      await repo.remove(community, 'root', 'never-existed');
      expect((await repo.list(community, 'root', mid)).map((m) => [m.messageId, m.text])).toEqual([['e1', 'edited']]);
    });

    it('purges exactly what expired by then, counting each message once', async () => {
      const community = freshCommunity('purge');
      // Purging reaches every community: this test counts from a time no other test's messages expire at.
      await repo.save(kept(community, 'root', 'p1', '2026-01-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'));
      await repo.save(kept(community, 'root', 'p2', '2026-01-01T10:01:00.000Z', '2026-02-01T10:01:00.000Z'));
      await repo.save(kept(community, 'root', 'p3', '2026-01-02T10:00:00.000Z', '2026-02-02T10:00:00.000Z'));
      await repo.save(kept(community, 'root', 'p1', '2026-01-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'));
      const before = new Date('2026-01-15T00:00:00.000Z');
      expect(await repo.purgeExpired(new Date('2026-02-01T10:00:30.000Z'))).toBe(1);
      expect((await repo.list(community, 'root', before)).map((m) => m.messageId)).toEqual(['p2', 'p3']);
      expect(await repo.purgeExpired(new Date('2026-02-01T10:00:30.000Z'))).toBe(0);
      expect(await repo.purgeExpired(new Date('2026-02-02T10:00:00.000Z'))).toBe(2);
      expect(await repo.list(community, 'root', before)).toEqual([]);
    });

    it('does not count a message that was deleted before it expired', async () => {
      const community = freshCommunity('purge-deleted');
      await repo.save(kept(community, 'root', 'd1', '2026-03-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z'));
      await repo.save(kept(community, 'root', 'd2', '2026-03-01T10:01:00.000Z', '2026-04-01T10:01:00.000Z'));
      await repo.remove(community, 'root', 'd1');
      expect(await repo.purgeExpired(new Date('2026-04-02T00:00:00.000Z'))).toBe(1);
    });
  });
}
