import { PLAYGROUND } from '../directory/developmentTeamDirectory';
import { silentLogger } from '../logging';
import { startService, type RunningService } from '../service';
import { fixedClock } from '../../../test-support/builders';
import { startFakeConnector, type FakeConnector } from '../../../test-support/fakeConnector';
import { testConfig, testStorage, waitHealthy } from '../../../test-support/storage';
import { openTables, type Tables } from '../storage/tables';
import { API_ROUTES, ritualDetailSchema, ritualsPageSchema, RITUAL_ROUTES, type RitualInput } from '../api/contract';

/*
 * Ritual reminders through the whole service: rituals created over the API, the bot
 * told it was added to the team, the scheduler posting to a Bot Connector served over
 * real HTTP on loopback, with the clock moved by the test.
 */

const clock = fixedClock('2026-11-02T09:00:00.000Z');
const BOT_ID = '28:commonplace-bot';
const ALEX = { id: 'user-alex', name: PLAYGROUND.user.name, aadObjectId: PLAYGROUND.user.id };
const GRACE = { id: 'user-grace', name: 'Grace Hopper', aadObjectId: 'aad-grace' };

const AMA: RitualInput = {
  kind: 'ama',
  title: 'Ask the platform team anything',
  description: '',
  hosts: [PLAYGROUND.user],
  schedule: { firstStart: '2026-11-10T17:00', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=MONTHLY;BYDAY=2TU' },
  reminderOffsets: [1440, 60],
};

describe('ritual reminders', () => {
  let connector: FakeConnector;
  let service: RunningService;
  let key: string;
  let tables: Tables;

  const channelData = {
    tenant: { id: PLAYGROUND.tenantId },
    team: { id: PLAYGROUND.teamId, name: 'Playground team' },
    channel: { id: PLAYGROUND.channelId },
  };

  async function toBot(activity: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: connector.url,
        recipient: { id: BOT_ID, name: 'Commonplace' },
        conversation: { id: PLAYGROUND.channelId, conversationType: 'channel', isGroup: true, tenantId: PLAYGROUND.tenantId },
        channelData,
        id: `a-${Math.random()}`,
        timestamp: new Date().toISOString(),
        ...activity,
      }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Moves the clock and waits until the scheduler has posted `count` posts in all. */
  async function at(iso: string, expectedPosts: number): Promise<void> {
    clock.set(iso);
    for (let i = 0; i < 200 && connector.delivered().length < expectedPosts; i++) await new Promise((r) => setTimeout(r, 25));
    // A few more passes, so a duplicate would have had its chance to arrive.
    await new Promise((r) => setTimeout(r, 300));
    expect(connector.delivered().length).toBe(expectedPosts);
  }

  const cardText = (index: number) => JSON.stringify(connector.delivered()[index].activity);

  /** Jobs due at the clock's time that are still waiting or running: none once the scheduler has dealt with all of them. */
  async function dueJobs(): Promise<number> {
    const bound = `${clock.now().toISOString()}~`;
    let n = 0;
    for await (const row of tables.jobs.listEntities()) if (!row.rowKey!.startsWith('~') && row.rowKey! < bound) n++;
    return n;
  }

  /** Moves the clock and waits until every post due by then is posted or dropped. */
  async function settleAt(iso: string): Promise<void> {
    clock.set(iso);
    for (let i = 0; i < 400 && (await dueJobs()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await dueJobs()).toBe(0);
  }

  /** The cards posted so far about one ritual, as JSON. */
  const postsAbout = (title: string) =>
    connector
      .delivered()
      .map((r) => JSON.stringify(r.activity))
      .filter((json) => json.includes(title));

  /** A Teams channel activity from a person, as the Playground sends it. */
  const fromGrace = (activity: Record<string, unknown>) => toBot({ from: GRACE, ...activity });

  beforeAll(async () => {
    connector = await startFakeConnector();
    const config = testConfig();
    tables = openTables(testStorage(), config.tablePrefix);
    service = await startService(config, { log: silentLogger, clock, scheduler: { tickMs: 50 } });
    await waitHealthy(service.url);
    key = (await api('GET', `${API_ROUTES.resolveCommunity}?teamId=${PLAYGROUND.teamId}&channelId=${PLAYGROUND.channelId}`)).body.key;
  });

  afterAll(async () => {
    await service.close();
    await connector.close();
  });

  it('waits for the bot to be in the team, then posts each reminder once, at its time', async () => {
    expect(ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body).reminders.state).toBe('waiting');
    await toBot({
      type: 'conversationUpdate',
      from: ALEX,
      membersAdded: [{ id: BOT_ID }],
      channelData: { ...channelData, eventType: 'teamMemberAdded' },
    });
    expect(ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body).reminders.state).toBe('active');

    const ama = ritualDetailSchema.parse((await api('POST', RITUAL_ROUTES.rituals(key), AMA)).body);
    await at('2026-11-09T15:59:00.000Z', 0);
    await at('2026-11-09T16:00:01.000Z', 1);
    expect(connector.delivered()[0].conversationId).toBe(PLAYGROUND.channelId);
    expect(cardText(0)).toContain('Starts in 24 hours');
    expect(cardText(0)).toContain('Submit a question');

    // A member asks a question from the reminder card, through the dialog.
    const button = (connector.delivered()[0].activity as any).attachments[0].content.actions.find(
      (a: any) => a.title === 'Submit a question',
    );
    const opened = await toBot({ type: 'invoke', name: 'task/fetch', from: GRACE, value: { data: button.data } });
    expect(JSON.stringify(opened.body)).toContain('Your question');
    const sent = await toBot({
      type: 'invoke',
      name: 'task/submit',
      from: GRACE,
      value: { data: { ...button.data, msteams: undefined, text: 'How do we cache builds?' } },
    });
    expect(JSON.stringify(sent.body)).toContain('How do we cache builds?');
    const vote = JSON.parse(JSON.stringify(sent.body)).task.value.card.content.body.find((b: any) => b.type === 'ColumnSet').columns[1]
      .items[0].actions[0];
    const voted = await toBot({ type: 'invoke', name: 'task/submit', from: ALEX, value: { data: vote.data } });
    expect(JSON.stringify(voted.body)).toContain('· 1');

    await at('2026-11-10T15:00:01.000Z', 2);
    expect(cardText(1)).toContain('Starts in an hour');
    await at('2026-11-10T15:50:01.000Z', 3);
    expect(cardText(2)).toContain('How do we cache builds?');
    expect(cardText(2)).toContain('(1 vote)');
    await at('2026-11-10T17:00:01.000Z', 4);
    expect(cardText(3)).toContain('Save to community');

    const questions = await api('GET', RITUAL_ROUTES.items(key, ama.id, ama.upcoming[0].id));
    expect(questions.body.items).toMatchObject([{ text: 'How do we cache builds?', votes: 1, author: { name: 'Grace Hopper' } }]);
  });

  it('opens the Win of the Week every week, and skips reminders whose session started while it was down', async () => {
    clock.set('2026-11-15T09:00:00.000Z');
    const before = connector.delivered().length;
    await api('POST', RITUAL_ROUTES.rituals(key), {
      kind: 'winOfTheWeek',
      title: 'Win of the Week',
      description: '',
      hosts: [PLAYGROUND.user],
      schedule: { firstStart: '2026-11-16T09:00', timeZone: 'Asia/Kolkata', durationMinutes: 0, rule: 'FREQ=WEEKLY;BYDAY=MO' },
      reminderOffsets: [],
    } satisfies RitualInput);
    await at('2026-11-16T03:30:01.000Z', before + 1);
    expect(cardText(before)).toContain('Reply in this thread');
    await at('2026-11-23T03:30:01.000Z', before + 2);
    await at('2026-11-30T03:30:01.000Z', before + 3);

    // Down from before the 24-hour reminder of the December AMA until after it started:
    // the reminders are dropped, the top questions too, and only the follow-up goes out.
    await at('2026-12-08T17:00:30.000Z', before + 4);
    expect(cardText(before + 3)).toContain('Thanks for joining');
  });

  it('stops a channel’s reminders, and says why, when Teams refuses posts there for good', async () => {
    connector.inject({
      match: () => true,
      fault: {
        status: 403,
        body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
      },
      times: 1,
    });
    const requestsBefore = connector.requests.length;
    // The next Win of the Week opener.
    clock.set('2026-12-14T03:30:01.000Z');
    for (let i = 0; i < 200 && connector.requests.length === requestsBefore; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const page = ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body);
    expect(page.reminders.state).toBe('disabled');
    expect(page.reminders.detail).toMatch(/refused/);
    expect(connector.requests.length).toBe(requestsBefore + 1);

    // Nothing more goes to that channel, however much time passes.
    await at('2026-12-21T03:30:01.000Z', connector.delivered().length);
    expect(connector.requests.length).toBe(requestsBefore + 1);

    // Added to the team again: reminders resume.
    await toBot({
      type: 'conversationUpdate',
      from: ALEX,
      membersAdded: [{ id: BOT_ID }],
      channelData: { ...channelData, eventType: 'teamMemberAdded' },
    });
    expect(ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body).reminders.state).toBe('active');
  });

  it('stops reminders while the team is archived, and resumes them when it is unarchived', async () => {
    const remindersState = async () => ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body).reminders;
    // Teams refuses a post to an archived team's channel, which stops the channel; the
    // archive event itself may come after that post.
    connector.inject({
      match: () => true,
      fault: {
        status: 403,
        body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } },
      },
      times: 1,
    });
    const requestsBefore = connector.requests.length;
    clock.set('2026-12-28T03:30:01.000Z');
    for (let i = 0; i < 200 && connector.requests.length === requestsBefore; i++) await new Promise((r) => setTimeout(r, 25));
    expect(connector.requests.length).toBe(requestsBefore + 1);
    await toBot({ type: 'conversationUpdate', from: ALEX, channelData: { ...channelData, eventType: 'teamArchived' } });
    expect(await remindersState()).toEqual(expect.objectContaining({ state: 'disabled', detail: expect.stringMatching(/archived/) }));

    await toBot({ type: 'conversationUpdate', from: ALEX, channelData: { ...channelData, eventType: 'teamUnarchived' } });
    expect((await remindersState()).state).toBe('active');
  });

  it('answers "rituals" with the upcoming rituals, in the channel', async () => {
    const answer = await toBot({
      type: 'message',
      from: GRACE,
      text: '<at>Commonplace</at> rituals',
      entities: [{ type: 'mention', mentioned: { id: BOT_ID, name: 'Commonplace' }, text: '<at>Commonplace</at>' }],
    });
    expect(answer.status).toBeLessThan(300);
    const reply = connector.requests.at(-1)!;
    expect(JSON.stringify(reply.activity)).toContain('Coming up in this community');
    expect(JSON.stringify(reply.activity)).toContain('Ask the platform team anything');
  });

  it('at short notice, sends one reminder with the real time left and the top questions at the start, with the questions sent meanwhile', async () => {
    // 19:36 in Paris, for 19:40 with a 15-minute reminder.
    await settleAt('2027-01-19T18:36:00.000Z');
    const title = 'Short-notice AMA';
    const created = await api('POST', RITUAL_ROUTES.rituals(key), {
      ...AMA,
      title,
      schedule: { firstStart: '2027-01-19T19:40', timeZone: 'Europe/Paris', durationMinutes: 60, rule: 'FREQ=WEEKLY;BYDAY=TU' },
      reminderOffsets: [15],
    } satisfies RitualInput);
    expect(created.status).toBe(201);
    await settleAt('2027-01-19T18:36:01.000Z');
    expect(postsAbout(title)).toHaveLength(1);
    expect(postsAbout(title)[0]).toContain('Starts in 4 minutes');
    expect(postsAbout(title)[0]).not.toContain('top questions');

    await settleAt('2027-01-19T18:38:00.000Z');
    const occurrenceId = ritualDetailSchema.parse(created.body).upcoming[0].id;
    expect((await api('POST', RITUAL_ROUTES.items(key, created.body.id, occurrenceId), { text: 'What changes for on-call?' })).status).toBe(
      201,
    );
    await settleAt('2027-01-19T18:39:59.000Z');
    expect(postsAbout(title)).toHaveLength(1);
    await settleAt('2027-01-19T18:40:01.000Z');
    expect(postsAbout(title)).toHaveLength(2);
    expect(postsAbout(title)[1]).toContain('The top questions');
    expect(postsAbout(title)[1]).toContain('What changes for on-call?');
  });

  it('says the real time left in a reminder posted late', async () => {
    // The service was down at 18:25 for an occurrence at 18:40 on 26 January: it is back at 18:31.
    await settleAt('2027-01-26T18:31:00.000Z');
    const late = postsAbout('Short-notice AMA').filter((json) => json.includes('Starts in'));
    expect(late.at(-1)).toContain('Starts in 9 minutes');
  });

  it('answers every button of every ritual card, as Teams and as the Playground send it', async () => {
    // One ritual of each kind that posts buttons, each through its reminder, opener and follow-up.
    await settleAt('2027-02-01T08:00:00.000Z');
    const schedule = { firstStart: '2027-02-01T12:00', timeZone: 'UTC', durationMinutes: 30, rule: 'FREQ=WEEKLY;BYDAY=MO' };
    for (const [kind, title] of [
      ['huddle', 'Buttons huddle'],
      ['showAndTell', 'Buttons show and tell'],
      ['custom', 'Buttons custom'],
    ] as const) {
      expect(
        (await api('POST', RITUAL_ROUTES.rituals(key), { ...AMA, kind, title, featuredExpert: undefined, schedule, reminderOffsets: [60] }))
          .status,
      ).toBe(201);
    }
    await settleAt('2027-02-01T11:00:01.000Z');
    await settleAt('2027-02-01T12:00:01.000Z');
    await settleAt('2027-02-01T12:30:01.000Z');

    const cards = connector
      .delivered()
      .flatMap((r) => ((r.activity.attachments ?? []) as { content: { actions?: Record<string, any>[] } }[]).map((a) => a.content));
    const actions = cards.flatMap((card) => card.actions ?? []);
    const titles = new Set(actions.map((a) => a.title));
    for (const expected of [
      'Submit a question',
      'See questions',
      'What was discussed',
      'Open the ritual',
      'Bring a problem',
      'See the agenda',
      'Sign up to present',
      'See who presents',
      'Remind me what this is',
    ]) {
      expect(titles).toContain(expected);
    }
    const seen = new Set<string>();
    for (const action of actions) {
      const id = `${action.title}|${JSON.stringify(action.data ?? action.url)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (action.type === 'Action.OpenUrl') {
        expect(action.url).toMatch(/^https:\/\//);
        continue;
      }
      expect(action.type).toBe('Action.Submit');
      // Teams: a button with msteams.type task/fetch opens a dialog through an invoke; any other submit is a message.
      if (action.data?.msteams?.type === 'task/fetch') {
        const opened = await fromGrace({ type: 'invoke', name: 'task/fetch', value: { data: action.data } });
        expect(opened.status).toBe(200);
        const dialog = opened.body?.task?.value?.card?.content;
        expect(dialog?.body?.length).toBeGreaterThan(1);
        expect(JSON.stringify(dialog)).not.toMatch(/could not|went wrong/i);
        // Every button in the dialog answers too.
        for (const inner of (dialog.actions ?? []) as Record<string, any>[]) {
          const submitted = await fromGrace({
            type: 'invoke',
            name: 'task/submit',
            value: { data: { ...inner.data, text: `From ${action.title}` } },
          });
          expect(submitted.status).toBe(200);
          expect(submitted.body?.task?.value?.card?.content?.body?.length).toBeGreaterThan(1);
        }
      }
      // The Playground (and a plain submit in Teams) sends the button's data as a message without text.
      const before = connector.requests.length;
      const answered = await fromGrace({ type: 'message', value: action.data, channelData: { ...channelData, postBack: true } });
      expect(answered.status).toBeLessThan(300);
      expect(connector.requests.length).toBe(before + 1);
      const reply = JSON.stringify(connector.requests.at(-1)!.activity);
      expect(reply).toContain('application/vnd.microsoft.card.adaptive');
      expect(reply).not.toMatch(/could not|went wrong/i);
    }
  });

  it('lists the upcoming rituals without repeating a title that names the kind', async () => {
    await toBot({
      type: 'message',
      from: GRACE,
      text: '<at>Commonplace</at> rituals',
      entities: [{ type: 'mention', mentioned: { id: BOT_ID, name: 'Commonplace' }, text: '<at>Commonplace</at>' }],
    });
    const reply = JSON.stringify(connector.requests.at(-1)!.activity);
    expect(reply).toContain('**Win of the Week**');
    expect(reply).not.toContain('**Win of the Week** · Win of the Week');
    expect(reply).toContain('**Buttons huddle** · Problem-solving huddle');
  });

  it('tells a person whose button names a ritual that is gone that the ritual is gone, not a card', async () => {
    const data = { msteams: { type: 'task/fetch' }, verb: 'ritualAddItem', ritualId: 'no-such-ritual', occurrenceId: '2026-11-10T16:00' };
    const opened = await fromGrace({ type: 'invoke', name: 'task/fetch', value: { data } });
    expect(opened.status).toBe(200);
    // The problem keeps the ritual dialogs' title: it is not a "Save to community" dialog.
    expect(opened.body.task.value.title).toBe('Commonplace');
    const shown = JSON.stringify(opened.body);
    expect(shown).toContain('That ritual is no longer in this community.');
    expect(shown).not.toContain('card is no longer');
  });

  it('tells a person whose button names a session no longer on a ritual’s schedule that the session is gone', async () => {
    const ritual = ritualsPageSchema.parse((await api('GET', RITUAL_ROUTES.rituals(key))).body).rituals[0];
    const data = { msteams: { type: 'task/fetch' }, verb: 'ritualAddItem', ritualId: ritual.id, occurrenceId: '2026-11-10T16:01:00.000Z' };
    const opened = await fromGrace({ type: 'invoke', name: 'task/fetch', value: { data } });
    expect(JSON.stringify(opened.body)).toContain('That session is no longer on the ritual’s schedule.');
  });
});
