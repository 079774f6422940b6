import { ADA, GRACE, message, stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { TableThreadRepository } from './tableThreadRepository';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';

describe('TableThreadRepository (Azurite)', () => {
  let repo: TableThreadRepository;

  beforeAll(async () => {
    const { tables } = await freshTables();
    repo = new TableThreadRepository(tables.threads, tables.retention, stripTags);
  });

  const kept = (id: string, sentAt: string, expiresAt: string, author = ADA) => ({
    ...message({ messageId: id, sentAt, author, text: `message ${id}`, html: `<p>message ${id}</p>` }),
    communityId: COMMUNITY,
    threadRootId: 'root-1',
    expiresAt,
  });

  it('lists a thread oldest first, without expired messages, and purges what expired', async () => {
    await repo.save(kept('m2', '2026-11-01T10:02:00.000Z', '2026-12-01T10:02:00.000Z', GRACE));
    await repo.save(kept('m1', '2026-11-01T10:01:00.000Z', '2026-12-01T10:01:00.000Z'));
    await repo.save(kept('old', '2026-09-01T10:00:00.000Z', '2026-10-01T10:00:00.000Z'));
    const now = new Date('2026-11-15T00:00:00.000Z');
    const thread = await repo.list(COMMUNITY, 'root-1', now);
    expect(thread.map((m) => [m.messageId, m.author.name, m.text])).toEqual([
      ['m1', 'Ada Lovelace', 'message m1'],
      ['m2', 'Grace Hopper', 'message m2'],
    ]);
    expect(await repo.purgeExpired(now)).toBe(1);
    expect(await repo.purgeExpired(now)).toBe(0);
    const later = new Date('2026-12-01T10:01:30.000Z');
    expect(await repo.purgeExpired(later)).toBe(1);
    expect((await repo.list(COMMUNITY, 'root-1', new Date('2026-11-15T00:00:00.000Z'))).map((m) => m.messageId)).toEqual(['m2']);
  });

  it('replaces an edited message and forgets a deleted one', async () => {
    await repo.save(kept('e1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'));
    await repo.save({
      ...kept('e1', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'),
      html: '<p>edited</p>',
      threadRootId: 'root-2',
    });
    await repo.save({ ...kept('e2', '2026-11-01T10:01:00.000Z', '2026-12-01T10:00:00.000Z'), threadRootId: 'root-2' });
    await repo.remove(COMMUNITY, 'root-2', 'e2');
    await repo.remove(COMMUNITY, 'root-2', 'never-existed');
    const thread = await repo.list(COMMUNITY, 'root-2', new Date('2026-11-15T00:00:00.000Z'));
    expect(thread.map((m) => [m.messageId, m.text])).toEqual([['e1', 'edited']]);
  });

  it('keeps long messages across Table property chunks', async () => {
    const long = `<p>${'z'.repeat(70_000)}</p>`;
    await repo.save({ ...kept('long', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'), threadRootId: 'root-3', html: long });
    const [read] = await repo.list(COMMUNITY, 'root-3', new Date('2026-11-15T00:00:00.000Z'));
    expect(read.html).toBe(long);
  });
});
