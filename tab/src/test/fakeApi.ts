import type { FetchLike, FetchResponse } from '../api/client';
import type {
  CardDetail,
  CommunityView,
  ContributorPeriod,
  ContributorsView,
  Me,
  Problem,
  RemindersStatus,
  RitualDetail,
} from '../api/contract';
import { listItemOf, makeCommunity, makeContributors, makeMe } from './builders';
import { installRitualRoutes } from './fakeRituals';

/** A request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

/** What a handler answers: a JSON body, or a problem with its status. */
export type FakeAnswer = { status?: number; body?: unknown } | { problem: Problem };

type Handler = (request: RecordedRequest, params: Record<string, string>) => FakeAnswer | Promise<FakeAnswer>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

function compile(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = path.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), keys };
}

function response(status: number, body: unknown, contentType = 'application/json'): FetchResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { status, headers: { get: (name) => (name.toLowerCase() === 'content-type' ? contentType : null) }, text: async () => text };
}

/**
 * A small stand-in for the service: routes answered from an in-memory community, every
 * request recorded. Tests override a route with {@link FakeApi.on} (the latest wins).
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];

  /** Answers `method path` (with `:params`) with `handler`, in front of earlier routes. */
  on(method: string, path: string, handler: Handler): this {
    this.routes.unshift({ method, ...compile(path), handler });
    return this;
  }

  /** Requests to paths starting with `prefix`, optionally of one method. */
  requestsTo(prefix: string, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix) && (!method || r.method === method));
  }

  /** The `fetch` to give the API client. */
  readonly fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url, 'http://tab.test');
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const request: RecordedRequest = {
      method: init.method ?? 'GET',
      path: decodeURIComponent(parsed.pathname),
      query: parsed.searchParams,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers,
    };
    this.requests.push(request);
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(parsed.pathname);
      if (!match) continue;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(match[i + 1] ?? '')]));
      const answer = await route.handler(request, params);
      if ('problem' in answer) return response(answer.problem.status, answer.problem, 'application/problem+json');
      return response(answer.status ?? 200, answer.body);
    }
    const problem: Problem = { title: 'Not found', status: 404, detail: `No fake route for ${request.method} ${request.path}` };
    return response(404, problem, 'application/problem+json');
  };
}

/** The state behind {@link communityApi}, which tests may change between steps. */
export interface FakeCommunityState {
  me: Me;
  community: CommunityView;
  /** Newest first, as the service lists them. */
  cards: CardDetail[];
  tags: string[];
  contributors: (period: ContributorPeriod) => ContributorsView;
  pageSize: number;
  /** The community's rituals, each holding the items of all its occurrences. */
  rituals: RitualDetail[];
  reminders: RemindersStatus;
}

/** What the service searches: the card and its saved conversation. */
function searchedText(card: CardDetail): string {
  return `${card.title} ${card.summary} ${card.tags.join(' ')} ${card.excerpt}`;
}

/** The service reports the words that matched as the card writes them. */
function matchedWords(card: CardDetail, q: string | null): string[] {
  if (!q) return [];
  const text = searchedText(card);
  const at = text.toLowerCase().indexOf(q.toLowerCase());
  return at >= 0 ? [text.slice(at, at + q.length)] : [];
}

function matches(card: CardDetail, query: URLSearchParams): boolean {
  const status = query.get('status') ?? 'active';
  if (status === 'archived' && !card.archived) return false;
  if (status !== 'archived' && card.archived) return false;
  if (status === 'needs-review' && !card.needsReview) return false;
  const q = query.get('q')?.toLowerCase();
  if (q && !searchedText(card).toLowerCase().includes(q)) return false;
  const tag = query.get('tag');
  if (tag && !card.tags.includes(tag)) return false;
  const kind = query.get('kind');
  if (kind && card.kind !== kind) return false;
  return true;
}

/** A fake service for one community, answering every route the tab uses. */
export function communityApi(initial: Partial<FakeCommunityState> = {}): { api: FakeApi; state: FakeCommunityState } {
  const state: FakeCommunityState = {
    me: makeMe(),
    community: makeCommunity(),
    cards: [],
    tags: ['certificates', 'staging', 'queues'],
    contributors: (period) => makeContributors({ period }),
    pageSize: 50,
    rituals: [],
    reminders: { state: 'active' },
    ...initial,
  };
  const api = new FakeApi();
  const fakeCursors = new Map<string, { listing: string; skip: number }>();
  const find = (id: string) => state.cards.find((c) => c.id === id);
  const notFound: FakeAnswer = { problem: { title: 'Not found', status: 404, detail: 'That card does not exist.' } };
  const conflict: FakeAnswer = { problem: { title: 'Conflict', status: 409, detail: 'The card changed meanwhile.' } };
  let versions = 1;
  const bump = (card: CardDetail, changes: Partial<CardDetail>): CardDetail => {
    const next = { ...card, ...changes, version: `v${++versions}` };
    state.cards = state.cards.map((c) => (c.id === card.id ? next : c));
    return next;
  };
  const curation = (action: 'archive' | 'restore' | 'verify', changes: () => Partial<CardDetail>) =>
    api.on('POST', `/api/communities/:key/cards/:id/${action}`, (req, p) => {
      const card = find(p.id ?? '');
      if (!card) return notFound;
      if ((req.body as { version?: string }).version !== card.version) return conflict;
      return { body: bump(card, changes()) };
    });

  // Later routes are tried first, so `resolve` comes after the `:key` it would also match.
  api
    .on('GET', '/api/communities/:key', () => ({ body: state.community }))
    .on('GET', '/api/communities/resolve', () => ({ body: state.community }))
    .on('GET', '/api/me', () => ({ body: state.me }))
    .on('PUT', '/api/communities/:key', (req) => {
      state.community = { ...state.community, name: (req.body as { name: string }).name, configured: true };
      return { body: state.community };
    })
    .on('POST', '/api/communities/:key/managers', (req) => {
      const person = (req.body as { person: { id: string; name: string } }).person;
      state.community = { ...state.community, managers: [...state.community.managers, person] };
      return { body: state.community };
    })
    .on('DELETE', '/api/communities/:key/managers/:personId', (_req, p) => {
      state.community = { ...state.community, managers: state.community.managers.filter((m) => m.id !== p.personId) };
      return { body: state.community };
    })
    .on('GET', '/api/communities/:key/cards', (req) => {
      const all = state.cards.filter((c) => matches(c, req.query));
      // Opaque, like the service's: where the last page ended, for this listing only.
      const listing = ['q', 'tag', 'kind', 'status'].map((name) => req.query.get(name) ?? '').join('\n');
      const cursor = req.query.get('cursor');
      let skip = 0;
      if (cursor !== null) {
        const position = fakeCursors.get(cursor);
        if (!position || position.listing !== listing) {
          return {
            problem: {
              title: 'Check the highlighted fields',
              status: 400,
              errors: [{ field: 'cursor', message: 'This list’s page position is not valid.' }],
            },
          };
        }
        skip = position.skip;
      }
      const page = all.slice(skip, skip + state.pageSize);
      const more = skip + page.length < all.length;
      const nextCursor = `fake-${fakeCursors.size + 1}-${Math.random().toString(36).slice(2)}`;
      if (more) fakeCursors.set(nextCursor, { listing, skip: skip + page.length });
      const cards = page.map((c) => {
        const matched = matchedWords(c, req.query.get('q'));
        return { ...listItemOf(c), ...(matched.length ? { matched } : {}) };
      });
      return { body: { cards, ...(more ? { nextCursor } : {}) } };
    })
    .on('GET', '/api/communities/:key/tags', () => ({ body: { tags: state.tags } }))
    .on('GET', '/api/communities/:key/cards/:id', (_req, p) => {
      const card = find(p.id ?? '');
      return card ? { body: card } : notFound;
    })
    .on('PATCH', '/api/communities/:key/cards/:id', (req, p) => {
      const card = find(p.id ?? '');
      if (!card) return notFound;
      const { version, ...edits } = req.body as { version: string } & Partial<CardDetail>;
      if (version !== card.version) return conflict;
      return { body: bump(card, edits) };
    })
    .on('PUT', '/api/communities/:key/cards/:id/owner', (req, p) => {
      const card = find(p.id ?? '');
      if (!card) return notFound;
      const { version, owner } = req.body as { version: string; owner: { id: string; name: string } };
      if (version !== card.version) return conflict;
      const change = { at: new Date().toISOString(), by: state.me.person, action: 'reassigned' as const, owner };
      return { body: bump(card, { owner, history: [change, ...card.history] }) };
    })
    .on('GET', '/api/communities/:key/contributors', (req) => ({
      body: state.contributors((req.query.get('period') ?? 'month') as ContributorPeriod),
    }));
  curation('archive', () => ({ archived: true }));
  curation('restore', () => ({ archived: false }));
  curation('verify', () => ({ needsReview: false, verifiedBy: state.me.person }));
  installRitualRoutes(api, state);
  return { api, state };
}
