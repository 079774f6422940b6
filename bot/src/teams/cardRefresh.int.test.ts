import { randomUUID } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { API_ROUTES, cardDetailSchema, communityViewSchema } from '../api/contract';
import { cardRefresh } from '../cards/cardRefresh';
import { knowledgeCardView, removedCardView, type SharedCardOrigin } from '../cards/knowledgeCardView';
import { sectionsOf } from '../cards/knowledgeContent';
import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import type { CardRepository } from '../domain/cards/cardPorts';
import { cardIdForMessage, summarize, type StoredCard } from '../domain/cards/knowledgeCard';
import { saveCard } from '../domain/cards/saveCard';
import { communityId, type CommunityRef } from '../domain/communities/community';
import { BotAdapter } from '../http/botEndpoint';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { cardPartition } from '../storage/cardEntities';
import { escapeKeyPart } from '../storage/keys';
import { tableCardStore } from '../storage/tableCardRepository';
import { TableThreadRepository } from '../storage/tableThreadRepository';
import { openTables, type Tables } from '../storage/tables';
import { fixedClock, message, stripTags } from '../../../test-support/builders';
import { callJson } from '../../../test-support/http';
import { testConfig, waitHealthy } from '../../../test-support/storage';
import { createBotApp, runTurn } from './botApp';

/*
 * A card shared in a conversation stays current: the bot answers Teams' refresh
 * (`adaptiveCard/action` with the card's refresh action) with the card as it is now,
 * after edits made in the tab through the API, on real storage (Azurite).
 */

const APP_ID = '5c3b6a3e-1f1e-4c1e-9a8e-3b2f7e0c9d11';
const clock = fixedClock('2026-11-02T09:00:00.000Z');
const CHANNEL: CommunityRef = {
  scope: 'channel',
  tenantId: PLAYGROUND.tenantId,
  teamId: PLAYGROUND.teamId,
  conversationId: PLAYGROUND.channelId,
};
const COMMUNITY = communityId(CHANNEL);
const ORIGIN: SharedCardOrigin = { community: CHANNEL, links: { teamsAppId: APP_ID } };
const VIEWER = { id: '29:1megan-bowen', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021' };
const CARD_MESSAGE_ID = '1700000000123';

/** A channel activity of the Playground's team, as Teams sends it. */
function channelActivity(name: string, value: unknown, tenantId: string = PLAYGROUND.tenantId): Partial<Activity> {
  return {
    type: ActivityTypes.Invoke,
    name,
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: VIEWER,
    recipient: { id: '28:commonplace-bot', name: 'Commonplace' },
    conversation: {
      id: `${PLAYGROUND.channelId};messageid=${CARD_MESSAGE_ID}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId,
      name: 'General',
    },
    channelData: { tenant: { id: tenantId }, team: { id: PLAYGROUND.teamId }, channel: { id: PLAYGROUND.channelId } },
    value,
  };
}

/**
 * botbuilder's test adapter, but noting an invoke's answer in the turn as the real adapter
 * (CloudAdapter) does, so the bot knows its invoke is answered.
 */
class InvokeAnsweringTestAdapter extends TestAdapter {
  /** Messages the bot rewrote in the conversation. */
  readonly updated: Partial<Activity>[] = [];

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.updated.push(activity);
    return super.updateActivity(context, activity);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === ActivityTypes.InvokeResponse) context.turnState.set(INVOKE_RESPONSE_KEY, activity);
    }
    return super.sendActivities(context, activities);
  }
}

/** Every read and write the bot makes of the cards, counted. */
function counted(cards: CardRepository): { cards: CardRepository; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(cards, {
    get(target, key) {
      const member = Reflect.get(target, key) as unknown;
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { cards: proxy, calls };
}

let service: RunningService;
let tables: Tables;
let store: ReturnType<typeof tableCardStore>;
let botCards: ReturnType<typeof counted>;
let adapter: InvokeAnsweringTestAdapter;
let key: string;
let cardId: string;

/** Runs one activity through the bot; resolves with its invoke response. */
async function invoke(activity: Partial<Activity>): Promise<{ status: number; body: unknown }> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity(activity);
  const answers = adapter.activeQueue.filter((a) => a.type === ActivityTypes.InvokeResponse);
  expect(answers).toHaveLength(1);
  return answers[0]!.value as { status: number; body: unknown };
}

/** The refresh Teams sends when someone opens the conversation holding `card`. */
function refreshOf(card: Record<string, unknown>, tenantId?: string): Partial<Activity> {
  const { action } = card.refresh as { action: Record<string, unknown> };
  return { ...channelActivity('adaptiveCard/action', { action: { id: '', ...action }, trigger: 'automatic' }, tenantId), replyToId: '1' };
}

/** The card as stored now, presented as the bot presents it. */
async function currentCard(id = cardId): Promise<StoredCard> {
  const card = await store.cards.get(COMMUNITY, id);
  if (!card) throw new Error(`card ${id} is missing`);
  return card;
}

const cardAnswer = (card: unknown) => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
});

const texts = (node: unknown): string[] =>
  Array.isArray(node)
    ? node.flatMap(texts)
    : node && typeof node === 'object'
      ? [
          ...(typeof (node as { text?: unknown }).text === 'string' ? [(node as { text: string }).text] : []),
          ...Object.values(node).flatMap(texts),
        ]
      : [];

async function editInTab(changes: Record<string, unknown>): Promise<void> {
  const detail = await callJson(service, 'GET', API_ROUTES.card(key, cardId));
  expect(detail.status).toBe(200);
  const { version } = cardDetailSchema.parse(detail.body);
  const edited = await callJson(service, 'PATCH', API_ROUTES.card(key, cardId), { body: { version, ...changes } });
  expect(edited.status).toBe(200);
}

beforeAll(async () => {
  const config = testConfig({ cardLinks: { teamsAppId: APP_ID } });
  service = await startService(config, { log: silentLogger, clock });
  await waitHealthy(service.url);
  tables = openTables(config.storage, config.tablePrefix);
  store = tableCardStore(tables, stripTags, { log: silentLogger });
  const threads = new TableThreadRepository(tables.threads, tables.retention, stripTags);
  const saved = await saveCard(
    {
      communityId: COMMUNITY,
      harvester: PLAYGROUND.user,
      submissionId: 'sub-refresh',
      source: { conversationId: PLAYGROUND.channelId, messageId: CARD_MESSAGE_ID },
      actedMessage: message({ messageId: CARD_MESSAGE_ID, text: 'We pin the runner image by its digest.' }),
      replyIds: [],
      fields: { title: 'Pin the runner image', summary: 'Pinned images make builds repeatable.', kind: 'decision', tags: ['ci'] },
    },
    { cards: store.cards, threads, clock },
  );
  cardId = saved.card.id;
  await store.indexer.idle();

  botCards = counted(store.cards);
  const app = createBotApp(new BotAdapter({}), '', {
    cards: botCards.cards,
    search: store.search,
    gaps: store.gaps,
    threads,
    clock,
    log: silentLogger,
    retentionDays: 30,
    cardLinks: config.cardLinks,
  });
  adapter = new InvokeAnsweringTestAdapter((context) => runTurn(app, context));

  const resolved = await callJson(
    service,
    'GET',
    `${API_ROUTES.resolveCommunity}?teamId=${PLAYGROUND.teamId}&channelId=${PLAYGROUND.channelId}&channelName=General`,
  );
  expect(resolved.status).toBe(200);
  key = communityViewSchema.parse(resolved.body).key;
}, 60_000);

afterAll(async () => {
  store?.indexer.stop();
  await service?.close();
});

describe('a card shared in a conversation', () => {
  let shared: Record<string, unknown>;

  beforeAll(async () => {
    // Shared the way people do it: searched for from the message box and inserted.
    const found = await invoke(
      channelActivity('composeExtension/query', {
        commandId: 'searchCards',
        parameters: [{ name: 'query', value: 'runner' }],
        queryOptions: { skip: 0, count: 25 },
      }),
    );
    const attachments = (found.body as { composeExtension: { attachments: { content: Record<string, unknown> }[] } }).composeExtension
      .attachments;
    expect(attachments).toHaveLength(1);
    shared = attachments[0]!.content;
  });

  beforeEach(() => botCards.calls.splice(0));

  it('carries its refresh and its link to the card in the channel tab', () => {
    expect(shared.refresh).toEqual(cardRefresh(cardId, CHANNEL));
    const open = (shared.actions as { title: string; url: string }[]).find((a) => a.title === 'Open in community');
    const context = encodeURIComponent(JSON.stringify({ subEntityId: cardId, channelId: PLAYGROUND.channelId }));
    expect(open?.url).toBe(
      `https://teams.microsoft.com/l/entity/${APP_ID}/commonplace-community?tenantId=${PLAYGROUND.tenantId}&context=${context}`,
    );
  });

  it('refreshes to the card as it is, with one read and no write, the same every time', async () => {
    const first = await invoke(refreshOf(shared));
    expect(first).toEqual(cardAnswer(knowledgeCardView(summarize(await currentCard()), sectionsOf(await currentCard()), ORIGIN)));
    expect(first).toEqual(cardAnswer(shared));
    expect(botCards.calls).toEqual(['get']);
    await expect(invoke(refreshOf(shared))).resolves.toEqual(first);
    // The answer is for the viewer: the message itself, which a person inserted, is left alone.
    expect(adapter.updated).toEqual([]);
  });

  it('shows an edit made in the tab after it was shared: the new title, summary and tags', async () => {
    await editInTab({ title: 'Pin runner images by digest', summary: 'Tags move; digests do not.', tags: ['ci', 'supply-chain'] });
    const answer = await invoke(refreshOf(shared));
    const now = await currentCard();
    expect(answer).toEqual(cardAnswer(knowledgeCardView(summarize(now), sectionsOf(now), ORIGIN)));
    const shown = texts((answer.body as { value: { body: unknown } }).value.body);
    expect(shown).toEqual(expect.arrayContaining(['Pin runner images by digest', 'Tags move; digests do not.']));
    expect(JSON.stringify(answer)).toContain('{"title":"Tags","value":"#ci #supply-chain"}');
    expect(shown).not.toContain('Pin the runner image');
    expect((answer.body as { value: { refresh: unknown } }).value.refresh).toEqual(shared.refresh);
  });

  it('says when the card was archived in the tab, and shows it again once restored', async () => {
    const archive = async (action: 'archive' | 'restore') => {
      const { version } = cardDetailSchema.parse((await callJson(service, 'GET', API_ROUTES.card(key, cardId))).body);
      const path = action === 'archive' ? API_ROUTES.archive(key, cardId) : API_ROUTES.restore(key, cardId);
      expect((await callJson(service, 'POST', path, { body: { version } })).status).toBe(200);
    };
    await archive('archive');
    const archived = await invoke(refreshOf(shared));
    const now = await currentCard();
    expect(archived).toEqual(cardAnswer(knowledgeCardView(summarize(now), sectionsOf(now), ORIGIN)));
    expect(texts((archived.body as { value: { body: unknown } }).value.body)[0]).toBe(
      'Archived in the community: this may be out of date.',
    );

    await archive('restore');
    const restored = await invoke(refreshOf(shared));
    expect(texts((restored.body as { value: { body: unknown } }).value.body).join(' ')).not.toContain('Archived');
  });

  it('refuses data naming another tenant’s community without reading anything, however the card is named', async () => {
    const otherTenant = { ...CHANNEL, tenantId: '11111111-2222-4333-8444-555555555555' };
    const forged = {
      ...refreshOf(shared),
      value: { action: { type: 'Action.Execute', verb: 'commonplace.refreshCard', data: { cardId, community: communityId(otherTenant) } } },
    };
    const refused = {
      status: 403,
      body: {
        statusCode: 403,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Forbidden', message: 'This card belongs to another organization, so it cannot be brought up to date here.' },
      },
    };
    await expect(invoke(forged)).resolves.toEqual(refused);
    // The card's own data, opened in a conversation of another tenant.
    await expect(invoke(refreshOf(shared, otherTenant.tenantId))).resolves.toEqual(refused);
    expect(botCards.calls).toEqual([]);
  });

  it('shows nothing of a card through data naming another community of the tenant', async () => {
    const elsewhere = { ...CHANNEL, conversationId: '19:another-channel@thread.tacv2' };
    const activity = refreshOf({ refresh: cardRefresh(cardId, elsewhere) });
    const answer = await invoke(activity);
    expect(answer).toEqual(cardAnswer(removedCardView()));
    expect(JSON.stringify(answer)).not.toContain('runner');
  });

  it.each([
    ['no data', undefined],
    ['a card id that is no key', { cardId: '../../cards', community: COMMUNITY }],
    ['no community', { cardId: 'abc' }],
    ['a community of no known kind', { cardId: 'abc', community: `${PLAYGROUND.tenantId}|meeting|x` }],
  ])('answers malformed data (%s) with a bad request and reads nothing', async (_what, data) => {
    const activity = {
      ...refreshOf(shared),
      value: { action: { type: 'Action.Execute', verb: 'commonplace.refreshCard', data }, trigger: 'automatic' },
    };
    await expect(invoke(activity)).resolves.toEqual({
      status: 400,
      body: {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'This card’s refresh data is not one Commonplace made, so it cannot be brought up to date.' },
      },
    });
    expect(botCards.calls).toEqual([]);
  });
});

describe('a shared card that is no longer in the community', () => {
  it('refreshes to a card saying it was removed', async () => {
    const gone = await saveCard(
      {
        communityId: COMMUNITY,
        harvester: PLAYGROUND.user,
        submissionId: 'sub-gone',
        source: { conversationId: PLAYGROUND.channelId, messageId: '1700000000999' },
        actedMessage: message({ messageId: '1700000000999', text: 'Old advice about the cache.' }),
        replyIds: [],
        fields: { title: 'Old cache advice', summary: '', kind: 'how-to', tags: [] },
      },
      { cards: store.cards, threads: new TableThreadRepository(tables.threads, tables.retention, stripTags), clock },
    );
    await store.indexer.idle();
    const shared = knowledgeCardView(summarize(gone.card), sectionsOf(gone.card), ORIGIN);
    expect(gone.card.id).toBe(cardIdForMessage('1700000000999'));
    await tables.cards.deleteEntity(cardPartition(COMMUNITY, gone.card.id), escapeKeyPart(gone.card.id));

    botCards.calls.splice(0);
    await expect(invoke(refreshOf(shared))).resolves.toEqual(cardAnswer(removedCardView()));
    expect(botCards.calls).toEqual(['get']);
  });
});
