import { systemClock } from '../bot/src/domain/shared/clock';
import { parseQuery } from '../bot/src/domain/search/searchQuery';
import type { SearchDocument } from '../bot/src/search/searchDocuments';
import { SearchEngine } from '../bot/src/search/searchEngine';
import { seededRandom } from './fixtures';
import { benchDocument } from './search';

/*
 * The service's memory with every community's index loaded: `node --expose-gc --import tsx
 * bench/searchMemory.ts` (BENCH_MEMORY_SPREAD, default 100x1000: communities x cards). The
 * engine reads the same documents the search part seeds into Table storage, made on demand
 * here so nothing but the indexes holds them; the service's own modules are loaded too.
 */

const [COMMUNITIES, CARDS] = (process.env.BENCH_MEMORY_SPREAD ?? '100x1000').split('x').map(Number);

async function main(): Promise<void> {
  // The whole service's code, as a running instance has it loaded.
  await import('../bot/src/service');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const engine = new SearchEngine(
    {
      load: async (communityId) => {
        const seed = Number(communityId.split('-')[1]);
        const random = seededRandom(100_000 + seed);
        const documents: SearchDocument[] = Array.from({ length: CARDS }, (_, i) => benchDocument(random, `card-${seed}-${i}`, i));
        return { documents, entitiesRead: documents.length };
      },
      changesSince: async () => ({ changes: [], entitiesRead: 0 }),
    },
    { clock: systemClock, budgetBytes: Number.MAX_SAFE_INTEGER },
  );
  for (let c = 0; c < COMMUNITIES; c++) await engine.search(`community-${c}`, parseQuery('deploy '), 0, 10);
  gc?.();
  const usage = process.memoryUsage();
  const stats = engine.stats();
  process.stdout.write(
    `${stats.cards.toLocaleString('en-US')} cards across ${stats.communities} communities, all searched: ` +
      `RSS ${(usage.rss / 2 ** 20).toFixed(0)} MB (${(before / 2 ** 20).toFixed(0)} MB before any index), ` +
      `heap ${(usage.heapUsed / 2 ** 20).toFixed(0)} MB, indexes estimated at ${(stats.estimatedBytes / 2 ** 20).toFixed(0)} MB.\n`,
  );
}

void main();
