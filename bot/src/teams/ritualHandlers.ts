import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/adaptive';
import { addItemDialog, itemsDialog, occurrenceCard, upcomingRitualsCard, type RitualActionData } from '../cards/ritualCards';
import { communityId } from '../domain/communities/community';
import { NotFoundError, ValidationError } from '../domain/shared/errors';
import type { Clock } from '../domain/shared/clock';
import type { CommunityRepository, TeamDirectory } from '../domain/communities/communityPorts';
import { occurrenceById } from '../domain/rituals/recurrence';
import { addItem, listItems, openOccurrence, voteFromButton, type ItemScope } from '../domain/rituals/ritualItems';
import type { RitualItemRepository, RitualRepository } from '../domain/rituals/ritualPorts';
import { RITUAL_LIMITS } from '../domain/rituals/ritualKinds';
import { upcomingRituals } from '../domain/rituals/upcomingRituals';
import { communityOf, personOf } from './activityContext';
import { collapseWhitespace } from '../domain/shared/text';

/** What the ritual dialogs and the `rituals` command need. */
export interface RitualBotDeps {
  rituals: RitualRepository;
  ritualItems: RitualItemRepository;
  communities: CommunityRepository;
  directory: TeamDirectory;
  clock: Clock;
  itemId: (parts: string[]) => string;
}

/** What a ritual dialog sends: the card button's data, and the form's text when there is one. */
export type RitualFormData = RitualActionData & { text?: unknown; open?: string };

/** The title of every ritual dialog, its problems included. */
export const RITUAL_DIALOG_TITLE = 'Commonplace';

function dialogOf(card: AdaptiveCard): TaskModuleTaskInfo {
  return { title: RITUAL_DIALOG_TITLE, width: 'medium', height: 'medium', card: cardAttachment(card) };
}

/**
 * Where a ritual card's button leads: the ritual comes from the community of the
 * conversation the card is in, so a button copied elsewhere reaches nothing.
 */
function scopeOf(context: TurnContext, data: RitualActionData): ItemScope {
  if (typeof data?.ritualId !== 'string' || typeof data?.occurrenceId !== 'string') throw new NotFoundError('ritual');
  return {
    communityId: communityId(communityOf(context.activity)),
    ritualId: data.ritualId,
    occurrenceId: data.occurrenceId,
    // Anyone in the channel may add and upvote; removing others' entries is done in the tab.
    actor: { person: personOf(context.activity.from), role: 'member' },
  };
}

async function itemsView(context: TurnContext, data: RitualActionData, deps: RitualBotDeps, notice?: string): Promise<TaskModuleTaskInfo> {
  const scope = scopeOf(context, data);
  const { ritual, items } = await listItems(scope, deps);
  const occurrence = occurrenceById(ritual.schedule, ritual.changes, scope.occurrenceId)!;
  return dialogOf(itemsDialog(ritual, occurrence, items, scope.actor.person.id, deps.clock.now(), notice));
}

async function formView(
  context: TurnContext,
  data: RitualActionData,
  deps: RitualBotDeps,
  problem?: string,
  text?: string,
): Promise<TaskModuleTaskInfo> {
  const scope = scopeOf(context, data);
  const { ritual, occurrence } = await openOccurrence(scope, deps);
  return dialogOf(addItemDialog(ritual, occurrence, problem, text));
}

/** "Submit a question" / "Bring a problem" / "Sign up to present": opens the form. */
export function openAddItem(context: TurnContext, data: RitualActionData, deps: RitualBotDeps): Promise<TaskModuleTaskInfo> {
  return formView(context, data, deps);
}

/**
 * A card button pressed where no dialog opens: the Agents Playground sends every
 * Action.Submit as a message with the button's data, and so did the "What was discussed"
 * and "Open the ritual" buttons of cards posted by earlier versions. The answer is the
 * occurrence's card, posted in the conversation.
 */
export async function answerCardSubmit(context: TurnContext, data: RitualActionData, deps: RitualBotDeps): Promise<AdaptiveCard> {
  const scope = scopeOf(context, data);
  const { ritual, items } = await listItems(scope, deps);
  const occurrence = occurrenceById(ritual.schedule, ritual.changes, scope.occurrenceId)!;
  return occurrenceCard(ritual, occurrence, items, deps.clock.now());
}

/** "See questions": the occurrence's items, most voted first. */
export function openItems(context: TurnContext, data: RitualActionData, deps: RitualBotDeps): Promise<TaskModuleTaskInfo> {
  return itemsView(context, data, deps);
}

/** The form was sent: adds the item and shows the list with it; a problem keeps the form open with the text. */
export async function submitAddItem(context: TurnContext, data: RitualFormData, deps: RitualBotDeps): Promise<TaskModuleTaskInfo> {
  if (data.open === 'form') return formView(context, data, deps);
  const text = typeof data.text === 'string' ? collapseWhitespace(data.text) : '';
  if (!text) return formView(context, data, deps, 'Write something first.');
  if (text.length > RITUAL_LIMITS.itemMaxLength)
    return formView(
      context,
      data,
      deps,
      `Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.`,
      text.slice(0, RITUAL_LIMITS.itemMaxLength),
    );
  try {
    const item = await addItem(scopeOf(context, data), text, deps);
    const notice =
      item.kind === 'question'
        ? 'Your question is in. Upvote others you want answered too.'
        : item.kind === 'problem'
          ? 'Your problem is on the agenda.'
          : 'You are signed up to present.';
    return itemsView(context, data, deps, notice);
  } catch (error) {
    if (error instanceof ValidationError) return formView(context, data, deps, error.issues[0]?.message, text);
    throw error;
  }
}

/** An upvote button in the list: adds or withdraws the person's vote and shows the list again. */
export async function submitVote(context: TurnContext, data: RitualActionData, deps: RitualBotDeps): Promise<TaskModuleTaskInfo> {
  const press = {
    ...(typeof data.itemId === 'string' ? { itemId: data.itemId } : {}),
    ...(typeof data.up === 'boolean' ? { up: data.up } : {}),
  };
  await voteFromButton(scopeOf(context, data), press, deps);
  return itemsView(context, data, deps);
}

/** Whether a message asks for the rituals (`rituals`, `/rituals`, with or without the bot's mention). */
export function asksForRituals(text: string | undefined): boolean {
  return /^\s*\/?rituals?\s*[.!?]?\s*$/i.test(text ?? '');
}

const ENTRIES_SHOWN = 10;

/** Answers `rituals`: the upcoming rituals of the channel's community, or, elsewhere, of the person's communities. */
export async function answerUpcomingRituals(context: TurnContext, deps: RitualBotDeps): Promise<AdaptiveCard> {
  const { span, entries } = await upcomingRituals(
    { community: communityOf(context.activity), personId: personOf(context.activity.from).id, limit: ENTRIES_SHOWN },
    deps,
  );
  return upcomingRitualsCard(entries, span === 'community' ? 'Coming up in this community' : 'Coming up in your communities');
}
