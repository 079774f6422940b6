import type { Server } from 'node:http';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { sendProblem, unreadableRequestProblem } from '../api/problems';
import type { Logger } from '../logging';
import { botEndpoint, type BotAdapter } from './botEndpoint';
import { parseQueryString } from './queryString';
import { requestLog } from './requestLog';
import { securityHeaders } from './securityHeaders';

/** What the HTTP edge serves. */
export interface HttpDeps {
  adapter: BotAdapter;
  app: Application<TurnState>;
  /** True once storage is ready and answering. */
  healthy: () => Promise<boolean>;
  log: Logger;
  /** The tab's API, mounted under `/api`. */
  api?: Router;
  /** The built tab, served from the same origin so the API needs no CORS. */
  tabDir?: string;
  /** Behind App Service's HTTPS front end: adds Strict-Transport-Security. */
  production?: boolean;
}

/** Bot Framework activities are small; a harvested message is capped well below this. */
const BODY_LIMIT = '4mb';

/** The service's HTTP routes: the bot endpoint and the health probe. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const http = express();
  http.disable('x-powered-by');
  http.set('query parser', parseQueryString);
  // Behind App Service's front end, req.protocol and req.ip come from its X-Forwarded-* headers.
  if (deps.production) http.set('trust proxy', 1);
  http.use(requestLog(deps.log));
  http.use(securityHeaders({ strictTransportSecurity: deps.production === true, isTabRequest: (p) => !!deps.tabDir && isTabPath(p) }));

  http.get('/healthz', async (_req, res) => {
    const ok = await deps.healthy();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'storage unreachable' });
  });

  http.post('/api/messages', express.json({ limit: BODY_LIMIT }), botEndpoint(deps));

  if (deps.api) http.use('/api', deps.api);
  if (deps.tabDir) serveTab(http, deps.tabDir);

  http.use((_req, res) => sendProblem(res, { status: 404, title: 'Not found', detail: 'There is nothing at this address.' }));

  http.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const unreadable = unreadableRequestProblem(error);
    if (unreadable) {
      if (!res.headersSent) sendProblem(res, unreadable);
      return;
    }
    deps.log.error('http.failed', {}, error);
    if (!res.headersSent) sendProblem(res, { status: 500, title: 'Internal error', detail: 'Something went wrong on our side.' });
  });
  return http;
}

/** The tab's pages and assets; everything under /api and the probe is data. */
function isTabPath(path: string): boolean {
  return !path.startsWith('/api/') && path !== '/api' && path !== '/healthz';
}

/**
 * Serves the built tab. Its pages are one HTML file (the app routes itself), hashed
 * assets are cached for a year, and the HTML is never cached so a deploy shows at once.
 */
function serveTab(http: express.Express, tabDir: string): void {
  const index = path.join(tabDir, 'index.html');
  if (!existsSync(index)) throw new Error(`The tab is not built: ${index} is missing (run npm run build)`);
  http.use('/assets', express.static(path.join(tabDir, 'assets'), { immutable: true, maxAge: '365d', index: false }));
  http.use(express.static(tabDir, { index: false, maxAge: 0 }));
  http.get('/', (_req, res) => {
    res.set('cache-control', 'no-cache');
    // Relative to a root: a dot folder above the tab (.deploy, a temp dir) must not hide it.
    res.sendFile('index.html', { root: tabDir });
  });
  // The manifest's privacy and terms links: plain pages shipped with the tab.
  for (const page of ['privacy', 'terms']) {
    if (existsSync(path.join(tabDir, `${page}.html`))) {
      http.get(`/${page}`, (_req, res) => res.set('cache-control', 'no-cache').sendFile(`${page}.html`, { root: tabDir }));
    }
  }
}

/** Listens and resolves once bound; rejects with the listen error (e.g. EADDRINUSE). */
export function listen(http: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = http.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
