import { gzipSync } from 'node:zlib';
import { azuriteConnectionString, loadConfig, type AppConfig } from '../bot/src/config/config';
import { communityId } from '../bot/src/domain/communities/community';
import { saveCard } from '../bot/src/domain/cards/saveCard';
import { PLAYGROUND } from '../bot/src/directory/developmentTeamDirectory';
import { silentLogger } from '../bot/src/logging';
import { startService } from '../bot/src/service';
import { ROOT } from '../scripts/local/processes';
import { startAzurite } from '../scripts/local/stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildTab } from '../test-support/browser';
import { waitHealthy } from '../test-support/storage';
import { TAGS, VOCABULARY, pick, seededRandom } from './fixtures';
import { seedingPorts } from './seedingPorts';
import { summarize } from './stats';
import { runPartAsScript, type BenchPart } from './part';

/** What the tab benchmark found. */
export interface TabFigures {
  /** Every JavaScript file the first page loaded before 50 cards showed, gzipped. */
  initialJsGzipKb: number;
  initialJsFiles: number;
  /** Navigation start to 50 cards visible, per run, in milliseconds. */
  toFiftyCards: { runs: number; median: number; p95: number; min: number; max: number };
}

const RUNS = 15;

/**
 * The tab's production build, served by the service as in Azure, opened in headless
 * Chromium over a community of 200 cards: what JavaScript the first page loads, and how
 * long from navigation until 50 cards are on screen (median over fresh browser contexts).
 */
export async function benchmarkTab(): Promise<TabFigures> {
  const tabDir = buildTab(ROOT, 'commonplace-tab-bench-');
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  const config: AppConfig = {
    ...loadConfig({}),
    port: 0,
    storage: { kind: 'connectionString', connectionString: azuriteConnectionString(azurite.port) },
    tablePrefix: `benchtab${Date.now()}`,
    tabDir,
  };
  const service = await startService(config, { log: silentLogger });
  // Loaded here, not at the top: run.ts reads this module's report without a browser driver.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await waitHealthy(service.url);
    await seedPlaygroundCommunity(config, 200);

    const samples: number[] = [];
    let js = new Map<string, number>();
    for (let run = 0; run < RUNS + 1; run += 1) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const loaded = new Map<string, number>();
      page.on('response', async (response) => {
        if (!response.url().endsWith('.js')) return;
        const body = await response.body().catch(() => undefined);
        if (body) loaded.set(response.url(), gzipSync(body).length);
      });
      const started = Date.now();
      await page.goto(service.url);
      await page.locator('[data-testid="card-list-item"]').nth(49).waitFor({ state: 'visible', timeout: 30_000 });
      const elapsed = Date.now() - started;
      // The first run warms the service and the emulator; it is not counted.
      if (run > 0) samples.push(elapsed);
      if (run === 1) js = new Map(loaded);
      await context.close();
    }
    const latency = summarize(samples);
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      initialJsGzipKb: [...js.values()].reduce((s, v) => s + v, 0) / 1024,
      initialJsFiles: js.size,
      toFiftyCards: { runs: samples.length, median: latency.p50, p95: latency.p95, min: sorted[0], max: sorted[sorted.length - 1] },
    };
  } finally {
    await browser.close();
    await service.close();
    await azurite.stop();
  }
}

async function seedPlaygroundCommunity(config: AppConfig, size: number): Promise<void> {
  const ports = seedingPorts(config);
  const community = communityId({
    scope: 'channel',
    tenantId: PLAYGROUND.tenantId,
    teamId: PLAYGROUND.teamId,
    conversationId: PLAYGROUND.channelId,
  });
  const random = seededRandom(3);
  for (let i = 0; i < size; i += 1) {
    const words = pick(random, VOCABULARY, 16);
    const text = `${words.slice(0, 5).join(' ')}. ${words.slice(5).join(' ')}.`;
    await saveCard(
      {
        communityId: community,
        harvester: PLAYGROUND.user,
        submissionId: `tab-bench-${i}`,
        source: { conversationId: PLAYGROUND.channelId, messageId: `tab-bench-${i}` },
        actedMessage: {
          messageId: `tab-bench-${i}`,
          author: { id: `author-${i % 20}`, name: `Author ${i % 20}` },
          sentAt: new Date().toISOString(),
          html: `<p>${text}</p>`,
          text,
        },
        replyIds: [],
        fields: { title: words.slice(0, 5).join(' '), summary: words.slice(5).join(' '), kind: 'how-to', tags: pick(random, TAGS, 2) },
      },
      ports,
    );
  }
  await ports.indexer.idle();
}

/** The tab's figures as markdown lines, with its targets. */
export function tabReport(figures: TabFigures): { lines: string[]; checks: (readonly [string, boolean])[] } {
  const f = figures.toFiftyCards;
  return {
    lines: [
      '| tab | figure |',
      '|---|---|',
      `| initial JavaScript (every .js loaded before the list shows), gzip | ${figures.initialJsGzipKb.toFixed(1)} KB in ${figures.initialJsFiles} files |`,
      `| navigation → 50 cards visible, ${f.runs} runs | median ${f.median} ms, p95 ${f.p95} ms (min ${f.min}, max ${f.max}) |`,
    ],
    checks: [
      ['tab initial JavaScript ≤ 180 KB gzip', figures.initialJsGzipKb <= 180] as const,
      ['tab: 50 cards visible ≤ 1 s after navigation (median)', f.median <= 1000] as const,
    ],
  };
}

/** The tab's part of `npm run bench`; alone: `npx tsx bench/tab.ts`. */
const tabPart: BenchPart<TabFigures> = { name: 'Tab', run: benchmarkTab, report: tabReport };

if (require.main === module) runPartAsScript(tabPart);
