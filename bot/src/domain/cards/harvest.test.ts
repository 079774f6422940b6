import { ADA, GRACE, LINUS, fixedClock, message } from '../../../../test-support/builders';
import { memoryCardStore } from '../../../../test-support/memory/memorySearch';
import { MemoryThreadRepository } from '../../../../test-support/memory/memoryThreadRepository';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { keepThreadMessage, purgeExpiredThreadMessages } from '../threads/threadMessages';
import { CARD_LIMITS } from './limits';
import { prepareHarvest } from './prepareHarvest';
import { saveCard, type SaveCardCommand } from './saveCard';
import { searchCards } from '../search/searchCards';
import { updateCard, type UpdateCardCommand } from './updateCard';

const COMMUNITY = 'tenant-1|channel|team-1|19:general@thread.tacv2';
const ROOT = message({ messageId: 'root', author: ADA, sentAt: '2026-11-01T10:00:00.000Z', text: 'How do we stop flaky deploys?' });
const THREAD = [
  ROOT,
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

/** The harvest's ports in memory, with the thread kept as the bot would have kept it, and the time at 2 November. */
async function harvestPorts() {
  const clock = fixedClock('2026-11-02T09:00:00.000Z');
  const { cards, search, gaps } = memoryCardStore(clock);
  const ports = { cards, search, gaps, threads: new MemoryThreadRepository(), clock };
  for (const m of THREAD) await keepThreadMessage({ communityId: COMMUNITY, threadRootId: 'root', message: m, retentionDays: 30 }, ports);
  return ports;
}

const command = (overrides: Partial<SaveCardCommand> = {}): SaveCardCommand => ({
  communityId: COMMUNITY,
  harvester: LINUS,
  submissionId: '11111111-1111-4111-8111-111111111111',
  source: { conversationId: '19:general@thread.tacv2', messageId: 'root', threadRootId: 'root' },
  actedMessage: ROOT,
  replyIds: ['r2', 'r1'],
  fields: { title: 'Stop flaky deploys', summary: 'Warm the cache and pin the image.', kind: 'how-to', tags: 'CI, #Deploys' },
  ...overrides,
});

describe('saveCard', () => {
  it('saves the message and the chosen replies in the order written, crediting the harvester and every author', async () => {
    const ports = await harvestPorts();
    const result = await saveCard(command(), ports);
    expect(result.outcome).toBe('saved');
    expect(result.card).toMatchObject({
      title: 'Stop flaky deploys',
      tags: ['ci', 'deploys'],
      harvester: LINUS,
      authors: [ADA, GRACE, LINUS],
      createdAt: '2026-11-02T09:00:00.000Z',
      updatedBy: LINUS,
    });
    expect(result.card.messages.map((m) => m.messageId)).toEqual(['root', 'r1', 'r2']);
    expect(result.card.messages[1]).toEqual({
      messageId: 'r1',
      author: GRACE,
      sentAt: '2026-11-01T10:05:00.000Z',
      html: '<p>Warm the cache first.</p>',
      text: 'Warm the cache first.',
    });
    expect(await ports.cards.get(COMMUNITY, result.card.id)).toEqual(result.card);
    const credits = await ports.cards.contributions.list(COMMUNITY);
    expect(credits.map((c) => `${c.person.name}: ${c.role}`).sort()).toEqual([
      'Ada Lovelace: author',
      'Grace Hopper: author',
      'Linus Torvalds: author',
      'Linus Torvalds: harvester',
    ]);
    const found = await searchCards({ communityId: COMMUNITY, text: 'flak depl', now: ports.clock.now() }, ports);
    expect(found.hits.map((h) => h.card.title)).toEqual(['Stop flaky deploys']);
  });

  it('recognises a retry of the same submission, and another person’s save of the same message, without a second card', async () => {
    const ports = await harvestPorts();
    const saved = await saveCard(command(), ports);
    const retry = await saveCard(command(), ports);
    expect(retry).toEqual({ outcome: 'retried', card: saved.card });
    const someoneElse = await saveCard(command({ submissionId: '22222222-2222-4222-8222-222222222222', harvester: GRACE }), ports);
    expect(someoneElse.outcome).toBe('exists');
    expect(someoneElse.card.harvester).toEqual(LINUS);
    expect((await searchCards({ communityId: COMMUNITY, text: '', now: ports.clock.now() }, ports)).hits).toHaveLength(1);
  });

  it('makes one card of concurrent saves of one message', async () => {
    const ports = await harvestPorts();
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => saveCard(command({ submissionId: `33333333-3333-4333-8333-33333333333${i}`, replyIds: [] }), ports)),
    );
    expect(results.filter((r) => r.outcome === 'saved')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'exists')).toHaveLength(4);
  });

  it('refuses bad input with a specific message and stores nothing', async () => {
    const ports = await harvestPorts();
    const attempts: [Partial<SaveCardCommand>, string][] = [
      [{ fields: { title: '', kind: 'how-to' } }, 'Give the card a title.'],
      [{ fields: { title: 'x'.repeat(121), kind: 'how-to' } }, 'keep it to 120'],
      [{ fields: { title: 'T', kind: 'how-to', tags: 'a,b,c,d,e,f,g,h,i' } }, 'at most 8'],
      [{ actedMessage: message({ messageId: 'root', text: '  ', html: '' }) }, 'This message has no text to save.'],
      [{ replyIds: ['gone'] }, 'One chosen reply is no longer available'],
      [{ replyIds: ['gone', 'also-gone'] }, '2 chosen replies are no longer available'],
      [{ replyIds: Array.from({ length: CARD_LIMITS.repliesMax + 1 }, (_, i) => `x${i}`) }, `at most ${CARD_LIMITS.repliesMax}`],
    ];
    for (const [overrides, expected] of attempts) {
      const attempt = saveCard(command(overrides), ports);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toThrow(expected);
    }
    expect((await searchCards({ communityId: COMMUNITY, text: '', now: ports.clock.now() }, ports)).hits).toEqual([]);
  });

  it('refuses a thread too long for one card, saying by how much', async () => {
    const ports = await harvestPorts();
    const big = 'b'.repeat(CARD_LIMITS.messageMaxLength - 10);
    for (const id of ['big1', 'big2', 'big3']) {
      const kept = message({ messageId: id, html: big, text: big, sentAt: '2026-11-01T11:00:00.000Z' });
      await keepThreadMessage({ communityId: COMMUNITY, threadRootId: 'bigroot', retentionDays: 30, message: kept }, ports);
    }
    const attempt = saveCard(
      command({
        source: { conversationId: 'c', messageId: 'bigroot', threadRootId: 'bigroot' },
        actedMessage: message({ messageId: 'bigroot', html: big, text: big }),
        replyIds: ['big1', 'big2', 'big3'],
      }),
      ports,
    );
    await expect(attempt).rejects.toThrow('Together these messages are 399,960 characters; a card holds 300,000. Choose fewer replies.');
  });
});

describe('prepareHarvest', () => {
  it('drafts from the message and offers the rest of the thread, oldest first, with the community’s tags', async () => {
    const ports = await harvestPorts();
    await saveCard(
      command({ source: { conversationId: 'c', messageId: 'r2', threadRootId: 'root' }, actedMessage: THREAD[2], replyIds: [] }),
      ports,
    );
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: ROOT, threadRootId: 'root' }, ports);
    expect(prep.draft.title).toBe('How do we stop flaky deploys?');
    expect(prep.existing).toBeUndefined();
    expect(prep.threadMessages.map((m) => m.messageId)).toEqual(['r1', 'r2']);
    expect(prep.tagSuggestions).toEqual(['ci', 'deploys']);
  });

  it('shows the card the message already became', async () => {
    const ports = await harvestPorts();
    const saved = await saveCard(command(), ports);
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: ROOT, threadRootId: 'root' }, ports);
    expect(prep.existing).toEqual(saved.card);
    expect(prep.similar.map((h) => h.card.id)).not.toContain(saved.card.id);
  });

  it('offers cards with the same words as similar', async () => {
    const ports = await harvestPorts();
    const other = message({ messageId: 'other', text: 'Flaky deploys again' });
    await saveCard(
      command({
        source: { conversationId: 'c', messageId: 'other' },
        actedMessage: other,
        replyIds: [],
        fields: { title: 'Flaky deploys on Fridays', kind: 'lesson' },
      }),
      ports,
    );
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: ROOT, threadRootId: 'root' }, ports);
    expect(prep.similar.map((h) => h.card.title)).toEqual(['Flaky deploys on Fridays']);
  });

  it('stops offering messages past the retention window, and purges them', async () => {
    const ports = await harvestPorts();
    ports.clock.set('2026-12-01T10:05:00.000Z');
    const prep = await prepareHarvest({ communityId: COMMUNITY, actedMessage: ROOT, threadRootId: 'root' }, ports);
    expect(prep.threadMessages.map((m) => m.messageId)).toEqual(['r2']);
    expect(await purgeExpiredThreadMessages(ports)).toBe(2);
    expect(await ports.threads.list(COMMUNITY, 'root', new Date('2026-11-02T00:00:00.000Z'))).toHaveLength(1);
  });
});

describe('updateCard', () => {
  const update = (cardId: string, version: string, overrides: Partial<UpdateCardCommand> = {}): UpdateCardCommand => ({
    communityId: COMMUNITY,
    cardId,
    expectedVersion: version,
    actor: GRACE,
    fields: { title: 'Stop flaky deploys for good', summary: '', kind: 'lesson', tags: [] },
    ...overrides,
  });

  it('updates the fields and harvests the content again, crediting only new authors and recording what changed', async () => {
    const ports = await harvestPorts();
    const saved = await saveCard(command({ replyIds: [] }), ports);
    ports.clock.set('2026-11-03T09:00:00.000Z');
    const updated = await updateCard(
      update(saved.card.id, saved.card.version, { reharvest: { actedMessage: ROOT, replyIds: ['r1'] } }),
      ports,
    );
    expect(updated).toMatchObject({ title: 'Stop flaky deploys for good', kind: 'lesson', authors: [ADA, GRACE], updatedBy: GRACE });
    expect(updated.updatedAt).toBe('2026-11-03T09:00:00.000Z');
    expect(updated.history?.at(-1)).toEqual({
      at: '2026-11-03T09:00:00.000Z',
      by: GRACE,
      action: 'edited',
      fields: ['title', 'summary', 'kind', 'tags', 'messages'],
    });
    expect(await ports.cards.get(COMMUNITY, saved.card.id)).toEqual(updated);
    const credits = (await ports.cards.contributions.list(COMMUNITY)).map((c) => `${c.person.name}: ${c.role} at ${c.at}`);
    expect(credits.sort()).toEqual([
      'Ada Lovelace: author at 2026-11-02T09:00:00.000Z',
      'Grace Hopper: author at 2026-11-03T09:00:00.000Z',
      'Linus Torvalds: harvester at 2026-11-02T09:00:00.000Z',
    ]);
  });

  it('keeps the content and the history as they are when nothing changed but the time', async () => {
    const ports = await harvestPorts();
    const saved = await saveCard(command({ replyIds: [] }), ports);
    const same = await updateCard(
      update(saved.card.id, saved.card.version, {
        fields: { title: 'Stop flaky deploys', summary: 'Warm the cache and pin the image.', kind: 'how-to', tags: 'ci, deploys' },
      }),
      ports,
    );
    expect(same.messages).toEqual(saved.card.messages);
    expect(same.history).toBeUndefined();
  });

  it('refuses a version someone else changed meanwhile, and a card that is not there', async () => {
    const ports = await harvestPorts();
    const saved = await saveCard(command(), ports);
    await updateCard(update(saved.card.id, saved.card.version), ports);
    await expect(
      updateCard(update(saved.card.id, saved.card.version, { fields: { title: 'Lost update', kind: 'how-to' } }), ports),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(updateCard(update('no-such-card', '1'), ports)).rejects.toBeInstanceOf(NotFoundError);
    expect((await ports.cards.get(COMMUNITY, saved.card.id))?.title).toBe('Stop flaky deploys for good');
  });
});
