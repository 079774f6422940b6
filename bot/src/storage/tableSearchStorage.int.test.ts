import { card, message, stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { parseQuery } from '../domain/search/searchQuery';
import { tableCardStore } from './tableCardRepository';
import { TableKnowledgeGaps } from './tableKnowledgeGaps';

const COMMUNITY = 'tenant-1|channel|team-1|19:gaps@thread.tacv2';
const OTHER = 'tenant-2|channel|team-2|19:gaps@thread.tacv2';

describe('knowledge gaps in Table storage (Azurite)', () => {
  it('adds up the same gap counted by two instances at once', async () => {
    const { tables } = await freshTables();
    const instances = [new TableKnowledgeGaps(tables.searchGaps), new TableKnowledgeGaps(tables.searchGaps)];
    const at = new Date(Date.UTC(2026, 5, 1, 9));
    await Promise.all(instances.flatMap((gaps) => Array.from({ length: 4 }, () => gaps.record(COMMUNITY, 'helm rollback', at))));
    await Promise.all(instances.map((gaps) => gaps.idle()));
    expect(await instances[0].list(COMMUNITY, 10)).toEqual([{ text: 'helm rollback', count: 8, lastSeenAt: at.toISOString() }]);
  });

  it('counts each folded search text per community, with when it was last searched and nothing about who, under concurrent counting', async () => {
    const { tables } = await freshTables();
    const gaps = new TableKnowledgeGaps(tables.searchGaps);
    const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));
    await Promise.all(Array.from({ length: 6 }, (_, i) => gaps.record(COMMUNITY, 'kafka lag', at(i))));
    await gaps.record(COMMUNITY, 'wifi / vpn #3?', at(7));
    await gaps.record(OTHER, 'kafka lag', at(8));
    await gaps.idle();
    expect(await gaps.list(COMMUNITY, 10)).toEqual([
      { text: 'kafka lag', count: 6, lastSeenAt: at(5).toISOString() },
      { text: 'wifi / vpn #3?', count: 1, lastSeenAt: at(7).toISOString() },
    ]);
    expect(await gaps.list(OTHER, 10)).toEqual([{ text: 'kafka lag', count: 1, lastSeenAt: at(8).toISOString() }]);
    const columns = new Set<string>();
    for await (const row of tables.searchGaps.listEntities<Record<string, unknown>>()) for (const k of Object.keys(row)) columns.add(k);
    expect([...columns].filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp'].includes(k)).sort()).toEqual([
      'count',
      'lastSeenAt',
      'text',
    ]);
  });
});

describe('the search change log in Table storage (Azurite)', () => {
  it('logs each indexed change by time, reads what changed since a moment, and prunes what is older', async () => {
    const { tables } = await freshTables();
    const { cards, indexer, searchDocuments } = tableCardStore(tables, stripTags);
    const before = new Date(Date.now() - 1_000).toISOString();
    const saved = card({
      communityId: COMMUNITY,
      title: 'Kafka consumer lag',
      messages: [message({ messageId: 'k1', text: 'Add partitions.', html: '<p>Add partitions.</p>' })],
      source: { conversationId: 'c', messageId: 'k1' },
    });
    const stored = await cards.create(saved);
    await cards.replace({ ...saved, title: 'Kafka consumer lag, fixed' }, [], stored);
    await indexer.idle();

    const { changes } = await searchDocuments.changesSince(COMMUNITY, before);
    expect(changes.map((c) => [c.document.summary.title, c.document.revision])).toEqual(
      expect.arrayContaining([['Kafka consumer lag, fixed', 2]]),
    );
    expect(changes.every((c) => c.at >= before)).toBe(true);
    expect((await searchDocuments.changesSince(COMMUNITY, new Date(Date.now() + 60_000).toISOString())).changes).toEqual([]);

    // A fresh instance builds the index from the documents, not the log.
    expect(await searchDocuments.pruneChanges(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect((await searchDocuments.changesSince(COMMUNITY, before)).changes).toEqual([]);
    const fresh = tableCardStore(tables, stripTags).search;
    const page = await fresh.search(COMMUNITY, parseQuery('partitions '), 0, 10);
    expect(page.hits.map((h) => h.card.title)).toEqual(['Kafka consumer lag, fixed']);
  });
});
