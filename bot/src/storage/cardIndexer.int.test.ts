import type { TableClient } from '@azure/data-tables';
import { ConflictError, NotFoundError, StorageUnavailableError } from '../domain/shared/errors';
import { summarize, type KnowledgeCard } from '../domain/cards/knowledgeCard';
import { CardAlreadyExistsError } from '../domain/cards/cardPorts';
import { parseQuery } from '../domain/search/searchQuery';
import type { CardSearchEngine } from '../domain/search/searchPorts';
import { ADA, GRACE, LINUS, card, stripTags } from '../../../test-support/builders';
import { freshTables } from '../../../test-support/storage';
import { KEYS, cardFromEntity, communityPartition, revisionOf } from './cardEntities';
import type { CardIndexer, RetryTimer } from './cardIndexer';
import { TableCardRepository, tableCardStore } from './tableCardRepository';
import type { Tables } from './tables';
import type { Logger } from '../logging';

/** Pseudo-random numbers from a seed, so every run makes the same choices. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const TENANT_COMMUNITY = (n: number) => `tenant-${n}|channel|team-${n}|19:general@thread.tacv2`;

/** Every request a table client can make that returns a promise. */
const REQUESTS = new Set(['getEntity', 'createEntity', 'updateEntity', 'upsertEntity', 'deleteEntity', 'submitTransaction']);

/** Wraps each table client of `tables` with `wrap`. */
function wrapTables(tables: Tables, wrap: (client: TableClient, name: string) => TableClient): Tables {
  return {
    ...tables,
    cards: wrap(tables.cards, 'cards'),
    recent: wrap(tables.recent, 'recent'),
    contributions: wrap(tables.contributions, 'contributions'),
    searchDocs: wrap(tables.searchDocs, 'searchDocs'),
    searchChanges: wrap(tables.searchChanges, 'searchChanges'),
  };
}

/** A table client whose requests go through `around`. */
function intercepted(
  client: TableClient,
  around: (method: string, args: unknown[], call: () => Promise<unknown>) => Promise<unknown>,
): TableClient {
  return new Proxy(client, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !REQUESTS.has(name) || typeof value !== 'function') return value;
      return (...args: unknown[]) => around(name, args, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

/** The partition a write goes to, or undefined for a read. */
function partitionOf(method: string, args: unknown[]): string | undefined {
  if (method === 'submitTransaction') return (args[0] as [string, { partitionKey: string }][])[0][1].partitionKey;
  if (method === 'upsertEntity') return (args[0] as { partitionKey: string }).partitionKey;
  if (method === 'deleteEntity') return args[0] as string;
  return undefined;
}

/** A timer the test fires by hand, recording each wait asked for. */
function manualTimer(): RetryTimer & { waits: number[]; fireAll: () => void } {
  let due: (() => void)[] = [];
  const timer = ((ms: number, run: () => void) => {
    timer.waits.push(ms);
    let cancelled = false;
    due.push(() => cancelled || run());
    return () => {
      cancelled = true;
    };
  }) as unknown as RetryTimer & { waits: number[]; fireAll: () => void };
  timer.waits = [];
  timer.fireAll = () => {
    const now = due;
    due = [];
    for (const run of now) run();
  };
  return timer;
}

function recordingLog(): Logger & { warnings: { event: string; fields?: Record<string, unknown> }[] } {
  const warnings: { event: string; fields?: Record<string, unknown> }[] = [];
  const ignore = () => {};
  return { warnings, info: ignore, error: ignore, warn: (event, fields) => void warnings.push({ event, fields }) };
}

/** Titles of the cards a search for whole words finds. */
async function found(search: CardSearchEngine, communityId: string, words: string): Promise<string[]> {
  return (await search.search(communityId, parseQuery(`${words} `), 0, 10)).hits.map((h) => h.card.title);
}

/**
 * Checks every card row against its derived rows: its marker is clear, and its listing
 * row and search document show it as it is, at its revision; no document is left of a card that is not there.
 */
async function expectDerivedRowsMatchCards(tables: Tables): Promise<number> {
  const documents = new Map<string, { title: string; archived: boolean; revision: number }>();
  for await (const row of tables.searchDocs.listEntities<{ title: string; archived: boolean; revision: number }>()) {
    documents.set(`${row.partitionKey}/${row.rowKey}`, { title: row.title, archived: row.archived, revision: row.revision });
  }
  const seen = new Set<string>();
  let cards = 0;
  for await (const row of tables.cards.listEntities<Record<string, unknown>>()) {
    cards += 1;
    const stored: KnowledgeCard = cardFromEntity(row, stripTags);
    const summary = summarize(stored);
    expect({ card: stored.id, indexState: row.indexState }).toEqual({ card: stored.id, indexState: 'indexed' });
    const listing = await tables.recent
      .getEntity<{ title: string; archived: boolean }>(communityPartition(stored.communityId), KEYS.recentRow(stored.createdAt, stored.id))
      .catch(() => undefined);
    expect({ card: stored.id, listed: listing && { title: listing.title, archived: listing.archived } }).toEqual({
      card: stored.id,
      listed: { title: summary.title, archived: summary.archived },
    });
    const key = `${communityPartition(stored.communityId)}/${KEYS.searchDocRow(stored.id)}`;
    seen.add(key);
    expect({ card: stored.id, document: documents.get(key) }).toEqual({
      card: stored.id,
      document: { title: summary.title, archived: summary.archived, revision: revisionOf(row) },
    });
  }
  expect([...documents.keys()].filter((key) => !seen.has(key))).toEqual([]);
  return cards;
}

describe('CardIndexer (Azurite)', () => {
  it("lists and indexes the cards of other communities while one card's writes keep failing, and retries that card with growing pauses", async () => {
    const { tables } = await freshTables();
    const BAD = TENANT_COMMUNITY(666);
    let broken = true;
    // Every write of the bad community's derived rows fails, as a key Table storage refuses would.
    const failing = wrapTables(tables, (client, name) =>
      intercepted(client, async (method, args, call) => {
        if (broken && name !== 'cards' && partitionOf(method, args)?.startsWith(communityPartition(BAD))) {
          throw Object.assign(new Error('One of the request inputs is not valid.'), { statusCode: 400, code: 'InvalidInput' });
        }
        return call();
      }),
    );
    const timer = manualTimer();
    const log = recordingLog();
    const { cards, indexer, search } = tableCardStore(failing, stripTags, { timer, log, retryDelayMs: 1_000, maxRetryDelayMs: 60_000 });

    const bad = card({ communityId: BAD, title: 'Wombat notes that will not index', source: { conversationId: 'c', messageId: 'bad-1' } });
    await cards.create(bad);
    const good = [1, 2, 3, 4, 5].map((n) =>
      card({ communityId: TENANT_COMMUNITY(n), title: `Wombat notes ${n}`, source: { conversationId: 'c', messageId: `good-${n}` } }),
    );
    for (const c of good) await cards.create(c);
    await indexer.idle();

    for (const c of good) {
      expect(await found(search, c.communityId, 'wombat')).toEqual([c.title]);
      expect((await cards.recent(c.communityId, 0, 10)).cards.map((s) => s.id)).toEqual([c.id]);
    }
    expect((await cards.recent(BAD, 0, 10)).cards).toEqual([]);
    expect(log.warnings.filter((w) => w.event === 'index.retry').map((w) => [w.fields?.cardId, w.fields?.failures])).toEqual([[bad.id, 1]]);

    // Each failure doubles the pause before the next try.
    for (let i = 0; i < 3; i++) {
      timer.fireAll();
      await indexer.idle();
    }
    expect(timer.waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect((await cards.recent(BAD, 0, 10)).cards).toEqual([]);

    // Once storage takes the writes, the next try lists it.
    broken = false;
    timer.fireAll();
    await indexer.idle();
    expect((await cards.recent(BAD, 0, 10)).cards.map((s) => s.id)).toEqual([bad.id]);
    expect(timer.waits).toHaveLength(4);
  });

  it('leaves every card listed and searchable as it is after interleaved saves, updates and archives on two instances with lost responses', async () => {
    const { tables } = await freshTables();
    const random = seededRandom(2026);
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Every request is delayed a little, differently each time, so requests of two
    // instances interleave in many orders; and a fifth of card writes land but lose
    // their answer, as a request that times out after storage took it does.
    const unreliable = (): Tables =>
      wrapTables(tables, (client, name) =>
        intercepted(client, async (method, _args, call) => {
          await pause(Math.floor(random() * 6));
          const result = await call();
          if (name === 'cards' && (method === 'createEntity' || method === 'updateEntity') && random() < 0.2) {
            throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
          }
          await pause(Math.floor(random() * 3));
          return result;
        }),
      );
    const instances: { cards: TableCardRepository; indexer: CardIndexer }[] = [
      tableCardStore(unreliable(), stripTags, { retryDelayMs: 5 }),
      tableCardStore(unreliable(), stripTags, { retryDelayMs: 5 }),
    ];
    const communities = [TENANT_COMMUNITY(1), TENANT_COMMUNITY(2)];
    const messages = Array.from({ length: 40 }, (_, i) => ({ communityId: communities[i % 2], messageId: `fuzz-${i}` }));
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
    const someWords = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]);
    const people = [ADA, GRACE, LINUS];

    const operation = async (i: number): Promise<void> => {
      const { cards } = instances[Math.floor(random() * instances.length)];
      const target = messages[Math.floor(random() * messages.length)];
      const choice = random();
      const tolerate = (error: unknown) => {
        if (
          error instanceof ConflictError ||
          error instanceof NotFoundError ||
          error instanceof StorageUnavailableError ||
          error instanceof CardAlreadyExistsError
        )
          return;
        throw error;
      };
      if (choice < 0.4) {
        const saved = card({
          communityId: target.communityId,
          title: `${someWords(3).join(' ')} ${i}`,
          tags: someWords(1),
          submissionId: `s-${i}`,
          source: { conversationId: 'c', messageId: target.messageId },
        });
        // A save whose answer was lost is sent again, as Teams retries an invoke.
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            await cards.create(saved);
            return;
          } catch (error) {
            tolerate(error);
            if (!(error instanceof StorageUnavailableError)) return;
          }
        }
        return;
      }
      const current = await cards
        .get(target.communityId, card({ communityId: target.communityId, source: { conversationId: 'c', messageId: target.messageId } }).id)
        .catch(tolerate);
      if (!current) return;
      const { version: _v, ...unversioned } = current;
      const by = people[i % people.length];
      const next: KnowledgeCard =
        choice < 0.75
          ? {
              ...unversioned,
              title: `${someWords(3).join(' ')} ${i}`,
              tags: someWords(2),
              updatedAt: new Date(Date.UTC(2026, 10, 2, 0, 0, i)).toISOString(),
              updatedBy: by,
            }
          : current.archivedAt
            ? { ...unversioned, archivedAt: undefined, archivedBy: undefined, updatedBy: by }
            : { ...unversioned, archivedAt: '2026-11-03T00:00:00.000Z', archivedBy: by, updatedBy: by };
      await cards
        .replace(next, [{ person: by, role: 'curator', cardId: current.id, at: next.updatedAt, title: next.title }], current)
        .catch(tolerate);
    };

    // 200 requests, eight at a time.
    let nextOp = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextOp < 200) await operation(nextOp++);
      }),
    );

    // Background work has run once neither instance has any left and no card row is marked.
    for (let waited = 0; ; waited += 1) {
      await Promise.all(instances.map((s) => s.indexer.idle()));
      const marked = await tables.cards.listEntities({ queryOptions: { filter: "indexState ne 'indexed'", select: ['cardId'] } }).next();
      if (marked.done) break;
      if (waited > 400) throw new Error(`Card ${JSON.stringify(marked.value)} still waits for its derived rows`);
      await pause(25);
    }
    expect(await expectDerivedRowsMatchCards(tables)).toBeGreaterThan(4);
  });

  it("leaves a card's rows as its latest revision shows it when a pass that read an older one writes last", async () => {
    const { tables } = await freshTables();
    // Instance A's derived writes wait until the test lets them go.
    let holdA = true;
    let releaseA: () => void = () => {};
    const released = new Promise<void>((resolve) => (releaseA = resolve));
    let heldA: () => void = () => {};
    const aHeld = new Promise<void>((resolve) => (heldA = resolve));
    const slowA = wrapTables(tables, (client, name) =>
      intercepted(client, async (method, args, call) => {
        if (holdA && name !== 'cards' && partitionOf(method, args) !== undefined) {
          heldA();
          await released;
        }
        return call();
      }),
    );
    const a = tableCardStore(slowA, stripTags);
    const b = tableCardStore(tables, stripTags);
    const original = card({
      communityId: TENANT_COMMUNITY(1),
      title: 'Quokka habits at dawn',
      tags: ['fauna'],
      source: { conversationId: 'c', messageId: 'overtaken-1' },
    });
    const stored = await a.cards.create(original);
    // A has read revision 1 and is writing its rows.
    await aHeld;
    // Meanwhile B changes the card and writes the rows of revision 2, all before A's land.
    await b.cards.replace({ ...original, title: 'Platypus habits at dusk', tags: ['wildlife'] }, [], stored);
    expect(await found(b.search, original.communityId, 'platypus')).toEqual(['Platypus habits at dusk']);
    holdA = false;
    releaseA();
    await a.indexer.idle();

    expect((await b.cards.recent(original.communityId, 0, 10)).cards.map((c) => c.title)).toEqual(['Platypus habits at dusk']);
    // An instance that builds its index from storage now finds the card as it is, never as it was.
    const fresh = tableCardStore(tables, stripTags).search;
    expect(await found(fresh, original.communityId, 'platypus')).toEqual(['Platypus habits at dusk']);
    expect(await found(fresh, original.communityId, 'quokka')).toEqual([]);
    expect(await expectDerivedRowsMatchCards(tables)).toBe(1);
  });

  it("writes an edited card's rows ahead of a backlog of saves, so the edit answers at once", async () => {
    const { tables } = await freshTables();
    const community = TENANT_COMMUNITY(1);
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // The backlog's listing writes hang until the test lets them go, holding every slot.
    const held = wrapTables(tables, (client, name) =>
      intercepted(client, async (method, args, call) => {
        if (name === 'recent' && partitionOf(method, args) !== undefined && JSON.stringify(args[0]).includes('Backlog')) await released;
        return call();
      }),
    );
    const { cards, indexer } = tableCardStore(held, stripTags, { concurrency: 2 });
    const edited = card({ communityId: community, title: 'Capybara care', source: { conversationId: 'c', messageId: 'edit-1' } });
    const stored = await cards.create(edited);
    await indexer.idle();
    for (let i = 0; i < 6; i++)
      await cards.create(
        card({ communityId: community, title: `Backlog ${i}`, source: { conversationId: 'c', messageId: `backlog-${i}` } }),
      );

    await cards.replace({ ...edited, title: 'Capybara feeding' }, [], stored);
    expect((await cards.recent(community, 0, 10)).cards.map((c) => c.title)).toEqual(['Capybara feeding']);

    release();
    await indexer.idle();
    expect((await cards.recent(community, 0, 10)).cards).toHaveLength(7);
  });

  it('takes an update whose card only had its marker cleared since it was read, rather than calling it a conflict', async () => {
    const { tables } = await freshTables();
    const community = TENANT_COMMUNITY(1);
    const background = tableCardStore(tables, stripTags);
    let clearFirst = true;
    // Between the update's read of the row and its write, the indexer clears the row's marker.
    const racing = wrapTables(tables, (client, name) =>
      intercepted(client, async (method, args, call) => {
        if (name === 'cards' && method === 'updateEntity' && args[1] === 'Replace' && clearFirst) {
          clearFirst = false;
          await background.indexer.refresh({ communityId: community, cardId: (args[0] as { cardId: string }).cardId });
        }
        return call();
      }),
    );
    const quiet = { schedule: async () => {}, refresh: async () => {} };
    const cards = new TableCardRepository(racing, stripTags, quiet);
    const saved = card({ communityId: community, title: 'Gecko lighting', source: { conversationId: 'c', messageId: 'marker-1' } });
    const stored = await cards.create(saved);

    const updated = await cards.replace({ ...saved, title: 'Gecko heating' }, [], stored);
    expect(updated.version).toBe('2');
    expect(clearFirst).toBe(false);
    await background.indexer.refresh({ communityId: community, cardId: saved.id });
    expect((await background.cards.recent(community, 0, 10)).cards.map((c) => c.title)).toEqual(['Gecko heating']);
  });
});
