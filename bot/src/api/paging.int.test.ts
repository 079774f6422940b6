import { communityId } from '../domain/communities/community';
import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { tableCardStore } from '../storage/tableCardRepository';
import { openTables } from '../storage/tables';
import { card, message, stripTags } from '../../../test-support/builders';
import { testConfig, testStorage, waitHealthy } from '../../../test-support/storage';
import { callJson } from '../../../test-support/http';
import { API_ROUTES, cardPageSchema } from './contract';
import { cursorFor } from './cursor';

/*
 * The knowledge list of a large community over real HTTP: following `nextCursor` reaches
 * every card, in order, once. Cards are seeded through the repository, as a save stores them.
 */

const CARDS = 620;
const community = communityId({
  scope: 'channel',
  tenantId: PLAYGROUND.tenantId,
  teamId: PLAYGROUND.teamId,
  conversationId: PLAYGROUND.channelId,
});
const titleOf = (i: number) => `Card ${String(i).padStart(3, '0')} about cards`;
/** Newest first: the last card seeded is the newest. */
const newestFirst = Array.from({ length: CARDS }, (_, i) => titleOf(CARDS - 1 - i));

let service: RunningService;
let key: string;

beforeAll(async () => {
  const config = testConfig();
  service = await startService(config, { log: silentLogger });
  await waitHealthy(service.url);
  const { cards, indexer } = tableCardStore(openTables(testStorage(), config.tablePrefix), stripTags);
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (let batch = 0; batch < CARDS; batch += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, CARDS - batch) }, (_, j) => {
        const i = batch + j;
        const createdAt = new Date(start + i * 60_000).toISOString();
        const messageId = String(1_800_000_000_000 + i);
        return cards.create(
          card({
            communityId: community,
            title: titleOf(i),
            summary: '',
            tags: i % 2 ? ['ops'] : [],
            createdAt,
            messages: [message({ messageId, text: 'x', html: '<p>x</p>' })],
          }),
        );
      }),
    );
  }
  await indexer.idle();
  const resolved = await callJson(
    service,
    'GET',
    `${API_ROUTES.resolveCommunity}?teamId=${PLAYGROUND.teamId}&channelId=${PLAYGROUND.channelId}`,
  );
  key = resolved.body.key;
}, 240_000);

afterAll(async () => {
  await service?.close();
});

/** Every page of a listing, following the cursors it hands out; stops at a bound so a loop fails instead of hanging. */
async function walk(query: string): Promise<{ titles: string[]; pages: number }> {
  const titles: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const answer = await callJson(
      service,
      'GET',
      `${API_ROUTES.cards(key)}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(answer.status).toBe(200);
    const page = cardPageSchema.parse(answer.body);
    titles.push(...page.cards.map((c) => c.title));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 40);
  return { titles, pages };
}

describe('paging the knowledge list of a community with more than 600 cards', () => {
  it('reaches every card of the newest-first list, in order, once', async () => {
    const { titles } = await walk('take=50');
    expect(titles).toHaveLength(CARDS);
    expect(titles).toEqual(newestFirst);
  });

  it('reaches every card a search finds, once, even when a card matches by two words', async () => {
    // "car" begins both "card" and "cards"; "ca" begins every card.
    for (const q of ['car', 'ca', 'card']) {
      const { titles } = await walk(`take=50&q=${q}`);
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles).toEqual(newestFirst);
    }
  });

  it('reaches every card of a tag, in order', async () => {
    const { titles } = await walk('take=50&tag=ops');
    expect(titles).toEqual(newestFirst.filter((t) => Number(t.slice(5, 8)) % 2 === 1));
  });

  it('refuses a garbled, forged or borrowed cursor with a clear 400', async () => {
    const first = cardPageSchema.parse((await callJson(service, 'GET', `${API_ROUTES.cards(key)}?take=50`)).body);
    const searched = cardPageSchema.parse((await callJson(service, 'GET', `${API_ROUTES.cards(key)}?take=50&q=card`)).body);
    const invalid = 'This list’s page position is not valid. Reload the list and try again.';
    const attempts: [string, string][] = [
      ['not base64url', `cursor=${encodeURIComponent('50;DROP')}`],
      ['an offset', 'cursor=550'],
      ['not JSON', `cursor=${Buffer.from('garbage').toString('base64url')}`],
      ['a forged position', `cursor=${cursorFor('99.abc', { status: 'active' })}`],
      [
        'a forged storage token',
        `cursor=${cursorFor(`0.${Buffer.from(JSON.stringify({ nextPartitionKey: 1 })).toString('base64')}`, { status: 'active' })}`,
      ],
    ];
    for (const [label, query] of attempts) {
      const answer = await callJson(service, 'GET', `${API_ROUTES.cards(key)}?take=50&${query}`);
      expect({ label, status: answer.status, errors: answer.body.errors }).toEqual({
        label,
        status: 400,
        errors: [{ field: 'cursor', message: invalid }],
      });
    }
    const borrowed = await callJson(service, 'GET', `${API_ROUTES.cards(key)}?take=50&cursor=${encodeURIComponent(searched.nextCursor!)}`);
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.errors).toEqual([
      { field: 'cursor', message: 'This page position belongs to another search or filter. Reload the list and try again.' },
    ]);
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
