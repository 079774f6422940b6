import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '../logging';
import { cardRoutes, type CardRouteDeps } from './routes/cards';
import { callerRoutes, communityRoutes, loadCommunity, type CommunityRouteDeps } from './routes/communities';
import { contributorRoutes } from './routes/contributors';
import { ritualRoutes, type RitualRouteDeps } from './routes/rituals';
import { problemFor, sendProblem, unreadableRequestProblem } from './problems';
import { refuseRepeatedQueryParameters } from './context';
import { rateLimitPerPerson } from './rateLimit';
import type { ContributionRepository } from '../domain/contributors/contributorPorts';

/** Everything the API needs. */
export interface ApiDeps extends CardRouteDeps, CommunityRouteDeps, RitualRouteDeps {
  contributions: ContributionRepository;
  /** Signs the caller in, or answers 401 (see auth/authenticate). */
  authenticate: express.RequestHandler;
  log: Logger;
  /** Requests one person may make per minute on this instance. */
  rateLimitPerMinute: number;
}

/** The API's requests are small: a card's fields at most. */
const BODY_LIMIT = '64kb';

/**
 * The tab's API under `/api`: sign in, open the community, then one route per use
 * case. Every failure is mapped to problem+json here and nowhere else.
 */
export function createApiRouter(deps: ApiDeps): Router {
  const api = Router();
  api.use((_req, res, next) => {
    // Answers are per person and change as people curate: never cache them.
    res.set('cache-control', 'no-store');
    next();
  });
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(deps.authenticate);
  api.use(rateLimitPerPerson({ perMinute: deps.rateLimitPerMinute }));
  api.use(refuseRepeatedQueryParameters);
  api.use(callerRoutes(deps));
  api.use(loadCommunity(deps));
  api.use(communityRoutes(deps));
  api.use(cardRoutes(deps));
  api.use(contributorRoutes(deps));
  api.use(ritualRoutes(deps));
  api.use((_req, res) => sendProblem(res, { title: 'Not found', status: 404, detail: 'There is no API route at this address.' }));
  api.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    sendProblem(
      res,
      unreadableRequestProblem(error) ?? problemFor(error, deps.log, { method: req.method, route: req.route?.path ?? req.path }),
    );
  });
  return api;
}
