import type { AppConfig } from './config/config';
import { PLAYGROUND } from './directory/developmentTeamDirectory';
import { startService, type RunningService } from './service';
import type { Announcer } from './teams/announcer';
import { API_ROUTES, cardDetailSchema, cardPageSchema, communityViewSchema, type CardDetail, type CardListItem } from './api/contract';
import { channelInvoke, messagePayload, type TeamsChannel, type TeamsUser } from '../../test-support/activities';
import { callJson, postActivity, type JsonAnswer } from '../../test-support/http';
import { memoryLogger } from '../../test-support/schedulerFixtures';
import { cardsIndexed, testConfig, waitHealthy } from '../../test-support/storage';

/*
 * The service is meant to scale out: every instance keeps its state in the one storage
 * account, none in memory. Two instances on one Azurite, sharing one table prefix, must
 * therefore serve one community as if they were one: what the bot saves through one is
 * what the tab and the search extension show through the other, an edit on one is seen
 * by the other, and the same message saved through both at once is one card.
 */

/*
 * The Playground's channel: in development the API knows no other team, so the bot
 * saves there for the tab's API to be allowed to show the cards.
 */
const CHANNEL: TeamsChannel = { tenantId: PLAYGROUND.tenantId, teamId: PLAYGROUND.teamId, channelId: PLAYGROUND.channelId };
/** Where the bot would post back to Teams: nothing listens, and nothing is sent, since announcements are recorded instead. */
const SERVICE_URL = 'http://127.0.0.1:9/';
const MEGAN: TeamsUser = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
const ADELE: TeamsUser = { id: '29:adele', name: 'Adele Vance', aadObjectId: 'aad-adele' };
const LEE: TeamsUser = { id: '29:lee', name: 'Lee Gu', aadObjectId: 'aad-lee' };

/** A channel message someone can run "Save to community" on. */
interface SourceMessage {
  id: string;
  from: TeamsUser;
  html: string;
}

function saveInvoke(
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  by: TeamsUser,
  source: SourceMessage,
  data?: Record<string, unknown>,
) {
  return channelInvoke({
    name,
    channel: CHANNEL,
    from: by,
    serviceUrl: SERVICE_URL,
    threadId: source.id,
    value: {
      commandId: 'saveToCommunity',
      commandContext: 'message',
      messagePayload: messagePayload({ id: source.id, from: source.from, html: source.html }),
      ...(data ? { data } : {}),
    },
  });
}

/**
 * Opens the dialog as Teams does and returns what its submit button sends: the
 * submission id in it is what tells a retried submission from a second person's.
 */
async function openSaveDialog(service: RunningService, by: TeamsUser, source: SourceMessage): Promise<Record<string, unknown>> {
  const opened = await postActivity(service, saveInvoke('composeExtension/fetchTask', by, source));
  expect(opened.status).toBe(200);
  const submit = opened.body.task.value.card.content.actions[0];
  expect(submit.data).toMatchObject({ action: 'save', submissionId: expect.any(String) });
  return submit.data;
}

function submitSave(
  service: RunningService,
  by: TeamsUser,
  source: SourceMessage,
  data: Record<string, unknown>,
  fields: { title: string; summary?: string; newTags?: string },
) {
  return postActivity(
    service,
    saveInvoke('composeExtension/submitAction', by, source, { ...data, summary: '', kind: 'how-to', newTags: '', replyIds: '', ...fields }),
  );
}

/** Everything a dialog answer shows, as one string; the bot answers failures with a dialog too, so text is what tells them apart. */
function shown(answer: JsonAnswer): string {
  return JSON.stringify(answer.body?.task?.value?.card?.content ?? answer.body);
}

/** The search extension's results, as Teams shows them in the compose box: the titles. */
async function searchTitles(service: RunningService, by: TeamsUser, text: string): Promise<string[]> {
  const answer = await postActivity(
    service,
    channelInvoke({
      name: 'composeExtension/query',
      channel: CHANNEL,
      from: by,
      serviceUrl: SERVICE_URL,
      value: {
        commandId: 'searchCards',
        commandContext: 'compose',
        parameters: [{ name: 'query', value: text }],
        queryOptions: { skip: 0, count: 25 },
      },
    }),
  );
  expect(answer.status).toBe(200);
  expect(answer.body.composeExtension.type).toBe('result');
  return answer.body.composeExtension.attachments.map((a: { preview: { content: { title: string } } }) => a.preview.content.title);
}

describe('two service instances on one storage account', () => {
  let a: RunningService | undefined;
  let b: RunningService | undefined;
  const logs = { A: memoryLogger(), B: memoryLogger() };
  /** Thanks the instances would post in the thread: only a new card is announced, so they count saves. */
  const announced: { instance: 'A' | 'B'; text: string }[] = [];
  let key: string;

  const recordingAnnouncer = (instance: 'A' | 'B'): Announcer => ({
    announce: async (_reference, text) => void announced.push({ instance, text }),
  });
  let config: AppConfig;
  const A = () => a!;
  const B = () => b!;

  async function listCards(service: RunningService, query = ''): Promise<CardListItem[]> {
    const answer = await callJson(service, 'GET', `${API_ROUTES.cards(key)}${query}`);
    expect(answer.status).toBe(200);
    return cardPageSchema.parse(answer.body).cards;
  }

  async function cardDetail(service: RunningService, id: string): Promise<CardDetail> {
    const answer = await callJson(service, 'GET', API_ROUTES.card(key, id));
    expect(answer.status).toBe(200);
    return cardDetailSchema.parse(answer.body);
  }

  beforeAll(async () => {
    // One configuration, so one table prefix (fresh for this file); each instance gets its own port.
    config = testConfig({ host: '127.0.0.1', port: 0 });
    // Started together, as a scaled-out deployment starts: both create the same tables at once.
    [a, b] = await Promise.all([
      // Each search reads the change log, rather than every two seconds as in production, so
      // a change made through one instance is found through the other at once, through the log.
      startService(config, { log: logs.A, announcer: recordingAnnouncer('A'), search: { refreshMs: 0 } }),
      startService(config, { log: logs.B, announcer: recordingAnnouncer('B'), search: { refreshMs: 0 } }),
    ]);
    expect(A().port).not.toBe(B().port);
    await Promise.all([waitHealthy(A().url), waitHealthy(B().url)]);
    const resolve = (service: RunningService) =>
      callJson(
        service,
        'GET',
        `${API_ROUTES.resolveCommunity}?teamId=${CHANNEL.teamId}&channelId=${CHANNEL.channelId}&channelName=General`,
      );
    const [fromA, fromB] = await Promise.all([resolve(A()), resolve(B())]);
    expect([fromA.status, fromB.status]).toEqual([200, 200]);
    key = communityViewSchema.parse(fromA.body).key;
    // The tab may land on either instance between two requests: the key must mean the same on both.
    expect(communityViewSchema.parse(fromB.body).key).toBe(key);
  });

  afterEach(() => {
    // The bot answers its own failures with a friendly dialog and a logged error, so a
    // 200 alone would hide a failed save: no instance may have logged one.
    expect([...logs.A.events, ...logs.B.events].filter((e) => e.level === 'error')).toEqual([]);
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('finds a card saved through A through B, in the search extension and in the tab’s API', async () => {
    const source: SourceMessage = {
      id: '1762070400001',
      from: ADELE,
      html: '<p>Deploys flake on Mondays. Warm the runner cache first.</p>',
    };
    const data = await openSaveDialog(A(), MEGAN, source);
    const saved = await submitSave(A(), MEGAN, source, data, {
      title: 'Warm the runner cache before Monday deploys',
      summary: 'The cache expires over the weekend.',
      newTags: 'ci, deploys',
    });
    expect(saved.status).toBe(200);
    expect(shown(saved)).toContain('Saved to the community: Warm the runner cache before Monday deploys');

    // A writes the search rows after answering; B has nothing to wait for of its own.
    await cardsIndexed(config);

    expect(await searchTitles(B(), LEE, 'runner cach')).toEqual(['Warm the runner cache before Monday deploys']);

    const listed = await listCards(B());
    expect(listed.map((c) => c.title)).toEqual(['Warm the runner cache before Monday deploys']);
    const searched = await listCards(B(), '?q=monday%20runner');
    expect(searched.map((c) => c.id)).toEqual([listed[0].id]);

    const detail = await cardDetail(B(), listed[0].id);
    expect(detail).toMatchObject({
      title: 'Warm the runner cache before Monday deploys',
      summary: 'The cache expires over the weekend.',
      tags: ['ci', 'deploys'],
      harvester: { id: MEGAN.aadObjectId, name: MEGAN.name },
      authors: [{ id: ADELE.aadObjectId, name: ADELE.name }],
      version: '1',
    });
    expect(detail.messages.map((m) => m.html)).toEqual(['<p>Deploys flake on Mondays. Warm the runner cache first.</p>']);
    expect(announced.filter((x) => x.text.includes('Warm the runner cache'))).toEqual([
      { instance: 'A', text: 'Saved to the community: Warm the runner cache before Monday deploys. Thanks to Adele Vance for sharing it.' },
    ]);
  });

  it('shows A an edit made through B’s API, and refuses A a change based on the version before it', async () => {
    const [card] = await listCards(B(), '?q=warm%20runner');
    expect(card?.title).toBe('Warm the runner cache before Monday deploys');
    const before = await cardDetail(B(), card.id);

    const edited = await callJson(B(), 'PATCH', API_ROUTES.card(key, card.id), {
      body: { version: before.version, title: 'Prime the build cache on Monday mornings', tags: ['ci', 'caching'] },
    });
    expect(edited.status).toBe(200);
    expect(cardDetailSchema.parse(edited.body)).toMatchObject({ title: 'Prime the build cache on Monday mornings', version: '2' });

    // B wrote the edit's search rows before answering; A's search reads them.

    const seenByA = await cardDetail(A(), card.id);
    expect(seenByA).toMatchObject({ title: 'Prime the build cache on Monday mornings', tags: ['ci', 'caching'], version: '2' });
    expect(seenByA.history[0]).toMatchObject({ action: 'edited', by: PLAYGROUND.user, fields: ['title', 'tags'] });
    expect((await listCards(A(), '?q=prime%20build')).map((c) => c.id)).toEqual([card.id]);
    expect(await searchTitles(A(), LEE, 'prime build')).toEqual(['Prime the build cache on Monday mornings']);
    // The saved message still says "warm the runner cache": the card is found by it, as it is now.
    expect(await searchTitles(A(), LEE, 'warm runner')).toEqual(['Prime the build cache on Monday mornings']);
    expect((await listCards(A(), '?q=warm')).map((c) => c.title)).toEqual(['Prime the build cache on Monday mornings']);

    // A last saw version 1: its change would silently undo B's, so it is refused.
    const stale = await callJson(A(), 'PATCH', API_ROUTES.card(key, card.id), { body: { version: before.version, title: 'Lost update' } });
    expect(stale.status).toBe(409);
    expect((await cardDetail(B(), card.id)).title).toBe('Prime the build cache on Monday mornings');
  });

  it('makes one card when the same submission reaches A and B at once, and both confirm the save', async () => {
    const source: SourceMessage = { id: '1762070400002', from: ADELE, html: '<p>Pin the runner image to a digest, not a tag.</p>' };
    const countBefore = (await listCards(B())).length;
    // One dialog, submitted once, delivered twice (a retry landing on the other instance).
    const data = await openSaveDialog(A(), MEGAN, source);
    const answers = await Promise.all([
      submitSave(A(), MEGAN, source, data, { title: 'Pin the runner image by digest' }),
      submitSave(B(), MEGAN, source, data, { title: 'Pin the runner image by digest' }),
    ]);

    // The loser of the conditional insert recognises its own submission: a retry is a success, not a conflict.
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(shown(answer)).toContain('Saved to the community: Pin the runner image by digest');
    }
    await cardsIndexed(config);

    const all = await listCards(A());
    expect(all).toHaveLength(countBefore + 1);
    expect(all.filter((c) => c.title === 'Pin the runner image by digest')).toHaveLength(1);
    const [pinned] = await listCards(B(), '?q=pin%20digest');
    expect((await cardDetail(B(), pinned.id)).history.map((h) => h.action)).toEqual(['created']);
    expect(await searchTitles(A(), LEE, 'pin digest')).toEqual(['Pin the runner image by digest']);
    // Only the instance that stored the card thanks the author; a second thanks would mean a second save.
    expect(announced.filter((x) => x.text.includes('Pin the runner image'))).toHaveLength(1);
  });

  it('makes one card when two people save the same message through A and B at once, and offers the other the update form', async () => {
    const source: SourceMessage = { id: '1762070400003', from: LEE, html: '<p>Rotate the signing secrets every month.</p>' };
    const countBefore = (await listCards(B())).length;
    const [megansDialog, adelesDialog] = await Promise.all([openSaveDialog(A(), MEGAN, source), openSaveDialog(B(), ADELE, source)]);
    const attempts = [
      { by: MEGAN, title: 'Rotate signing secrets monthly' },
      { by: ADELE, title: 'Monthly rotation of signing secrets' },
    ];
    const answers = await Promise.all([
      submitSave(A(), MEGAN, source, megansDialog, { title: attempts[0].title }),
      submitSave(B(), ADELE, source, adelesDialog, { title: attempts[1].title }),
    ]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);

    const savedIndex = answers.findIndex((x) => shown(x).includes('Saved to the community:'));
    expect(savedIndex).toBeGreaterThanOrEqual(0);
    const winner = attempts[savedIndex];
    const loser = answers[1 - savedIndex];
    expect(shown(answers[savedIndex])).toContain(`Saved to the community: ${winner.title}`);
    expect(shown(loser)).not.toContain('Saved to the community:');
    expect(shown(loser)).toContain(
      `${winner.by.name} already saved this message as \\"${winner.title}\\". Update that card with your changes?`,
    );
    // The offered form updates the winner's card at the version just stored, so the second person can still add theirs.
    expect(loser.body.task.value.card.content.actions[0].data).toMatchObject({ action: 'update', version: '1' });

    await cardsIndexed(config);
    const all = await listCards(B());
    expect(all).toHaveLength(countBefore + 1);
    const rotated = all.filter((c) => c.title === attempts[0].title || c.title === attempts[1].title);
    expect(rotated.map((c) => c.title)).toEqual([winner.title]);
    expect(loser.body.task.value.card.content.actions[0].data.cardId).toBe(rotated[0].id);
    expect((await cardDetail(A(), rotated[0].id)).harvester).toEqual({ id: winner.by.aadObjectId, name: winner.by.name });
    expect(announced.filter((x) => x.text.toLowerCase().includes('signing secrets'))).toHaveLength(1);
  });
});
