import type { TableClient } from '@azure/data-tables';
import type { CardIndexer } from '../../storage/cardIndexer';
import { tableCardStore, type TableCardRepository } from '../../storage/tableCardRepository';
import { TableThreadRepository } from '../../storage/tableThreadRepository';
import { ADA, GRACE, LINUS, fixedClock, message, stripTags } from '../../../../test-support/builders';
import { freshTables } from '../../../../test-support/storage';
import { prepareHarvest } from './prepareHarvest';
import { saveCard, type SaveCardCommand } from './saveCard';
import { searchCards } from '../search/searchCards';
import type { SearchEngine } from '../../search/searchEngine';
import type { TableKnowledgeGaps } from '../../storage/tableKnowledgeGaps';
import { keepThreadMessage } from '../threads/threadMessages';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';

/*
 * The harvest use cases are tested on in-memory ports (harvest.test.ts). This shows the
 * one thing only storage can: a save on Table storage, found through the search index
 * and credited in the contribution rows once the indexer has written them.
 */
describe('harvest use cases on Table storage (Azurite)', () => {
  let indexer: CardIndexer;
  let ports: {
    cards: TableCardRepository;
    search: SearchEngine;
    gaps: TableKnowledgeGaps;
    threads: TableThreadRepository;
    clock: ReturnType<typeof fixedClock>;
  };
  let contributions: TableClient;

  beforeAll(async () => {
    const { tables } = await freshTables();
    contributions = tables.contributions;
    const store = tableCardStore(tables, stripTags);
    indexer = store.indexer;
    ports = {
      cards: store.cards,
      search: store.search,
      gaps: store.gaps,
      threads: new TableThreadRepository(tables.threads, tables.retention, stripTags),
      clock: fixedClock('2026-11-02T09:00:00.000Z'),
    };
    const thread = [
      message({
        messageId: 'root',
        author: ADA,
        sentAt: '2026-11-01T10:00:00.000Z',
        text: 'How do we stop flaky deploys?',
        html: '<p>How do we stop flaky deploys?</p>',
      }),
      message({
        messageId: 'r1',
        author: GRACE,
        sentAt: '2026-11-01T10:05:00.000Z',
        text: 'Warm the cache first.',
        html: '<p>Warm the cache first.</p>',
      }),
      message({
        messageId: 'r2',
        author: LINUS,
        sentAt: '2026-11-01T10:07:00.000Z',
        text: 'And pin the runner image.',
        html: '<p>And pin the runner image.</p>',
      }),
    ];
    for (const m of thread) {
      await keepThreadMessage({ communityId: COMMUNITY, threadRootId: 'root', message: m, retentionDays: 30 }, ports);
    }
  });

  const command = (overrides: Partial<SaveCardCommand> = {}): SaveCardCommand => ({
    communityId: COMMUNITY,
    harvester: LINUS,
    submissionId: '11111111-1111-4111-8111-111111111111',
    source: { conversationId: '19:general@thread.tacv2', messageId: 'root', threadRootId: 'root' },
    actedMessage: message({ messageId: 'root', author: ADA, sentAt: '2026-11-01T10:00:00.000Z', text: 'How do we stop flaky deploys?' }),
    replyIds: ['r2', 'r1'],
    fields: { title: 'Stop flaky deploys', summary: 'Warm the cache and pin the image.', kind: 'how-to', tags: 'ci, deploys' },
    ...overrides,
  });

  it('offers the thread, saves chosen replies in order, credits every author, and is found by search', async () => {
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: command().actedMessage, threadRootId: 'root' }, ports);
    expect(prep.threadMessages.map((m) => m.messageId)).toEqual(['r1', 'r2']);
    expect(prep.existing).toBeUndefined();

    const result = await saveCard(command(), ports);
    expect(result.outcome).toBe('saved');
    expect(result.card.messages.map((m) => m.messageId)).toEqual(['root', 'r1', 'r2']);
    expect(result.card.authors).toEqual([ADA, GRACE, LINUS]);
    expect(result.card.harvester).toEqual(LINUS);

    await indexer.idle();
    const found = await searchCards({ communityId: COMMUNITY, text: 'flak depl', now: ports.clock.now() }, ports);
    expect(found.hits.map((h) => h.card.title)).toEqual(['Stop flaky deploys']);
    expect(found.hits[0].card.authorNames).toEqual(['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds']);
    // A word only in a chosen reply, and a typo of one in the title.
    const byReply = await searchCards({ communityId: COMMUNITY, text: 'runner ', now: ports.clock.now() }, ports);
    expect(byReply.hits.map((h) => h.card.title)).toEqual(['Stop flaky deploys']);
    const byTypo = await searchCards({ communityId: COMMUNITY, text: 'flakey deplois ', now: ports.clock.now() }, ports);
    expect(byTypo.hits.map((h) => h.card.title)).toEqual(['Stop flaky deploys']);

    const recorded: string[] = [];
    for await (const row of contributions.listEntities<{ personName: string; role: string }>())
      recorded.push(`${row.personName}: ${row.role}`);
    expect(recorded.sort()).toEqual([
      'Ada Lovelace: author',
      'Grace Hopper: author',
      'Linus Torvalds: author',
      'Linus Torvalds: harvester',
    ]);
  });

  it('offers a saved card when another message says the same in other words, with the words they share, and nothing for an unrelated one', async () => {
    const paraphrase = message({
      messageId: 'para',
      text: 'Our deploys are flaky again today. Did anyone try warming the cache?',
      html: '<p>Our deploys are flaky again today. Did anyone try warming the cache?</p>',
    });
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: paraphrase }, ports);
    expect(prep.similar.map((h) => h.card.title)).toEqual(['Stop flaky deploys']);
    expect(prep.similar[0].matched).toEqual(expect.arrayContaining(['flaky', 'deploys', 'cache']));

    const unrelated = message({
      messageId: 'lunch',
      text: 'Lunch on Friday at the new place?',
      html: '<p>Lunch on Friday at the new place?</p>',
    });
    expect((await prepareHarvest({ communityId: COMMUNITY, actedMessage: unrelated }, ports)).similar).toEqual([]);
  });
});
