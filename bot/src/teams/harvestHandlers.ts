import { randomUUID } from 'node:crypto';
import { TurnContext, type TaskModuleTaskInfo, type MessagingExtensionResult } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/adaptive';
import { harvestDialog, type HarvestFormValues } from '../cards/harvestDialog';
import { knowledgeCardView } from '../cards/knowledgeCardView';
import { sectionsOf } from '../cards/knowledgeContent';
import { existingCardDialog, savedAnnouncement, savedAnnouncementCard, savedDialog } from '../cards/outcomeCards';
import { cardLink, type CardLinkSettings } from '../cards/cardLinks';
import { NotFoundError, ValidationError, type FieldIssue } from '../domain/shared/errors';
import { summarize, type StoredCard } from '../domain/cards/knowledgeCard';
import type { Person } from '../domain/shared/person';
import type { CardRepository } from '../domain/cards/cardPorts';
import type { Clock } from '../domain/shared/clock';
import type { ThreadRepository } from '../domain/threads/threadPorts';
import { prepareHarvest, type HarvestPreparation } from '../domain/cards/prepareHarvest';
import { saveCard } from '../domain/cards/saveCard';
import { updateHarvestedCard } from '../domain/cards/updateCard';
import { cardById } from '../domain/cards/readCards';
import { personOf } from './activityContext';
import type { Announcer } from './announcer';
import type { PeopleResolver } from './people';
import type { Logger } from '../logging';
import type { CardSearchEngine } from '../domain/search/searchPorts';
import { parseHarvestSubmission, parseMessageAction, type HarvestSubmission, type MessageActionRequest } from './messageAction';

/** What the harvest handlers need from the rest of the service. */
export interface HarvestDeps {
  cards: CardRepository;
  search: CardSearchEngine;
  threads: ThreadRepository;
  clock: Clock;
  announcer: Announcer;
  people: PeopleResolver;
  log: Logger;
  /** How links to cards are made; without it, what is posted carries none. */
  cardLinks?: CardLinkSettings;
}

const DIALOG_TITLE = 'Save to community';

/** A dialog response. */
export function dialog(card: AdaptiveCard, title = DIALOG_TITLE): TaskModuleTaskInfo {
  return { title, width: 'medium', height: 'large', card: cardAttachment(card) };
}

/** `composeExtension/fetchTask` of "Save to community": the pre-filled dialog. */
export async function openHarvestDialog(context: TurnContext, deps: HarvestDeps): Promise<TaskModuleTaskInfo> {
  const request = await messageActionOf(context, deps);
  return harvestDialogFor(request, deps, { issues: [] });
}

/** `composeExtension/submitAction` of "Save to community": save, update, open, share or go back. */
export async function submitHarvestDialog(context: TurnContext, deps: HarvestDeps): Promise<TaskModuleTaskInfo | MessagingExtensionResult> {
  const request = await messageActionOf(context, deps);
  const submission = parseHarvestSubmission(request.data);
  const actor = personOf(context.activity.from);
  switch (submission.action) {
    case 'back':
      return harvestDialogFor(request, deps, { issues: [] });
    case 'open': {
      const card = await cardNamed(request, submission, deps);
      return dialog(existingCardDialog(summarize(card), sectionsOf(card)));
    }
    case 'share': {
      const card = await cardNamed(request, submission, deps);
      return {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [
          cardAttachment(
            knowledgeCardView(summarize(card), sectionsOf(card), { community: request.community, links: deps.cardLinks ?? {} }),
          ),
        ],
      };
    }
    case 'save':
      return saveFromDialog(context, request, submission, actor, deps);
    case 'update':
      return updateFromDialog(request, submission, actor, deps);
  }
}

/**
 * The message action, with its message's author keyed by their Entra object id however
 * the payload named them, so one person is never credited twice.
 */
async function messageActionOf(context: TurnContext, deps: HarvestDeps): Promise<MessageActionRequest> {
  const request = parseMessageAction(context.activity, deps.clock.now());
  if (request.droppedLink) deps.log.warn('harvest.linkDropped', { scheme: request.droppedLink.scheme, host: request.droppedLink.host });
  if (!request.authorNeedsResolving) return request;
  const author = await deps.people.resolve(context, request.actedMessage.author);
  return { ...request, actedMessage: { ...request.actedMessage, author } };
}

/** Saves the card; a retry confirms again, a message saved by someone else offers its update form. */
async function saveFromDialog(
  context: TurnContext,
  request: MessageActionRequest,
  submission: HarvestSubmission,
  actor: Person,
  deps: HarvestDeps,
): Promise<TaskModuleTaskInfo> {
  const submissionId = submission.submissionId ?? randomUUID();
  try {
    const result = await saveCard(
      {
        communityId: request.communityId,
        harvester: actor,
        submissionId,
        source: request.source,
        actedMessage: request.actedMessage,
        replyIds: submission.values.replyIds,
        fields: submission.values,
      },
      deps,
    );
    if (result.outcome === 'exists') {
      return harvestDialogFor(request, deps, {
        issues: [],
        values: submission.values,
        existing: result.card,
        notice: `${result.card.harvester.name} already saved this message as "${result.card.title}". Update that card with your changes?`,
      });
    }
    if (result.outcome === 'saved') {
      const link = cardLink(request.community, result.card.id, deps.cardLinks ?? {});
      void deps.announcer.announce(
        threadReference(context, request),
        savedAnnouncement(result.card.title, result.card.authors, result.card.harvester),
        link ? savedAnnouncementCard(link) : undefined,
      );
    }
    return dialog(savedDialog(summarize(result.card), 'Saved'));
  } catch (error) {
    if (error instanceof ValidationError)
      return harvestDialogFor(request, deps, { issues: error.issues, values: submission.values, submissionId });
    throw error;
  }
}

/** Updates the saved card at the version the person saw; a lost race shows the card as it is now. */
async function updateFromDialog(
  request: MessageActionRequest,
  submission: HarvestSubmission,
  actor: Person,
  deps: HarvestDeps,
): Promise<TaskModuleTaskInfo> {
  if (!submission.cardId || !submission.version) {
    return harvestDialogFor(request, deps, { issues: [{ field: 'card', message: 'Open the dialog again to update this card.' }] });
  }
  const result = await updateHarvestedCard(
    {
      communityId: request.communityId,
      cardId: submission.cardId,
      expectedVersion: submission.version,
      actor,
      fields: submission.values,
      reharvest: { actedMessage: request.actedMessage, replyIds: submission.values.replyIds },
    },
    deps,
  );
  switch (result.outcome) {
    case 'updated':
      return dialog(savedDialog(summarize(result.card), 'Updated'));
    case 'invalid':
      return harvestDialogFor(request, deps, { issues: result.issues, values: submission.values, existing: result.card });
    case 'changed':
      return harvestDialogFor(request, deps, {
        issues: [],
        notice: 'Someone else changed this card while you were editing. This is the card as it is now: make your changes again.',
      });
  }
}

interface DialogOptions {
  issues: FieldIssue[];
  values?: HarvestFormValues;
  existing?: StoredCard;
  notice?: string;
  submissionId?: string;
}

/**
 * The harvest dialog for a message: a new card's form, or the update form when the
 * message was already saved (saving a message again never makes a second card).
 */
async function harvestDialogFor(request: MessageActionRequest, deps: HarvestDeps, options: DialogOptions): Promise<TaskModuleTaskInfo> {
  const prep: HarvestPreparation = await prepareHarvest(
    {
      communityId: request.communityId,
      actedMessage: request.actedMessage,
      threadRootId: request.source.threadRootId,
    },
    deps,
  );
  const existing = options.existing ?? prep.existing;
  const values: HarvestFormValues = options.values ?? (existing ? valuesOf(existing, request) : { ...prep.draft, replyIds: [] });
  const notice =
    options.notice ??
    (existing
      ? `${existing.harvester.name} already saved this message as "${existing.title}". Change it below to update the card.`
      : undefined);
  return dialog(
    harvestDialog({
      mode: existing ? 'update' : 'create',
      values,
      actedMessage: request.actedMessage,
      threadMessages: prep.threadMessages,
      tagSuggestions: prep.tagSuggestions,
      similar: prep.similar,
      issues: options.issues,
      notice,
      state: existing
        ? { submissionId: options.submissionId ?? randomUUID(), cardId: existing.id, version: existing.version }
        : { submissionId: options.submissionId ?? randomUUID() },
    }),
  );
}

function valuesOf(card: StoredCard, request: MessageActionRequest): HarvestFormValues {
  return {
    title: card.title,
    summary: card.summary,
    kind: card.kind,
    tags: card.tags,
    replyIds: card.messages.map((m) => m.messageId).filter((id) => id !== request.actedMessage.messageId),
  };
}

/** The card an "Open" or "Share" button names, in the community the action was used in. @throws NotFoundError */
function cardNamed(request: MessageActionRequest, submission: HarvestSubmission, deps: HarvestDeps): Promise<StoredCard> {
  if (!submission.cardId) throw new NotFoundError('card');
  return cardById({ communityId: request.communityId, cardId: submission.cardId }, deps);
}

/** Where the thanks go: the thread of the message in a channel, the chat itself elsewhere. */
function threadReference(context: TurnContext, request: MessageActionRequest) {
  const reference = TurnContext.getConversationReference(context.activity);
  if (request.community.scope === 'channel' && request.source.threadRootId && reference.conversation) {
    reference.conversation = {
      ...reference.conversation,
      id: `${request.community.conversationId};messageid=${request.source.threadRootId}`,
    };
  }
  return reference;
}
