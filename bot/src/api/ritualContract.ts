/**
 * The rituals part of the API contract, shared by the service and the tab. Field rules
 * that need the recurrence library (is this a real time zone, does the rule ever
 * occur) live in the domain's recurrence module, which the tab also runs as you type.
 */
import { z } from 'zod';
import { RITUAL_KIND_IDS, RITUAL_LIMITS } from '../domain/rituals/ritualKinds';
import { collapseWhitespace } from '../domain/shared/text';

export { RITUAL_KINDS, RITUAL_LIMITS, ritualKind, type RitualKind, type RitualKindId } from '../domain/rituals/ritualKinds';

const personSchema = z.object({ id: z.string(), name: z.string() });

const trimmed = (max: number, tooLong: string) => z.string().trim().max(max, tooLong);

/** When a ritual happens, as the form sends it. */
export const ritualScheduleSchema = z.object({
  firstStart: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give the first date and time.'),
  timeZone: z.string().min(1, 'Choose a time zone.').max(64),
  durationMinutes: z
    .number({ invalid_type_error: 'Give the length in minutes.' })
    .int('Use whole minutes.')
    .min(0, 'The length cannot be negative.')
    .max(RITUAL_LIMITS.durationMinutesMax, `Keep it to ${RITUAL_LIMITS.durationMinutesMax / 60} hours.`),
  rule: z.string().trim().min(1, 'Choose how often it repeats.').max(RITUAL_LIMITS.ruleMaxLength, 'This repeat rule is too long.'),
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the end date as a date.')
    .optional(),
});
export type RitualScheduleInput = z.infer<typeof ritualScheduleSchema>;

/** `POST /api/communities/:key/rituals` and, with `version`, `PUT …/rituals/:id`. */
export const ritualInputSchema = z.object({
  kind: z.enum(RITUAL_KIND_IDS, { errorMap: () => ({ message: 'Choose what kind of ritual this is.' }) }),
  title: z
    .string()
    .transform(collapseWhitespace)
    .pipe(
      z
        .string()
        .min(1, 'Give the ritual a title.')
        .max(RITUAL_LIMITS.titleMaxLength, `Keep the title to ${RITUAL_LIMITS.titleMaxLength} characters.`),
    ),
  description: trimmed(
    RITUAL_LIMITS.descriptionMaxLength,
    `Keep the description to ${RITUAL_LIMITS.descriptionMaxLength} characters.`,
  ).default(''),
  hosts: z
    .array(personSchema)
    .min(1, 'Choose at least one host.')
    .max(RITUAL_LIMITS.hostsMax, `A ritual can have at most ${RITUAL_LIMITS.hostsMax} hosts.`),
  featuredExpert: trimmed(120, 'Keep the expert’s name to 120 characters.').optional(),
  meetingUrl: z
    .string()
    .trim()
    .max(RITUAL_LIMITS.meetingUrlMaxLength, 'This link is too long.')
    .url('Give the meeting link as a web address.')
    .refine((u) => u.startsWith('https://'), 'The meeting link must start with https://.')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  schedule: ritualScheduleSchema,
  reminderOffsets: z
    .array(
      z
        .number()
        .int('Use whole minutes.')
        .min(RITUAL_LIMITS.reminderOffsetMinMinutes, `Remind at least ${RITUAL_LIMITS.reminderOffsetMinMinutes} minutes before.`)
        .max(RITUAL_LIMITS.reminderOffsetMaxMinutes, 'Remind at most a week before.'),
    )
    .max(RITUAL_LIMITS.reminderOffsetsMax, `Choose at most ${RITUAL_LIMITS.reminderOffsetsMax} reminders.`),
  slots: z
    .number()
    .int('Use a whole number.')
    .min(1, 'Offer at least one slot.')
    .max(RITUAL_LIMITS.slotsMax, `Offer at most ${RITUAL_LIMITS.slotsMax} slots.`)
    .optional(),
});
export type RitualInput = z.input<typeof ritualInputSchema>;

/**
 * The version of a ritual the person saw, as the service gave it out: storage's entity tag
 * (`W/"datetime'…'"`). Anything else cannot be a version and is refused before storage sees it.
 */
export const ritualVersionSchema = z
  .string({ required_error: 'The version is missing: reload the ritual and try again.', invalid_type_error: 'The version must be text.' })
  .max(256, 'This is not a version of the ritual: reload it and try again.')
  .regex(/^(W\/)?"[\x21\x23-\x7e]*"$/, 'This is not a version of the ritual: reload it and try again.');

/** `PUT /api/communities/:key/rituals/:id`. */
export const ritualUpdateSchema = ritualInputSchema.extend({ version: ritualVersionSchema });
export type RitualUpdate = z.input<typeof ritualUpdateSchema>;

/** `POST …/rituals/:id/pause`: pauses or resumes reminders. */
export const ritualPauseSchema = z.object({ version: ritualVersionSchema, paused: z.boolean() });

/** `POST …/rituals/:id/occurrences/:occurrenceId/change`: skip or move one occurrence. */
export const occurrenceChangeSchema = z.object({
  version: ritualVersionSchema,
  kind: z.enum(['skipped', 'moved'], { errorMap: () => ({ message: 'Choose to skip or move it.' }) }),
  movedTo: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Give the new date and time.')
    .optional(),
  reason: z
    .string()
    .trim()
    .min(1, 'Tell members why.')
    .max(RITUAL_LIMITS.reasonMaxLength, `Keep the reason to ${RITUAL_LIMITS.reasonMaxLength} characters.`),
});
export type OccurrenceChangeInput = z.input<typeof occurrenceChangeSchema>;

/** `POST …/occurrences/:occurrenceId/items`: a question, problem or sign-up. */
export const ritualItemInputSchema = z.object({
  text: z
    .string()
    .transform(collapseWhitespace)
    .pipe(
      z.string().min(1, 'Write something first.').max(RITUAL_LIMITS.itemMaxLength, `Keep it to ${RITUAL_LIMITS.itemMaxLength} characters.`),
    ),
});

/** `POST …/items/:itemId/vote`. */
export const ritualVoteSchema = z.object({ up: z.boolean() });

/** One occurrence, as UTC instants; the tab shows them in the viewer's own time zone. */
export const occurrenceViewSchema = z.object({
  id: z.string(),
  ritualId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['scheduled', 'moved', 'skipped']),
  reason: z.string().optional(),
  /** It has started and not ended, by the service's clock. */
  happeningNow: z.boolean().optional(),
});
export type OccurrenceView = z.infer<typeof occurrenceViewSchema>;

/** A ritual in the list. */
export const ritualViewSchema = z.object({
  id: z.string(),
  kind: z.enum(RITUAL_KIND_IDS),
  title: z.string(),
  description: z.string(),
  hosts: z.array(personSchema),
  featuredExpert: z.string().optional(),
  meetingUrl: z.string().optional(),
  schedule: ritualScheduleSchema,
  /** The repeat rule in words, e.g. "Every 2nd Tuesday of the month". */
  repeats: z.string(),
  reminderOffsets: z.array(z.number().int()),
  slots: z.number().int().optional(),
  paused: z.boolean(),
  next: occurrenceViewSchema.optional(),
  version: z.string(),
});
export type RitualView = z.infer<typeof ritualViewSchema>;

/** A question, problem or sign-up. */
export const ritualItemViewSchema = z.object({
  id: z.string(),
  occurrenceId: z.string(),
  kind: z.enum(['question', 'problem', 'signup']),
  text: z.string(),
  author: personSchema,
  createdAt: z.string(),
  votes: z.number().int(),
  votedByMe: z.boolean(),
  can: z.object({ delete: z.boolean() }),
});
export type RitualItemView = z.infer<typeof ritualItemViewSchema>;

/** Whether the bot can post the community's reminders. */
export const remindersStatusSchema = z.object({
  state: z.enum(['active', 'waiting', 'disabled']),
  /** Worded for people: why reminders wait or stopped. */
  detail: z.string().optional(),
});
export type RemindersStatus = z.infer<typeof remindersStatusSchema>;

/** `GET /api/communities/:key/rituals`. */
export const ritualsPageSchema = z.object({
  rituals: z.array(ritualViewSchema),
  /** The next occurrences of every ritual, soonest first. */
  upcoming: z.array(occurrenceViewSchema),
  reminders: remindersStatusSchema,
  can: z.object({ manage: z.boolean() }),
});
export type RitualsPage = z.infer<typeof ritualsPageSchema>;

/** `GET …/rituals/:id` and the answer of every change to a ritual. */
export const ritualDetailSchema = ritualViewSchema.extend({
  /** The occurrence under way, if any, then the next ones. */
  upcoming: z.array(occurrenceViewSchema),
  /** Occurrences that are over, newest first; their items stay readable with `?occurrence=`. */
  past: z.array(occurrenceViewSchema).default([]),
  /** The items brought to the next occurrence (or the one named by `?occurrence=`), most votes first. */
  items: z.array(ritualItemViewSchema),
  /** Which occurrence `items` belong to. */
  itemsOccurrenceId: z.string().optional(),
  can: z.object({ manage: z.boolean(), addItem: z.boolean() }),
});
export type RitualDetail = z.infer<typeof ritualDetailSchema>;

/** Paths of the rituals API. */
export const RITUAL_ROUTES = {
  rituals: (key: string) => `/api/communities/${encodeURIComponent(key)}/rituals`,
  ritual: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}`,
  pause: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}/pause`,
  occurrenceChange: (key: string, id: string, occurrenceId: string) =>
    `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}/occurrences/${encodeURIComponent(occurrenceId)}/change`,
  items: (key: string, id: string, occurrenceId: string) =>
    `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}/occurrences/${encodeURIComponent(occurrenceId)}/items`,
  item: (key: string, id: string, occurrenceId: string, itemId: string) =>
    `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}/occurrences/${encodeURIComponent(occurrenceId)}/items/${encodeURIComponent(itemId)}`,
  vote: (key: string, id: string, occurrenceId: string, itemId: string) =>
    `/api/communities/${encodeURIComponent(key)}/rituals/${encodeURIComponent(id)}/occurrences/${encodeURIComponent(occurrenceId)}/items/${encodeURIComponent(itemId)}/vote`,
} as const;
