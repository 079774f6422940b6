import { randomUUID } from 'node:crypto';
import {
  postInChannel as postMessage,
  replyInThread,
  startE2EStack,
  type E2EStack,
  type PlaygroundConfig,
} from '../../../test-support/playground';

/*
 * "Save to community" and search, end to end: the real Agents Playground sends what
 * Teams sends, the bot runs as a real HTTP service on a real Azurite.
 */

const SAVE = 'saveToCommunity';
const SEARCH = 'searchCards';

let stack: E2EStack;
let config: PlaygroundConfig;
let channelId: string;

beforeAll(async () => {
  stack = await startE2EStack();
  config = await stack.playground.config();
  channelId = config.teams[0].channels[0].id;
});

afterAll(async () => {
  await stack?.stop();
});

const user = (name: string) => [config.currentUser, ...config.users].find((u) => u.name === name)!;

/** Posts a channel message as the current user, opening a thread; returns the thread and the payload the Playground's "…" menu sends. */
function postInChannel(text: string, html?: string) {
  return postMessage(stack, config, channelId, text, html);
}

/** A reply in a channel thread by someone other than the current user, as Teams delivers it to the bot under RSC. */
async function replyAs(name: string, thread: string, text: string): Promise<string> {
  const person = user(name);
  const id = String(Date.now()) + Math.floor(Math.random() * 1000);
  await stack.playground.customActivity({
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: `${stack.playground.url}/_connector`,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: config.bot,
    conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: config.tenantId },
    channelData: { tenant: { id: config.tenantId }, team: { id: config.teams[0].id }, channel: { id: channelId } },
    text,
    textFormat: 'plain',
  });
  return id;
}

function openDialog(fromName: string, thread: string, payload: Record<string, unknown>) {
  return stack.playground.invoke('composeExtension/fetchTask', user(fromName).id, thread, {
    commandId: SAVE,
    commandContext: 'message',
    messagePayload: payload,
  });
}

function submitDialog(fromName: string, thread: string, payload: Record<string, unknown>, data: Record<string, unknown>) {
  return stack.playground.invoke('composeExtension/submitAction', user(fromName).id, thread, {
    commandId: SAVE,
    commandContext: 'message',
    messagePayload: payload,
    data,
  });
}

/** Opens the dialog until the thread's reply containing `text` is offered (the bot stores replies as they arrive); returns its choice value. */
async function waitForReplyChoice(fromName: string, thread: string, payload: Record<string, unknown>, text: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const choices: { title: string; value: string }[] =
      input(dialogCard(await openDialog(fromName, thread, payload)), 'replyIds')?.choices ?? [];
    const found = choices.find((c) => c.title.includes(text));
    if (found) return found.value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The reply "${text}" was never offered`);
}

/** Searches once the indexer has caught up with every save so far (it runs right after each save). */
async function search(fromName: string, text: string, skip = 0, count = 10) {
  await stack.cardsIndexed();
  return stack.playground.invoke('composeExtension/query', user(fromName).id, channelId, {
    commandId: SEARCH,
    commandContext: 'compose',
    parameters: [{ name: 'query', value: text }],
    queryOptions: { skip, count },
  });
}

/** The dialog's Adaptive Card from a task response. */
function dialogCard(response: { body: any }): any {
  return response.body.task.value.card.content;
}

/** All text shown on a card, for assertions on what a person reads. */
function textOf(node: unknown): string {
  if (Array.isArray(node)) return node.map(textOf).join('\n');
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    const isFact = typeof o.title === 'string' && typeof o.value === 'string' && !('type' in o);
    const own = typeof o.text === 'string' ? o.text : isFact ? `${o.title}: ${o.value}` : '';
    return [
      own,
      ...Object.entries(o)
        .filter(([k]) => k !== 'text')
        .map(([, v]) => textOf(v)),
    ]
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

function input(card: any, id: string): any {
  const walk = (n: any): any =>
    Array.isArray(n)
      ? n.map(walk).find(Boolean)
      : n && typeof n === 'object'
        ? n.id === id
          ? n
          : Object.values(n).map(walk).find(Boolean)
        : undefined;
  return walk(card.body);
}

function submitData(card: any): Record<string, unknown> {
  return card.actions[0].data;
}

describe('Save to community, end to end through the Agents Playground', () => {
  it('opens a pre-filled dialog, saves the card, thanks the author in the thread, and search brings it back', async () => {
    const { thread, payload } = await postInChannel('Deploys flake on Mondays. Warm the runner cache before the first deploy of the week.');

    const opened = await openDialog('Megan Bowen', thread, payload);
    expect(opened.status).toBe(200);
    const form = dialogCard(opened);
    expect(form.version).toBe('1.5');
    expect(input(form, 'title').value).toBe('Deploys flake on Mondays.');
    expect(input(form, 'summary').value).toBe('Warm the runner cache before the first deploy of the week.');
    expect(input(form, 'kind').choices.map((c: { title: string }) => c.title)).toEqual([
      'How-to / fix',
      'Template',
      'Code snippet',
      'Case study',
      'Lesson from a failure',
      'Decision',
      'Link',
    ]);
    expect(textOf(form.body)).toContain('From **Alex Wilber**');

    const saved = await submitDialog('Megan Bowen', thread, payload, {
      ...submitData(form),
      title: 'Warm the runner cache before Monday deploys',
      summary: 'The cache expires over the weekend.',
      kind: 'how-to',
      newTags: 'ci, deploys',
      replyIds: '',
    });
    expect(saved.status).toBe(200);
    expect(textOf(dialogCard(saved).body)).toContain('Saved to the community: Warm the runner cache before Monday deploys');

    const thanks = await stack.playground.waitForBotMessage(thread, (m) => m.text?.startsWith('Saved to the community:') ?? false);
    expect(thanks.text).toBe('Saved to the community: Warm the runner cache before Monday deploys. Thanks to Alex Wilber for sharing it.');

    const found = await search('Isaiah Langer', 'runner cach');
    expect(found.status).toBe(200);
    const results = found.body.composeExtension;
    expect(results.type).toBe('result');
    expect(results.attachments).toHaveLength(1);
    expect(results.attachments[0].preview.content.title).toBe('Warm the runner cache before Monday deploys');
    const inserted = results.attachments[0].content;
    expect(textOf(inserted.body)).toContain('The cache expires over the weekend.');
    expect(textOf(inserted.body)).toContain('Alex Wilber');
    const openConversation = inserted.actions.find((a: { title: string }) => a.title === 'Open conversation');
    expect(openConversation).toMatchObject({
      type: 'Action.OpenUrl',
      url: expect.stringContaining('https://teams.microsoft.com/l/message/'),
    });

    // Choosing the result inserts its card into a chat.
    const groupChat = config.groupChats[0].id;
    const sent = await stack.playground.postMessage(groupChat, {
      from: { id: config.currentUser.id },
      attachments: [{ contentType: results.attachments[0].contentType, content: inserted }],
      attachmentLayout: 'list',
    });
    expect(sent.messageId).toBeTruthy();
  });

  it('harvests a thread with the replies a person chooses, crediting each author', async () => {
    const { thread, payload } = await postInChannel('How do we keep Terraform state safe?');
    const megansReply = await replyAs('Megan Bowen', thread, 'Use a remote backend with locking.');
    await replyAs('Adele Vance', thread, 'Thanks, that helped!');

    let form: any;
    for (let attempt = 0; attempt < 50; attempt++) {
      form = dialogCard(await openDialog('Isaiah Langer', thread, payload));
      if (input(form, 'replyIds')?.choices.length >= 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const choices = input(form, 'replyIds').choices;
    expect(choices.map((c: { title: string }) => c.title)).toEqual(
      expect.arrayContaining(['Megan Bowen: Use a remote backend with locking.', 'Adele Vance: Thanks, that helped!']),
    );

    const saved = await submitDialog('Isaiah Langer', thread, payload, {
      ...submitData(form),
      title: 'Keep Terraform state safe',
      kind: 'how-to',
      replyIds: megansReply,
    });
    expect(textOf(dialogCard(saved).body)).toContain('Saved to the community: Keep Terraform state safe');
    const thanks = await stack.playground.waitForBotMessage(
      thread,
      (m) => m.text?.startsWith('Saved to the community: Keep Terraform') ?? false,
    );
    expect(thanks.text).toBe('Saved to the community: Keep Terraform state safe. Thanks to Alex Wilber and Megan Bowen for sharing it.');

    const found = (await search('Alex Wilber', 'terraform')).body.composeExtension.attachments;
    expect(found).toHaveLength(1);
    expect(textOf(found[0].content.body)).toContain('Alex Wilber, Megan Bowen');
    expect(textOf(found[0].content.body)).toContain('Isaiah Langer');
    expect(textOf(found[0].content.body)).not.toContain('Adele Vance');

    const again = dialogCard(await openDialog('Adele Vance', thread, payload));
    expect(textOf(again.body)).toContain('Isaiah Langer already saved this message as "Keep Terraform state safe"');
    expect(again.actions[0].title).toBe('Update card');
    expect(input(again, 'replyIds').value).toBe(megansReply);
  });

  it('credits one person once, whichever id form the Playground names them by', async () => {
    const { thread, payload } = await postInChannel('Flaky test runs come from the shared tmp dir. Give each worker its own.');
    await replyInThread(stack, config, thread, '<at>Test Bot</at> set TMPDIR per worker in the jest config');
    const reply = await waitForReplyChoice('Alex Wilber', thread, payload, 'TMPDIR per worker');

    // The person who posted saves it, then someone else saves another of their threads:
    // the roster says who "user-id-0" is.
    const form = dialogCard(await openDialog('Alex Wilber', thread, payload));
    const saved = dialogCard(
      await submitDialog('Alex Wilber', thread, payload, {
        ...submitData(form),
        title: 'Give each test worker its own tmp dir',
        kind: 'how-to',
        replyIds: reply,
      }),
    );
    expect(textOf(saved.body)).toContain('Saved to the community: Give each test worker its own tmp dir');
    expect(textOf(saved.body)).toContain('Shared by: Alex Wilber\n');
    const thanks = await stack.playground.waitForBotMessage(
      thread,
      (m) => m.text?.startsWith('Saved to the community: Give each') ?? false,
    );
    expect(thanks.text).toBe('Saved to the community: Give each test worker its own tmp dir. Thanks to Alex Wilber for sharing it.');

    const other = await postInChannel('Snapshot tests break on locale. Pin the locale in the test setup.');
    await replyInThread(stack, config, other.thread, '<at>Test Bot</at> LANG=C in the CI job does it');
    const otherReply = await waitForReplyChoice('Megan Bowen', other.thread, other.payload, 'LANG=C');
    const megansForm = dialogCard(await openDialog('Megan Bowen', other.thread, other.payload));
    await submitDialog('Megan Bowen', other.thread, other.payload, {
      ...submitData(megansForm),
      title: 'Pin the locale in snapshot tests',
      kind: 'how-to',
      replyIds: otherReply,
    });

    const found = (await search('Megan Bowen', 'tmp dir')).body.composeExtension.attachments;
    expect(textOf(found[0].content.body)).toContain('Shared by: Alex Wilber\n');
    const pinned = (await search('Megan Bowen', 'pin the locale')).body.composeExtension.attachments;
    expect(textOf(pinned[0].content.body)).toContain('Shared by: Alex Wilber\n');
    expect(pinned[0].preview.content.subtitle).toBe('How-to / fix · by Alex Wilber');
  });

  it('pre-fills the title and summary so every word of the message opening reaches one of them', async () => {
    const text =
      'When the nightly build fails because the artifact cache is full, clear the cache from the pipeline settings page and rerun the build. ' +
      'Then tell the release channel so nobody retries by hand.';
    const { thread, payload } = await postInChannel(text);
    const form = dialogCard(await openDialog('Alex Wilber', thread, payload));
    const title: string = input(form, 'title').value;
    const summary: string = input(form, 'summary').value;
    expect(title.length).toBeLessThanOrEqual(120);
    const words = (s: string) => s.replace(/…/g, ' ').split(/\s+/).filter(Boolean);
    expect([...words(title), ...words(summary)].join(' ')).toBe(words(text).join(' '));
  });

  it('inserts a card that keeps code as code, links as links, and each message with its author', async () => {
    const html =
      '<p>CI installs differ from laptops. Docs: <a href="https://docs.npmjs.com/cli/v10/commands/npm-ci">npm ci reference</a></p>' +
      '<pre><code>npm ci\nnpm test -- --ci</code></pre>';
    const { thread, payload } = await postInChannel('CI installs differ from laptops. Docs: npm ci reference', html);
    const megansReply = await replyAs('Megan Bowen', thread, 'Also cache ~/.npm between jobs && keep the lockfile committed.');
    const form = dialogCard(await openDialog('Alex Wilber', thread, payload));
    await waitForReplyChoice('Alex Wilber', thread, payload, 'cache ~/.npm');
    await submitDialog('Alex Wilber', thread, payload, {
      ...submitData(form),
      title: 'Install with npm ci in CI',
      kind: 'snippet',
      replyIds: megansReply,
    });

    const [result] = (await search('Isaiah Langer', 'npm ci')).body.composeExtension.attachments;
    const shown = textOf(result.content.body);
    expect(shown).toContain('npm ci\nnpm test -- --ci');
    expect(shown).toContain('[npm ci reference](https://docs.npmjs.com/cli/v10/commands/npm-ci)');
    expect(shown).toMatch(/\*\*Alex Wilber\*\*[^\n]*\n[\s\S]*CI installs differ[\s\S]*\*\*Megan Bowen\*\*[^\n]*\nAlso cache/);
    expect(JSON.stringify(result.content).length).toBeLessThan(28_000);
  });

  it('shows && in a search preview as it was written', async () => {
    const { thread, payload } = await postInChannel('Chain the checks. Run npm ci && npm test before every push.');
    const form = dialogCard(await openDialog('Alex Wilber', thread, payload));
    await submitDialog('Alex Wilber', thread, payload, {
      ...submitData(form),
      title: 'Chain checks with &&',
      summary: input(form, 'summary').value,
      kind: 'how-to',
    });
    const [result] = (await search('Megan Bowen', 'chain checks')).body.composeExtension.attachments;
    expect(result.preview.content.title).toBe('Chain checks with &&');
    expect(result.preview.content.text).toBe('Run npm ci && npm test before every push.');
  });

  it('keeps only Teams links to the message, dropping any other link a payload carries', async () => {
    const hostile = [
      'javascript:alert(document.cookie)',
      'javascript://teams.microsoft.com/%0Aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://teams.microsoft.com.evil.example/l/message/1/2',
      'http://teams.microsoft.com/l/message/1/2',
    ];
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    for (const [i, link] of hostile.entries()) {
      const { thread, payload } = await postInChannel(`Hostile link ${names[i]} here.`);
      const withLink = { ...payload, linkToMessage: link };
      const form = dialogCard(await openDialog('Alex Wilber', thread, withLink));
      const saved = dialogCard(
        await submitDialog('Alex Wilber', thread, withLink, { ...submitData(form), title: `Hostile link ${names[i]}`, kind: 'how-to' }),
      );
      expect(JSON.stringify(saved)).not.toContain('Open conversation');
      const [result] = (await search('Megan Bowen', `hostile link ${names[i]}`)).body.composeExtension.attachments;
      expect(JSON.stringify(result.content)).not.toContain('Open conversation');
    }

    const { thread, payload } = await postInChannel('A genuine Teams link here.');
    const teamsLink = `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${payload.id}?tenantId=${config.tenantId}`;
    const withLink = { ...payload, linkToMessage: teamsLink };
    const form = dialogCard(await openDialog('Alex Wilber', thread, withLink));
    await submitDialog('Alex Wilber', thread, withLink, { ...submitData(form), title: 'Genuine link', kind: 'how-to' });
    const [result] = (await search('Megan Bowen', 'genuine link')).body.composeExtension.attachments;
    expect(result.content.actions).toContainEqual({ type: 'Action.OpenUrl', title: 'Open conversation', url: teamsLink });
  });

  it('answers an @mention with help only when asked, and always in a personal chat', async () => {
    const { thread } = await postInChannel('Where do we keep the runbooks?');
    await replyInThread(stack, config, thread, '<at>Test Bot</at> thanks, saving this');
    await replyInThread(stack, config, thread, '<at>Test Bot</at> help');
    const help = await stack.playground.waitForBotMessage(
      thread,
      (m) => m.text?.startsWith('Commonplace keeps what your community learns') ?? false,
    );
    expect(help).toBeDefined();
    await new Promise((r) => setTimeout(r, 500));
    expect(stack.playground.botMessages(thread)).toHaveLength(1);

    await stack.playground.postMessage(config.personalChat.id, {
      type: 'text',
      text: 'hello',
      textFormat: 'plain',
      from: { id: config.currentUser.id },
    });
    const personal = await stack.playground.waitForBotMessage(
      config.personalChat.id,
      (m) => m.text?.startsWith('Commonplace keeps what your community learns') ?? false,
    );
    expect(personal).toBeDefined();
  });

  it('turns a retried or concurrent save into one card and one thanks', async () => {
    const { thread, payload } = await postInChannel('Rotate the signing certificate a week early.');
    const form = dialogCard(await openDialog('Megan Bowen', thread, payload));
    const data = { ...submitData(form), title: 'Rotate certificates early', kind: 'how-to' };

    const [first, retry1, retry2] = await Promise.all([1, 2, 3].map(() => submitDialog('Megan Bowen', thread, payload, data)));
    for (const response of [first, retry1, retry2]) {
      expect(response.status).toBe(200);
      expect(textOf(dialogCard(response).body)).toContain('Saved to the community: Rotate certificates early');
    }
    const secondPerson = await submitDialog('Adele Vance', thread, payload, { ...data, submissionId: randomUUID(), title: 'My own title' });
    expect(textOf(dialogCard(secondPerson).body)).toContain('already saved this message as "Rotate certificates early". Update that card');
    expect(dialogCard(secondPerson).actions[0].title).toBe('Update card');

    await stack.playground.waitForBotMessage(thread, (m) => m.text?.startsWith('Saved to the community: Rotate') ?? false);
    await new Promise((r) => setTimeout(r, 500));
    expect(stack.playground.botMessages(thread).filter((m) => m.text?.startsWith('Saved to the community'))).toHaveLength(1);
    expect((await search('Megan Bowen', 'rotate certificates')).body.composeExtension.attachments).toHaveLength(1);

    const updated = await submitDialog('Adele Vance', thread, payload, {
      ...submitData(dialogCard(secondPerson)),
      title: 'Rotate signing certificates a week early',
      kind: 'how-to',
    });
    expect(textOf(dialogCard(updated).body)).toContain('Updated in the community: Rotate signing certificates a week early');
    expect((await search('Megan Bowen', 'rotate')).body.composeExtension.attachments.map((a: any) => a.preview.content.title)).toEqual([
      'Rotate signing certificates a week early',
    ]);
  });

  it('answers every bad input with a clear message, never a server error, and stores nothing', async () => {
    const { thread, payload } = await postInChannel('Pin dependency versions in the lockfile.');
    const form = dialogCard(await openDialog('Megan Bowen', thread, payload));
    const base = { ...submitData(form), kind: 'how-to' };

    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, title: '   ' }, 'Give the card a title.'],
      [{ ...base, title: 'x'.repeat(121) }, 'The title is 121 characters; keep it to 120.'],
      [{ ...base, title: 'Tags', newTags: 'a,b,c,d,e,f,g,h,i' }, 'That is 9 tags; a card can have at most 8.'],
      [{ ...base, title: 'Kind', kind: 'poem' }, 'Choose what kind of knowledge this is.'],
    ];
    for (const [data, message] of cases) {
      const response = await submitDialog('Megan Bowen', thread, payload, data);
      expect(response.status).toBe(200);
      const card = dialogCard(response);
      expect(textOf(card.body)).toContain(message);
      expect(card.actions[0].title).toBe('Save to community');
    }

    const empty = await openDialog('Megan Bowen', thread, {
      ...payload,
      id: '999',
      body: { contentType: 'html', content: '<p> </p><script>x()</script>' },
    });
    expect(textOf(dialogCard(empty).body)).toContain('This message has no text to save.');

    const commandBox = await stack.playground.invoke('composeExtension/fetchTask', config.currentUser.id, config.currentUser.id, {
      commandId: SAVE,
      commandContext: 'message',
      messagePayload: payload,
    });
    expect(commandBox.status).toBe(200);
    expect(textOf(dialogCard(commandBox).body)).toContain('works in team channels, group chats and personal chats');

    const malformed = await stack.playground.invoke('composeExtension/submitAction', config.currentUser.id, thread, {
      commandId: SAVE,
      commandContext: 'message',
      data: base,
    });
    expect(malformed.status).toBe(200);
    expect(textOf(dialogCard(malformed).body)).toContain('Teams sent a request Commonplace could not read');

    const wrongAction = await submitDialog('Megan Bowen', thread, payload, { action: 'explode' });
    expect(textOf(dialogCard(wrongAction).body)).toContain('Teams sent a request Commonplace could not read');

    expect((await search('Megan Bowen', 'pin dependency')).body.composeExtension.attachments).toEqual([]);
    expect((await search('Megan Bowen', 'kind')).body.composeExtension.attachments).toEqual([]);

    const garbage = await fetch(`${stack.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(garbage.status).toBe(400);
    expect(garbage.headers.get('content-type')).toContain('application/problem+json');
    const notActivity = await fetch(`${stack.service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(notActivity.status).toBe(400);
  });

  it('shows similar cards before saving, and lets a person open and share one instead', async () => {
    await stack.cardsIndexed();
    const { thread, payload } = await postInChannel('Warm the runner cache again before deploys?');
    const form = dialogCard(await openDialog('Patti Fernandez', thread, payload));
    expect(textOf(form.body)).toContain('Already in the community:');
    const open = JSON.stringify(form.body).match(/"data":\{"action":"open","cardId":"([0-9a-f]{32})"\}/);
    expect(open).not.toBeNull();

    const opened = dialogCard(await submitDialog('Patti Fernandez', thread, payload, { action: 'open', cardId: open![1] }));
    expect(textOf(opened.body)).toContain('Warm the runner cache before Monday deploys');
    expect(textOf(opened.body)).toContain('Deploys flake on Mondays');
    expect(opened.actions.map((a: { title: string }) => a.title)).toEqual(['Share in this conversation', 'Back to saving mine']);

    const shared = await submitDialog('Patti Fernandez', thread, payload, { action: 'share', cardId: open![1] });
    expect(shared.body.composeExtension.type).toBe('result');
    expect(shared.body.composeExtension.attachments[0].content.type).toBe('AdaptiveCard');

    const back = dialogCard(await submitDialog('Patti Fernandez', thread, payload, { action: 'back' }));
    expect(back.actions[0].title).toBe('Save to community');
  });

  it('lists the newest cards for an empty search and honours paging', async () => {
    const first = (await search('Megan Bowen', '', 0, 2)).body.composeExtension;
    const second = (await search('Megan Bowen', '', 2, 2)).body.composeExtension;
    expect(first.attachments).toHaveLength(2);
    expect(first.attachments[0].preview.content.title).toBe('Rotate signing certificates a week early');
    const titles = [...first.attachments, ...second.attachments].map((a: any) => a.preview.content.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("records an update from the dialog in the card's history, with the fields it changed", async () => {
    const { thread, payload } = await postInChannel('Tag release branches before the freeze.');
    const form = dialogCard(await openDialog('Megan Bowen', thread, payload));
    await submitDialog('Megan Bowen', thread, payload, {
      ...submitData(form),
      title: 'Tag release branches early',
      summary: 'Before the freeze.',
      kind: 'how-to',
    });

    const reopened = dialogCard(await openDialog('Megan Bowen', thread, payload));
    expect(reopened.actions[0].title).toBe('Update card');
    const updated = await submitDialog('Megan Bowen', thread, payload, {
      ...submitData(reopened),
      title: 'Tag release branches early',
      summary: 'A day before the freeze, so hotfixes have a base.',
      kind: 'how-to',
    });
    expect(textOf(dialogCard(updated).body)).toContain('Updated in the community: Tag release branches early');

    // The tab's API, as the local development identity (Megan's card, Alex reading it).
    const api = async (path: string) => {
      const response = await fetch(`${stack.service.url}${path}`);
      expect(response.status).toBe(200);
      return (await response.json()) as any;
    };
    const community = await api(
      `/api/communities/resolve?teamId=${encodeURIComponent(config.teams[0].id)}&channelId=${encodeURIComponent(channelId)}`,
    );
    const list = await api(`/api/communities/${encodeURIComponent(community.key)}/cards?q=${encodeURIComponent('tag release branches')}`);
    const card = await api(`/api/communities/${encodeURIComponent(community.key)}/cards/${encodeURIComponent(list.cards[0].id)}`);
    expect(card.summary).toBe('A day before the freeze, so hotfixes have a base.');
    expect(card.history.map((c: any) => ({ action: c.action, by: c.by.name, fields: c.fields }))).toEqual([
      { action: 'edited', by: 'Megan Bowen', fields: ['summary'] },
      { action: 'created', by: 'Megan Bowen', fields: undefined },
    ]);
  });
});
