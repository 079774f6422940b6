/**
 * The HTTP API's contract, shared by the service (which validates every request with
 * these schemas) and the tab (which builds its forms and requests from them).
 * Kept free of Node imports: the tab bundles this module.
 *
 * Every route lives under `/api`, needs `Authorization: Bearer <Teams SSO token>`
 * (or, in local development only, nothing: the development identity) and answers
 * JSON; failures are `application/problem+json` ({@link Problem}).
 *
 * A community is addressed by an opaque `communityKey` the service hands out from
 * {@link API_ROUTES.resolveCommunity}. The caller's tenant always comes from their
 * token, never from the key, so a key cannot reach another tenant's community.
 */
import { z } from 'zod';
import { CARD_KINDS } from '../domain/cards/kinds';
import { CARD_LIMITS, SEARCH_LIMITS } from '../domain/cards/limits';
import { isWellFormedId } from '../domain/shared/ids';
import { collapseWhitespace } from '../domain/shared/text';

/** Limits of the tab's own inputs, beside the card limits shared with the bot. */
export const COMMUNITY_LIMITS = {
  nameMaxLength: 80,
  managersMax: 50,
  reviewIntervalDaysMin: 7,
  reviewIntervalDaysMax: 730,
  reviewIntervalDaysDefault: 90,
  historyShown: 50,
  contributorsShown: 50,
  recentContributionsShown: 5,
} as const;

export { CARD_LIMITS, SEARCH_LIMITS, CARD_KINDS };

const kindIds = CARD_KINDS.map((k) => k.id) as [string, ...string[]];

/** Someone, as the API shows them. */
export const personSchema = z.object({ id: z.string(), name: z.string() });
export type PersonView = z.infer<typeof personSchema>;

/** `GET /api/me`: who the caller is. */
export const meSchema = z.object({
  person: personSchema,
  tenantId: z.string(),
  /** True when the service accepted the local development identity (no Entra app configured, loopback only). */
  development: z.boolean(),
  /**
   * Development only: the channel the tab opens outside Teams (the Agents Playground's
   * team and channel), since there is no Teams context to read it from.
   */
  developmentChannel: z.object({ teamId: z.string(), channelId: z.string(), channelName: z.string() }).optional(),
});
export type Me = z.infer<typeof meSchema>;

/** What the caller may do in a community. */
export const communityRoleSchema = z.enum(['manager', 'member']);
export type CommunityRole = z.infer<typeof communityRoleSchema>;

/** `GET /api/communities/resolve` and the community routes: a community as the tab sees it. */
export const communityViewSchema = z.object({
  key: z.string(),
  /** The community's name; the channel's name until someone names it. */
  name: z.string(),
  /** Whether someone has named it on the tab's configuration page. */
  configured: z.boolean(),
  role: communityRoleSchema,
  /** People added as managers by team owners (team owners are managers without being listed). */
  managers: z.array(personSchema),
  /** The review interval new cards start with; each card's owner can change its own. */
  reviewIntervalDays: z.number().int(),
});
export type CommunityView = z.infer<typeof communityViewSchema>;

/** Query of `GET /api/communities/resolve`: the channel, from the tab's Teams context. */
export const resolveCommunityQuerySchema = z.object({
  teamId: z
    .string({ required_error: 'The team id is missing.' })
    .max(256)
    .refine((id) => isWellFormedId(id), 'This is not a Teams team id.'),
  channelId: z
    .string({ required_error: 'The channel id is missing.' })
    .max(256)
    .refine((id) => isWellFormedId(id), 'This is not a Teams channel id.'),
  /** Used as the community's name until someone names it. */
  channelName: z.string().max(256).optional(),
});
export type ResolveCommunityQuery = z.infer<typeof resolveCommunityQuerySchema>;

const communityName = z
  .string()
  .transform(collapseWhitespace)
  .pipe(
    z
      .string()
      .min(1, 'Give the community a name.')
      .max(COMMUNITY_LIMITS.nameMaxLength, `Keep the name to ${COMMUNITY_LIMITS.nameMaxLength} characters.`),
  );

/** `PUT /api/communities/:key`: the configuration page names the community. */
export const configureCommunitySchema = z.object({ name: communityName });
export type ConfigureCommunity = z.infer<typeof configureCommunitySchema>;

/** `POST /api/communities/:key/managers`: a manager adds another. */
export const addManagerSchema = z.object({
  person: z.object({
    id: z
      .string()
      .trim()
      .min(1, 'Choose a person.')
      .max(128)
      .refine((id) => isWellFormedId(id, { keySafe: true }), 'Choose a person from the list.'),
    name: z.string().trim().min(1, 'Give the person’s name.').max(256),
  }),
});
export type AddManager = z.infer<typeof addManagerSchema>;

/** Which cards a listing shows. */
export const cardStatusSchema = z.enum(['active', 'needs-review', 'archived']);
export type CardStatus = z.infer<typeof cardStatusSchema>;

/** Query of `GET /api/communities/:key/cards`. */
export const listCardsQuerySchema = z.object({
  q: z.string().max(SEARCH_LIMITS.queryMaxLength, `Keep the search to ${SEARCH_LIMITS.queryMaxLength} characters.`).optional(),
  tag: z.string().max(CARD_LIMITS.tagMaxLength).optional(),
  kind: z.enum(kindIds).optional(),
  status: cardStatusSchema.default('active'),
  /** Opaque; from the previous page's `nextCursor`, with the same q, tag, kind and status. */
  cursor: z
    .string()
    .max(4096, 'This list’s page position is not valid. Reload the list and try again.')
    .regex(/^[A-Za-z0-9_-]+$/, 'This list’s page position is not valid. Reload the list and try again.')
    .optional(),
  take: z.coerce.number().int().min(1).max(50).default(50),
});
export type ListCardsQuery = z.input<typeof listCardsQuerySchema>;

/** A card in a list. */
export const cardListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  excerpt: z.string(),
  kind: z.enum(kindIds),
  tags: z.array(z.string()),
  authorNames: z.array(z.string()),
  harvesterName: z.string(),
  createdAt: z.string(),
  sourceLink: z.string().optional(),
  archived: z.boolean(),
  /** ISO 8601: when the card is due for review. */
  reviewDueAt: z.string(),
  needsReview: z.boolean(),
  /** In a search's results: the card's words that matched, as written there, for highlighting. */
  matched: z.array(z.string()).optional(),
});
export type CardListItem = z.infer<typeof cardListItemSchema>;

/** `GET /api/communities/:key/cards`. */
export const cardPageSchema = z.object({
  cards: z.array(cardListItemSchema),
  nextCursor: z.string().optional(),
});
export type CardPageView = z.infer<typeof cardPageSchema>;

/** One recorded change to a card. */
export const cardChangeSchema = z.object({
  at: z.string(),
  by: personSchema,
  action: z.enum(['created', 'edited', 'archived', 'restored', 'verified', 'reassigned']),
  /** Fields an edit changed, e.g. ["title", "tags"]. */
  fields: z.array(z.string()).optional(),
  /** The new owner of a reassignment. */
  owner: personSchema.optional(),
});
export type CardChange = z.infer<typeof cardChangeSchema>;

/** A harvested message inside a card. `html` is sanitized by the service; the tab sanitizes it again. */
export const cardMessageSchema = z.object({
  messageId: z.string(),
  author: personSchema,
  sentAt: z.string(),
  html: z.string(),
});

/** `GET /api/communities/:key/cards/:id`: the whole card. */
export const cardDetailSchema = cardListItemSchema.extend({
  messages: z.array(cardMessageSchema),
  authors: z.array(personSchema),
  harvester: personSchema,
  owner: personSchema,
  updatedAt: z.string(),
  updatedBy: personSchema,
  reviewIntervalDays: z.number().int(),
  verifiedAt: z.string(),
  verifiedBy: personSchema,
  history: z.array(cardChangeSchema),
  /** Send back with every change: a change to a card someone else changed meanwhile is refused (409). */
  version: z.string(),
  /** What the caller may do with this card. */
  can: z.object({ curate: z.boolean(), verify: z.boolean(), reassign: z.boolean() }),
});
export type CardDetail = z.infer<typeof cardDetailSchema>;

const title = z
  .string()
  .transform(collapseWhitespace)
  .pipe(
    z
      .string()
      .min(1, 'Give the card a title.')
      .max(CARD_LIMITS.titleMaxLength, `Keep the title to ${CARD_LIMITS.titleMaxLength} characters.`),
  );

/** `PATCH /api/communities/:key/cards/:id`: curation of a card's fields. Omitted fields are left as they are. */
export const editCardSchema = z.object({
  version: z.string().min(1),
  title: title.optional(),
  summary: z
    .string()
    .trim()
    .max(CARD_LIMITS.summaryMaxLength, `Keep the summary to ${CARD_LIMITS.summaryMaxLength} characters.`)
    .optional(),
  kind: z.enum(kindIds, { errorMap: () => ({ message: 'Choose what kind of knowledge this is.' }) }).optional(),
  /** Normalized and checked by the domain's tag rules. */
  tags: z
    .array(z.string().max(CARD_LIMITS.tagMaxLength, `Keep each tag to ${CARD_LIMITS.tagMaxLength} characters.`))
    .max(CARD_LIMITS.tagsMax, `A card can have at most ${CARD_LIMITS.tagsMax} tags.`)
    .optional(),
  ownerId: z.never({ errorMap: () => ({ message: 'A manager changes a card’s owner with “Change owner”.' }) }).optional(),
  reviewIntervalDays: z
    .number()
    .int('Use a whole number of days.')
    .min(COMMUNITY_LIMITS.reviewIntervalDaysMin, `Review at most every ${COMMUNITY_LIMITS.reviewIntervalDaysMin} days.`)
    .max(COMMUNITY_LIMITS.reviewIntervalDaysMax, `Review at least every ${COMMUNITY_LIMITS.reviewIntervalDaysMax} days.`)
    .optional(),
});
export type EditCard = z.input<typeof editCardSchema>;

/** Body of archive, restore and verify: the version the person saw. */
export const cardVersionSchema = z.object({ version: z.string().min(1) });

/**
 * A person's id as a client sends it: an Entra object id (or the id the local
 * Playground gives its people). Checked here, so nothing else has to wonder.
 */
export const personIdSchema = z
  .string()
  .trim()
  .min(1, 'Choose a person.')
  .max(128, 'This is not a person’s id.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'This is not a person’s id.');

/** `PUT /api/communities/:key/cards/:id/owner`: a manager makes someone else the card's owner. */
export const reassignOwnerSchema = z.object({
  version: z.string().min(1),
  owner: z.object({
    id: personIdSchema,
    name: z.string().trim().min(1, 'Give the person’s name.').max(256, 'Keep the name to 256 characters.'),
  }),
});
export type ReassignOwner = z.input<typeof reassignOwnerSchema>;

/** Periods of the contributors view. */
export const contributorPeriodSchema = z.enum(['month', 'quarter', 'all']);
export type ContributorPeriod = z.infer<typeof contributorPeriodSchema>;

/** One contribution in a person's recent list. */
export const contributionViewSchema = z.object({
  cardId: z.string(),
  title: z.string(),
  role: z.enum(['harvester', 'author', 'curator']),
  at: z.string(),
});

/** `GET /api/communities/:key/contributors?period=`: people who contributed, most first. */
export const contributorsSchema = z.object({
  period: contributorPeriodSchema,
  /** ISO 8601 start of the period; absent for all time. */
  from: z.string().optional(),
  totals: z.object({ cards: z.number().int(), people: z.number().int() }),
  people: z.array(
    z.object({
      person: personSchema,
      harvested: z.number().int(),
      authored: z.number().int(),
      curated: z.number().int(),
      recent: z.array(contributionViewSchema),
    }),
  ),
});
export type ContributorsView = z.infer<typeof contributorsSchema>;

/** `GET /api/communities/:key/tags`: tags in use, most recent first. */
export const tagsSchema = z.object({ tags: z.array(z.string()) });

/** An `application/problem+json` body. `errors` lists field problems of a 400, worded for people. */
export const problemSchema = z.object({
  type: z.string().optional(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Paths of the API, relative to the origin. */
export const API_ROUTES = {
  me: '/api/me',
  resolveCommunity: '/api/communities/resolve',
  community: (key: string) => `/api/communities/${encodeURIComponent(key)}`,
  managers: (key: string) => `/api/communities/${encodeURIComponent(key)}/managers`,
  manager: (key: string, personId: string) => `/api/communities/${encodeURIComponent(key)}/managers/${encodeURIComponent(personId)}`,
  cards: (key: string) => `/api/communities/${encodeURIComponent(key)}/cards`,
  card: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/cards/${encodeURIComponent(id)}`,
  archive: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/cards/${encodeURIComponent(id)}/archive`,
  restore: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/cards/${encodeURIComponent(id)}/restore`,
  verify: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/cards/${encodeURIComponent(id)}/verify`,
  owner: (key: string, id: string) => `/api/communities/${encodeURIComponent(key)}/cards/${encodeURIComponent(id)}/owner`,
  tags: (key: string) => `/api/communities/${encodeURIComponent(key)}/tags`,
  contributors: (key: string) => `/api/communities/${encodeURIComponent(key)}/contributors`,
} as const;

export * from './ritualContract';
