import { createHash } from 'node:crypto';
import {
  INVOKE_RESPONSE_KEY,
  TestAdapter,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import { createBotApp, runTurn } from '../../bot/src/teams/botApp';
import { installationHandlers } from '../../bot/src/teams/installation';
import { teamRecorder } from '../../bot/src/teams/teamRecorder';
import type { Announcer } from '../../bot/src/teams/announcer';
import { fixedClock } from '../builders';
import { MemoryQuestionFigureRepository, MemoryQuestionRepository } from '../memory/memoryQuestionRepository';
import { memoryLogger } from '../schedulerFixtures';
import { memoryCardStore } from '../memory/memorySearch';
import { MemoryCommunityRepository } from '../memory/memoryCommunityRepository';
import { MemoryInstallations } from '../memory/memoryInstallations';
import { MemoryRitualItemRepository } from '../memory/memoryRitualItemRepository';
import { MemoryRitualRepository } from '../memory/memoryRitualRepository';
import { memoryTeamDirectory } from '../memory/memoryTeamDirectory';
import { MemoryThreadRepository } from '../memory/memoryThreadRepository';

/** What the bot answered an invoke with, as the adapter would write it to Teams' HTTP response. */
export interface InvokeAnswer {
  status: number;
  body: any;
}

/** What one activity sent to the bot came back with. */
export interface TurnResult {
  /** The invoke response, for an invoke. */
  invoke?: InvokeAnswer;
  /** Everything else the bot sent in the turn (messages, typing), in order. */
  sent: Partial<Activity>[];
}

/** A thanks the bot would post after a save. */
export interface Announcement {
  reference: Partial<ConversationReference>;
  text: string;
}

/** Days a channel message is kept for thread harvests, as configured in production. */
export const RETENTION_DAYS = 30;

/**
 * The real Teams bot (the teams-ai Application with every handler, wired as the service
 * wires it) run in-process by botbuilder's TestAdapter on in-memory ports. `send` hands
 * it an activity as Teams posts it and returns what Teams would get back.
 */
export function botHarness(options: { now?: string } = {}) {
  const clock = fixedClock(options.now ?? '2026-11-02T09:00:00.000Z');
  const log = memoryLogger();
  const { cards, search, gaps } = memoryCardStore(clock);
  const threads = new MemoryThreadRepository();
  const rituals = new MemoryRitualRepository();
  const ritualItems = new MemoryRitualItemRepository();
  const communities = new MemoryCommunityRepository();
  const directory = memoryTeamDirectory({});
  const installations = new MemoryInstallations();
  const questions = new MemoryQuestionRepository();
  const questionFigures = new MemoryQuestionFigureRepository();
  const announcements: Announcement[] = [];
  const announcer: Announcer = { announce: async (reference, text) => void announcements.push({ reference, text }) };

  const adapter = new TeamsTestAdapter(async (context) => runTurn(app, context));
  const app = createBotApp(adapter as unknown as TeamsAdapter, BOT_APP_ID, {
    cards,
    search,
    gaps,
    threads,
    clock,
    log,
    retentionDays: RETENTION_DAYS,
    announcer,
    recordTeam: teamRecorder(installations, clock, log),
    rituals: {
      rituals,
      ritualItems,
      communities,
      directory,
      clock,
      itemId: (parts) => createHash('sha256').update(parts.join('\n'), 'utf8').digest('base64url').slice(0, 22),
    },
    installation: installationHandlers({ teams: installations, channels: installations, log, now: () => clock.now() }),
    questions: { questions, questionFigures, communities, directory },
  });

  /**
   * Sends one activity through the bot and returns what the bot sent in that turn. The
   * activity is copied, so a test can send the same one again, or several at once.
   */
  async function send(activity: Record<string, unknown>): Promise<TurnResult> {
    const turn = structuredClone(activity) as Partial<Activity>;
    const out = adapter.sentIn(turn);
    await adapter.processActivity(turn);
    const responses = out.filter((a) => a.type === 'invokeResponse');
    if (responses.length > 1) throw new Error(`The bot answered one invoke ${responses.length} times`);
    return {
      ...(responses[0] ? { invoke: responses[0].value as InvokeAnswer } : {}),
      sent: out.filter((a) => a.type !== 'invokeResponse'),
    };
  }
  return {
    send,
    clock,
    log,
    announcements,
    ports: { cards, threads, rituals, ritualItems, communities, directory, installations, questions, questionFigures },
  };
}

/**
 * botbuilder's TestAdapter, answering invokes as the service's CloudAdapter does: the
 * invoke response a turn sends is kept in the turn's state (INVOKE_RESPONSE_KEY), which
 * is how a turn knows it has answered; TestAdapter only queues it. What each turn sends
 * is kept apart, so turns may run at once as Teams' retries do.
 */
class TeamsTestAdapter extends TestAdapter {
  private readonly turns = new WeakMap<Partial<Activity>, Partial<Activity>[]>();

  /** Where what the bot sends in the turn of this activity is kept. */
  sentIn(activity: Partial<Activity>): Partial<Activity>[] {
    const sent: Partial<Activity>[] = [];
    this.turns.set(activity, sent);
    return sent;
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === 'invokeResponse') context.turnState.set(INVOKE_RESPONSE_KEY, activity);
    }
    const turn = this.turns.get(context.activity);
    if (!turn) throw new Error('The bot sent something outside a turn the harness started');
    turn.push(...activities);
    const sent = await super.sendActivities(context, activities);
    // Kept per turn above, so turns may run at once; the adapter's own queue is not read.
    this.activeQueue.splice(0);
    return sent;
  }
}

/** The bot's id as Teams addresses it: `28:` and its app id. */
export const BOT_APP_ID = 'commonplace-bot';
