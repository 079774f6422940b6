import { z } from 'zod';
import type { HarvestedMessage } from '../domain/cards/knowledgeCard';
import { CARD_LIMITS } from '../domain/cards/limits';
import { UNKNOWN_PERSON_NAME } from '../domain/shared/person';
import { toSafeContent, type MentionInfo } from '../content/index';

/** The message a message action was used on, as Teams sends it in `value.messagePayload`. */
export const messagePayloadSchema = z.object({
  id: z.string().min(1).max(200),
  replyToId: z.string().max(200).nullish(),
  createdDateTime: z.string().max(64).nullish(),
  linkToMessage: z.string().max(2048).nullish(),
  from: z
    .object({
      user: z
        .object({
          id: z.string().max(512).nullish(),
          aadObjectId: z.string().max(128).nullish(),
          displayName: z.string().max(512).nullish(),
        })
        .nullish(),
      application: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
    })
    .nullish(),
  body: z.object({
    contentType: z.string().max(32).nullish(),
    content: z.string().max(1_000_000).nullish(),
  }),
  mentions: z
    .array(
      z.object({
        id: z.union([z.number(), z.string()]).nullish(),
        mentionText: z.string().nullish(),
        mentioned: z
          .object({
            user: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
            application: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
          })
          .nullish(),
      }),
    )
    .max(200)
    .nullish(),
});

/** A parsed message payload. */
export type MessagePayload = z.infer<typeof messagePayloadSchema>;

/** The stored form of a message: safe HTML cut to what a card keeps, and its author. */
export function harvestedFromPayload(payload: MessagePayload, receivedAt: Date): HarvestedMessage {
  const mentions: MentionInfo[] = (payload.mentions ?? []).map((m) => ({
    id: m.id ?? undefined,
    mentionText: m.mentionText ?? undefined,
    mentioned: {
      id: m.mentioned?.user?.id ?? m.mentioned?.application?.id ?? undefined,
      name: m.mentioned?.user?.displayName ?? m.mentioned?.application?.displayName ?? undefined,
    },
  }));
  const content = toSafeContent(
    { content: payload.body.content ?? '', contentType: payload.body.contentType ?? 'html', mentions },
    CARD_LIMITS.messageMaxLength,
  );
  const user = payload.from?.user;
  const app = payload.from?.application;
  const sentAt = Date.parse(payload.createdDateTime ?? '');
  return {
    messageId: payload.id,
    author: {
      id: user?.aadObjectId || user?.id || app?.id || 'unknown',
      name: user?.displayName?.trim() || app?.displayName?.trim() || UNKNOWN_PERSON_NAME,
    },
    sentAt: (Number.isFinite(sentAt) ? new Date(sentAt) : receivedAt).toISOString(),
    html: content.html,
    text: content.text,
    ...(content.shortenedFrom !== undefined ? { shortenedFrom: content.shortenedFrom } : {}),
  };
}
