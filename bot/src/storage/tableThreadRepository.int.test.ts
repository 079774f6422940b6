import { ADA, message, stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { TableThreadRepository } from './tableThreadRepository';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';

/* The shared contract (tableThreadRepository.contract.int.test.ts) checks what every thread repository does; this is Table storage's own. */
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

  it('keeps long messages across Table property chunks', async () => {
    const long = `<p>${'z'.repeat(70_000)}</p>`;
    await repo.save({ ...kept('long', '2026-11-01T10:00:00.000Z', '2026-12-01T10:00:00.000Z'), threadRootId: 'root-3', html: long });
    const [read] = await repo.list(COMMUNITY, 'root-3', new Date('2026-11-15T00:00:00.000Z'));
    expect(read.html).toBe(long);
  });
});
