import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { azuriteConnectionString, loadConfig, type AppConfig } from '../bot/src/config/config';
import { communityId } from '../bot/src/domain/communities/community';
import { saveCard } from '../bot/src/domain/cards/saveCard';
import { searchCards } from '../bot/src/domain/search/searchCards';
import type { Logger } from '../bot/src/logging';
import { composeService } from '../bot/src/service';
import { tableCardStore } from '../bot/src/storage/tableCardRepository';
import { openTables, type Tables } from '../bot/src/storage/tables';
import type { TableEntity } from '@azure/data-tables';
import type { TaskModuleTaskInfo } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { textOfSafeHtml } from '../bot/src/content/index';
import { ROOT } from '../scripts/local/processes';
import { startAzurite } from '../scripts/local/stack';
import { channelInvoke, messagePayload, type TeamsChannel, type TeamsUser } from '../test-support/activities';
import { waitHealthy } from '../test-support/storage';
import { TAGS, VOCABULARY, benchmarkQueries, pick, seededRandom } from './fixtures';
import { measure, summarize, type LatencySummary } from './stats';
import { measureIndexLag, measureSavesAgainstFloor, type SavePath, type SaveRounds } from './saves';
import { SIZED_FLOOR_COMMAND, sizedFloorReplies } from './sizedFloor';
import { benchDirectory, measureApi } from './api';
import { tabReport, type TabFigures } from './tab';
import { schedulerReport, type SchedulerFigures } from './scheduler';
import { searchReport, type SearchFigures } from './search';
import { runPartInChild } from './part';
import { seedingPorts } from './seedingPorts';
import { PLAYGROUND } from '../bot/src/directory/developmentTeamDirectory';

/*
 * `npm run bench`: latency of "Save to community" and of search, against Azurite, next
 * to a floor (the same service answering an empty invoke plus one Table upsert) and a
 * sized floor (a save's bytes without a save's code, bench/sizedFloor.ts), and the
 * entities each search reads at 1k and 10k cards; and the reminder scheduler (bench/scheduler.ts).
 * Method and figures: docs/benchmarks.md.
 */

// The tab's API signs the benchmark in with the development identity, whose tenant this is.
const TENANT = PLAYGROUND.tenantId;
const USER: TeamsUser = { id: 'user-bench', name: 'Bench Person', aadObjectId: 'aad-bench' };
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const CONCURRENCIES = [1, 32];
/** Requests per search or API scenario. */
const REQUESTS = { 1: 400, 32: 1280 } as Record<number, number>;
/**
 * Rounds of floor, sized floor and saves at each concurrency (see bench/saves.ts), and
 * requests per path in each round. Many short rounds, rather than a few long ones, let
 * the paths share this machine's good and bad moments alike; twelve put each path in
 * each position of a round four times.
 */
const SAVE_ROUNDS = Number(process.env.BENCH_SAVE_ROUNDS ?? 12);
const SAVE_ROUND_REQUESTS = { 1: 200, 32: 640 } as Record<number, number>;
/** Saves land in a community of their own, so the searched communities keep their sizes. */
const SAVE_COMMUNITY_SIZE = 1000;
/** Saves whose index lag is measured at each concurrency, after the rounds against the floor. */
const INDEX_LAG_SAVES = { 1: 100, 32: 320 } as Record<number, number>;
/** Unmeasured requests that warm up each path, so none pays for compiling its code while measured. */
const WARMUP = 500;
const FLOOR_COMMAND = 'benchFloor';

/**
 * A benchmark save's content: a title of 5 words, a summary of 11, a tag and a message
 * with bold text and a list, drawn like the seeded cards' words.
 */
function sampleSave(random: () => number, i = 0): { title: string; summary: string; tag: string; html: string } {
  const words = pick(random, VOCABULARY, 16);
  const summary = words.slice(5).join(' ');
  return {
    title: words.slice(0, 5).join(' '),
    summary,
    tag: pick(random, TAGS, 1)[0],
    html: `<p>${words[0]} the <b>${words[1]} ${words[2]}</b> before ${words[3]} ${i}.</p><ul><li>${words[4]}</li><li>${summary}</li></ul>`,
  };
}

function channelFor(size: number): TeamsChannel {
  return { tenantId: TENANT, teamId: 'bench-team', channelId: `19:bench-${size}@thread.tacv2` };
}

const SAVE_CHANNEL: TeamsChannel = { tenantId: TENANT, teamId: 'bench-team', channelId: '19:bench-saves@thread.tacv2' };

/** A loopback stand-in for the Bot Connector, so the thanks posted after a save go somewhere. */
async function startConnector(): Promise<{ url: string; posts: () => number; close: () => void }> {
  let posts = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, posts: () => posts, close: () => server.close() };
}

async function seed(config: AppConfig, channel: TeamsChannel, size: number): Promise<void> {
  const ports = seedingPorts(config);
  const random = seededRandom(size);
  const community = communityId({ scope: 'channel', ...channel, conversationId: channel.channelId });
  const started = Date.now();
  let done = 0;
  await measure(size, 16, async (i) => {
    const words = pick(random, VOCABULARY, 16);
    const text = `${words.slice(0, 5).join(' ')}. ${words.slice(5).join(' ')}.`;
    await saveCard(
      {
        communityId: community,
        harvester: { id: USER.aadObjectId, name: USER.name },
        submissionId: randomUUID(),
        source: { conversationId: channel.channelId, messageId: `seed-${size}-${i}` },
        actedMessage: {
          messageId: `seed-${size}-${i}`,
          author: { id: `author-${i % 50}`, name: `Author ${i % 50}` },
          sentAt: new Date().toISOString(),
          html: `<p>${text}</p>`,
          text,
        },
        replyIds: [],
        fields: { title: words.slice(0, 5).join(' '), summary: words.slice(5).join(' '), kind: 'how-to', tags: pick(random, TAGS, 2) },
      },
      ports,
    );
    if (++done % 1000 === 0)
      process.stdout.write(
        `  … ${done.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} saved (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
      );
  });
  await ports.indexer.idle();
  process.stdout.write(
    `  seeded and indexed ${size.toLocaleString('en-US')} cards (${channel.channelId}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** Warnings and errors the benchmark's service logged, by event: a retried index write shows here. */
const warnings: Record<string, number> = {};

/** A logger that writes nothing and counts warnings and errors by event. */
function countingLogger(counts: Record<string, number>): Logger {
  const count = (event: string) => void (counts[event] = (counts[event] ?? 0) + 1);
  return { info: () => {}, warn: count, error: count };
}

async function main(): Promise<void> {
  process.stdout.write('Commonplace benchmark\n');
  // The tab first, on its own emulator and service, so nothing else competes with the
  // browser; then the scheduler, also on an emulator of its own. Each runs in a process of
  // its own, so the service measured below carries only what it carries in production.
  const tab = process.env.BENCH_TAB === '0' ? undefined : await runPartInChild<TabFigures>(path.join(__dirname, 'tab.ts'));
  const scheduler =
    process.env.BENCH_SCHEDULER === '0' ? undefined : await runPartInChild<SchedulerFigures>(path.join(__dirname, 'scheduler.ts'));
  // The search engine at 1k, 10k and 100k cards, beside its floor (bench/search.ts).
  const searchFigures =
    process.env.BENCH_SEARCH === '0' ? undefined : await runPartInChild<SearchFigures>(path.join(__dirname, 'search.ts'));
  const azurite = await startAzurite({ output: { kind: 'ignore' } });
  const connector = await startConnector();
  const config: AppConfig = {
    ...loadConfig({}),
    port: 0,
    storage: { kind: 'connectionString', connectionString: azuriteConnectionString(azurite.port) },
    tablePrefix: `bench${Date.now()}`,
    // One benchmark person makes thousands of API requests a minute; the per-person
    // limit still runs on each request, it just never refuses one here.
    apiRateLimitPerMinute: 100_000,
  };
  const sized = sizedFloorReplies({
    ...sampleSave(seededRandom(5)),
    communityId: communityId({ scope: 'channel', ...SAVE_CHANNEL, conversationId: SAVE_CHANNEL.channelId }),
    conversationId: SAVE_CHANNEL.channelId,
    person: { id: USER.aadObjectId, name: USER.name },
  });
  // The benchmark's own service: the product's parts, plus the floors' commands.
  const parts = composeService(config, { log: countingLogger(warnings), directory: benchDirectory('bench-team') });
  registerFloors(parts.app, parts.tables, sized.row, sized.answer);
  const service = await parts.start();
  const settled = () => parts.indexer.idle();
  try {
    await waitHealthy(service.url);
    for (const size of SIZES) await seed(config, channelFor(size), size);
    await seed(config, SAVE_CHANNEL, SAVE_COMMUNITY_SIZE);

    const postJson = async (json: string): Promise<string> => {
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: json,
      });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`invoke answered ${response.status}: ${body.slice(0, 200)}`);
      return body;
    };
    const post = (activity: Record<string, unknown>) => postJson(JSON.stringify(activity));

    const results: { scenario: string; concurrency: number; latency: LatencySummary }[] = [];
    const saveRounds: SaveRoundsRow[] = [];
    const indexLags: IndexLagRow[] = [];
    for (const concurrency of CONCURRENCIES) {
      const total = REQUESTS[concurrency];
      const floorInvoke = () =>
        channelInvoke({
          name: 'composeExtension/submitAction',
          channel: SAVE_CHANNEL,
          from: USER,
          serviceUrl: connector.url,
          value: { commandId: FLOOR_COMMAND, commandContext: 'message', data: {} },
        });
      const runId = randomUUID().slice(0, 8);
      const random = seededRandom(concurrency);
      // The sized floor is sent a save's own invoke, addressed to its command.
      const saveInvoke = (label: string, i: number, commandId = 'saveToCommunity', titleStart = ''): Record<string, unknown> => {
        const id = `bench-${runId}-${concurrency}-${label}-${i}`;
        // Different words each time, as real cards have, so the index rows spread over
        // partitions as they do in a community.
        const save = sampleSave(random, i);
        if (titleStart) save.title = `${titleStart} ${save.title}`;
        return channelInvoke({
          name: 'composeExtension/submitAction',
          channel: SAVE_CHANNEL,
          from: USER,
          serviceUrl: connector.url,
          threadId: id,
          value: {
            commandId,
            commandContext: 'message',
            messagePayload: messagePayload({ id, from: USER, html: save.html }),
            data: {
              action: 'save',
              submissionId: randomUUID(),
              title: save.title,
              summary: save.summary,
              kind: 'how-to',
              tags: save.tag,
              newTags: '',
              replyIds: '',
            },
          },
        });
      };
      const invokeFor = (path: SavePath, round: number, i: number) =>
        path === 'floor' ? floorInvoke() : saveInvoke(`${path}-round${round}`, i, path === 'sized' ? SIZED_FLOOR_COMMAND : undefined);
      let burst: string[] = [];
      // Each path is warmed up first (unmeasured), so none pays for compiling its code.
      await measure(WARMUP, concurrency, (i) => post(invokeFor('save', -1, i)));
      await settled();
      await measure(WARMUP, concurrency, (i) => post(invokeFor('floor', -1, i)));
      await measure(WARMUP, concurrency, (i) => post(invokeFor('sized', -1, i)));
      // Searches below are measured on a settled index: every round ends settled. How
      // long the background work took after each burst is reported.
      const rounds = await measureSavesAgainstFloor({
        rounds: SAVE_ROUNDS,
        perRound: SAVE_ROUND_REQUESTS[concurrency],
        concurrency,
        prepare: (path, round) => {
          burst = Array.from({ length: SAVE_ROUND_REQUESTS[concurrency] }, (_, i) => JSON.stringify(invokeFor(path, round, i)));
        },
        send: (_path, _round, i) => postJson(burst[i]),
        settled,
      });
      results.push({ scenario: 'floor (empty invoke + 1 upsert)', concurrency, latency: summarize(rounds.latencies.floor) });
      results.push({ scenario: "sized floor (a save's bytes, none of its code)", concurrency, latency: summarize(rounds.latencies.sized) });
      results.push({ scenario: 'save (submitAction)', concurrency, latency: summarize(rounds.latencies.save) });
      saveRounds.push({
        concurrency,
        saves: SAVE_ROUND_REQUESTS[concurrency],
        rounds: rounds.rounds,
        catchUpMs: rounds.catchUpMs,
        cpuPerRequestUs: rounds.cpuPerRequestUs,
      });

      // Index lag: each saver saves a card whose title starts with a word of its own,
      // then searches for that word as a person would, until the card is among the results.
      // The words are random and of one length, so none is another's prefix or near-typo.
      const lagWords = Array.from({ length: INDEX_LAG_SAVES[concurrency] }, () => `lag${randomUUID().replaceAll('-', '').slice(0, 16)}`);
      const lagWord = (i: number) => lagWords[i];
      const { lags, notFound } = await measureIndexLag({
        saves: INDEX_LAG_SAVES[concurrency],
        concurrency,
        save: async (i) => void (await post(saveInvoke('lag', i, undefined, lagWord(i)))),
        found: async (i) => {
          const answer = await post(
            channelInvoke({
              name: 'composeExtension/query',
              channel: SAVE_CHANNEL,
              from: USER,
              serviceUrl: connector.url,
              value: { commandId: 'searchCards', parameters: [{ name: 'query', value: lagWord(i) }], queryOptions: { skip: 0, count: 10 } },
            }),
          );
          return answer.includes(`${lagWord(i)} `);
        },
        timeoutMs: 180_000,
      });
      indexLags.push({ concurrency, lag: summarize(lags), notFound: notFound.length });
      await settled();

      for (const size of SIZES) {
        const queries = benchmarkQueries(seededRandom(7), total);
        const search = await measure(total, concurrency, (i) =>
          post(
            channelInvoke({
              name: 'composeExtension/query',
              channel: channelFor(size),
              from: USER,
              serviceUrl: connector.url,
              value: { commandId: 'searchCards', parameters: [{ name: 'query', value: queries[i] }], queryOptions: { skip: 0, count: 10 } },
            }),
          ),
        );
        results.push({ scenario: `search at ${size.toLocaleString('en-US')} cards`, concurrency, latency: summarize(search) });
        results.push(...(await measureApi(service.url, channelFor(size), size, concurrency, total)));
      }
    }

    const tables = openTables(config.storage, config.tablePrefix);
    const { cards, search, gaps } = tableCardStore(tables, textOfSafeHtml);
    const reads: ReadsRow[] = [];
    for (const size of SIZES) {
      const community = communityId({ scope: 'channel', ...channelFor(size), conversationId: channelFor(size).channelId });
      const groups: Record<ReadsRow['kind'], number[]> = { 'empty (newest)': [], 'one word': [], 'two words': [] };
      for (const text of ['', ...benchmarkQueries(seededRandom(11), 120)]) {
        const kind: ReadsRow['kind'] = !text ? 'empty (newest)' : text.includes(' ') ? 'two words' : 'one word';
        groups[kind].push(
          (await searchCards({ communityId: community, text, count: 10, now: new Date() }, { cards, search, gaps })).entitiesRead,
        );
      }
      for (const [kind, counts] of Object.entries(groups) as [ReadsRow['kind'], number[]][]) {
        reads.push({
          size,
          kind,
          queries: counts.length,
          mean: counts.reduce((s, c) => s + c, 0) / counts.length,
          max: Math.max(...counts),
        });
      }
    }

    report(results, reads, connector.posts(), saveRounds, indexLags, tab, scheduler, searchFigures);
  } finally {
    await service.close();
    connector.close();
    await azurite.stop();
  }
}

/**
 * The floors' message-extension commands, on the benchmark's service only: the floor
 * answers an empty invoke after one upsert, the sized floor stores a save-sized row and
 * answers a save-sized dialog (bench/sizedFloor.ts).
 */
function registerFloors(
  app: Application<TurnState>,
  tables: Tables,
  sizedRow: TableEntity<Record<string, unknown>>,
  sizedAnswer: TaskModuleTaskInfo,
): void {
  let n = 0;
  app.messageExtensions.submitAction(FLOOR_COMMAND, async () => {
    // A partition of its own, as each card has.
    await tables.cards.upsertEntity({ partitionKey: `bench-floor-${n++}`, rowKey: 'floor', value: 'floor' }, 'Replace');
    return undefined;
  });
  app.messageExtensions.submitAction(SIZED_FLOOR_COMMAND, async () => {
    // A create, as a save's is, into a partition of its own, as the floor's upsert.
    await tables.cards.createEntity({ ...sizedRow, partitionKey: `bench-sized-${n++}` });
    return sizedAnswer;
  });
}

interface SaveRoundsRow extends Pick<SaveRounds, 'rounds' | 'catchUpMs' | 'cpuPerRequestUs'> {
  concurrency: number;
  saves: number;
}

interface IndexLagRow {
  concurrency: number;
  /** Milliseconds from a save's answer until search found its card. */
  lag: LatencySummary;
  /** Saved cards search had not found when the benchmark stopped looking. */
  notFound: number;
}

interface ReadsRow {
  size: number;
  kind: 'empty (newest)' | 'one word' | 'two words';
  queries: number;
  mean: number;
  max: number;
}

function report(
  results: { scenario: string; concurrency: number; latency: LatencySummary }[],
  reads: ReadsRow[],
  announcements: number,
  saveRounds: SaveRoundsRow[],
  indexLags: IndexLagRow[],
  tab: TabFigures | undefined,
  scheduler: SchedulerFigures | undefined,
  search: SearchFigures | undefined,
): void {
  const ms = (v: number) => v.toFixed(1);
  // The medians' ratio is shown beside the p95s': a stall adds the same milliseconds to
  // either path, so the p95s' ratio alone can hide what a save typically costs.
  const lines = [
    '',
    '| scenario | concurrency | requests | p50 ms | p95 ms | p99 ms | p50 ÷ floor p50 | p95 ÷ floor p95 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const floor = results.find((f) => f.concurrency === r.concurrency && f.scenario.startsWith('floor'))!;
    lines.push(
      `| ${r.scenario} | ${r.concurrency} | ${r.latency.count} | ${ms(r.latency.p50)} | ${ms(r.latency.p95)} | ${ms(r.latency.p99)} | ${(r.latency.p50 / floor.latency.p50).toFixed(2)} | ${(r.latency.p95 / floor.latency.p95).toFixed(2)} |`,
    );
  }
  lines.push('', '| cards in community | query | searches | entities read, mean | entities read, max |', '|---|---|---|---|---|');
  for (const r of reads) lines.push(`| ${r.size.toLocaleString('en-US')} | ${r.kind} | ${r.queries} | ${r.mean.toFixed(1)} | ${r.max} |`);
  lines.push('', `Thanks posted to the loopback connector: ${announcements}.`);
  for (const c of saveRounds) {
    const ratios = (path: SavePath) => c.rounds.map((r) => (r[path] / r.floor).toFixed(2)).join(', ');
    const catchUp = c.catchUpMs.map((ms) => (ms / 1000).toFixed(1)).join(', ');
    lines.push(`Concurrency ${c.concurrency}: save p95 ÷ floor p95 by round ${ratios('save')}; sized floor's ${ratios('sized')}.`);
    lines.push(`Concurrency ${c.concurrency}: index caught up ${catchUp} s after each burst of ${c.saves} saves.`);
    const cpu = c.cpuPerRequestUs;
    lines.push(
      `Concurrency ${c.concurrency}: CPU of the benchmark's process per request, floor ${cpu.floor.toFixed(0)} µs, ` +
        `sized floor ${cpu.sized.toFixed(0)} µs (${(cpu.sized / cpu.floor).toFixed(2)} ×), save ${cpu.save.toFixed(0)} µs (${(cpu.save / cpu.floor).toFixed(2)} ×).`,
    );
  }
  lines.push(
    '',
    '| index lag: save answered → found by search | concurrency | found | not found in 3 min | p50 ms | p95 ms | max ms |',
    '|---|---|---|---|---|---|---|',
  );
  for (const { concurrency, lag, notFound } of indexLags)
    lines.push(
      `| message extension search for a word of the title | ${concurrency} | ${lag.count} | ${notFound} | ${ms(lag.p50)} | ${ms(lag.p95)} | ${ms(lag.max)} |`,
    );
  const warned = Object.entries(warnings).map(([event, n]) => `${event} ${n}`);
  lines.push(`Warnings and errors the service logged, by event: ${warned.join(', ') || 'none'}.`);
  lines.push('');

  const save = (c: number) => results.find((r) => r.scenario.startsWith('save') && r.concurrency === c)!;
  const floor = (c: number) => results.find((r) => r.scenario.startsWith('floor') && r.concurrency === c)!;
  const search10k = results.filter((r) => r.scenario === `search at ${SIZES[SIZES.length - 1].toLocaleString('en-US')} cards`);
  const checks = [
    ...CONCURRENCIES.map(
      (c) => [`save median ≤ 1.5 × floor median at concurrency ${c}`, save(c).latency.p50 <= 1.5 * floor(c).latency.p50] as const,
    ),
    ['save p99 ≤ 3 × floor p99 at concurrency 32', save(32).latency.p99 <= 3 * floor(32).latency.p99] as const,
    ...search10k
      .filter((r) => r.concurrency === 1)
      .map((r) => [`search p95 ≤ 50 ms at 10k cards, concurrency 1`, r.latency.p95 <= 50] as const),
    [
      'empty (newest): entities read per search the same at every size',
      new Set(reads.filter((r) => r.kind === 'empty (newest)').map((r) => `${r.mean}/${r.max}`)).size === 1,
    ] as const,
    ...(tab ? tabReport(tab).checks : []),
    ...(scheduler ? schedulerReport(scheduler).checks : []),
    ...(search ? searchReport(search).checks : []),
  ];
  if (tab) lines.push(...tabReport(tab).lines, '');
  if (scheduler) lines.push(...schedulerReport(scheduler).lines, '');
  if (search) lines.push(...searchReport(search).lines, '');
  lines.push('Targets:');
  for (const [name, ok] of checks) lines.push(`  ${ok ? 'met   ' : 'MISSED'}  ${name}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const dir = path.join(ROOT, '.artifacts', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'latest.json'),
    JSON.stringify(
      { at: new Date().toISOString(), results, reads, saveRounds, indexLags, warnings, tab, scheduler, search, checks },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  process.stderr.write(`Benchmark failed: ${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
