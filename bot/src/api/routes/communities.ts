import { Router } from 'express';
import type { Clock } from '../../domain/shared/clock';
import type { CommunityRepository, TeamDirectory } from '../../domain/communities/communityPorts';
import { addManager, configureCommunity, openCommunity, removeManager } from '../../domain/communities/communities';
import { callerOf } from '../../auth/authenticate';
import { addManagerSchema, configureCommunitySchema, meSchema, resolveCommunityQuerySchema, type Me } from '../contract';
import { communityFromKey } from '../communityKey';
import { communityOf, param, parse } from '../context';
import { presentCommunity } from '../presenters';

/** What the community routes need. */
export interface CommunityRouteDeps {
  communities: CommunityRepository;
  directory: TeamDirectory;
  clock: Clock;
  /** Development only: the channel the tab opens outside Teams. */
  developmentChannel?: Me['developmentChannel'];
}

/**
 * `/api/me` and `/api/communities/resolve`: the routes that come before a community is
 * open, so they are mounted before {@link loadCommunity}.
 */
export function callerRoutes(deps: CommunityRouteDeps): Router {
  const router = Router();

  router.get('/me', (_req, res) => {
    const caller = callerOf(res);
    const me: Me = {
      person: caller.person,
      tenantId: caller.tenantId,
      development: caller.development,
      ...(caller.development && deps.developmentChannel ? { developmentChannel: deps.developmentChannel } : {}),
    };
    res.json(meSchema.parse(me));
  });

  router.get('/communities/resolve', async (req, res) => {
    const query = parse(resolveCommunityQuerySchema, req.query);
    const caller = callerOf(res);
    const opened = await openCommunity(
      { scope: 'channel', tenantId: caller.tenantId, teamId: query.teamId, conversationId: query.channelId },
      caller.person,
      deps,
    );
    res.json(presentCommunity(opened, query.channelName));
  });

  return router;
}

/** The community's own settings and managers. */
export function communityRoutes(deps: CommunityRouteDeps): Router {
  const router = Router();

  router.get('/communities/:key', (_req, res) => {
    res.json(presentCommunity(communityOf(res).community));
  });

  router.put('/communities/:key', async (req, res) => {
    const body = parse(configureCommunitySchema, req.body);
    const { caller, community } = communityOf(res);
    const profile = await configureCommunity(community, caller.person, body, deps.clock.now(), deps);
    res.json(presentCommunity({ ...community, profile }));
  });

  router.post('/communities/:key/managers', async (req, res) => {
    const body = parse(addManagerSchema, req.body);
    const { community } = communityOf(res);
    const profile = await addManager(community, body.person, deps);
    res.json(presentCommunity({ ...community, profile }));
  });

  router.delete('/communities/:key/managers/:personId', async (req, res) => {
    const { community } = communityOf(res);
    const profile = await removeManager(community, param(req, 'personId'), deps);
    res.json(presentCommunity({ ...community, profile }));
  });

  return router;
}

/** Opens the community a route's `:key` names, for the signed-in person, before the route runs. */
export function loadCommunity(deps: Pick<CommunityRouteDeps, 'communities' | 'directory'>): Router {
  const router = Router();
  router.use('/communities/:key', async (req, res, next) => {
    const caller = callerOf(res);
    const ref = communityFromKey(param(req, 'key'), caller.tenantId);
    res.locals.community = await openCommunity(ref, caller.person, deps);
    next();
  });
  return router;
}
