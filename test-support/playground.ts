import type { AppConfig } from '../bot/src/config/config';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import WebSocket from 'ws';
import { startService, type RunningService, type ServiceOverrides } from '../bot/src/service';
import { silentLogger } from '../bot/src/logging';
import type { Child } from '../scripts/local/processes';
import { startPlayground } from '../scripts/local/stack';
import { cardsIndexed, testConfig, waitHealthy } from './storage';

/** A message the bot posted, as the Playground pushes it. */
export interface PlaygroundMessage {
  messageId: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
  postConversationId?: string;
}

interface ConversationEvent {
  action: string;
  actionConversationId?: string;
  message?: PlaygroundMessage;
}

/** The Playground's roster and conversations, from `/_internal/v1/testConfig`. */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: { id: string; name: string; aadObjectId: string };
  users: { id: string; name: string; aadObjectId: string }[];
  personalChat: { id: string };
  groupChats: { id: string }[];
  teams: { id: string; aadGroupId: string; channels: { id: string; name: string }[] }[];
}

/** Drives the Agents Playground through its HTTP API, as a person would through its UI. */
export class PlaygroundClient {
  private readonly events: ConversationEvent[] = [];

  private constructor(
    readonly url: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => this.events.push(JSON.parse(String(data)) as ConversationEvent));
  }

  /** Connects to the conversation stream before anything is sent, so no bot post is missed. */
  static async connect(url: string): Promise<PlaygroundClient> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PlaygroundClient(url, socket);
  }

  async config(): Promise<PlaygroundConfig> {
    const response = await fetch(`${this.url}/_internal/v1/testConfig`);
    return ((await response.json()) as { config: PlaygroundConfig }).config;
  }

  /** Posts a message as the current user; returns the Playground's message id and thread. */
  async postMessage(
    conversationId: string,
    body: Record<string, unknown>,
  ): Promise<{ messageId: string; postConversationId?: string; timestamp?: number }> {
    const response = await fetch(`${this.url}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`postMessage answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { messageId: string; postConversationId?: string; timestamp?: number };
  }

  /** Sends an activity to the bot exactly as given, e.g. a channel reply by another person. */
  async customActivity(activity: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${this.url}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (response.status !== 200) throw new Error(`customActivity answered ${response.status}: ${await response.text()}`);
  }

  /** An invoke, as Teams sends it when a person uses a message extension; answers with the bot's invoke body. */
  async invoke(
    name: string,
    fromId: string,
    conversationId: string,
    value: Record<string, unknown>,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, from: { id: fromId }, conversation: { id: conversationId }, value }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Waits for the bot to post a message in a conversation that matches `predicate`. */
  async waitForBotMessage(
    conversationId: string,
    predicate: (m: PlaygroundMessage) => boolean,
    timeoutMs = 10_000,
  ): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.botMessages(conversationId).find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(
      `The bot posted nothing matching in ${conversationId} within ${timeoutMs} ms; it posted: ${JSON.stringify(this.botMessages(conversationId).map((m) => m.text))}`,
    );
  }

  /** Every message the bot has posted in a conversation so far. */
  botMessages(conversationId: string): PlaygroundMessage[] {
    return this.events
      .filter(
        (e) =>
          e.action === 'createMessage' &&
          e.message &&
          (e.actionConversationId === conversationId || e.message.postConversationId === conversationId),
      )
      .map((e) => e.message!);
  }

  close(): void {
    this.socket.close();
  }
}

/** The bot service and the Playground pointed at it, on fresh storage. */
export interface E2EStack {
  service: RunningService;
  /** Resolves once every card saved so far is listed and searchable. */
  cardsIndexed(): Promise<void>;
  playground: PlaygroundClient;
  playgroundProcess: Child;
  stop(): Promise<void>;
}

/** Starts the bot (in this process, on fresh tables in the test Azurite) and the real Playground. */
export async function startE2EStack(overrides: Partial<AppConfig> = {}, serviceOverrides: ServiceOverrides = {}): Promise<E2EStack> {
  const config = testConfig(overrides);
  const service = await startService(config, { log: silentLogger, ...serviceOverrides });
  await waitHealthy(service.url);
  const workDir = mkdtempSync(path.join(tmpdir(), 'commonplace-playground-'));
  const playgroundProcess = await startPlayground({ botEndpoint: `${service.url}/api/messages`, workDir, output: { kind: 'ignore' } });
  const playground = await PlaygroundClient.connect(playgroundProcess.url);
  return {
    service,
    cardsIndexed: () => cardsIndexed(config),
    playground,
    playgroundProcess,
    async stop() {
      playground.close();
      await playgroundProcess.stop();
      await service.close();
    },
  };
}

/**
 * The `messagePayload` the Playground's UI sends with a message action (its "…" menu on
 * a message): the author is always named by the Playground's own user id (`user-id-0`),
 * never by an Entra object id, and the body is the text as typed, marked as HTML.
 */
export function playgroundMessagePayload(
  config: PlaygroundConfig,
  message: { id: string; timestamp: number; content: string; inChannel: boolean },
): Record<string, unknown> {
  return {
    id: message.id,
    replyToId: message.inChannel ? message.id : undefined,
    createdDateTime: new Date(message.timestamp).toISOString(),
    deleted: false,
    importance: 'normal',
    locale: 'en-us',
    from: { user: { userIdentityType: 'aadUser', id: config.currentUser.id, displayName: config.currentUser.name } },
    body: { contentType: 'html', content: message.content },
    attachments: [],
    mentions: [],
    reactions: [],
    linkToMessage: '',
  };
}

/** What the Playground's message box posts: plain text, and a mention entry for each `<at>name</at>`. */
function composedMessage(config: PlaygroundConfig, text: string): Record<string, unknown> {
  const people = [{ id: config.bot.id, name: config.bot.name }, ...config.users.map((u) => ({ id: u.id, name: u.name }))];
  const mentions = [...text.matchAll(/<at>(.*?)<\/at>/g)]
    .map(([markup, name]) => ({ markup, person: people.find((p) => p.name === name) }))
    .filter((m) => m.person)
    .map((m) => ({ mentioned: m.person, text: m.markup }));
  return { type: 'text', text, textFormat: 'plain', from: { id: config.currentUser.id }, mentions };
}

/**
 * A channel message posted as the Playground's current user, with the payload the
 * Playground's UI sends when a message action is used on it. `html` stands in for the
 * richer HTML Teams itself sends for formatted messages.
 */
export async function postInChannel(
  stack: E2EStack,
  config: PlaygroundConfig,
  channelId: string,
  text: string,
  html?: string,
): Promise<{ thread: string; payload: Record<string, unknown> }> {
  const posted = await stack.playground.postMessage(channelId, composedMessage(config, text));
  return {
    thread: posted.postConversationId!,
    payload: playgroundMessagePayload(config, {
      id: posted.messageId,
      timestamp: posted.timestamp ?? Date.now(),
      content: html ?? text,
      inChannel: true,
    }),
  };
}

/** A reply in a channel thread typed into the Playground by its current user; the Playground delivers it to the bot only when it @mentions the bot. */
export async function replyInThread(stack: E2EStack, config: PlaygroundConfig, thread: string, text: string): Promise<void> {
  await stack.playground.postMessage(thread, composedMessage(config, text));
}

/**
 * "Save to community" on a fresh channel message, as a person does it: open the dialog,
 * submit it with the given fields. Resolves once the card is searchable.
 */
export async function harvestInChannel(
  stack: E2EStack,
  config: PlaygroundConfig,
  channelId: string,
  message: { text: string; html?: string },
  fields: { title: string; summary?: string; kind?: string; newTags?: string },
): Promise<void> {
  const { thread, payload } = await postInChannel(stack, config, channelId, message.text, message.html);
  const value = { commandId: 'saveToCommunity', commandContext: 'message', messagePayload: payload };
  const opened = await stack.playground.invoke('composeExtension/fetchTask', config.currentUser.id, thread, value);
  const card = opened.body?.task?.value?.card?.content;
  if (opened.status !== 200 || !card) throw new Error(`The dialog did not open (${opened.status})`);
  const saved = await stack.playground.invoke('composeExtension/submitAction', config.currentUser.id, thread, {
    ...value,
    data: { ...card.actions[0].data, summary: '', kind: 'how-to', newTags: '', replyIds: '', ...fields },
  });
  if (saved.status !== 200 || !JSON.stringify(saved.body).includes('Saved to the community')) {
    throw new Error(`The card was not saved: ${JSON.stringify(saved.body).slice(0, 300)}`);
  }
  await stack.cardsIndexed();
}
