import { TestAdapter, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { channelInvoke } from '../../../test-support/activities';
import type { CardRepository } from '../domain/cards/cardPorts';
import type { CardSummary } from '../domain/cards/knowledgeCard';
import type { KnowledgeGaps } from '../domain/search/searchPorts';
import type { Logger } from '../logging';
import type { SearchDocument, SearchDocumentSource } from '../search/searchDocuments';
import { SearchEngine } from '../search/searchEngine';
import { communityIdOf } from './activityContext';
import { createBotApp } from './botApp';

const CHANNEL = { tenantId: 'tenant-1', teamId: '19:team@thread.tacv2', channelId: '19:general@thread.tacv2' };
const USER = { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-4000-8000-000000000001' };
const NOW = new Date('2026-06-01T00:00:00.000Z');
const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function summary(id: string, title: string, createdAt: string): CardSummary {
  return {
    id,
    title,
    summary: `About ${title.toLowerCase()}`,
    excerpt: '',
    kind: 'how-to',
    tags: [],
    authorNames: ['Ada Lovelace'],
    harvesterName: 'Ada Lovelace',
    createdAt,
    archived: false,
    reviewDueAt: '2027-01-01T00:00:00.000Z',
    ownerId: 'ada',
  };
}

/** The community's cards as storage holds them: search documents and the newest-first listing. */
function community() {
  const texts: Record<string, string> = {
    'c-npm': 'npm ci fails on the runners.\nA reply: the registry mirror was down, set npm_config_fetch_retries.',
    'c-cache': 'Warm the cache before the first request.',
    'c-probe': 'Liveness probes restart pods too early.',
  };
  const summaries = [
    summary('c-npm', 'Fix flaky npm ci', '2026-05-01T00:00:00.000Z'),
    summary('c-cache', 'Cache warming', '2026-05-02T00:00:00.000Z'),
    summary('c-probe', 'Kubernetes probes', '2026-05-03T00:00:00.000Z'),
  ];
  const documents: SearchDocument[] = summaries.map((s) => ({
    summary: s,
    updatedAt: s.createdAt,
    revision: 1,
    text: texts[s.id],
    authorNames: s.authorNames,
  }));
  return { summaries, documents };
}

function botUnderTest() {
  const { summaries, documents } = community();
  const communityId = communityIdOf(
    channelInvoke({ name: 'composeExtension/query', channel: CHANNEL, from: USER, serviceUrl: 'https://x', value: {} }),
  );
  const source: SearchDocumentSource = {
    load: async (id) => ({ documents: id === communityId ? documents : [], entitiesRead: documents.length }),
    changesSince: async () => ({ changes: [], entitiesRead: 0 }),
  };
  const newest = [...summaries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const cards = {
    recent: async (_c: string, skip: number, take: number) => ({
      cards: newest.slice(skip, skip + take),
      hasMore: newest.length > skip + take,
      entitiesRead: take,
    }),
    get: async () => undefined,
  } as unknown as CardRepository;
  const gaps: { text: string }[] = [];
  const recorder: KnowledgeGaps = { record: async (_c, text) => void gaps.push({ text }) };
  const clock = { now: () => NOW };
  // The adapter runs the app on each activity sent; the app is made with the adapter.
  const bot: { app?: ReturnType<typeof createBotApp> } = {};
  const adapter = new TestAdapter(async (context) => void (await bot.app!.run(context)));
  bot.app = createBotApp(adapter as unknown as TeamsAdapter, 'bot-id', {
    cards,
    search: new SearchEngine(source, { clock }),
    gaps: recorder,
    threads: {} as never,
    clock,
    log: quiet,
    retentionDays: 30,
  });
  return { adapter, gaps };
}

/** Sends the search invoke as Teams does and returns the invoke response's body. */
async function searchFor(adapter: TestAdapter, text: string, skip = 0, count = 10): Promise<any> {
  const invoke = channelInvoke({
    name: 'composeExtension/query',
    channel: CHANNEL,
    from: USER,
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    value: {
      commandId: 'searchCards',
      commandContext: 'compose',
      parameters: [{ name: 'query', value: text }],
      queryOptions: { skip, count },
    },
  }) as Partial<Activity>;
  let response: any;
  await adapter
    .send(invoke)
    .assertReply((activity) => {
      expect(activity.type).toBe('invokeResponse');
      response = activity.value;
    })
    .startTest();
  expect(response.status).toBe(200);
  return response.body;
}

const titles = (body: any) => body.composeExtension.attachments.map((a: any) => a.preview.content.title);

describe('searchCards message extension (in process)', () => {
  it('answers with ranked results for a word found only in a reply, and a typo', async () => {
    const { adapter } = botUnderTest();
    expect(titles(await searchFor(adapter, 'registry '))).toEqual(['Fix flaky npm ci']);
    expect(titles(await searchFor(adapter, 'kubernets '))).toEqual(['Kubernetes probes']);
    expect(titles(await searchFor(adapter, 'npm_config_fetch_retries'))).toEqual(['Fix flaky npm ci']);
  });

  it('lists the newest cards for an empty query, a page at a time through skip and count', async () => {
    const { adapter } = botUnderTest();
    expect(titles(await searchFor(adapter, '', 0, 2))).toEqual(['Kubernetes probes', 'Cache warming']);
    expect(titles(await searchFor(adapter, '', 2, 2))).toEqual(['Fix flaky npm ci']);
  });

  it('answers a search that finds nothing with no results, and counts it as a knowledge gap', async () => {
    const { adapter, gaps } = botUnderTest();
    const body = await searchFor(adapter, 'Quantum teleportation');
    expect(body.composeExtension).toMatchObject({ type: 'result', attachments: [] });
    expect(gaps).toEqual([{ text: 'quantum teleportation' }]);
  });
});
