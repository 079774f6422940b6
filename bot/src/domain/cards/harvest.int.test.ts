import type { TableClient } from '@azure/data-tables';
import { ValidationError } from '../shared/errors';
import { CARD_LIMITS } from './limits';
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
import { keepThreadMessage, purgeExpiredThreadMessages } from '../threads/threadMessages';
import { updateCard } from './updateCard';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';

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

  it('recognises a retry of the same submission and never makes a second card', async () => {
    const retry = await saveCard(command(), ports);
    expect(retry.outcome).toBe('retried');
    const someoneElse = await saveCard(command({ submissionId: '22222222-2222-4222-8222-222222222222', harvester: GRACE }), ports);
    expect(someoneElse.outcome).toBe('exists');
    expect(someoneElse.card.harvester).toEqual(LINUS);
    await indexer.idle();
    const all = await searchCards({ communityId: COMMUNITY, text: '', now: ports.clock.now() }, ports);
    expect(all.hits).toHaveLength(1);
  });

  it('produces one card from concurrent saves of one message', async () => {
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        saveCard(
          command({
            submissionId: `33333333-3333-4333-8333-33333333333${i}`,
            source: { conversationId: 'c', messageId: 'race' },
            actedMessage: message({ messageId: 'race', text: 'Race me' }),
            replyIds: [],
          }),
          ports,
        ),
      ),
    );
    expect(concurrent.filter((r) => r.outcome === 'saved')).toHaveLength(1);
    expect(concurrent.filter((r) => r.outcome === 'exists')).toHaveLength(4);
  });

  it('shows the existing card when the message is opened again, and updates it at its version', async () => {
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: command().actedMessage, threadRootId: 'root' }, ports);
    expect(prep.existing?.title).toBe('Stop flaky deploys');
    const updated = await updateCard(
      {
        communityId: COMMUNITY,
        cardId: prep.existing!.id,
        expectedVersion: prep.existing!.version,
        actor: GRACE,
        fields: { title: 'Stop flaky deploys for good', summary: '', kind: 'lesson', tags: [] },
        reharvest: { actedMessage: command().actedMessage, replyIds: ['r1'] },
      },
      ports,
    );
    expect(updated.title).toBe('Stop flaky deploys for good');
    expect(updated.authors).toEqual([ADA, GRACE]);
    expect(updated.updatedBy).toEqual(GRACE);
    await expect(
      updateCard(
        {
          communityId: COMMUNITY,
          cardId: prep.existing!.id,
          expectedVersion: prep.existing!.version,
          actor: GRACE,
          fields: { title: 'Lost update', kind: 'how-to' },
        },
        ports,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses bad input with a specific message and stores nothing', async () => {
    const attempts: [Partial<SaveCardCommand>, string][] = [
      [{ fields: { title: '', kind: 'how-to' } }, 'Give the card a title.'],
      [{ fields: { title: 'x'.repeat(121), kind: 'how-to' } }, 'keep it to 120'],
      [{ fields: { title: 'T', kind: 'how-to', tags: 'a,b,c,d,e,f,g,h,i' } }, 'at most 8'],
      [{ actedMessage: message({ messageId: 'empty', text: '  ', html: '' }) }, 'This message has no text to save.'],
      [{ replyIds: ['gone'] }, 'no longer available'],
      [{ replyIds: Array.from({ length: CARD_LIMITS.repliesMax + 1 }, (_, i) => `x${i}`) }, `at most ${CARD_LIMITS.repliesMax}`],
    ];
    for (const [overrides, expected] of attempts) {
      const messageId = `bad-${expected.length}`;
      const attempt = saveCard(
        command({ source: { conversationId: 'c', messageId, threadRootId: 'root' }, actedMessage: message({ messageId }), ...overrides }),
        ports,
      );
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(expected);
    }
    await indexer.idle();
    expect((await searchCards({ communityId: COMMUNITY, text: '', now: ports.clock.now() }, ports)).hits).toHaveLength(2);
  });

  it('refuses a thread too long for one card, saying by how much', async () => {
    const big = 'b'.repeat(CARD_LIMITS.messageMaxLength - 10);
    for (const id of ['big1', 'big2', 'big3']) {
      await keepThreadMessage(
        {
          communityId: COMMUNITY,
          threadRootId: 'bigroot',
          retentionDays: 30,
          message: message({ messageId: id, html: big, text: big, sentAt: '2026-11-01T11:00:00.000Z' }),
        },
        ports,
      );
    }
    const attempt = saveCard(
      command({
        source: { conversationId: 'c', messageId: 'bigroot', threadRootId: 'bigroot' },
        actedMessage: message({ messageId: 'bigroot', html: big, text: big }),
        replyIds: ['big1', 'big2', 'big3'],
      }),
      ports,
    );
    await expect(attempt).rejects.toThrow(/characters; a card holds 300,000\. Choose fewer replies\./);
  });

  it('stops offering and purges messages past the retention window', async () => {
    ports.clock.set('2026-12-05T00:00:00.000Z');
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: command().actedMessage, threadRootId: 'root' }, ports);
    expect(prep.threadMessages).toEqual([]);
    expect(await purgeExpiredThreadMessages(ports)).toBeGreaterThanOrEqual(3);
  });
});
