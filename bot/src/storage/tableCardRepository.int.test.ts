import { ConflictError, StorageUnavailableError, ValidationError } from '../domain/shared/errors';
import { CardAlreadyExistsError } from '../domain/cards/cardPorts';
import { parseQuery } from '../domain/search/searchQuery';
import type { CardSearchEngine } from '../domain/search/searchPorts';
import { azuriteConnectionString } from '../config/config';
import { ADA, GRACE, LINUS, card, message, stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { TableContributionRepository } from './tableContributionRepository';
import { tableCardStore, type TableCardRepository } from './tableCardRepository';
import type { CardIndexer } from './cardIndexer';
import { openTables } from './tables';
import { findFreePort } from '../../../scripts/local/processes';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';
const OTHER_COMMUNITY = 'tenant-2|channel|team-9|19:general@thread.tacv2';

/*
 * What every card repository does is checked by the shared contract
 * (tableCardRepository.contract.int.test.ts); these are what only Table storage shows:
 * chunked properties, the entity size limit, the index rows, the sweep after a crash.
 */

/** Titles of the cards a search for whole words finds. */
async function found(search: CardSearchEngine, communityId: string, words: string): Promise<string[]> {
  return (await search.search(communityId, parseQuery(`${words} `), 0, 10)).hits.map((h) => h.card.title);
}

describe('TableCardRepository (Azurite)', () => {
  let repo: TableCardRepository;
  let indexer: CardIndexer;
  let search: CardSearchEngine;

  beforeAll(async () => {
    const { tables } = await freshTables();
    ({ cards: repo, indexer, search } = tableCardStore(tables, stripTags));
  });

  afterAll(() => indexer.idle());

  it('keeps content larger than one Table property across chunks', async () => {
    const big = 'x'.repeat(95_000);
    const messages = [
      message({ messageId: 'big-1', html: `<p>${big}</p>`, text: big }),
      message({ messageId: 'big-2', author: GRACE, html: `<p>${big}</p>`, text: big, sentAt: '2026-11-01T10:05:00.000Z' }),
    ];
    const saved = card({ communityId: COMMUNITY, messages, source: { conversationId: 'c', messageId: 'big-1' } });
    await repo.create(saved);
    const read = await repo.get(COMMUNITY, saved.id);
    expect(read!.messages.map((m) => m.html.length)).toEqual([95_007, 95_007]);
    expect(read!.authors).toEqual([ADA, GRACE]);
  });

  it('refuses a second card for the same message and writes nothing of it', async () => {
    const first = card({ communityId: COMMUNITY, title: 'Original wording', source: { conversationId: 'c', messageId: 'dup-1' } });
    await repo.create(first);
    const second = { ...first, title: 'Zebra xylophone wording' };
    await expect(repo.create(second)).rejects.toBeInstanceOf(CardAlreadyExistsError);
    await indexer.idle();
    expect(await found(search, COMMUNITY, 'zebra')).toEqual([]);
    expect((await repo.get(COMMUNITY, first.id))!.title).toBe('Original wording');
  });

  it('replaces a card and its index at the expected version, and refuses a stale one', async () => {
    const original = card({
      communityId: COMMUNITY,
      title: 'Kubernetes probes',
      tags: ['k8s'],
      source: { conversationId: 'c', messageId: 'upd-1' },
    });
    const stored = await repo.create(original);
    const changed = { ...original, title: 'Liveness checks explained', tags: ['health'], authors: [ADA, LINUS] };
    const updated = await repo.replace(changed, [], stored);
    expect(updated.version).not.toBe(stored.version);
    await indexer.idle();
    expect(await found(search, COMMUNITY, 'kubernetes')).toEqual([]);
    const hits = (await search.search(COMMUNITY, parseQuery('liveness '), 0, 10)).hits;
    expect(hits.map((h) => [h.card.id, h.card.title, h.card.tags])).toEqual([[original.id, 'Liveness checks explained', ['health']]]);
    await expect(repo.replace({ ...changed, title: 'Stale' }, [], stored)).rejects.toBeInstanceOf(ConflictError);
    expect((await repo.get(COMMUNITY, original.id))!.title).toBe('Liveness checks explained');
  });

  it('refuses content that could not fit a Table entity before writing anything', async () => {
    const huge = 'y'.repeat(600_000);
    const tooBig = card({
      communityId: COMMUNITY,
      messages: [message({ messageId: 'huge-1', html: huge, text: huge })],
      source: { conversationId: 'c', messageId: 'huge-1' },
    });
    await expect(repo.create(tooBig)).rejects.toBeInstanceOf(ValidationError);
    expect(await repo.get(COMMUNITY, tooBig.id)).toBeUndefined();
  });

  it('keeps tenants and communities apart', async () => {
    const theirs = card({
      communityId: OTHER_COMMUNITY,
      title: 'Secret quasar plans',
      source: { conversationId: 'c', messageId: 'iso-1' },
    });
    await repo.create(theirs);
    await indexer.idle();
    expect(await found(search, COMMUNITY, 'quasar')).toEqual([]);
    expect(await repo.get(COMMUNITY, theirs.id)).toBeUndefined();
    expect(await found(search, OTHER_COMMUNITY, 'quasar')).toEqual(['Secret quasar plans']);
  });

  it('suggests tags most recently used first', async () => {
    const community = 'tenant-1|groupChat|19:tags@thread.v2';
    const older = card({
      communityId: community,
      tags: ['alpha', 'beta'],
      updatedAt: '2026-01-01T00:00:00.000Z',
      source: { conversationId: 'c', messageId: 'tag-1' },
    });
    const newer = card({
      communityId: community,
      tags: ['gamma'],
      updatedAt: '2026-02-01T00:00:00.000Z',
      source: { conversationId: 'c', messageId: 'tag-2' },
    });
    await repo.create(older);
    await repo.create(newer);
    await indexer.idle();
    expect(await repo.tags(community, 10)).toEqual(['gamma', 'alpha', 'beta']);
  });

  it('indexes a card a stopped instance saved but never indexed, once another instance sweeps', async () => {
    const { tables } = await freshTables();
    const { cards: crashed, indexer: stopped } = tableCardStore(tables, stripTags);
    stopped.stop();
    const orphan = card({ communityId: COMMUNITY, title: 'Orphaned ocelot notes', source: { conversationId: 'c', messageId: 'sweep-1' } });
    await crashed.create(orphan);
    const { indexer: survivorIndexer, search: survivor } = tableCardStore(tables, stripTags);
    expect(await found(survivor, COMMUNITY, 'ocelot')).toEqual([]);
    expect(await survivorIndexer.sweep()).toBe(1);
    await survivorIndexer.idle();
    expect(await found(survivor, COMMUNITY, 'ocelot')).toEqual(['Orphaned ocelot notes']);
    expect(await survivorIndexer.sweep()).toBe(0);
  });

  it('credits the harvester and every author of a new card once it is indexed, even when an update came first', async () => {
    const { tables } = await freshTables();
    const { cards: crashed, indexer: stopped } = tableCardStore(tables, stripTags);
    stopped.stop();
    const messages = [
      message({ messageId: 'credit-1', author: ADA }),
      message({ messageId: 'credit-2', author: LINUS, sentAt: '2026-11-01T10:05:00.000Z' }),
    ];
    const saved = card({
      communityId: COMMUNITY,
      title: 'Credited narwhal notes',
      messages,
      source: { conversationId: 'c', messageId: 'credit-1' },
    });
    const stored = await crashed.create(saved);
    const curator = {
      person: ADA,
      role: 'curator' as const,
      cardId: saved.id,
      at: '2026-11-02T09:00:00.000Z',
      title: 'Credited narwhal notes, revised',
    };
    await crashed.replace({ ...saved, title: 'Credited narwhal notes, revised' }, [curator], stored);

    const { indexer: survivorIndexer, search: survivor } = tableCardStore(tables, stripTags);
    expect(await survivorIndexer.sweep()).toBe(1);
    await survivorIndexer.idle();

    const credits = await new TableContributionRepository(tables.contributions).list(COMMUNITY);
    expect(credits.map((c) => [c.person.id, c.role]).sort()).toEqual([
      [ADA.id, 'author'],
      [ADA.id, 'curator'],
      [GRACE.id, 'harvester'],
      [LINUS.id, 'author'],
    ]);
    expect(await found(survivor, COMMUNITY, 'narwhal revised')).toEqual(['Credited narwhal notes, revised']);
  });

  it('turns an unreachable storage into a typed error', async () => {
    const port = await findFreePort();
    const tables = openTables({ kind: 'connectionString', connectionString: azuriteConnectionString(port) }, 'nowhere');
    const { cards: offline } = tableCardStore(tables, stripTags);
    await expect(offline.get(COMMUNITY, 'x')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(offline.recent(COMMUNITY, 0, 10)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});

describe('search over a growing community (Azurite)', () => {
  const community = 'tenant-1|channel|team-1|19:search@thread.tacv2';
  let repo: TableCardRepository;
  let search: CardSearchEngine;

  beforeAll(async () => {
    const { tables } = await freshTables();
    const store = tableCardStore(tables, stripTags);
    repo = store.cards;
    const titles = [
      'Deploy with blue green',
      'Deployment checklist',
      'Kubernetes deploy probes',
      'Depth of field in photos',
      'Cache warming',
    ];
    const all = [];
    for (let i = 0; i < 60; i++) {
      const createdAt = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      all.push(
        card({
          communityId: community,
          title: `${titles[i % titles.length]} ${i}`,
          createdAt,
          updatedAt: createdAt,
          tags: i % 2 ? ['ops'] : [],
          source: { conversationId: 'c', messageId: `s-${i}` },
        }),
      );
    }
    await Promise.all(all.map((c) => repo.create(c)));
    await store.indexer.idle();
    // Another instance's engine: it knows the community only from storage.
    search = tableCardStore(tables, stripTags).search;
  });

  it('builds a community’s index with one read of its partition, then answers from memory', async () => {
    const cold = await search.search(community, parseQuery('kubernetes depl'), 0, 5);
    expect(cold.entitiesRead).toBe(60);
    const warm = await search.search(community, parseQuery('kubernetes depl'), 0, 5);
    expect(warm.entitiesRead).toBe(0);
    expect(warm.hits).toHaveLength(5);
    expect(warm.hits.every((h) => h.card.title.startsWith('Kubernetes deploy probes'))).toBe(true);
    // Equally relevant cards come newest first.
    const created = warm.hits.map((h) => h.card.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('matches the word being typed as a prefix, and every inflection of a word', async () => {
    const typed = await search.search(community, parseQuery('ku'), 0, 50);
    expect(typed.hits).toHaveLength(12);
    expect(typed.hits.every((h) => h.card.title.startsWith('Kubernetes'))).toBe(true);
    const inflected = await search.search(community, parseQuery('deploying '), 0, 50);
    expect(inflected.hits).toHaveLength(36);
    expect(inflected.hits.every((h) => /deploy/i.test(h.card.title))).toBe(true);
  });

  it('pages with skip and count and says whether more exist', async () => {
    const first = await repo.recent(community, 0, 25);
    const second = await repo.recent(community, 25, 25);
    const third = await repo.recent(community, 50, 25);
    expect(first.cards).toHaveLength(25);
    expect(first.hasMore).toBe(true);
    expect(third.cards).toHaveLength(10);
    expect(third.hasMore).toBe(false);
    const ids = [...first.cards, ...second.cards, ...third.cards].map((c) => c.id);
    expect(new Set(ids).size).toBe(60);
    const searched = await search.search(community, parseQuery('deploy '), 30, 25);
    expect(searched.hits).toHaveLength(6);
    expect(searched.hasMore).toBe(false);
  });

  it('reads only what a page needs for the newest cards', async () => {
    const recent = await repo.recent(community, 0, 10);
    expect(recent.entitiesRead).toBe(11);
  });
});
