import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { CommunityRef } from '../domain/communities/community';
import { communityId } from '../domain/communities/community';
import type { CardSource, HarvestedMessage } from '../domain/cards/knowledgeCard';
import { teamsMessageLink } from '../domain/cards/messageLink';
import { aadGroupIdOf, communityOf, deepLinkToMessage, threadIdInConversation } from './activityContext';
import { harvestedFromPayload, messagePayloadSchema, type MessagePayload } from './messagePayload';
import { isEntraObjectId } from './people';
import { HARVEST_INPUTS, type HarvestFormValues } from '../cards/harvestDialog';

/** The invoke payload was not what Teams sends; the person sees a generic retry hint. */
export class MalformedInvokeError extends Error {
  constructor(readonly detail: string) {
    super(`Malformed invoke: ${detail}`);
    this.name = 'MalformedInvokeError';
  }
}

const messageActionValueSchema = z.object({
  commandId: z.string(),
  commandContext: z.literal('message', { errorMap: () => ({ message: 'commandContext must be "message"' }) }),
  messagePayload: messagePayloadSchema,
  // Checked field by field by the submission's own schema; here only its shape, without
  // copying every field once more.
  data: z
    .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
      message: 'data must be an object',
    })
    .nullish(),
});

/** A message action invoke, parsed: where it happened, on what, and what was submitted. */
export interface MessageActionRequest {
  community: CommunityRef;
  communityId: string;
  actedMessage: HarvestedMessage;
  source: CardSource;
  data: Record<string, unknown>;
  /** Set when the payload names the message's author by an id other than their Entra object id (the Playground does). */
  authorNeedsResolving?: boolean;
  /** Set when the payload's link to the message was not a Teams link and was dropped: its scheme and host, for the log. */
  droppedLink?: { scheme: string; host: string };
}

/**
 * Parses a `composeExtension/fetchTask` or `submitAction` invoke of a message action.
 * @throws UnsupportedConversationError when the conversation cannot hold a community.
 * @throws MalformedInvokeError when the payload is not a message action's.
 */
export function parseMessageAction(activity: Partial<Activity>, receivedAt: Date): MessageActionRequest {
  const community = communityOf(activity);
  const parsed = messageActionValueSchema.safeParse(activity.value);
  if (!parsed.success) {
    throw new MalformedInvokeError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const payload = parsed.data.messagePayload;
  const threadRootId =
    community.scope === 'channel' ? payload.replyToId || threadIdInConversation(activity.conversation?.id) || payload.id : undefined;
  // Teams sends the message's link; anything but a Teams link is dropped, never stored.
  // Without one (the Playground sends none) the link is built from the ids.
  const sentLink = payload.linkToMessage?.trim();
  const link = sentLink ? teamsMessageLink(sentLink) : deepLinkToMessage(community, payload.id, threadRootId, aadGroupIdOf(activity));
  return {
    community,
    communityId: communityId(community),
    actedMessage: harvestedFromPayload(payload, receivedAt),
    source: {
      conversationId: community.conversationId,
      messageId: payload.id,
      ...(threadRootId ? { threadRootId } : {}),
      ...(link ? { link } : {}),
    },
    data: parsed.data.data ?? {},
    ...(sentLink && !link ? { droppedLink: linkShape(sentLink) } : {}),
    ...(namesUserWithoutObjectId(payload) ? { authorNeedsResolving: true } : {}),
  };
}

/** Teams names a message's author by their Entra object id; a client that names them otherwise needs a lookup. */
function namesUserWithoutObjectId(payload: MessagePayload): boolean {
  const user = payload.from?.user;
  return Boolean(user?.id && !user.aadObjectId && !isEntraObjectId(user.id));
}

/** What a log may say about a refused link: its scheme and host, never the whole of it. */
function linkShape(link: string): { scheme: string; host: string } {
  const scheme = /^\s*([a-z][a-z0-9+.-]{0,20}):/i.exec(link)?.[1]?.toLowerCase() ?? '';
  let host = '';
  try {
    host = new URL(link).hostname.slice(0, 100);
  } catch {
    // Not a URL at all: the scheme says enough.
  }
  return { scheme, host };
}

const harvestSubmissionSchema = z.object({
  action: z.enum(['save', 'update', 'open', 'share', 'back']),
  submissionId: z.string().uuid().optional(),
  cardId: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  version: z.string().max(200).optional(),
  [HARVEST_INPUTS.title]: z.string().max(10_000).optional(),
  [HARVEST_INPUTS.summary]: z.string().max(100_000).optional(),
  [HARVEST_INPUTS.kind]: z.string().max(100).optional(),
  [HARVEST_INPUTS.tags]: z.string().max(10_000).optional(),
  [HARVEST_INPUTS.newTags]: z.string().max(10_000).optional(),
  [HARVEST_INPUTS.replyIds]: z.string().max(20_000).optional(),
});

/** A submission of one of the harvest dialogs. */
export interface HarvestSubmission {
  action: 'save' | 'update' | 'open' | 'share' | 'back';
  submissionId?: string;
  cardId?: string;
  version?: string;
  values: HarvestFormValues;
}

/**
 * Parses what a harvest dialog submitted. Length checks with messages for people
 * happen in the domain; this only rejects what no dialog of ours can send.
 * @throws MalformedInvokeError
 */
export function parseHarvestSubmission(data: Record<string, unknown>): HarvestSubmission {
  const parsed = harvestSubmissionSchema.safeParse(data);
  if (!parsed.success) {
    throw new MalformedInvokeError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  const d = parsed.data;
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    action: d.action,
    submissionId: d.submissionId,
    cardId: d.cardId,
    version: d.version,
    values: {
      title: d.title ?? '',
      summary: d.summary ?? '',
      kind: d.kind ?? '',
      tags: [...list(d.tags), ...list(d.newTags)],
      replyIds: list(d.replyIds),
    },
  };
}
