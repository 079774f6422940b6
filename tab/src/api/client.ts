import { z } from 'zod';
import {
  API_ROUTES,
  RITUAL_ROUTES,
  ritualDetailSchema,
  ritualItemViewSchema,
  ritualsPageSchema,
  cardDetailSchema,
  cardPageSchema,
  communityViewSchema,
  contributorsSchema,
  meSchema,
  tagsSchema,
  type AddManager,
  type CardDetail,
  type CardPageView,
  type CommunityView,
  type ConfigureCommunity,
  type ContributorPeriod,
  type ContributorsView,
  type EditCard,
  type PersonView,
  type ReassignOwner,
  type ListCardsQuery,
  type Me,
  type OccurrenceChangeInput,
  type ResolveCommunityQuery,
  type RitualDetail,
  type RitualInput,
  type RitualItemView,
  type RitualsPage,
  type RitualUpdate,
} from './contract';
import { ApiError } from './errors';

/** The part of a fetch Response the client reads; lets tests answer without a real Response. */
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** `fetch`, or anything answering like it. */
export type FetchLike = (url: string, init: RequestInit) => Promise<FetchResponse>;

/** How the client reaches the service. */
export interface ApiClientOptions {
  /** A Teams SSO token, or undefined to call without one (local development). */
  getToken: () => Promise<string | undefined>;
  fetch?: FetchLike;
  /** Prefix of every route; empty means the page's own origin. */
  baseUrl?: string;
}

/**
 * Every call the tab makes. Answers are parsed with the contract's schemas. Changes
 * answer the changed resource when the service sends it, else undefined (the caller
 * then reads it again), so the tab does not depend on what a 2xx body holds.
 */
export interface ApiClient {
  me(): Promise<Me>;
  resolveCommunity(query: ResolveCommunityQuery): Promise<CommunityView>;
  configureCommunity(key: string, body: ConfigureCommunity): Promise<CommunityView | undefined>;
  addManager(key: string, body: AddManager): Promise<CommunityView | undefined>;
  removeManager(key: string, personId: string): Promise<CommunityView | undefined>;
  listCards(key: string, query: ListCardsQuery): Promise<CardPageView>;
  getCard(key: string, id: string): Promise<CardDetail>;
  editCard(key: string, id: string, body: EditCard): Promise<CardDetail | undefined>;
  archiveCard(key: string, id: string, version: string): Promise<CardDetail | undefined>;
  restoreCard(key: string, id: string, version: string): Promise<CardDetail | undefined>;
  verifyCard(key: string, id: string, version: string): Promise<CardDetail | undefined>;
  /** A manager makes someone else the card's owner. */
  reassignOwner(key: string, id: string, version: string, owner: PersonView): Promise<CardDetail | undefined>;
  tags(key: string): Promise<string[]>;
  contributors(key: string, period: ContributorPeriod): Promise<ContributorsView>;
  listRituals(key: string): Promise<RitualsPage>;
  /** A ritual with the items of its next occurrence, or of `occurrenceId` when given. */
  getRitual(key: string, id: string, occurrenceId?: string): Promise<RitualDetail>;
  createRitual(key: string, body: RitualInput): Promise<RitualDetail | undefined>;
  updateRitual(key: string, id: string, body: RitualUpdate): Promise<RitualDetail | undefined>;
  deleteRitual(key: string, id: string, version: string): Promise<void>;
  pauseRitual(key: string, id: string, version: string, paused: boolean): Promise<RitualDetail | undefined>;
  /** Skips or moves one occurrence. */
  changeOccurrence(key: string, id: string, occurrenceId: string, body: OccurrenceChangeInput): Promise<RitualDetail | undefined>;
  /** Puts a skipped or moved occurrence back as the rule has it. */
  undoOccurrenceChange(key: string, id: string, occurrenceId: string, version: string): Promise<RitualDetail | undefined>;
  ritualItems(key: string, id: string, occurrenceId: string): Promise<RitualItemView[]>;
  addRitualItem(key: string, id: string, occurrenceId: string, text: string): Promise<RitualItemView | undefined>;
  deleteRitualItem(key: string, id: string, occurrenceId: string, itemId: string): Promise<void>;
  voteRitualItem(key: string, id: string, occurrenceId: string, itemId: string, up: boolean): Promise<RitualItemView | undefined>;
}

const ritualItemsSchema = z.object({ items: z.array(ritualItemViewSchema) });

type Query = Record<string, string | number | undefined>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Creates the client; one per signed-in tab. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const baseUrl = options.baseUrl ?? '';

  async function send(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let token: string | undefined;
    try {
      token = await options.getToken();
    } catch (error) {
      throw ApiError.signIn(error instanceof Error ? error.message : String(error));
    }
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: FetchResponse;
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw ApiError.network();
    }
    const text = await response.text().catch(() => '');
    if (response.status < 200 || response.status >= 300) throw ApiError.fromResponse(response.status, text);
    return { status: response.status, text };
  }

  async function read<S extends z.ZodTypeAny>(schema: S, path: string): Promise<z.output<S>> {
    const { status, text } = await send('GET', path);
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // falls through to the contract error
    }
    throw ApiError.unexpected(status);
  }

  async function change<S extends z.ZodTypeAny>(schema: S, method: string, path: string, body?: unknown): Promise<z.output<S> | undefined> {
    const { text } = await send(method, path, body);
    if (!text) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  const cardsPath = (key: string, q: ListCardsQuery) =>
    withQuery(API_ROUTES.cards(key), { q: q.q?.trim(), tag: q.tag, kind: q.kind, status: q.status, cursor: q.cursor, take: q.take });

  return {
    me: () => read(meSchema, API_ROUTES.me),
    resolveCommunity: (q) =>
      read(
        communityViewSchema,
        withQuery(API_ROUTES.resolveCommunity, { teamId: q.teamId, channelId: q.channelId, channelName: q.channelName }),
      ),
    configureCommunity: (key, body) => change(communityViewSchema, 'PUT', API_ROUTES.community(key), body),
    addManager: (key, body) => change(communityViewSchema, 'POST', API_ROUTES.managers(key), body),
    removeManager: (key, personId) => change(communityViewSchema, 'DELETE', API_ROUTES.manager(key, personId)),
    listCards: (key, q) => read(cardPageSchema, cardsPath(key, q)),
    getCard: (key, id) => read(cardDetailSchema, API_ROUTES.card(key, id)),
    editCard: (key, id, body) => change(cardDetailSchema, 'PATCH', API_ROUTES.card(key, id), body),
    archiveCard: (key, id, version) => change(cardDetailSchema, 'POST', API_ROUTES.archive(key, id), { version }),
    restoreCard: (key, id, version) => change(cardDetailSchema, 'POST', API_ROUTES.restore(key, id), { version }),
    verifyCard: (key, id, version) => change(cardDetailSchema, 'POST', API_ROUTES.verify(key, id), { version }),
    reassignOwner: (key, id, version, owner) =>
      change(cardDetailSchema, 'PUT', API_ROUTES.owner(key, id), { version, owner } satisfies ReassignOwner),
    tags: async (key) => (await read(tagsSchema, API_ROUTES.tags(key))).tags,
    contributors: (key, period) => read(contributorsSchema, withQuery(API_ROUTES.contributors(key), { period })),
    listRituals: (key) => read(ritualsPageSchema, RITUAL_ROUTES.rituals(key)),
    getRitual: (key, id, occurrenceId) => read(ritualDetailSchema, withQuery(RITUAL_ROUTES.ritual(key, id), { occurrence: occurrenceId })),
    createRitual: (key, body) => change(ritualDetailSchema, 'POST', RITUAL_ROUTES.rituals(key), body),
    updateRitual: (key, id, body) => change(ritualDetailSchema, 'PUT', RITUAL_ROUTES.ritual(key, id), body),
    deleteRitual: async (key, id, version) => {
      await send('DELETE', withQuery(RITUAL_ROUTES.ritual(key, id), { version }));
    },
    pauseRitual: (key, id, version, paused) => change(ritualDetailSchema, 'POST', RITUAL_ROUTES.pause(key, id), { version, paused }),
    changeOccurrence: (key, id, occurrenceId, body) =>
      change(ritualDetailSchema, 'POST', RITUAL_ROUTES.occurrenceChange(key, id, occurrenceId), body),
    undoOccurrenceChange: (key, id, occurrenceId, version) =>
      change(ritualDetailSchema, 'DELETE', withQuery(RITUAL_ROUTES.occurrenceChange(key, id, occurrenceId), { version })),
    ritualItems: async (key, id, occurrenceId) => (await read(ritualItemsSchema, RITUAL_ROUTES.items(key, id, occurrenceId))).items,
    addRitualItem: (key, id, occurrenceId, text) =>
      change(ritualItemViewSchema, 'POST', RITUAL_ROUTES.items(key, id, occurrenceId), { text }),
    deleteRitualItem: async (key, id, occurrenceId, itemId) => {
      await send('DELETE', RITUAL_ROUTES.item(key, id, occurrenceId, itemId));
    },
    voteRitualItem: (key, id, occurrenceId, itemId, up) =>
      change(ritualItemViewSchema, 'POST', RITUAL_ROUTES.vote(key, id, occurrenceId, itemId), { up }),
  };
}
