import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rateViolations, type RateLimits, type RateViolation } from './rateCheck';

/*
 * A stand-in for the Bot Connector (and the bit of Microsoft Graph the delivery check
 * reads), over real HTTP on 127.0.0.1. It records every post with its arrival time,
 * can answer with the failures Teams answers with, can hold a post unanswered (so a
 * test can kill the sender mid-send), and checks the arrivals against Teams' limits.
 */

/** One POST /v3/conversations/:id/activities as it arrived. */
export interface ConnectorRequest {
  ordinal: number;
  conversationId: string;
  tenantId: string;
  /** Epoch milliseconds when the whole request had arrived. */
  at: number;
  activity: Record<string, unknown>;
  /** Job markers found anywhere in the request. */
  markers: string[];
  /** Whether the post counts as made: answered 2xx, held (it arrived), or failed after being taken. */
  delivered: boolean;
  /** The status answered, or 0 while held / never answered. */
  status: number;
  id: string;
}

/** A failure to answer with. */
export interface Fault {
  status: number;
  retryAfter?: string;
  body?: unknown;
  /** Take the post, then answer with the failure anyway (a gateway timing out after Teams posted). */
  deliver?: boolean;
}

/** Which requests get a fault, and how many times. */
export interface FaultRule {
  match?: (request: { conversationId: string; tenantId: string; ordinal: number; conversationOrdinal: number }) => boolean;
  fault: Fault;
  /** How many requests it applies to; once by default. */
  times?: number;
}

/** A request held unanswered. */
export interface HeldRequest {
  request: ConnectorRequest;
  /** Answers it after all (201), if the sender is still listening. */
  release(): void;
}

/** The running fake. */
export interface FakeConnector {
  /** The serviceUrl to post to, and the graphBaseUrl for the delivery check. */
  url: string;
  requests: ConnectorRequest[];
  /** Delivered posts, optionally only those carrying a marker. */
  delivered(marker?: string): ConnectorRequest[];
  inject(rule: FaultRule): void;
  /** Holds the next request that matches, and resolves once it has arrived. */
  hold(match: (request: ConnectorRequest) => boolean): Promise<HeldRequest>;
  /** Graph listing requests served, and with which bearer tokens. */
  graphRequests: { path: string; token: string }[];
  violations(limits?: RateLimits): RateViolation[];
  close(): Promise<void>;
}

const MARKERS = /cpjob-[0-9a-f]{32}/g;
/** A message to a conversation (or a reply to one of its activities), or with no id, a new conversation (a channel thread). */
const POST_PATH = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/[^/]+)?)?\/?$/;
const GRAPH_PATH = /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages(?:\/([^/]+)\/replies)?\/?$/;

/** Starts the fake on a random loopback port. `latencyMs` delays every answer. */
export async function startFakeConnector(options: { latencyMs?: number } = {}): Promise<FakeConnector> {
  const requests: ConnectorRequest[] = [];
  const rules: (FaultRule & { left: number })[] = [];
  const holds: { match: (r: ConnectorRequest) => boolean; resolve: (h: HeldRequest) => void }[] = [];
  const heldSockets = new Set<ServerResponse>();
  const perConversation = new Map<string, number>();
  const graphRequests: { path: string; token: string }[] = [];

  const onPost = (path: string, raw: string, res: ServerResponse) => {
    const parsed = (JSON.parse(raw || '{}') ?? {}) as Record<string, unknown>;
    // A new thread in a channel arrives as a conversation to create, with the channel in channelData.
    const thread =
      path === ''
        ? (parsed as {
            tenantId?: string;
            channelData?: { channel?: { id?: string }; tenant?: { id?: string } };
            activity?: Record<string, unknown>;
          })
        : undefined;
    const activity = thread ? (thread.activity ?? {}) : parsed;
    const conversationId = thread ? String(thread.channelData?.channel?.id ?? '') : path;
    const tenantId = thread
      ? String(thread.tenantId ?? thread.channelData?.tenant?.id ?? '')
      : String((activity.conversation as { tenantId?: unknown } | undefined)?.tenantId ?? '');
    const conversationOrdinal = (perConversation.get(conversationId) ?? 0) + 1;
    perConversation.set(conversationId, conversationOrdinal);
    const request: ConnectorRequest = {
      ordinal: requests.length + 1,
      conversationId,
      tenantId,
      at: Date.now(),
      activity,
      markers: [...new Set(raw.match(MARKERS) ?? [])],
      delivered: false,
      status: 0,
      id: randomUUID(),
    };
    requests.push(request);
    const created = () => (thread ? { id: `${conversationId};messageid=${request.id}`, activityId: request.id } : { id: request.id });
    const hold = holds.find((h) => h.match(request));
    if (hold) {
      holds.splice(holds.indexOf(hold), 1);
      request.delivered = true;
      heldSockets.add(res);
      res.on('close', () => heldSockets.delete(res));
      hold.resolve({ request, release: () => !res.writableEnded && answer(res, request, 201, created()) });
      return;
    }
    const rule = rules.find(
      (r) => r.left > 0 && (!r.match || r.match({ conversationId, tenantId, ordinal: request.ordinal, conversationOrdinal })),
    );
    if (rule) {
      rule.left -= 1;
      request.delivered = rule.fault.deliver === true;
      const headers: Record<string, string> = rule.fault.retryAfter ? { 'retry-after': rule.fault.retryAfter } : {};
      return later(() =>
        answer(res, request, rule.fault.status, rule.fault.body ?? { error: { code: 'Injected', message: 'injected fault' } }, headers),
      );
    }
    request.delivered = true;
    later(() => answer(res, request, 201, created()));
  };

  const later = (f: () => void) => (options.latencyMs ? setTimeout(f, options.latencyMs) : f());

  const onGraph = (req: IncomingMessage, url: URL, match: RegExpExecArray, res: ServerResponse) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return json(res, 401, { error: { code: 'InvalidAuthenticationToken' } });
    graphRequests.push({ path: decodeURIComponent(url.pathname), token });
    const [, , channelId, rootId] = match.map((m) => (m === undefined ? m : decodeURIComponent(m)));
    const conversationId = rootId ? `${channelId};messageid=${rootId}` : channelId;
    const top = Math.min(50, Number(url.searchParams.get('$top') ?? 20));
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const posts = requests.filter((r) => r.delivered && r.conversationId === conversationId).reverse();
    const page = posts.slice(skip, skip + top).map(chatMessageOf);
    const next = skip + top < posts.length ? `${url.origin}${url.pathname}?$top=${top}&$skiptoken=${skip + top}` : undefined;
    json(res, 200, { value: page, ...(next ? { '@odata.nextLink': next } : {}) });
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const post = POST_PATH.exec(url.pathname);
      if (req.method === 'POST' && post)
        return onPost(post[1] ? decodeURIComponent(post[1]) : '', Buffer.concat(chunks).toString('utf8'), res);
      const graph = GRAPH_PATH.exec(url.pathname);
      if (req.method === 'GET' && graph) return onGraph(req, new URL(req.url ?? '/', `http://${req.headers.host}`), graph, res);
      json(res, 404, { error: { code: 'NotFound' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    delivered: (marker) => requests.filter((r) => r.delivered && (!marker || r.markers.includes(marker))),
    inject: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    hold: (match) => new Promise((resolve) => holds.push({ match, resolve })),
    graphRequests,
    violations: (limits) => rateViolations(requests, limits),
    async close() {
      for (const res of heldSockets) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(res: ServerResponse, request: ConnectorRequest, status: number, body: unknown, headers: Record<string, string> = {}): void {
  request.status = status;
  json(res, status, body, headers);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** A delivered post as Graph lists it: a chatMessage whose attachments' content is a JSON string. */
function chatMessageOf(request: ConnectorRequest) {
  const attachments = (request.activity.attachments as { contentType?: string; content?: unknown }[] | undefined) ?? [];
  return {
    id: request.id,
    createdDateTime: new Date(request.at).toISOString(),
    body: { contentType: 'html', content: '<attachment></attachment>' },
    attachments: attachments.map((a, i) => ({
      id: String(i),
      contentType: a.contentType,
      content: typeof a.content === 'string' ? a.content : JSON.stringify(a.content),
    })),
  };
}
