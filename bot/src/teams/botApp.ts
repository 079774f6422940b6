import { ActivityTypes, INVOKE_RESPONSE_KEY, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';
// From their modules, not the package index: the index also loads the AI stack (an OpenAI
// client, tokenizers) that this bot never uses (service.footprint.test.ts).
import { Application } from '@microsoft/teams-ai/lib/Application';
import type { TeamsAdapter } from '@microsoft/teams-ai/lib/TeamsAdapter';
import type { TurnState } from '@microsoft/teams-ai/lib/TurnState';
import { problemDialog } from '../cards/outcomeCards';
import type { CardLinkSettings } from '../cards/cardLinks';
import { CARD_REFRESH_VERB } from '../cards/cardRefresh';
import type { CardRepository } from '../domain/cards/cardPorts';
import type { CardSearchEngine, KnowledgeGaps } from '../domain/search/searchPorts';
import type { Clock } from '../domain/shared/clock';
import type { ThreadRepository } from '../domain/threads/threadPorts';
import type { Logger } from '../logging';
import { adapterAnnouncer, type Announcer } from './announcer';
import { COMMANDS } from './commands';
import { dialog, openHarvestDialog, submitHarvestDialog } from './harvestHandlers';
import { rosterPeople } from './people';
import { problemMessage } from './problems';
import { searchKnowledge, type SearchParameters } from './searchHandler';
import { captureChannelMessage, forgetChannelQuestion, forgetDeletedMessage, trackChannelQuestion } from './threadCapture';
import { decideFromAction, openAnswerDialog, QUESTION_DIALOG_TITLE, submitAnswer } from './questionHandlers';
import type { QuestionFigureRepository, QuestionRepository } from '../domain/questions/questionPorts';
import type { CommunityRepository, TeamDirectory } from '../domain/communities/communityPorts';
import { refreshSharedCard } from './cardRefreshHandler';
import { cardAttachment } from '../cards/adaptive';
import {
  answerCardSubmit,
  asksForRituals,
  openAddItem,
  openItems,
  submitAddItem,
  submitVote,
  answerUpcomingRituals,
  RITUAL_DIALOG_TITLE,
  type RitualBotDeps,
  type RitualFormData,
} from './ritualHandlers';
import type { installationHandlers } from './installation';

/** Everything the bot's handlers need. */
export interface BotDeps {
  cards: CardRepository;
  /** Ranked full-text search of the community's cards. */
  search: CardSearchEngine;
  /** Where searches that found nothing are counted. */
  gaps: KnowledgeGaps;
  threads: ThreadRepository;
  clock: Clock;
  log: Logger;
  retentionDays: number;
  /** How links to cards are made (AppConfig.cardLinks); without it, cards carry none. */
  cardLinks?: CardLinkSettings;
  /** Replaces the adapter-based announcer, e.g. in tests. */
  announcer?: Announcer;
  /** Records the teams the bot hears from, for the API's membership checks. */
  recordTeam?: (context: TurnContext) => Promise<void>;
  /** Ritual dialogs and the `rituals` command. */
  rituals?: RitualBotDeps;
  /** Keeps the channels reminders go to current. */
  installation?: ReturnType<typeof installationHandlers>;
  /** Question tracking from channel messages, and its message actions. */
  questions?: QuestionBotDeps;
}

/** What question tracking and its message actions need besides the bot's own ports. */
export interface QuestionBotDeps {
  questions: QuestionRepository;
  questionFigures: QuestionFigureRepository;
  communities: CommunityRepository;
  directory: TeamDirectory;
}

/** How long a turn waits for the team it comes from to be recorded before going on. */
const TEAM_RECORDING_WAIT_MS = 500;

const HELP_TEXT =
  'Commonplace keeps what your community learns. On any helpful message, open "…" > "Save to community" to turn it ' +
  "(and its thread) into a knowledge card. To bring a card back into a conversation, search for it from the message box's apps. " +
  'Send "rituals" to see the community\'s upcoming AMAs, huddles and show & tells.';

/**
 * The Teams bot: "Save to community", knowledge search, and thread capture. Each
 * handler parses the activity, calls one use case and presents the result; failures
 * are turned into a message for the person here and nowhere else.
 */
export function createBotApp(adapter: TeamsAdapter, botAppId: string, deps: BotDeps): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  if (deps.recordTeam) {
    const recordTeam = deps.recordTeam;
    app.turn('beforeTurn', async (context) => {
      // Usually done in milliseconds, so what the turn does next sees the team; but a slow
      // write (storage stalling) goes on in the background rather than hold the person's turn.
      await Promise.race([recordTeam(context), new Promise((resolve) => setTimeout(resolve, TEAM_RECORDING_WAIT_MS).unref())]);
      return true;
    });
  }
  const harvestDeps = {
    ...deps,
    announcer: deps.announcer ?? adapterAnnouncer(adapter, botAppId, deps.log),
    people: rosterPeople(deps.log),
  };

  app.messageExtensions.fetchTask(COMMANDS.saveToCommunity, async (context) => {
    try {
      return await openHarvestDialog(context, harvestDeps);
    } catch (error) {
      return dialog(problemDialog(problemMessage(error, deps.log, 'fetchTask')));
    }
  });

  app.messageExtensions.submitAction(COMMANDS.saveToCommunity, async (context) => {
    try {
      return await submitHarvestDialog(context, harvestDeps);
    } catch (error) {
      return dialog(problemDialog(problemMessage(error, deps.log, 'submitAction')));
    }
  });

  if (deps.questions) registerQuestionActions(app, { ...deps, ...deps.questions, people: harvestDeps.people });

  app.messageExtensions.query<SearchParameters>(COMMANDS.searchCards, async (context, _state, query) => {
    try {
      return await searchKnowledge(context, query, deps);
    } catch (error) {
      return { type: 'message', text: problemMessage(error, deps.log, 'query') };
    }
  });

  app.adaptiveCards.actionExecute(CARD_REFRESH_VERB, async (context, _state, data: unknown) => {
    const response = await refreshSharedCard(context, data, deps);
    // Answered here, not returned: given a card with a refresh, teams-ai would also replace the
    // message for everyone, which a bot cannot do to a card a person inserted, and would do it
    // again on every view. Teams shows the answer to the viewer who asked.
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: response.statusCode, body: response } });
    return '';
  });

  // Before the message route: a card button pressed where no dialog opens arrives as a message.
  if (deps.rituals) registerRitualCardSubmits(app, deps.rituals, deps.log);

  app.activity(ActivityTypes.Message, async (context) => {
    try {
      await captureChannelMessage(context, deps);
    } catch (error) {
      problemMessage(error, deps.log, 'captureMessage');
    }
    const addressed = isAddressedToBot(context);
    // A command for the bot ("help?") asks the bot, not the community.
    const isCommand = addressed && (asksForHelp(context.activity.text) || asksForRituals(context.activity.text));
    if (!isCommand) await trackQuestion(context, 'post', deps);
    if (!addressed) return;
    if (deps.rituals && asksForRituals(context.activity.text)) {
      try {
        const card = await answerUpcomingRituals(context, deps.rituals);
        await context.sendActivity({ type: 'message', attachments: [cardAttachment(card)] });
      } catch (error) {
        await context.sendActivity(problemMessage(error, deps.log, 'rituals'));
      }
      return;
    }
    // In a channel or group chat people @mention the bot in passing (a thanks in a
    // harvest thread, a reply in a ritual's thread): it answers only when asked for help.
    if (context.activity.conversation?.conversationType === 'personal' || asksForHelp(context.activity.text)) {
      await context.sendActivity(HELP_TEXT);
    }
  });

  if (deps.rituals) registerRitualDialogs(app, deps.rituals, deps.log);
  if (deps.installation) registerInstallation(app, deps.installation, deps.log);

  app.messageEventUpdate('editMessage', async (context) => {
    try {
      await captureChannelMessage(context, deps);
    } catch (error) {
      problemMessage(error, deps.log, 'editMessage');
    }
    await trackQuestion(context, 'edit', deps);
  });

  app.messageEventUpdate('softDeleteMessage', async (context) => {
    try {
      await forgetDeletedMessage(context, deps);
    } catch (error) {
      problemMessage(error, deps.log, 'softDeleteMessage');
    }
    if (!deps.questions) return;
    try {
      await forgetChannelQuestion(context, { ...deps, ...deps.questions });
    } catch (error) {
      problemMessage(error, deps.log, 'forgetQuestion');
    }
  });

  app.error(async (context, error) => {
    deps.log.error('turn.failed', { activityType: context.activity.type, name: context.activity.name }, error);
    await answerUnansweredInvoke(context);
  });

  return app;
}

/** Follows a channel message as a question; a failure is logged and never keeps the turn from going on. */
async function trackQuestion(context: TurnContext, kind: 'post' | 'edit', deps: BotDeps): Promise<void> {
  if (!deps.questions) return;
  try {
    await trackChannelQuestion(context, kind, { ...deps, ...deps.questions });
  } catch (error) {
    problemMessage(error, deps.log, 'trackQuestion');
  }
}

/** "Track as a question", "Not a question" and "Mark as answer". */
function registerQuestionActions(app: Application<TurnState>, deps: Parameters<typeof decideFromAction>[2] & { log: Logger }): void {
  const decide = (track: boolean, where: string) => async (context: TurnContext) => {
    try {
      return await decideFromAction(context, track, deps);
    } catch (error) {
      return problemMessage(error, deps.log, where);
    }
  };
  app.messageExtensions.fetchTask(COMMANDS.trackQuestion, decide(true, 'trackQuestion'));
  app.messageExtensions.fetchTask(COMMANDS.notQuestion, decide(false, 'notQuestion'));
  app.messageExtensions.fetchTask(COMMANDS.markAnswer, async (context) => {
    try {
      return await openAnswerDialog(context, deps);
    } catch (error) {
      return dialog(problemDialog(problemMessage(error, deps.log, 'markAnswer')), QUESTION_DIALOG_TITLE);
    }
  });
  app.messageExtensions.submitAction(COMMANDS.markAnswer, async (context) => {
    try {
      return await submitAnswer(context, deps);
    } catch (error) {
      return problemMessage(error, deps.log, 'markAnswer');
    }
  });
}

function registerRitualDialogs(app: Application<TurnState>, rituals: RitualBotDeps, log: Logger): void {
  const guarded =
    <T>(where: string, handler: (context: TurnContext, data: T) => Promise<TaskModuleTaskInfo>) =>
    async (context: TurnContext, _state: TurnState, data: T): Promise<TaskModuleTaskInfo> => {
      try {
        return await handler(context, data);
      } catch (error) {
        return dialog(problemDialog(problemMessage(error, log, where)), RITUAL_DIALOG_TITLE);
      }
    };
  app.taskModules.fetch(
    'ritualAddItem',
    guarded('ritualAddItem', (c, d: RitualFormData) => openAddItem(c, d, rituals)),
  );
  app.taskModules.fetch(
    'ritualItems',
    guarded('ritualItems', (c, d: RitualFormData) => openItems(c, d, rituals)),
  );
  app.taskModules.submit(
    'ritualAddItem',
    guarded('ritualAddItem', (c, d: RitualFormData) => submitAddItem(c, d, rituals)),
  );
  app.taskModules.submit(
    'ritualVote',
    guarded('ritualVote', (c, d: RitualFormData) => submitVote(c, d, rituals)),
  );
}

function registerRitualCardSubmits(app: Application<TurnState>, rituals: RitualBotDeps, log: Logger): void {
  app.adaptiveCards.actionSubmit(['ritualItems', 'ritualAddItem'], async (context, _state, data: RitualFormData) => {
    try {
      await context.sendActivity({ type: 'message', attachments: [cardAttachment(await answerCardSubmit(context, data, rituals))] });
    } catch (error) {
      await context.sendActivity(problemMessage(error, log, 'ritualCardSubmit'));
    }
  });
}

function registerInstallation(app: Application<TurnState>, handlers: ReturnType<typeof installationHandlers>, log: Logger): void {
  const guarded = (where: string, handler: (context: TurnContext) => Promise<void>) => async (context: TurnContext) => {
    try {
      await handler(context);
    } catch (error) {
      log.error('installation.failed', { where }, error);
    }
  };
  app.conversationUpdate('membersAdded', guarded('membersAdded', handlers.membersAdded));
  app.conversationUpdate('membersRemoved', guarded('membersRemoved', handlers.membersRemoved));
  app.conversationUpdate('channelRenamed', guarded('channelRenamed', handlers.channelRenamed));
  app.conversationUpdate('channelDeleted', guarded('channelDeleted', handlers.channelDeleted));
  app.conversationUpdate(
    'teamDeleted',
    guarded('teamDeleted', (c) => handlers.teamGone(c, 'deleted')),
  );
  app.conversationUpdate(
    'teamHardDeleted',
    guarded('teamHardDeleted', (c) => handlers.teamGone(c, 'deleted')),
  );
  app.conversationUpdate(
    'teamArchived',
    guarded('teamArchived', (c) => handlers.teamGone(c, 'archived')),
  );
  app.conversationUpdate('teamUnarchived', guarded('teamUnarchived', handlers.teamBack));
  app.conversationUpdate('teamRestored', guarded('teamRestored', handlers.teamBack));
}

/** Runs a turn and makes sure every invoke gets an answer, so nothing a client sends ends in a 5xx. */
export async function runTurn(app: Application<TurnState>, context: TurnContext): Promise<void> {
  await app.run(context);
  await answerUnansweredInvoke(context);
}

async function answerUnansweredInvoke(context: TurnContext): Promise<void> {
  if (context.activity.type !== ActivityTypes.Invoke || context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  const isMessageExtension = context.activity.name?.startsWith('composeExtension/');
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: isMessageExtension
      ? { status: 200, body: { composeExtension: { type: 'message', text: 'Commonplace does not know this command.' } } }
      : { status: 400, body: { error: 'This request is not supported.' } },
  });
}

/** "help", "?" or "what can you do", once the bot's mention is removed. */
function asksForHelp(text: string | undefined): boolean {
  const words = (text ?? '')
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return /^(help( me)?|\?|what can you do\??|how do i use (this|you)\??)$/.test(words);
}

/** In a personal chat every message is for the bot; in channels and group chats only @mentions are. */
function isAddressedToBot(context: TurnContext): boolean {
  const activity = context.activity;
  if (activity.from?.id === activity.recipient?.id) return false;
  if (activity.conversation?.conversationType === 'personal') return true;
  return (activity.entities ?? []).some((e) => e.type === 'mention' && e.mentioned?.id === activity.recipient?.id);
}
