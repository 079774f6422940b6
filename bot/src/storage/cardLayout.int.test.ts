import type { TableClient } from '@azure/data-tables';
import { indexTermsFor, planSearch } from '../domain/search';
import { creationCredits } from '../domain/knowledgeCard';
import { CardAlreadyExistsError } from '../domain/ports';
import { card, stripTags } from '../../../test-support/builders';
import { freshTables, testConfig, waitHealthy } from '../../../test-support/storage';
import { silentLogger } from '../logging';
import { startService } from '../service';
import { cardEntity, cardPartition } from './cardEntities';
import { CardLayout, legacyCardPartition, migrateCardLayout, moveLegacyRow } from './cardLayout';
import { escapeKeyPart } from './keys';
import { TableCardRepository } from './tableCardRepository';
import { ensureTables, openTables } from './tables';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';
const OTHER_COMMUNITY = 'tenant-1|channel|team-1|19:design@thread.tacv2';

type TestCard = ReturnType<typeof card>;

/**
 * Writes a card row where the first layout kept it, as an instance of that version did:
 * pending with its terms and every credit written out.
 */
async function writeLegacyRow(cards: TableClient, c: TestCard, revision = 1): Promise<void> {
  const entity = cardEntity(c, { state: 'pending', indexedTerms: [], contributions: creationCredits(c) }, revision);
  await cards.createEntity({ ...entity, indexTerms: JSON.stringify(indexTermsFor(c)), partitionKey: legacyCardPartition(c.communityId, c.id) });
}

/** Every row of the cards table by place, without the service's own columns. */
async function allRows(cards: TableClient): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const row of cards.listEntities<Record<string, unknown>>()) {
    const { etag: _etag, timestamp: _timestamp, ...columns } = row;
    rows.set(`${row.partitionKey}/${row.rowKey}`, columns);
  }
  return rows;
}

const place = (c: TestCard) => `${cardPartition(c.communityId, c.id)}/${escapeKeyPart(c.id)}`;
const legacyPlace = (c: TestCard) => `${legacyCardPartition(c.communityId, c.id)}/${escapeKeyPart(c.id)}`;

function cardsOf(count: number, prefix: string): TestCard[] {
  return Array.from({ length: count }, (_, i) =>
    card({
      communityId: i % 3 ? COMMUNITY : OTHER_COMMUNITY,
      title: `Layout ${prefix} note ${i}`,
      source: { conversationId: 'c', messageId: `${prefix}-${i}` },
    }),
  );
}

describe('card layout: a partition per card, and the move from the first layout (Azurite)', () => {
  it('gives each card a partition of its own, no longer shared by the first digit of its id', () => {
    const one = card({ communityId: COMMUNITY, source: { conversationId: 'c', messageId: 'a' } });
    expect(cardPartition(COMMUNITY, one.id)).toBe(`${escapeKeyPart(COMMUNITY)}|${one.id}`);
    expect(legacyCardPartition(COMMUNITY, one.id)).toBe(`${escapeKeyPart(COMMUNITY)}|${one.id[0]}`);
  });

  it('before the move, reads a card from its first place, never saves its message twice, and moves it when it is updated', async () => {
    const { tables } = await freshTables();
    const old = card({ communityId: COMMUNITY, title: 'Saved before the move', source: { conversationId: 'c', messageId: 'before-1' } });
    await writeLegacyRow(tables.cards, old);
    const repo = new TableCardRepository(tables, stripTags);

    expect(await repo.get(COMMUNITY, old.id)).toEqual({ ...old, version: '1' });

    const again = { ...old, title: 'Saved again by someone else', submissionId: 'another-submission' };
    await expect(repo.create(again)).rejects.toBeInstanceOf(CardAlreadyExistsError);
    expect((await allRows(tables.cards)).has(place(old))).toBe(false);

    const updated = await repo.replace({ ...old, title: 'Updated after the move' }, [], { ...old, version: '1' });
    expect(updated.version).toBe('2');
    const rows = await allRows(tables.cards);
    expect(rows.has(legacyPlace(old))).toBe(false);
    expect(rows.get(place(old))).toMatchObject({ title: 'Updated after the move', revision: 2 });
    expect((await repo.get(COMMUNITY, old.id))!.title).toBe('Updated after the move');
    await repo.indexer.idle();
  });

  it('moves every row of the first layout once, whole, then marks the table so the first place is never read again', async () => {
    const { tables } = await freshTables();
    const legacy = cardsOf(30, 'move');
    for (const c of legacy) await writeLegacyRow(tables.cards, c);
    const before = await allRows(tables.cards);
    const repo = new TableCardRepository(tables, stripTags);
    const current = card({ communityId: COMMUNITY, title: 'Saved after the upgrade', source: { conversationId: 'c', messageId: 'after-1' } });
    await repo.create(current);
    await repo.indexer.idle();

    expect(await migrateCardLayout(tables.cards, repo.layout)).toBe(30);

    const after = await allRows(tables.cards);
    for (const c of legacy) {
      expect(after.has(legacyPlace(c))).toBe(false);
      const { partitionKey: _pk, ...moved } = after.get(place(c))!;
      const { partitionKey: _legacyPk, ...original } = before.get(legacyPlace(c))!;
      expect(moved).toEqual(original);
    }
    expect(after.has(place(current))).toBe(true);
    // The 31 cards and the marker, nothing else.
    expect(after.size).toBe(32);
    expect(await migrateCardLayout(tables.cards, new CardLayout(tables.cards))).toBe(0);
    expect(await new CardLayout(tables.cards).legacyPossible()).toBe(false);

    // The moved rows were written by the earlier version and never indexed: the sweep indexes them in their new place.
    expect(await repo.indexer.sweep()).toBe(30);
    await repo.indexer.idle();
    const found = await repo.search(COMMUNITY, planSearch('layout move')!, 0, 50);
    expect(found.cards).toHaveLength(legacy.filter((c) => c.communityId === COMMUNITY).length);

    // Once marked, a row in the first place is not looked for: an instance no longer pays that read.
    const stray = card({ communityId: COMMUNITY, source: { conversationId: 'c', messageId: 'stray-1' } });
    await writeLegacyRow(tables.cards, stray);
    const fresh = new TableCardRepository(tables, stripTags);
    expect(await fresh.get(COMMUNITY, stray.id)).toBeUndefined();
  });

  it('lets two instances move the same rows at once, each row ending up in its place exactly once', async () => {
    const { tables } = await freshTables();
    const legacy = cardsOf(24, 'race');
    for (const c of legacy) await writeLegacyRow(tables.cards, c);

    const [a, b] = await Promise.all([
      migrateCardLayout(tables.cards, new CardLayout(tables.cards)),
      migrateCardLayout(tables.cards, new CardLayout(tables.cards)),
    ]);

    expect(a + b).toBeGreaterThanOrEqual(24);
    const after = await allRows(tables.cards);
    expect(after.size).toBe(25);
    for (const c of legacy) expect(after.get(place(c))).toMatchObject({ cardId: c.id, title: c.title, revision: 1 });
  });

  it('keeps the later revision when an instance of the earlier version changed the old row after it was copied', async () => {
    const { tables } = await freshTables();
    const c = card({ communityId: COMMUNITY, title: 'First wording', source: { conversationId: 'c', messageId: 'late-1' } });
    await tables.cards.createEntity(cardEntity(c, { state: 'new' }, 1));
    await writeLegacyRow(tables.cards, { ...c, title: 'Changed by the earlier version' }, 2);
    const legacy = await tables.cards.getEntity<Record<string, unknown>>(legacyCardPartition(c.communityId, c.id), escapeKeyPart(c.id));

    const moved = await moveLegacyRow(tables.cards, legacy);

    expect(moved).toMatchObject({ title: 'Changed by the earlier version', revision: 2 });
    const rows = await allRows(tables.cards);
    expect(rows.has(legacyPlace(c))).toBe(false);
    expect(rows.get(place(c))).toMatchObject({ title: 'Changed by the earlier version', revision: 2 });
  });

  it('is moved by the service\'s housekeeping when it starts, and the cards are found and searchable after', async () => {
    const config = testConfig();
    const tables = openTables(config.storage, config.tablePrefix);
    await ensureTables(tables);
    const legacy = cardsOf(6, 'start');
    for (const c of legacy) await writeLegacyRow(tables.cards, c);

    const service = await startService(config, { log: silentLogger });
    try {
      await waitHealthy(service.url);
      const reader = new TableCardRepository(tables, stripTags);
      const searchable = async () => (await reader.search(COMMUNITY, planSearch('layout start')!, 0, 10)).cards.length;
      const deadline = Date.now() + 15_000;
      while (((await new CardLayout(tables.cards).legacyPossible()) || (await searchable()) < 4) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await new CardLayout(tables.cards).legacyPossible()).toBe(false);
      expect(await searchable()).toBe(legacy.filter((c) => c.communityId === COMMUNITY).length);
      const rows = await allRows(tables.cards);
      for (const c of legacy) expect([rows.has(place(c)), rows.has(legacyPlace(c))]).toEqual([true, false]);
    } finally {
      await service.close();
    }
  });
});
