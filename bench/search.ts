import { randomUUID } from 'node:crypto';
import type { TransactionAction } from '@azure/data-tables';
import { STORAGE_DEFAULTS, azuriteConnectionString } from '../bot/src/config/config';
import { textOfSafeHtml } from '../bot/src/content/index';
import { parseQuery } from '../bot/src/domain/search/searchQuery';
import { searchCards } from '../bot/src/domain/search/searchCards';
import { CommunityIndex } from '../bot/src/search/communityIndex';
import { evaluateRelevance, relevanceDocuments, type RelevanceFigures } from '../bot/src/search/relevanceSet';
import type { SearchDocument } from '../bot/src/search/searchDocuments';
import { KEYS } from '../bot/src/storage/cardEntities';
import { tableCardStore } from '../bot/src/storage/tableCardRepository';
import { searchDocumentRow } from '../bot/src/storage/tableSearchDocuments';
import { ensureTables, openTables, type Tables } from '../bot/src/storage/tables';
import { startAzurite } from '../scripts/local/stack';
import { card, message } from '../test-support/builders';
import { TAGS, VOCABULARY, benchmarkQueries, pick, seededRandom } from './fixtures';
import { runPartAsScript, type BenchPart } from './part';
import { measure, summarize, type LatencySummary } from './stats';

/*
 * The search part of `npm run bench` (also `npx tsx bench/search.ts` alone): the search
 * use case over the engine and Table storage (Azurite), in this process, next to a floor
 * measured in the same run at the same concurrency: one Table point read, the least a
 * request that touches storage can cost. Sizes come from BENCH_SEARCH_SIZES (cards in one
 * community) and BENCH_SEARCH_SPREAD (communities x cards each). Method: docs/benchmarks.md.
 */

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000').split(',').map(Number);
const [SPREAD_COMMUNITIES, SPREAD_CARDS] = (process.env.BENCH_SEARCH_SPREAD ?? '100x1000').split('x').map(Number);
const CONCURRENCIES = [1, 32];
const REQUESTS = { 1: 400, 32: 1280 } as Record<number, number>;
const WARMUP = 200;

interface ScenarioFigures {
  scenario: string;
  concurrency: number;
  search: LatencySummary;
  floor: LatencySummary;
  entitiesPerSearch: number;
}

export interface SearchFigures {
  scenarios: ScenarioFigures[];
  coldLoads: { scenario: string; cards: number; entitiesRead: number; ms: number }[];
  freshness: { sameInstanceMs: number; otherInstanceMs: number };
  rssMb: { cards: number; communities: number; rssMb: number; heapMb: number; estimatedIndexMb: number };
  relevance: Omit<RelevanceFigures, 'misses'> & { missed: string[] };
}

/** A seeded card's search document, drawn from the benchmark's vocabulary. */
export function benchDocument(random: () => number, id: string, at: number): SearchDocument {
  const words = pick(random, VOCABULARY, 40);
  const createdAt = new Date(Date.UTC(2026, 0, 1) + at * 60_000).toISOString();
  const text = `${words.slice(5, 25).join(' ')}.\n${words.slice(25).join(' ')} ${words[0]}.`;
  return {
    summary: {
      id,
      title: words.slice(0, 5).join(' '),
      summary: words.slice(5, 16).join(' '),
      excerpt: text.slice(0, 500),
      kind: 'how-to',
      tags: pick(random, TAGS, 2),
      authorNames: [`Author ${at % 50}`],
      harvesterName: `Author ${at % 50}`,
      createdAt,
      archived: false,
      reviewDueAt: '2027-01-01T00:00:00.000Z',
      ownerId: `aad-${at % 50}`,
    },
    updatedAt: createdAt,
    revision: 1,
    text,
    authorNames: [`Author ${at % 50}`],
  };
}

/** Writes a community's search documents 100 to a transaction, as storage takes them in one partition. */
async function seedCommunity(tables: Tables, communityId: string, count: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const rows = Array.from({ length: count }, (_, i) => {
    const document = benchDocument(random, `card-${seed}-${i}`, i);
    return searchDocumentRow(communityId, KEYS.searchDocRow(document.summary.id), document);
  });
  const batches: TransactionAction[][] = [];
  for (let i = 0; i < rows.length; i += 100) batches.push(rows.slice(i, i + 100).map((row) => ['upsert', row, 'Replace']));
  await measure(batches.length, 2, async (i) => void (await tables.searchDocs.submitTransaction(batches[i])));
}

const communityOf = (name: string) => `bench|${name}`;

async function scenario(
  tables: Tables,
  label: string,
  communities: string[],
  concurrency: number,
): Promise<{ figures: ScenarioFigures; cold?: SearchFigures['coldLoads'][number] }> {
  const store = tableCardStore(tables, textOfSafeHtml);
  const ports = { cards: store.cards, search: store.search, gaps: store.gaps };
  const floorRow = { partitionKey: 'floor', rowKey: 'floor', value: 1 };
  await tables.searchDocs.upsertEntity(floorRow);
  const now = new Date();
  // Cold loads, measured once per community before the timed runs.
  let coldEntities = 0;
  const coldStart = performance.now();
  for (const communityId of communities) {
    coldEntities += (await store.search.search(communityId, parseQuery('warmup'), 0, 1)).entitiesRead;
  }
  const coldMs = performance.now() - coldStart;
  const queries = benchmarkQueries(seededRandom(7), REQUESTS[concurrency] + WARMUP);
  const searchOnce = async (i: number) => {
    const page = await searchCards({ communityId: communities[i % communities.length], text: queries[i], count: 10, now }, ports);
    reads.push(page.entitiesRead);
  };
  const floorOnce = async () => void (await tables.searchDocs.getEntity('floor', 'floor'));
  let reads: number[] = [];
  await measure(WARMUP, concurrency, searchOnce);
  await measure(WARMUP, concurrency, floorOnce);
  reads = [];
  // Alternating halves, so both see the machine's good and bad moments alike.
  const half = REQUESTS[concurrency] / 2;
  const search: number[] = [];
  const floor: number[] = [];
  for (let round = 0; round < 2; round++) {
    search.push(...(await measure(half, concurrency, (i) => searchOnce(WARMUP + round * half + i))));
    floor.push(...(await measure(half, concurrency, floorOnce)));
  }
  await store.gaps.idle();
  return {
    figures: {
      scenario: label,
      concurrency,
      search: summarize(search),
      floor: summarize(floor),
      entitiesPerSearch: reads.reduce((s, r) => s + r, 0) / (reads.length || 1),
    },
    cold: { scenario: label, cards: coldEntities, entitiesRead: coldEntities, ms: coldMs },
  };
}

/** How long until a card saved through one instance is found through it, and through another. */
async function freshness(tables: Tables): Promise<SearchFigures['freshness']> {
  const communityId = communityOf('freshness');
  const a = tableCardStore(tables, textOfSafeHtml);
  const b = tableCardStore(tables, textOfSafeHtml);
  const q = parseQuery('zyzzyva ');
  await a.search.search(communityId, q, 0, 1);
  await b.search.search(communityId, q, 0, 1);
  const saved = card({
    communityId,
    title: `Zyzzyva notes ${randomUUID()}`,
    messages: [message({ messageId: randomUUID(), text: 'zyzzyva', html: '<p>zyzzyva</p>' })],
    source: { conversationId: 'c', messageId: randomUUID() },
  });
  const started = performance.now();
  await a.cards.create(saved);
  const until = async (engine: typeof a.search) => {
    while ((await engine.search(communityId, q, 0, 1)).hits.length === 0) await new Promise((r) => setTimeout(r, 50));
    return performance.now() - started;
  };
  const [sameInstanceMs, otherInstanceMs] = await Promise.all([until(a.search), until(b.search)]);
  await a.indexer.idle();
  return { sameInstanceMs, otherInstanceMs };
}

export async function benchmarkSearch(): Promise<SearchFigures> {
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  const storage = { kind: 'connectionString' as const, connectionString: azuriteConnectionString(azurite.port) };
  const tables = openTables(storage, 'benchsearch');
  // Seeding writes 100 rows a request as fast as the emulator takes them: its requests may
  // take longer than the service's per-attempt limit, which the measured requests keep.
  const seeding = openTables(storage, 'benchsearch', { timeouts: { ...STORAGE_DEFAULTS, attemptTimeoutMs: 120_000 } });
  try {
    await ensureTables(tables);
    const started = Date.now();
    for (const size of SIZES) await seedCommunity(seeding, communityOf(`one-${size}`), size, size);
    const spread = Array.from({ length: SPREAD_COMMUNITIES }, (_, i) => communityOf(`spread-${i}`));
    await measure(spread.length, 2, (i) => seedCommunity(seeding, spread[i], SPREAD_CARDS, 100_000 + i));
    process.stdout.write(`  search: seeded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

    const scenarios: ScenarioFigures[] = [];
    const coldLoads: SearchFigures['coldLoads'] = [];
    const spreadLabel = `${(SPREAD_COMMUNITIES * SPREAD_CARDS).toLocaleString('en-US')} cards across ${SPREAD_COMMUNITIES} communities`;
    for (const concurrency of CONCURRENCIES) {
      for (const size of SIZES) {
        const { figures, cold } = await scenario(
          tables,
          `${size.toLocaleString('en-US')} cards in one community`,
          [communityOf(`one-${size}`)],
          concurrency,
        );
        scenarios.push(figures);
        if (concurrency === 1 && cold) coldLoads.push(cold);
      }
      const { figures, cold } = await scenario(tables, spreadLabel, spread, concurrency);
      scenarios.push(figures);
      if (concurrency === 1 && cold)
        coldLoads.push({ ...cold, entitiesRead: Math.round(cold.entitiesRead / spread.length), cards: SPREAD_CARDS });
    }

    // Memory: one engine holding every community of the spread, all searched.
    const memory = tableCardStore(tables, textOfSafeHtml);
    for (const communityId of spread) await memory.search.search(communityId, parseQuery('deploy '), 0, 10);
    (globalThis as { gc?: () => void }).gc?.();
    const usage = process.memoryUsage();
    const stats = memory.search.stats();
    const rssMb = {
      cards: stats.cards,
      communities: stats.communities,
      rssMb: usage.rss / 2 ** 20,
      heapMb: usage.heapUsed / 2 ** 20,
      estimatedIndexMb: stats.estimatedBytes / 2 ** 20,
    };

    const fresh = await freshness(tables);
    const documents = relevanceDocuments();
    const index = new CommunityIndex();
    for (const document of documents) index.put(document);
    const relevance = await evaluateRelevance(
      async (query) => index.search(parseQuery(query), 0, 10, new Date('2026-06-01')).hits.map((h) => h.card.id),
      documents.length,
    );
    const { misses, ...figures } = relevance;
    return { scenarios, coldLoads, freshness: fresh, rssMb, relevance: { ...figures, missed: misses.map((m) => m.query) } };
  } finally {
    await azurite.stop();
  }
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

export function searchReport(f: SearchFigures): { lines: string[]; checks: (readonly [string, boolean])[] } {
  const lines = [
    'Search (in process, over Azurite), next to a floor of one Table point read in the same run:',
    '| scenario | concurrency | search p50 | search p95 | floor p95 | ratio p95 | entities read per search |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...f.scenarios.map(
      (s) =>
        `| ${s.scenario} | ${s.concurrency} | ${ms(s.search.p50)} | ${ms(s.search.p95)} | ${ms(s.floor.p95)} | ${(s.search.p95 / s.floor.p95).toFixed(2)} | ${s.entitiesPerSearch.toFixed(2)} |`,
    ),
    '',
    '| cold load | cards | entities read | time |',
    '| --- | --- | --- | --- |',
    ...f.coldLoads.map((c) => `| ${c.scenario} | ${c.cards} per community | ${c.entitiesRead} per community | ${ms(c.ms)} in all |`),
    '',
    `Found after a save: through the same instance ${ms(f.freshness.sameInstanceMs)}, through another ${ms(f.freshness.otherInstanceMs)}.`,
    `Memory with ${f.rssMb.cards.toLocaleString('en-US')} cards across ${f.rssMb.communities} communities, all searched: RSS ${f.rssMb.rssMb.toFixed(0)} MB (heap ${f.rssMb.heapMb.toFixed(0)} MB; indexes estimated at ${f.rssMb.estimatedIndexMb.toFixed(0)} MB).`,
    `Relevance: ${f.relevance.queries} searches over ${f.relevance.cards} cards: recall@5 ${f.relevance.recallAt5.toFixed(3)}, MRR ${f.relevance.mrr.toFixed(3)}; missed: ${f.relevance.missed.join('; ') || 'none'}.`,
  ];
  const checks = [
    ...f.scenarios
      .filter((s) => s.concurrency === 32)
      .map((s) => [`search p95 within 2× the floor at concurrency 32 (${s.scenario})`, s.search.p95 <= 2 * s.floor.p95] as const),
    ['a card saved through another instance is found within 5 s', f.freshness.otherInstanceMs <= 5_000] as const,
    ['RSS under 600 MB with every community searched', f.rssMb.rssMb < 600] as const,
    ['recall@5 at least 0.9', f.relevance.recallAt5 >= 0.9] as const,
  ];
  return { lines, checks };
}

export const searchPart: BenchPart<SearchFigures> = { name: 'Search', run: benchmarkSearch, report: searchReport };

if (require.main === module) runPartAsScript(searchPart);
